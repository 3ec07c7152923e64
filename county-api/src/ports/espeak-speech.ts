// The embedded speech adapter: eSpeak NG in its own process (ports/espeak-engine.mjs), started on
// the first sentence and stopped after a while without one (it holds ~100 MB). One sentence at
// a time; a sentence that takes too long fails instead of waiting forever.
import { fork, type ChildProcess } from 'child_process'
import path from 'path'
import type { SpeechVoice } from '../../../src/contract'
import { VOICE_LABEL, type SpeechPort } from './speech'

const ENGINE = path.join(__dirname, 'espeak-engine.mjs')
const SENTENCE_TIMEOUT_MS = 20_000
const IDLE_MS = 5 * 60_000

interface Pending {
  resolve: (v: { mp3: Buffer; seconds: number }) => void
  reject: (e: Error) => void
  timer: NodeJS.Timeout
}

export function makeEspeakSpeech(): SpeechPort {
  let child: ChildProcess | null = null
  let ready: Promise<void> | null = null
  let idle: NodeJS.Timeout | null = null
  let next = 0
  const pending = new Map<number, Pending>()

  const stop = () => {
    const c = child
    child = null
    ready = null
    if (idle) clearTimeout(idle)
    for (const [id, p] of pending) {
      clearTimeout(p.timer)
      p.reject(new Error('speech engine stopped'))
      pending.delete(id)
    }
    c?.kill()
  }

  const start = (): Promise<void> => {
    if (ready) return ready
    const c = fork(ENGINE, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] })
    child = c
    // the server may end without stopping it: the engine never keeps it alive
    c.unref()
    ;(c as unknown as { channel?: { unref(): void } }).channel?.unref()
    ready = new Promise<void>((resolve, reject) => {
      c.once('error', reject)
      c.once('exit', (code) => {
        reject(new Error(`speech engine exited (${code})`))
        if (child === c) stop()
      })
      c.on('message', (m: { ready?: true; id?: number; mp3?: string; seconds?: number; error?: string }) => {
        if (m.ready) return resolve()
        const p = m.id === undefined ? undefined : pending.get(m.id)
        if (!p || m.id === undefined) return
        pending.delete(m.id)
        clearTimeout(p.timer)
        if (m.error || m.mp3 === undefined) p.reject(new Error(m.error ?? 'no audio'))
        else p.resolve({ mp3: Buffer.from(m.mp3, 'base64'), seconds: m.seconds ?? 0 })
      })
    })
    return ready
  }

  return {
    id: 'espeak-ng',
    voices: (['cmn', 'yue'] as const).map((id) => ({ id, label: VOICE_LABEL[id] })),
    async synthesize(sentence: string, voice: SpeechVoice) {
      await start()
      if (idle) clearTimeout(idle)
      idle = setTimeout(stop, IDLE_MS)
      idle.unref()
      const id = ++next
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id)
          reject(new Error('speech engine timed out'))
        }, SENTENCE_TIMEOUT_MS)
        timer.unref()
        pending.set(id, { resolve, reject, timer })
        child?.send({ id, text: sentence, voice })
      })
    },
    async close() {
      stop()
    }
  }
}
