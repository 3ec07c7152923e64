// The embedded engine's own process (started by ports/espeak-speech.ts): eSpeak NG compiled to
// WebAssembly (@echogarden/espeak-ng-emscripten, GPL-3.0, kept in this separate process) reads
// a sentence, LAME (@breezystack/lamejs) encodes it as MP3. A sentence takes ~0.3-1 s of CPU,
// which would stall every other request if done in the server's own thread.
// Its data reads Chinese characters in Mandarin (cmn) and Cantonese (yue); its Hakka (hak)
// reads only romanised Hakka (each character comes out as "Chinese letter"), so it is not offered.
import initEspeak from '@echogarden/espeak-ng-emscripten'
import { Mp3Encoder } from '@breezystack/lamejs'

const RATE = 140 // words a minute; eSpeak's 175 is fast for older listeners
const KBPS = 32

const espeak = await initEspeak()
const worker = new espeak.eSpeakNGWorker()

function synthesize(text, voice) {
  worker.set_voice(voice)
  worker.set_rate(RATE)
  const chunks = []
  worker.synthesize(text, (samples) => {
    chunks.push(Int16Array.from(samples))
  })
  const sampleRate = worker.get_samplerate()
  const length = chunks.reduce((n, c) => n + c.length, 0)
  const pcm = new Int16Array(length)
  let at = 0
  for (const c of chunks) {
    pcm.set(c, at)
    at += c.length
  }
  const encoder = new Mp3Encoder(1, sampleRate, KBPS)
  const parts = []
  for (let i = 0; i < pcm.length; i += 1152) {
    const frame = encoder.encodeBuffer(pcm.subarray(i, i + 1152))
    if (frame.length) parts.push(Buffer.from(frame))
  }
  const tail = encoder.flush()
  if (tail.length) parts.push(Buffer.from(tail))
  return { mp3: Buffer.concat(parts), seconds: length / sampleRate }
}

process.on('message', (m) => {
  try {
    const out = synthesize(m.text, m.voice)
    process.send({ id: m.id, mp3: out.mp3.toString('base64'), seconds: out.seconds })
  } catch (e) {
    process.send({ id: m.id, error: String(e && e.message ? e.message : e) })
  }
})
// the server went away (ended, crashed): so does its engine
process.on('disconnect', () => process.exit(0))
process.send({ ready: true })
