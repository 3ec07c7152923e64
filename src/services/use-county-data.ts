// The one way a screen reads county data: shows this phone's cached copy at once, asks the
// county, saves and shows the fresh answer, and when the county cannot be reached or answers
// with a 5xx or garbage keeps the cached copy, marks it as such and reloads by itself when the
// county answers again (network.ts probes every few seconds). It also asks again when the app
// comes back to the foreground, when the page is pulled down, and when a change is announced on
// one of its topics (county-changes.ts: a payment confirmed, a decision, a grant) — and announces
// a change it sees itself, so every screen shows the same state.
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { onSessionStart, type CallResult } from './county-client'
import { isCountyDownError, type AppError } from './errors'
import { announceChange, onCountyChange } from './county-changes'
import { onForeground, onReconnect } from './network'
import type { DataSource, UserCache } from './cache'
import { nowIso } from './time'

export interface CountyData<T> {
  data: T | null
  /** when the county produced `data` */
  asOf: string | null
  source: DataSource | null
  /** a request is under way (show a small hint, not a blocking spinner) */
  loading: boolean
  /** the last failure; `data` may still be the cached copy */
  error: AppError | null
  reload: () => void
}

export interface CountyDataOptions<T> {
  cache: UserCache<T>
  /** signed-in user id; nothing is read or loaded without it */
  owner: string | null
  /** cache key, e.g. the household id; null = nothing to load yet */
  cacheKey: string | null
  load: () => Promise<CallResult<T>>
  /**
   * What the data is about, e.g. [householdTopic(id)]: a change announced there reloads it, and a
   * fresh answer that differs from the saved copy is announced there.
   */
  topics?: readonly string[]
}

export function useCountyData<T>({ cache, owner, cacheKey, load, topics }: CountyDataOptions<T>): CountyData<T> {
  const cached = cache((s) => (cacheKey ? s.read(owner, cacheKey) : null))
  const [fresh, setFresh] = useState<{ key: string; asOf: string } | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const loadRef = useRef(load)
  loadRef.current = load
  const seq = useRef(0)
  /** this screen, as the source of the changes it announces (it need not reload for its own) */
  const self = useRef({})
  const topicKey = topics?.join('|') ?? ''

  // the user pulled the page down (下拉刷新): the spinner stays until this answer is in
  const pulled = useRef(false)
  const stopPull = useCallback(() => {
    if (!pulled.current) return
    pulled.current = false
    // h5 answers with a promise that may reject when the page has no pull-down; nothing to do then
    Promise.resolve(Taro.stopPullDownRefresh() as unknown).catch(() => {})
  }, [])

  /** the key of the request on its way, and whether a change was announced meanwhile */
  const inFlight = useRef<string | null>(null)
  const again = useRef(false)

  const reload = useCallback(() => {
    if (!owner || !cacheKey) {
      stopPull()
      return
    }
    const mine = ++seq.current
    inFlight.current = cacheKey
    again.current = false
    setLoading(true)
    loadRef.current().then(
      (r) => {
        stopPull()
        if (mine !== seq.current) return // a newer request (or another household) won
        inFlight.current = null
        setLoading(false)
        if (r.ok) {
          const asOf = nowIso()
          const before = cache.getState().read(owner, cacheKey)
          cache.getState().put(owner, cacheKey, r.data, asOf)
          setFresh({ key: cacheKey, asOf })
          setError(null)
          // the county's state moved on since the saved copy: the other screens about it ask too
          if (topicKey && before && JSON.stringify(before.data) !== JSON.stringify(r.data))
            announceChange(topicKey.split('|'), self.current)
        } else {
          setError(r.error)
        }
        // a change was announced while this request was on its way: it may predate it, ask once more
        if (again.current) reload()
      },
      () => {
        stopPull()
        if (mine !== seq.current) return
        inFlight.current = null
        setLoading(false)
      }
    )
  }, [cache, owner, cacheKey, stopPull, topicKey])

  /** The county is back, the app is in the foreground again: ask, unless a request is on its way. */
  const retry = useCallback(() => {
    if (inFlight.current !== cacheKey) reload()
  }, [cacheKey, reload])

  /** A change was announced: ask now, or once more after the request on its way. */
  const changed = useCallback(() => {
    if (inFlight.current === cacheKey) again.current = true
    else reload()
  }, [cacheKey, reload])

  usePullDownRefresh(() => {
    pulled.current = true
    reload()
  })

  useEffect(() => {
    setError(null)
    setFresh(null)
    reload()
  }, [reload])

  useEffect(() => {
    if (!error || !isCountyDownError(error)) return
    return onReconnect(retry)
  }, [error, retry])

  // signed in again (the session had ended): what is on screen is the saved copy, ask again
  useEffect(() => onSessionStart(reload), [reload])

  // back in the foreground: what is on screen may be old, ask again at once
  useEffect(() => onForeground(retry), [retry])

  // a change at the county about this data (announced by another screen): ask again at once
  useEffect(
    () =>
      topicKey
        ? onCountyChange(topicKey.split('|'), (source) => {
            if (source !== self.current) changed()
          })
        : undefined,
    [topicKey, changed]
  )

  const isFresh = !!fresh && fresh.key === cacheKey && !!cached && cached.asOf === fresh.asOf
  return {
    data: cached ? cached.data : null,
    asOf: cached ? cached.asOf : null,
    source: cached ? (isFresh ? 'county' : 'cache') : null,
    loading,
    error,
    reload
  }
}
