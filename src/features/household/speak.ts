// "Read aloud" for the status card.
//   h5:    the Web Speech API (speechSynthesis) in Chinese, slightly slower for older ears.
//   weapp: WeChat's text-to-speech is the 微信同声传译 plugin (WechatSI), which needs the
//          plugin to be added to the mini-program in the WeChat admin console first. Until
//          the county's account has it, the fallback shows the sentence in a large dialog
//          (the system font size applies to it), so the user can read it or have it read.
import { showPageMessage } from '@/services/page-message'

export function canSpeak(): boolean {
  return process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && 'speechSynthesis' in window
}

export function speak(text: string): void {
  if (canSpeak()) {
    const synth = window.speechSynthesis
    synth.cancel()
    const u = new SpeechSynthesisUtterance(text)
    u.lang = 'zh-CN'
    u.rate = 0.85
    synth.speak(u)
    return
  }
  showPageMessage(text)
}
