// Mocks the Taro APIs for component tests (jsdom). Storage is a real in-memory map so
// persistence code is exercised; network and platform calls are jest.fn()s per test.
import { useEffect } from 'react'

const storage = new Map<string, unknown>()
const networkListeners: Array<(r: { isConnected: boolean; networkType: string }) => void> = []
const pullListeners = new Set<() => void>()

const Taro = {
  request: jest.fn(),
  requestPayment: jest.fn(),
  requestSubscribeMessage: jest.fn(() => Promise.resolve({})),
  login: jest.fn(() => Promise.resolve({ code: 'dev-code' })),
  setStorageSync: jest.fn((k: string, v: unknown) => {
    storage.set(k, v)
  }),
  getStorageSync: jest.fn((k: string) => storage.get(k) ?? ''),
  removeStorageSync: jest.fn((k: string) => {
    storage.delete(k)
  }),
  clearStorageSync: jest.fn(() => storage.clear()),
  setStorage: jest.fn(({ key, data }: { key: string; data: unknown }) => {
    storage.set(key, data)
    return Promise.resolve()
  }),
  getStorage: jest.fn(({ key }: { key: string }) =>
    storage.has(key) ? Promise.resolve({ data: storage.get(key) }) : Promise.reject(new Error('not found'))
  ),
  removeStorage: jest.fn(({ key }: { key: string }) => {
    storage.delete(key)
    return Promise.resolve()
  }),
  showToast: jest.fn(() => Promise.resolve()),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
  showLoading: jest.fn(() => Promise.resolve()),
  hideLoading: jest.fn(() => Promise.resolve()),
  navigateTo: jest.fn(() => Promise.resolve()),
  navigateBack: jest.fn(() => Promise.resolve()),
  redirectTo: jest.fn(() => Promise.resolve()),
  switchTab: jest.fn(() => Promise.resolve()),
  reLaunch: jest.fn(() => Promise.resolve()),
  makePhoneCall: jest.fn(() => Promise.resolve()),
  chooseMedia: jest.fn(),
  uploadFile: jest.fn(),
  getFileSystemManager: jest.fn(),
  compressImage: jest.fn(),
  setClipboardData: jest.fn(() => Promise.resolve()),
  stopPullDownRefresh: jest.fn(() => Promise.resolve()),
  getSystemInfoSync: jest.fn(() => ({ platform: 'devtools', windowWidth: 375, fontSizeSetting: 16 })),
  getAppBaseInfo: jest.fn(() => ({ fontSizeSetting: 16, SDKVersion: '3.0.0' })),
  getNetworkType: jest.fn(() => Promise.resolve({ networkType: 'wifi' })),
  onNetworkStatusChange: jest.fn((cb: (r: { isConnected: boolean; networkType: string }) => void) => {
    networkListeners.push(cb)
  }),
  offNetworkStatusChange: jest.fn(),
  getCurrentInstance: jest.fn(() => ({ router: { params: {} } })),
  getEnv: jest.fn(() => 'WEAPP'),
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB' },
  __storage: storage,
  /** test helper: the user pulled the page down */
  __pullDown: () => pullListeners.forEach((cb) => cb()),
  /** test helper: pretend the network changed */
  __emitNetwork: (isConnected: boolean) =>
    networkListeners.forEach((cb) => cb({ isConnected, networkType: isConnected ? 'wifi' : 'none' }))
}

const useOnMount = (cb?: () => void) => {
  useEffect(() => {
    cb?.()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on mount only, as the real hooks
  }, [])
}
export const useLoad = useOnMount
export const useLaunch = useOnMount
export const useDidShow = useOnMount
export const useReady = useOnMount
export const useDidHide = (_cb?: () => void) => {}
export const useUnload = (_cb?: () => void) => {}
export const usePullDownRefresh = (cb?: () => void) => {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!cb) return
    pullListeners.add(cb)
    return () => {
      pullListeners.delete(cb)
    }
  })
}
export const useReachBottom = (_cb?: () => void) => {}
export const useShareAppMessage = (_cb?: () => unknown) => {}
export const useRouter = () => (Taro.getCurrentInstance() as { router: { params: Record<string, string> } }).router
export const { request, requestPayment, setStorageSync, getStorageSync, showToast, navigateTo } = Taro
export default Taro
