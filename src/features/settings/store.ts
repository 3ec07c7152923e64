// Display settings: elderly mode (large text, high contrast, large touch targets).
// 'auto' follows WeChat's font size setting; an explicit choice by the user wins.
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { taroStorage } from '@/services/storage'

export type ElderlyChoice = 'auto' | 'on' | 'off'

interface SettingsState {
  elderlyChoice: ElderlyChoice
  /** WeChat's font size (px) when the app launched; 16 is the default size */
  systemFontSize: number
  setElderly: (choice: ElderlyChoice) => void
  followSystemFontSize: () => void
}

/** WeChat reports 17+ when the user has raised the system font size. */
export const LARGE_SYSTEM_FONT = 17

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      elderlyChoice: 'auto',
      systemFontSize: 16,
      setElderly: (elderlyChoice) => set({ elderlyChoice }),
      followSystemFontSize: () => {
        try {
          const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number }
          if (typeof info.fontSizeSetting === 'number') set({ systemFontSize: info.fontSizeSetting })
        } catch {
          // h5 and old clients have no fontSizeSetting: keep the default
        }
      }
    }),
    {
      name: 'xqyb.settings',
      version: 1,
      storage: createJSONStorage(() => taroStorage),
      partialize: (s) => ({ elderlyChoice: s.elderlyChoice })
    }
  )
)

export function isElderly(s: Pick<SettingsState, 'elderlyChoice' | 'systemFontSize'>): boolean {
  if (s.elderlyChoice === 'on') return true
  if (s.elderlyChoice === 'off') return false
  return s.systemFontSize >= LARGE_SYSTEM_FONT
}

export const useElderly = () => useSettings(isElderly)
