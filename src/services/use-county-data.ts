// The one way a screen reads county data: shows this phone's cached copy at once, asks the
// county, saves and shows the fresh answer, and when the county cannot be reached or answers
// with a 5xx or garbage keeps the cached copy, marks it as such and reloads by itself when the
// county answers again (network.ts probes with growing pauses).
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { onSessionStart, type CallResult } from './county-client'
import { isCountyDownError, type AppError } from './errors'
import { onReconnect } from './network'
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
}

export function useCountyData<T>({ cache, owner, cacheKey, load }: CountyDataOptions<T>): CountyData<T> {
  const cached = cache((s) => (cacheKey ? s.read(owner, cacheKey) : null))
  const [fresh, setFresh] = useState<{ key: string; asOf: string } | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const loadRef = useRef(load)
  loadRef.current = load
  const seq = useRef(0)

  // the user pulled the page down (下拉刷新): the spinner stays until this answer is in
  const pulled = useRef(false)
  const stopPull = useCallback(() => {
    if (!pulled.current) return
    pulled.current = false
    // h5 answers with a promise that may reject when the page has no pull-down; nothing to do then
    Promise.resolve(Taro.stopPullDownRefresh() as unknown).catch(() => {})
  }, [])

  const reload = useCallback(() => {
    if (!owner || !cacheKey) {
      stopPull()
      return
    }
    const mine = ++seq.current
    setLoading(true)
    loadRef.current().then(
      (r) => {
        stopPull()
        if (mine !== seq.current) return // a newer request (or another household) won
        setLoading(false)
        if (r.ok) {
          const asOf = nowIso()
          cache.getState().put(owner, cacheKey, r.data, asOf)
          setFresh({ key: cacheKey, asOf })
          setError(null)
        } else {
          setError(r.error)
        }
      },
      () => {
        stopPull()
        if (mine === seq.current) setLoading(false)
      }
    )
  }, [cache, owner, cacheKey, stopPull])

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
    return onReconnect(reload)
  }, [error, reload])

  // signed in again (the session had ended): what is on screen is the saved copy, ask again
  useEffect(() => onSessionStart(reload), [reload])

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
