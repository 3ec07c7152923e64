// How much larger than standard the phone shows text: 1 is the standard size, 1.4 is iOS's
// 关怀模式. weapp: WeChat's own font setting (`fontSizeScaleFactor` from getAppBaseInfo; older
// clients only give `fontSizeSetting` in px, standard 17 on iOS and 16 on Android). h5: the
// browser's default text size (iOS Dynamic Type through `-apple-system-body`, standard 17;
// elsewhere `medium`, standard 16).
import Taro from '@tarojs/taro'

const STANDARD_PX = { ios: 17, other: 16 }

export function systemFontScale(): number {
  return process.env.TARO_ENV === 'h5' ? browserFontScale() : wechatFontScale()
}

function wechatFontScale(): number {
  try {
    const base = Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number; fontSizeSetting?: number }
    if (typeof base.fontSizeScaleFactor === 'number' && base.fontSizeScaleFactor > 0) return base.fontSizeScaleFactor
    const px = base.fontSizeSetting
    if (typeof px === 'number' && px > 0) {
      const platform = String(Taro.getSystemInfoSync().platform ?? '').toLowerCase()
      return px / (platform === 'ios' ? STANDARD_PX.ios : STANDARD_PX.other)
    }
  } catch {
    // an old client without getAppBaseInfo: standard size
  }
  return 1
}

function browserFontScale(): number {
  if (typeof document === 'undefined' || !document.body) return 1
  const probe = document.createElement('span')
  probe.style.font = '-apple-system-body'
  const apple = probe.style.font !== ''
  if (!apple) probe.style.fontSize = 'medium'
  probe.style.position = 'absolute'
  probe.style.visibility = 'hidden'
  probe.textContent = '字'
  document.body.appendChild(probe)
  const px = parseFloat(getComputedStyle(probe).fontSize)
  probe.remove()
  if (!(px > 0)) return 1
  return px / (apple ? STANDARD_PX.ios : STANDARD_PX.other)
}
