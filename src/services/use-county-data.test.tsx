// A screen's data when the county fails and recovers: the saved copy stays on screen, and the
// screen loads again by itself once the county answers, for every kind of "county down"
// (no answer, a 5xx page, garbage) — but not after a 4xx, which retrying cannot fix.
import Taro from '@tarojs/taro'
import { act, renderHook } from '@testing-library/react'
import { createUserCache } from './cache'
import { appError, type AppErrorCode } from './errors'
import { resetNetworkForTests, useNetwork } from './network'
import { sessionStarted, type CallResult } from './county-client'
import { useCountyData } from './use-county-data'

interface Doc {
  balance: string
}
const cache = createUserCache<Doc>({ name: 'test-county-data', version: 1, scrub: (d) => d, migrate: () => null })

beforeEach(() => {
  jest.useFakeTimers()
  resetNetworkForTests()
  cache.getState().clear()
  cache.getState().put('u1', 'h1', { balance: '100.00' }, '2026-11-20T10:00:00+08:00')
})
afterEach(() => jest.useRealTimers())

/** A county that fails with `code` (marking itself unreachable as the client does) until healed. */
function flakyCounty(code: AppErrorCode) {
  let healed = false
  const load = jest.fn(async (): Promise<CallResult<Doc>> => {
    if (healed) {
      useNetwork.getState().setReachable(true)
      return { ok: true, data: { balance: '126.50' } }
    }
    if (code !== 'NOT_FOUND') useNetwork.getState().setReachable(false)
    return { ok: false, error: appError(code) }
  })
  return {
    load,
    heal: () => {
      healed = true
    }
  }
}

async function flush() {
  await act(async () => {
    await Promise.resolve()
  })
}

test.each<AppErrorCode>(['UNREACHABLE', 'TIMEOUT', 'SERVER_ERROR', 'BAD_RESPONSE', 'INTERNAL'])(
  '%s: saved copy shown, then fresh data by itself once the county answers',
  async (code) => {
    const county = flakyCounty(code)
    const { result } = renderHook(() => useCountyData({ cache, owner: 'u1', cacheKey: 'h1', load: county.load }))
    await flush()
    expect(result.current.error?.code).toBe(code)
    expect(result.current.data).toEqual({ balance: '100.00' })
    expect(result.current.source).toBe('cache')

    await act(async () => {
      jest.advanceTimersByTime(5_000)
    }) // first probe: still down
    await flush()
    expect(county.load).toHaveBeenCalledTimes(2)
    expect(result.current.source).toBe('cache')

    county.heal()
    await act(async () => {
      jest.advanceTimersByTime(10_000)
    }) // the next, longer pause
    await flush()
    expect(result.current.data).toEqual({ balance: '126.50' })
    expect(result.current.source).toBe('county')
    expect(result.current.error).toBeNull()
    expect(useNetwork.getState().reachable).toBe(true)
  }
)

test('a 4xx answer is not retried by itself', async () => {
  const county = flakyCounty('NOT_FOUND')
  const { result } = renderHook(() => useCountyData({ cache, owner: 'u1', cacheKey: 'h1', load: county.load }))
  await flush()
  expect(result.current.error?.code).toBe('NOT_FOUND')
  await act(async () => {
    jest.advanceTimersByTime(120_000)
  })
  await flush()
  expect(county.load).toHaveBeenCalledTimes(1)
})

test('session ended (401): the saved copy stays; signed in again, the county is asked again at once', async () => {
  let signedIn = false
  const load = jest.fn(async (): Promise<CallResult<Doc>> =>
    signedIn ? { ok: true, data: { balance: '126.50' } } : { ok: false, error: appError('UNAUTHENTICATED') }
  )
  const { result } = renderHook(() => useCountyData({ cache, owner: 'u1', cacheKey: 'h1', load }))
  await flush()
  expect(result.current.error?.code).toBe('UNAUTHENTICATED')
  expect(result.current.data).toEqual({ balance: '100.00' })
  signedIn = true
  await act(async () => {
    sessionStarted()
  })
  await flush()
  expect(load).toHaveBeenCalledTimes(2)
  expect(result.current.data).toEqual({ balance: '126.50' })
  expect(result.current.source).toBe('county')
})

test('pulling the page down asks the county again and stops the spinner when the answer is in', async () => {
  let balance = '126.50'
  const load = jest.fn(async (): Promise<CallResult<Doc>> => ({ ok: true, data: { balance } }))
  const { result } = renderHook(() => useCountyData({ cache, owner: 'u1', cacheKey: 'h1', load }))
  await flush()
  expect(result.current.data).toEqual({ balance: '126.50' })
  const stop = Taro.stopPullDownRefresh as jest.Mock
  stop.mockClear()
  balance = '26.50'
  await act(async () => {
    ;(Taro as unknown as { __pullDown: () => void }).__pullDown()
  })
  await flush()
  expect(load).toHaveBeenCalledTimes(2)
  expect(result.current.data).toEqual({ balance: '26.50' })
  expect(stop).toHaveBeenCalledTimes(1)
})
