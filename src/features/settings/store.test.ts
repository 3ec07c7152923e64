// Elderly mode turns on by itself from the phone's font setting (not for every iPhone at its
// standard 17 pt), and its text reaches 30 pt at the phone's largest setting or at 最大.
import Taro from '@tarojs/taro'
import { ELDERLY_TEXT_PT, elderlyTextScale, isElderly, useSettings } from './store'

const getAppBaseInfo = Taro.getAppBaseInfo as unknown as jest.Mock
const getSystemInfoSync = Taro.getSystemInfoSync as unknown as jest.Mock

function launchWith(info: Record<string, unknown>, platform = 'ios') {
  getAppBaseInfo.mockReturnValue(info)
  getSystemInfoSync.mockReturnValue({ platform })
  useSettings.setState({ elderlyChoice: 'auto', textSize: 'system', systemFontScale: 1 })
  useSettings.getState().followSystemFontSize()
  return useSettings.getState()
}

test("iOS's standard size (17 pt, factor 1) keeps normal mode", () => {
  expect(isElderly(launchWith({ fontSizeSetting: 17, fontSizeScaleFactor: 1 }))).toBe(false)
  // an older client that gives only the size in px: 17 on iOS is the standard size
  expect(isElderly(launchWith({ fontSizeSetting: 17 }))).toBe(false)
})

test('a raised font setting turns elderly mode on (iOS 19.5 pt and up, Android 1.125 and up)', () => {
  expect(isElderly(launchWith({ fontSizeSetting: 18, fontSizeScaleFactor: 18 / 17 }))).toBe(false)
  expect(isElderly(launchWith({ fontSizeSetting: 19.5, fontSizeScaleFactor: 19.5 / 17 }))).toBe(true)
  expect(isElderly(launchWith({ fontSizeScaleFactor: 1.125 }, 'android'))).toBe(true)
  expect(isElderly(launchWith({ fontSizeSetting: 18 }, 'android'))).toBe(true) // 18 / 16
})

test("the user's own choice wins over the phone's setting", () => {
  const s = launchWith({ fontSizeScaleFactor: 1.4 })
  expect(isElderly({ ...s, elderlyChoice: 'off' })).toBe(false)
  expect(isElderly({ ...launchWith({ fontSizeScaleFactor: 1 }), elderlyChoice: 'on' })).toBe(true)
})

test('elderly text: at least 18 pt, and 30 pt at iOS 关怀模式 (23.8 pt) or at 最大', () => {
  expect(ELDERLY_TEXT_PT).toBeGreaterThanOrEqual(18)
  const standard = launchWith({ fontSizeScaleFactor: 1 })
  expect(ELDERLY_TEXT_PT * elderlyTextScale(standard)).toBe(ELDERLY_TEXT_PT)
  const care = launchWith({ fontSizeSetting: 23.8, fontSizeScaleFactor: 1.4 })
  expect(ELDERLY_TEXT_PT * elderlyTextScale(care)).toBeGreaterThanOrEqual(30)
  expect(ELDERLY_TEXT_PT * elderlyTextScale({ ...standard, textSize: 'largest' })).toBeGreaterThanOrEqual(30)
  expect(elderlyTextScale({ ...care, textSize: 'large' })).toBe(1) // chosen by the user
  // never smaller than the standard size, never so large a page cannot fit
  expect(elderlyTextScale(launchWith({ fontSizeScaleFactor: 0.9 }))).toBe(1)
  expect(elderlyTextScale(launchWith({ fontSizeScaleFactor: 3 }))).toBeLessThanOrEqual(1.6)
})

test('the text size choice is kept on the phone; the font setting is read again at each launch', () => {
  useSettings.getState().setTextSize('larger')
  const saved = JSON.stringify((Taro as unknown as { __storage: Map<string, unknown> }).__storage.get('xqyb.settings'))
  expect(saved).toContain('larger')
  expect(saved).not.toContain('systemFontScale')
})
