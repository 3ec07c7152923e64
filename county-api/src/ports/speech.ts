// The speech port: what the server needs to read a sentence aloud. Two adapters ship: the
// embedded eSpeak NG engine (ports/espeak-speech.ts; `npm ci` installs it, no network, robotic
// but understood) and a cloud TTS (ports/cloud-speech.ts, Tencent Cloud TextToVoice) for
// production, chosen by SPEECH_ENGINE. Both answer MP3; speech/ caches per sentence in front.
import type { SpeechVoice } from '../../../src/contract'

export interface SpeechPort {
  /** which engine, for the cache key and the logs */
  readonly id: string
  /** the voices this engine really speaks, with the words the app shows in 我的 */
  readonly voices: readonly { id: SpeechVoice; label: string }[]
  /** one sentence as MP3 (mono); throws when the engine cannot */
  synthesize(sentence: string, voice: SpeechVoice): Promise<{ mp3: Buffer; seconds: number }>
  /** ends whatever the adapter started (the engine's process) */
  close(): Promise<void>
}

export const VOICE_LABEL: Record<SpeechVoice, string> = { cmn: '普通话', yue: '粤语（广东话）' }

/** Sentences as a listener hears them: split after 。！？； and line ends (punctuation kept). */
export function sentencesOf(text: string): string[] {
  return (text.match(/[^。！？；!?;\n]+[。！？；!?;]*|[。！？；!?;]+/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s && !/^[。！？；!?;]+$/.test(s))
}

/**
 * A whole text read aloud, each sentence synthesized once and kept (most of what the app reads
 * repeats: "2027年还没缴费。" for every member of every household). MP3 frames join end to end,
 * so the text's audio is its sentences' audio in order. The cache holds at most `maxBytes`,
 * dropping the sentence used longest ago.
 */
export function makeSpeaker(port: SpeechPort, maxBytes = 32 * 1024 * 1024) {
  const cache = new Map<string, { mp3: Buffer; seconds: number }>()
  let bytes = 0
  const sentence = async (s: string, voice: SpeechVoice) => {
    const key = `${port.id}\u0000${voice}\u0000${s}`
    const hit = cache.get(key)
    if (hit) {
      cache.delete(key) // most recently used goes last
      cache.set(key, hit)
      return hit
    }
    const made = await port.synthesize(s, voice)
    cache.set(key, made)
    bytes += made.mp3.length
    for (const [k, v] of cache) {
      if (bytes <= maxBytes) break
      cache.delete(k)
      bytes -= v.mp3.length
    }
    return made
  }
  return {
    voices: port.voices,
    has: (voice: SpeechVoice) => port.voices.some((v) => v.id === voice),
    async speak(text: string, voice: SpeechVoice): Promise<{ mp3: Buffer; seconds: number }> {
      const parts = []
      for (const s of sentencesOf(text)) parts.push(await sentence(s, voice))
      return { mp3: Buffer.concat(parts.map((p) => p.mp3)), seconds: parts.reduce((n, p) => n + p.seconds, 0) }
    },
    cachedSentences: () => cache.size,
    close: () => port.close()
  }
}

/** How long an MP3 plays, from its frame headers (MPEG 1, 2 and 2.5, layer III); 0 if none. */
export function mp3Seconds(mp3: Buffer): number {
  const BITRATES = {
    1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
  }
  const RATES: Record<number, number[]> = {
    3: [44100, 48000, 32000],
    2: [22050, 24000, 16000],
    0: [11025, 12000, 8000]
  }
  let seconds = 0
  let i = 0
  while (i + 4 <= mp3.length) {
    const h = mp3.readUInt32BE(i)
    const version = (h >>> 19) & 3 // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
    const layer = (h >>> 17) & 3 // 1 = layer III
    const bitrateIndex = (h >>> 12) & 15
    const rateIndex = (h >>> 10) & 3
    if (
      h >>> 21 !== 0x7ff ||
      version === 1 ||
      layer !== 1 ||
      bitrateIndex === 0 ||
      bitrateIndex === 15 ||
      rateIndex === 3
    ) {
      i++
      continue
    }
    const sampleRate = RATES[version][rateIndex]
    const kbps = (version === 3 ? BITRATES[1] : BITRATES[2])[bitrateIndex]
    const samples = version === 3 ? 1152 : 576
    const length = Math.floor(((samples / 8) * kbps * 1000) / sampleRate) + ((h >>> 9) & 1)
    seconds += samples / sampleRate
    i += length
  }
  return seconds
}
