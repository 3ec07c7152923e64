// The one adapter between zustand's persist middleware and Taro storage (wx storage on
// weapp, localStorage on h5). Feature stores persist through this with `partialize`,
// `version` and `migrate`; never persist full ID numbers or tokens in plain form.
import Taro from '@tarojs/taro'
import type { StateStorage } from 'zustand/middleware'

export const taroStorage: StateStorage = {
  getItem: (name) => {
    const value = Taro.getStorageSync(name)
    return typeof value === 'string' && value !== '' ? value : null
  },
  setItem: (name, value) => {
    Taro.setStorageSync(name, value)
  },
  removeItem: (name) => {
    Taro.removeStorageSync(name)
  }
}
