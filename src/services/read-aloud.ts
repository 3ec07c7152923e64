// 读给我听 on both builds, one sentence at a time on screen: what is being read (so its button can
// say 停止) and, when nothing can be read, a plain message instead of silence.
//   h5:    the browser's own Chinese voice when it has one for the chosen speech (普通话 zh-CN,
//          粤语 zh-HK); otherwise the county's audio, like weapp.
//   weapp: the county's audio (POST /v1/speech, MP3) written to a file and played with
//          InnerAudioContext (WeChat's own speech plugin is out of maintenance).
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import type { SpeechVoice } from '@/contract'
import { call } from './county-client'

export const NO_VOICE_MESSAGE = '这部手机现在没法读出来，请看屏幕上的字，或请家人帮忙读'

interface ReadAloudState {
  /** the key of what is being read (a member card's person id), or null */
  playing: string | null
  /** loading the county's audio */
  loading: string | null
  /** why the last read-aloud of `key` could not be played */
  failed: { key: string; message: string } | null
}

export const useReadAloud = create<ReadAloudState>()(() => ({ playing: null, loading: null, failed: null }))

const BROWSER_LANG: Record<SpeechVoice, string> = { cmn: 'zh-CN', yue: 'zh-HK' }

let audio: Taro.InnerAudioContext | null = null
let utterance: SpeechSynthesisUtterance | null = null
let run = 0

function browserVoice(voice: SpeechVoice): SpeechSynthesisVoice | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !('speechSynthesis' in window)) return null
  const lang = BROWSER_LANG[voice].toLowerCase()
  const all = window.speechSynthesis.getVoices()
  return (
    all.find((v) => v.lang.toLowerCase().replace('_', '-') === lang) ??
    (voice === 'cmn' ? all.find((v) => v.lang.toLowerCase().startsWith('zh-cn')) : undefined) ??
    null
  )
}

export function stopReading(): void {
  run++
  if (utterance && typeof window !== 'undefined' && 'speechSynthesis' in window) window.speechSynthesis.cancel()
  utterance = null
  audio?.stop()
  audio?.destroy()
  audio = null
  useReadAloud.setState({ playing: null, loading: null })
}

function fail(key: string, message = NO_VOICE_MESSAGE) {
  useReadAloud.setState({ playing: null, loading: null, failed: { key, message } })
}

/** Reads `text` aloud in `voice`; tapping again while it reads stops it. */
export async function readAloud(key: string, text: string, voice: SpeechVoice): Promise<void> {
  const was = useReadAloud.getState()
  stopReading()
  if (was.playing === key || was.loading === key) return
  const mine = run
  useReadAloud.setState({ failed: null })

  const local = browserVoice(voice)
  if (local) {
    const u = new SpeechSynthesisUtterance(text)
    u.voice = local
    u.lang = local.lang
    u.rate = 0.85 // a little slower for older ears
    u.onend = () => {
      if (run === mine) useReadAloud.setState({ playing: null })
    }
    u.onerror = () => {
      if (run === mine) fail(key)
    }
    utterance = u
    useReadAloud.setState({ playing: key })
    window.speechSynthesis.speak(u)
    return
  }

  useReadAloud.setState({ loading: key })
  const r = await call('speak', { body: { text, voice } })
  if (run !== mine) return
  if (!r.ok) return fail(key, r.error.code === 'SPEECH_UNAVAILABLE' ? NO_VOICE_MESSAGE : r.error.message)
  try {
    const src = await playableSource(r.data.audioBase64)
    if (run !== mine) return
    const a = Taro.createInnerAudioContext()
    audio = a
    a.src = src
    a.onEnded(() => {
      if (run === mine) stopReading()
    })
    a.onError(() => {
      if (run === mine) fail(key)
    })
    useReadAloud.setState({ playing: key, loading: null })
    a.play()
  } catch {
    fail(key)
  }
}

/** weapp plays files, not bytes: the MP3 goes to the app's own folder first. */
async function playableSource(base64: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') return `data:audio/mpeg;base64,${base64}`
  const filePath = `${Taro.env.USER_DATA_PATH}/read-aloud.mp3`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: (e) => reject(new Error(e.errMsg))
    })
  )
  return filePath
}
