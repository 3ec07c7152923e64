// Display settings: elderly mode (large text, high contrast, large touch targets) and how large
// its text is. 'auto' follows the phone's font setting; an explicit choice by the user wins.
import { create } from 'zustand'
import type { SpeechVoice } from '@/contract'
import { createJSONStorage, persist } from 'zustand/middleware'
import { taroStorage } from '@/services/storage'
import { systemFontScale } from '@/services/font-scale'

export type ElderlyChoice = 'auto' | 'on' | 'off'
/** 跟随手机 / 大 / 更大 / 最大 */
export type TextSize = 'system' | 'large' | 'larger' | 'largest'

interface SettingsState {
  elderlyChoice: ElderlyChoice
  textSize: TextSize
  /** the speech 读给我听 uses everywhere: 普通话 or a dialect the county's engine speaks */
  voice: SpeechVoice
  /** the phone's text size over its standard size when the app launched (1 = standard) */
  systemFontScale: number
  setElderly: (choice: ElderlyChoice) => void
  setTextSize: (size: TextSize) => void
  setVoice: (voice: SpeechVoice) => void
  followSystemFontSize: () => void
}

/**
 * Elderly mode turns on by itself from this scale up: iOS 19.5 pt (standard 17, one step below
 * 关怀模式's 23.8) and Android's first large step (1.125). 17 pt on iOS is the standard size, not a
 * large one, so a pixel threshold of 17 would turn it on for every iPhone.
 */
export const LARGE_SYSTEM_SCALE = 1.12

/** Elderly mode's main text at the standard size, in pt (MIIT 适老化: at least 18). */
export const ELDERLY_TEXT_PT = 20
/** The text scale each explicit choice gives (最大 = 30 pt, the size MIIT asks text to reach). */
export const TEXT_SIZE_SCALE: Record<Exclude<TextSize, 'system'>, number> = {
  large: 1,
  larger: 1.25,
  largest: 1.5
}
/** Following the phone, elderly text grows a quarter faster than the phone's own steps, so the
 *  largest ordinary setting (iOS 关怀模式 ≈ 1.4) reaches 30 pt; capped so a page still fits. */
const SYSTEM_GAIN = 1.25
const MAX_SCALE = 1.6

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      elderlyChoice: 'auto',
      textSize: 'system',
      voice: 'cmn',
      systemFontScale: 1,
      setElderly: (elderlyChoice) => set({ elderlyChoice }),
      setTextSize: (textSize) => set({ textSize }),
      setVoice: (voice) => set({ voice }),
      followSystemFontSize: () => set({ systemFontScale: systemFontScale() })
    }),
    {
      name: 'xqyb.settings',
      version: 1,
      storage: createJSONStorage(() => taroStorage),
      partialize: (s) => ({ elderlyChoice: s.elderlyChoice, textSize: s.textSize, voice: s.voice })
    }
  )
)

export function isElderly(s: Pick<SettingsState, 'elderlyChoice' | 'systemFontScale'>): boolean {
  if (s.elderlyChoice === 'on') return true
  if (s.elderlyChoice === 'off') return false
  return s.systemFontScale >= LARGE_SYSTEM_SCALE
}

/** How much larger than ELDERLY_TEXT_PT elderly text is drawn (1 … 1.6). */
export function elderlyTextScale(s: Pick<SettingsState, 'textSize' | 'systemFontScale'>): number {
  if (s.textSize !== 'system') return TEXT_SIZE_SCALE[s.textSize]
  const scale = 1 + (s.systemFontScale - 1) * SYSTEM_GAIN
  return Math.round(Math.min(MAX_SCALE, Math.max(1, scale)) * 100) / 100
}

export const useElderly = () => useSettings(isElderly)
export const useElderlyTextScale = () => useSettings(elderlyTextScale)
