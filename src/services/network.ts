// Online/offline for the whole app. Two signals:
//   online     the phone's own network state (Taro.onNetworkStatusChange; on h5 also the
//              browser's online/offline events, because Taro's h5 version rarely fires)
//   reachable  whether the county system answered the last request (the network can be
//              up while the county system or the road to it is down)
// When either comes back, registered retry callbacks run, so screens refresh by themselves.
// While the county system is unreachable, it is probed again with growing pauses (5 s → 60 s).
import Taro from '@tarojs/taro'
import { create } from 'zustand'

interface NetworkState {
  online: boolean
  reachable: boolean
  setOnline: (online: boolean) => void
  setReachable: (reachable: boolean) => void
}

type Retry = () => void
const retries = new Set<Retry>()
let probeTimer: ReturnType<typeof setTimeout> | null = null
let probeDelay = 5000
const PROBE_MAX = 60000

function runRetries() {
  retries.forEach((fn) => {
    try {
      fn()
    } catch (e) {
      console.warn('retry on reconnect failed', e)
    }
  })
}

function stopProbe() {
  if (probeTimer) clearTimeout(probeTimer)
  probeTimer = null
  probeDelay = 5000
}

function scheduleProbe() {
  if (probeTimer || retries.size === 0) return
  probeTimer = setTimeout(() => {
    probeTimer = null
    probeDelay = Math.min(probeDelay * 2, PROBE_MAX)
    runRetries()
    // the retries report back through setReachable; if still down, probe again later
    if (!useNetwork.getState().reachable) scheduleProbe()
  }, probeDelay)
}

export const useNetwork = create<NetworkState>()((set, get) => ({
  online: true,
  reachable: true,
  setOnline: (online) => {
    const was = get().online
    set({ online })
    if (online && !was) runRetries()
  },
  setReachable: (reachable) => {
    const was = get().reachable
    if (was === reachable) return
    set({ reachable })
    if (reachable) stopProbe()
    else scheduleProbe()
  }
}))

/** True when the app should say "offline / showing saved data". */
export const useOffline = () => useNetwork((s) => !s.online || !s.reachable)

/** Runs `fn` when the network or the county system comes back. Returns the unsubscribe. */
export function onReconnect(fn: Retry): () => void {
  retries.add(fn)
  if (!useNetwork.getState().reachable) scheduleProbe()
  return () => {
    retries.delete(fn)
    if (retries.size === 0) stopProbe()
  }
}

let watching = false
/** Called once at launch (app.ts). Safe to call again. */
export function startNetworkWatch(): void {
  if (watching) return
  watching = true
  const { setOnline } = useNetwork.getState()
  try {
    Taro.onNetworkStatusChange((r) => setOnline(!!r.isConnected))
    Taro.getNetworkType()
      .then((r) => {
        if (r.networkType === 'none') setOnline(false)
      })
      .catch(() => {})
  } catch {
    // platform without network events: requests still report reachability
  }
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    window.addEventListener('online', () => setOnline(true))
    window.addEventListener('offline', () => setOnline(false))
    if (typeof navigator !== 'undefined' && navigator.onLine === false) setOnline(false)
  }
}

/** Tests only. */
export function resetNetworkForTests(): void {
  stopProbe()
  retries.clear()
  useNetwork.setState({ online: true, reachable: true })
}
