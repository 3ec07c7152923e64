// Online/offline for the whole app. Two signals:
//   online     the phone's own network state (Taro.onNetworkStatusChange; on h5 also the
//              browser's online/offline events, because Taro's h5 version rarely fires)
//   reachable  whether the county system answered the last request (the network can be
//              up while the county system or the road to it is down)
// When either comes back, the registered retries run: every screen showing saved data because
// the county was down loads again by itself. While the county is unreachable and the app is in
// the foreground, one screen asks again after 2 s, 4 s, then every 8 s (so a screen is fresh
// within 10 s of the county's return); in the background nothing is asked, and coming back to
// the foreground asks at once.
//
// Why a success anywhere must wake every waiting screen: a request that was on its way when the
// county came back (the /me at start-up, a prefetch) used to mark the county reachable and stop
// the probe, while the screens showing saved data were never told — they waited forever. That,
// not the phone's clock, was why recovery sometimes never came.
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
/** pauses between probes; the last one repeats (all under 10 s: a screen is fresh within 10 s) */
export const PROBE_DELAYS_MS = [2000, 4000, 8000]
let probeCount = 0
let foreground = true

function safely(fn: Retry) {
  try {
    fn()
  } catch (e) {
    console.warn('retry on reconnect failed', e)
  }
}

function runRetries() {
  Array.from(retries).forEach(safely)
}

function stopProbe() {
  if (probeTimer) clearTimeout(probeTimer)
  probeTimer = null
  probeCount = 0
}

/** One screen asks; its answer reports back through setReachable (true wakes all the others). */
function probeOnce() {
  const first = retries.values().next()
  if (!first.done) safely(first.value)
}

function scheduleProbe() {
  if (probeTimer || retries.size === 0 || !foreground) return
  const delay = PROBE_DELAYS_MS[Math.min(probeCount, PROBE_DELAYS_MS.length - 1)]
  probeTimer = setTimeout(() => {
    probeTimer = null
    probeCount++
    probeOnce()
    if (!useNetwork.getState().reachable) scheduleProbe()
  }, delay)
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
    if (reachable) {
      stopProbe()
      runRetries()
    } else scheduleProbe()
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

// Back in the foreground (WeChat reopened, the browser tab shown again): screens refresh at once.
const foregroundListeners = new Set<() => void>()

/** Calls `fn` each time the app comes back to the foreground; returns the unsubscribe. */
export function onForeground(fn: () => void): () => void {
  foregroundListeners.add(fn)
  return () => {
    foregroundListeners.delete(fn)
  }
}

/** The app went to the background: nobody is looking, nothing is asked. */
export function appHidden(): void {
  foreground = false
  if (probeTimer) clearTimeout(probeTimer)
  probeTimer = null
}

/** The app is in the foreground again: every screen asks the county now, probing starts afresh. */
export function appShown(): void {
  const was = foreground
  foreground = true
  if (was) return
  probeCount = 0
  Array.from(foregroundListeners).forEach(safely)
  if (!useNetwork.getState().reachable) scheduleProbe()
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
  try {
    Taro.onAppShow(() => appShown())
    Taro.onAppHide(() => appHidden())
  } catch {
    // no app lifecycle events: the app counts as always in the foreground
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
  foregroundListeners.clear()
  foreground = true
  useNetwork.setState({ online: true, reachable: true })
}
