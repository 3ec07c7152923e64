// Whether the county system counts as "working for us": answers we cannot use (garbage,
// a 5xx that is not the county's own error, a malformed body) raise the offline notice the
// same way as no answer at all; the county's own 4xx errors do not.
import Taro from '@tarojs/taro'
import { call, configureCountyClient } from './county-client'
import { configureTransport } from './transport'
import { resetNetworkForTests, useNetwork } from './network'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: string) => Promise.resolve({ statusCode, data, header: {} })

beforeEach(() => {
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  configureCountyClient({ baseUrl: '/county', token: () => 'tok-1', onSessionLost: jest.fn() })
})

test.each([
  ['malformed JSON', 200, '{"household": {"members": [1,, oops'],
  ['an HTML 500 page', 500, '<html>500 Internal Server Error</html>'],
  ['a body that breaks the contract', 200, JSON.stringify({ householdId: 1 })],
  ['"not modified" to a request that never asked (a stale ETag from a cache in between)', 304, ''],
  ['a redirect nobody followed (a captive portal)', 302, '<html>login</html>']
])('%s: not reachable, typed error, no data', async (_label, status, body) => {
  request.mockImplementation(() => answer(status, body))
  const r = await call('getHousehold', { params: { householdId: 'h1' } })
  expect(r.ok).toBe(false)
  expect(!r.ok && ['BAD_RESPONSE', 'SERVER_ERROR']).toContain(!r.ok && r.error.code)
  expect(useNetwork.getState().reachable).toBe(false)
})

test("the county's own 4xx error is an answer: still reachable", async () => {
  request.mockImplementation(() => answer(404, JSON.stringify({ code: 'NOT_FOUND', message: '没有找到相关信息' })))
  const r = await call('getHousehold', { params: { householdId: 'h1' } })
  expect(!r.ok && r.error.code).toBe('NOT_FOUND')
  expect(useNetwork.getState().reachable).toBe(true)
})

test("the county's own 5xx error (INTERNAL) also means: not working for us now, probe again", async () => {
  request.mockImplementation(() => answer(500, JSON.stringify({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' })))
  const r = await call('getHousehold', { params: { householdId: 'h1' }, retries: 0 })
  expect(!r.ok && r.error.code).toBe('INTERNAL')
  expect(useNetwork.getState().reachable).toBe(false)
})
