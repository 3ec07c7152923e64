import Taro from '@tarojs/taro'
import { configureTransport, isSafeToRetry, send } from './transport'
import { resetNetworkForTests, useNetwork } from './network'

const request = Taro.request as unknown as jest.Mock
const sleeps: number[] = []

beforeEach(() => {
  resetNetworkForTests()
  sleeps.length = 0
  configureTransport({
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    defaultTimeoutMs: 10000
  })
})

const answer = (statusCode: number, data: unknown) => Promise.resolve({ statusCode, data, header: {} })

test('a 2xx JSON answer is parsed', async () => {
  request.mockReturnValueOnce(answer(200, '{"a":"1.00"}'))
  await expect(send({ method: 'GET', url: '/x' })).resolves.toEqual({ ok: true, status: 200, body: { a: '1.00' } })
  expect(request.mock.calls[0][0]).toMatchObject({ dataType: 'text', timeout: 10000, method: 'GET' })
  expect(request.mock.calls[0][0].header).toEqual({}) // no JSON content-type without a body
})

test('garbage on 200 is a typed failure, not a crash', async () => {
  request.mockReturnValueOnce(answer(200, '<html>oops'))
  await expect(send({ method: 'POST', url: '/x', body: { a: 1 } })).resolves.toEqual({
    ok: false,
    failure: { kind: 'garbage', status: 200 }
  })
  expect(request.mock.calls[0][0].header).toEqual({ 'content-type': 'application/json' })
})

test('GET is retried with growing backoff, then succeeds', async () => {
  request
    .mockReturnValueOnce(Promise.reject({ errMsg: 'request:fail' }))
    .mockReturnValueOnce(answer(503, ''))
    .mockReturnValueOnce(answer(200, '{"ok":true}'))
  const r = await send({ method: 'GET', url: '/x' })
  expect(r.ok).toBe(true)
  expect(request).toHaveBeenCalledTimes(3)
  expect(sleeps).toHaveLength(2)
  expect(sleeps[1]).toBeGreaterThan(sleeps[0])
})

test('a GET that timed out is not repeated at once (the screen says so now; the probe asks again soon)', async () => {
  request.mockReturnValue(Promise.reject({ errMsg: 'request:fail timeout' }))
  const r = await send({ method: 'GET', url: '/x' })
  expect(r).toEqual({ ok: false, failure: { kind: 'timeout' } })
  expect(request).toHaveBeenCalledTimes(1)
})

test('POST with an Idempotency-Key is retried after a timeout (the same key: one order)', async () => {
  request
    .mockReturnValueOnce(Promise.reject({ errMsg: 'request:fail timeout' }))
    .mockReturnValueOnce(answer(201, '{"orderId":"o1"}'))
  const r = await send({ method: 'POST', url: '/orders', headers: { 'Idempotency-Key': 'k-12345678' } })
  expect(r).toEqual({ ok: true, status: 201, body: { orderId: 'o1' } })
  expect(request).toHaveBeenCalledTimes(2)
})

test('POST without an Idempotency-Key is never repeated', async () => {
  request.mockReturnValue(Promise.reject({ errMsg: 'request:fail timeout' }))
  const r = await send({ method: 'POST', url: '/orders', body: { a: 1 } })
  expect(r).toEqual({ ok: false, failure: { kind: 'timeout' } })
  expect(request).toHaveBeenCalledTimes(1)
})

test('POST with an Idempotency-Key is retried', async () => {
  request.mockReturnValueOnce(answer(502, '')).mockReturnValueOnce(answer(201, '{"orderId":"o1"}'))
  const r = await send({ method: 'POST', url: '/orders', headers: { 'Idempotency-Key': 'k-12345678' } })
  expect(r).toEqual({ ok: true, status: 201, body: { orderId: 'o1' } })
  expect(isSafeToRetry({ method: 'DELETE' })).toBe(false)
})

test('a county error body is passed through and 4xx is not retried', async () => {
  request.mockReturnValue(answer(400, '{"code":"BIND_MISMATCH","message":"对不上"}'))
  const r = await send({ method: 'GET', url: '/x' })
  expect(r).toEqual({
    ok: false,
    failure: { kind: 'http', status: 400, body: { code: 'BIND_MISMATCH', message: '对不上' } }
  })
  expect(request).toHaveBeenCalledTimes(1)
})

test('a gateway 502 means the county system is unreachable', async () => {
  request.mockReturnValue(answer(502, '{"code":"UPSTREAM_UNAVAILABLE","message":"x"}'))
  const r = await send({ method: 'GET', url: '/x', retries: 0 })
  expect(r).toEqual({ ok: false, failure: { kind: 'unreachable', status: 502 } })
})

test('a request that never answers ends as a timeout (no endless spinner)', async () => {
  jest.useFakeTimers()
  try {
    const abort = jest.fn()
    request.mockReturnValue(Object.assign(new Promise(() => {}), { abort }))
    const p = send({ method: 'POST', url: '/x', timeoutMs: 1000 })
    await jest.advanceTimersByTimeAsync(1600)
    await expect(p).resolves.toEqual({ ok: false, failure: { kind: 'timeout' } })
    expect(abort).toHaveBeenCalled()
  } finally {
    jest.useRealTimers()
  }
})

test('when the phone is known to be offline nothing is sent', async () => {
  useNetwork.getState().setOnline(false)
  await expect(send({ method: 'GET', url: '/x' })).resolves.toEqual({ ok: false, failure: { kind: 'offline' } })
  expect(request).not.toHaveBeenCalled()
})

describe('a 429 that says how long to wait (Retry-After)', () => {
  const busy = (seconds: string) =>
    Promise.resolve({
      statusCode: 429,
      data: JSON.stringify({ code: 'BUSY', message: '排队的人多，请稍等，会自动再试' }),
      header: { 'retry-after': seconds }
    })
  const keyed = { method: 'POST' as const, url: '/v1/orders', body: {}, headers: { 'Idempotency-Key': 'k1' } }

  test('a short wait is waited out here, exactly as long as told, then the same request again', async () => {
    request.mockReturnValueOnce(busy('1')).mockReturnValueOnce(answer(201, '{"orderId":"o1"}'))
    await expect(send(keyed)).resolves.toMatchObject({ ok: true, status: 201 })
    expect(sleeps).toEqual([1000])
    expect(request.mock.calls[1][0].header).toMatchObject({ 'Idempotency-Key': 'k1' })
  })

  test('a long wait goes back to the screen at once: no sleeping, no second request', async () => {
    request.mockReturnValueOnce(busy('30'))
    const r = await send(keyed)
    expect(r).toEqual({
      ok: false,
      failure: { kind: 'http', status: 429, body: expect.objectContaining({ code: 'BUSY' }), retryAfterMs: 30000 }
    })
    expect(sleeps).toEqual([])
    expect(request).toHaveBeenCalledTimes(1)
  })

  test("without the header, the body's details.retryAfterSeconds says it", async () => {
    request.mockReturnValueOnce(
      answer(429, JSON.stringify({ code: 'BUSY', message: 'x', details: { retryAfterSeconds: 12 } }))
    )
    const r = await send(keyed)
    expect(r.ok === false && r.failure.kind === 'http' && r.failure.retryAfterMs).toBe(12000)
    expect(request).toHaveBeenCalledTimes(1)
  })
})
