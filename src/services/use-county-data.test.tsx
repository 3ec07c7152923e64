// A screen's data when the county fails and recovers: the saved copy stays on screen, and the
// screen loads again by itself once the county answers, for every kind of "county down"
// (no answer, a 5xx page, garbage) — but not after a 4xx, which retrying cannot fix.
import Taro from '@tarojs/taro'
import { act, renderHook } from '@testing-library/react'
import { createUserCache } from './cache'
import { appError, type AppErrorCode } from './errors'
import { appHidden, appShown, resetNetworkForTests, useNetwork } from './network'
import { announceChange, resetCountyChangesForTests } from './county-changes'
import { sessionStarted, type CallResult } from './county-client'
import { useCountyData } from './use-county-data'

interface Doc {
  balance: string
}
const cache = createUserCache<Doc>({ name: 'test-county-data', version: 1, scrub: (d) => d, migrate: () => null })

beforeEach(() => {
  jest.useFakeTimers()
  resetNetworkForTests()
  resetCountyChangesForTests()
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

test('the county answering any other request wakes every screen showing saved data at once (the lost recovery)', async () => {
  // The screen failed while the county was down; then another request (the /me at start-up, a
  // prefetch) got an answer. That used to stop the probe without telling the waiting screen:
  // it showed the saved copy for ever. Now it asks again at once, with no timer.
  const county = flakyCounty('SERVER_ERROR')
  const { result } = renderHook(() => useCountyData({ cache, owner: 'u1', cacheKey: 'h1', load: county.load }))
  await flush()
  expect(result.current.source).toBe('cache')
  county.heal()
  await act(async () => {
    useNetwork.getState().setReachable(true) // somebody else's answer came back
  })
  await flush()
  expect(county.load).toHaveBeenCalledTimes(2)
  expect(result.current.data).toEqual({ balance: '126.50' })
  expect(result.current.source).toBe('county')
})

test('down for five minutes, a screen is fresh within 10 s of the county coming back', async () => {
  const county = flakyCounty('UNREACHABLE')
  const { result } = renderHook(() => useCountyData({ cache, owner: 'u1', cacheKey: 'h1', load: county.load }))
  await flush()
  for (let s = 0; s < 300; s++)
    await act(async () => {
      jest.advanceTimersByTime(1_000)
    })
  expect(result.current.source).toBe('cache')
  county.heal()
  await act(async () => {
    jest.advanceTimersByTime(10_000)
  })
  await flush()
  expect(result.current.source).toBe('county')
})

test('in the background nothing is asked; back in the foreground the screen asks at once', async () => {
  const county = flakyCounty('UNREACHABLE')
  const { result } = renderHook(() => useCountyData({ cache, owner: 'u1', cacheKey: 'h1', load: county.load }))
  await flush()
  appHidden()
  await act(async () => {
    jest.advanceTimersByTime(600_000)
  })
  expect(county.load).toHaveBeenCalledTimes(1)
  county.heal()
  await act(async () => {
    appShown()
  })
  await flush()
  expect(county.load).toHaveBeenCalledTimes(2)
  expect(result.current.source).toBe('county')
})

test('a change announced on its topic reloads the screen; a change it sees itself is announced to the others', async () => {
  let balance = '100.00' // as saved: nothing changed since
  const load = jest.fn(async (): Promise<CallResult<Doc>> => ({ ok: true, data: { balance } }))
  const other = createUserCache<Doc>({ name: 'test-county-data-2', version: 1, migrate: () => null })
  let quote = '2700.00'
  const loadQuote = jest.fn(async (): Promise<CallResult<Doc>> => ({ ok: true, data: { balance: quote } }))
  const topics = ['household:h1']
  const a = renderHook(() => useCountyData({ cache, owner: 'u1', cacheKey: 'h1', load, topics }))
  const b = renderHook(() => useCountyData({ cache: other, owner: 'u1', cacheKey: 'h1', load: loadQuote, topics }))
  await flush()
  expect(load).toHaveBeenCalledTimes(1)
  expect(loadQuote).toHaveBeenCalledTimes(1)
  // a payment confirmed on this phone: both ask again, at once
  balance = '0.00'
  quote = '0.00'
  await act(async () => {
    announceChange(topics)
  })
  await flush()
  expect(a.result.current.data).toEqual({ balance: '0.00' })
  expect(b.result.current.data).toEqual({ balance: '0.00' })
  // someone else paid: one screen notices (pulled down), the other follows without being asked
  quote = '400.00'
  balance = '1.00'
  const before = loadQuote.mock.calls.length
  await act(async () => {
    a.result.current.reload()
  })
  await flush()
  expect(loadQuote.mock.calls.length).toBe(before + 1)
  expect(b.result.current.data).toEqual({ balance: '400.00' })
  // nothing changed: nobody else is asked
  const calls = loadQuote.mock.calls.length
  await act(async () => {
    a.result.current.reload()
  })
  await flush()
  expect(loadQuote.mock.calls.length).toBe(calls)
})
