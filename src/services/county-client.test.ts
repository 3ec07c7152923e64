import Taro from '@tarojs/taro'
import { call, configureCountyClient, forgetPrefetched, prefetch } from './county-client'
import { configureTransport } from './transport'
import { resetNetworkForTests, useNetwork } from './network'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: typeof data === 'string' ? data : JSON.stringify(data), header: {} })

const household = {
  householdId: 'h1',
  householdNumber: null,
  regionCode: '510000',
  township: '城关镇',
  village: '青山村',
  headPersonId: 'p1',
  accountBalance: '120.50',
  members: [
    {
      personId: 'p1',
      name: '张三',
      idNumber: '110101199003071234',
      idNumberMasked: false,
      sex: 'male',
      birthDate: '1990-03-07',
      relation: '户主',
      categories: ['ordinary'],
      phone: null,
      isHead: true,
      enrolments: [
        {
          year: 2026,
          status: 'enrolled',
          payer: 'self',
          amountPaid: '380.00',
          coverageStart: '2026-01-01',
          coverageEnd: '2026-12-31',
          waitingPeriodEnd: null,
          benefitStart: '2026-01-01',
          benefitEnd: '2026-12-31',
          orderId: null
        }
      ]
    }
  ],
  viewer: { relation: 'head', scopes: ['status', 'claims', 'pay'] }
}

beforeEach(() => {
  forgetPrefetched()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  configureCountyClient({
    baseUrl: '/county',
    token: () => 'tok-1',
    onSessionLost: jest.fn(),
    pendingSignIn: () => null
  })
})

test('fills path params, sends the token and returns typed data', async () => {
  request.mockReturnValueOnce(answer(200, household))
  const r = await call('getHousehold', { params: { householdId: 'h 1' } })
  expect(r.ok && r.data.members[0].enrolments[0].amountPaid).toBe('380.00')
  const sent = request.mock.calls[0][0]
  expect(sent.url).toBe('/county/v1/households/h%201')
  expect(sent.header.authorization).toBe('Bearer tok-1')
})

test('query strings skip empty values', async () => {
  request.mockReturnValueOnce(
    answer(200, { regionCode: '510000', version: 'v1', effectiveFrom: '2026-01-01', effectiveTo: null, document: {} })
  )
  await call('getPolicy', { query: { region: '510000' } })
  expect(request.mock.calls[0][0].url).toBe('/county/v1/policy?region=510000')
})

test('a money figure sent as a number is refused as BAD_RESPONSE (no wrong number on screen)', async () => {
  request.mockReturnValueOnce(answer(200, { ...household, accountBalance: 120.5 }))
  const r = await call('getHousehold', { params: { householdId: 'h1' } })
  expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_RESPONSE', retryable: false }) })
})

test('an unknown status value is refused', async () => {
  const bad = {
    ...household,
    members: [{ ...household.members[0], enrolments: [{ ...household.members[0].enrolments[0], status: 'maybe' }] }]
  }
  request.mockReturnValueOnce(answer(200, bad))
  const r = await call('getHousehold', { params: { householdId: 'h1' } })
  expect(!r.ok && r.error.code).toBe('BAD_RESPONSE')
})

test('county error codes keep their Chinese message; the session-lost hook runs on 401', async () => {
  const lost = jest.fn()
  configureCountyClient({ onSessionLost: lost })
  request.mockReturnValueOnce(answer(401, { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' }))
  const r = await call('me', {})
  expect(r).toEqual({
    ok: false,
    error: expect.objectContaining({
      code: 'SESSION_EXPIRED',
      message: '登录已过期，请重新登录',
      retryable: false,
      status: 401
    })
  })
  expect(lost).toHaveBeenCalledTimes(1)
})

test('an unknown error body becomes SERVER_ERROR', async () => {
  request.mockReturnValueOnce(answer(418, 'teapot'))
  const r = await call('signOut', {})
  expect(!r.ok && r.error.code).toBe('SERVER_ERROR')
})

test('connectivity failures mark the county unreachable, and success marks it back', async () => {
  request.mockReturnValue(answer(502, ''))
  const r = await call('me', { retries: 0 })
  expect(!r.ok && r.error).toMatchObject({ code: 'UNREACHABLE', retryable: true })
  expect(useNetwork.getState().reachable).toBe(false)
  request.mockReturnValue(
    answer(200, { userId: 'u1', role: 'villager', personId: null, displayName: 'x', phoneMasked: null, households: [] })
  )
  expect((await call('me', {})).ok).toBe(true)
  expect(useNetwork.getState().reachable).toBe(true)
})

test('createOrder sends the Idempotency-Key header', async () => {
  request.mockReturnValueOnce(answer(201, { orderId: 'o1' }))
  await call('createOrder', { body: { householdId: 'h1', year: 2026, channel: 'h5' }, idempotencyKey: 'key-12345678' })
  expect(request.mock.calls[0][0].header['idempotency-key']).toBe('key-12345678')
})

test('calls wait for a sign-in under way, so they carry the new token', async () => {
  let token: string | null = null
  let finish: () => void = () => {}
  const pending = new Promise<void>((resolve) => {
    finish = () => {
      token = 'fresh'
      resolve()
    }
  })
  configureCountyClient({ token: () => token, pendingSignIn: () => pending })
  request.mockReturnValue(
    answer(200, { userId: 'u1', role: 'villager', personId: null, displayName: 'x', phoneMasked: null, households: [] })
  )
  const p = call('me', {})
  await Promise.resolve()
  expect(request).not.toHaveBeenCalled()
  finish()
  await p
  expect(request.mock.calls[0][0].header.authorization).toBe('Bearer fresh')
  configureCountyClient({ pendingSignIn: () => null })
})

test('a prefetched GET is taken once by the first matching call; later calls ask again', async () => {
  request.mockImplementation(() => answer(200, household))
  prefetch('getHousehold', { params: { householdId: 'h1' } })
  expect(request).toHaveBeenCalledTimes(1)
  const first = await call('getHousehold', { params: { householdId: 'h1' } })
  expect(first.ok).toBe(true)
  expect(request).toHaveBeenCalledTimes(1) // joined the prefetch
  await call('getHousehold', { params: { householdId: 'h1' } })
  expect(request).toHaveBeenCalledTimes(2) // e.g. 下拉刷新: the county is asked again
  // a screen asked for h1 just now: prefetching it again would only duplicate that answer
  prefetch('getHousehold', { params: { householdId: 'h1' } })
  expect(request).toHaveBeenCalledTimes(2)
  // another household, or another signed-in user, never takes a prefetch
  forgetPrefetched()
  prefetch('getHousehold', { params: { householdId: 'h1' } })
  await call('getHousehold', { params: { householdId: 'h2' } })
  configureCountyClient({ token: () => 'tok-2' })
  await call('getHousehold', { params: { householdId: 'h1' } })
  expect(request).toHaveBeenCalledTimes(5)
})

test('a screen that asked before the prefetch (during the silent sign-in) is never answered with the older prefetch later', async () => {
  let balance = '1.00'
  request.mockImplementation(() => answer(200, { ...household, accountBalance: balance }))
  let token: string | null = null
  let signedIn!: () => void
  const pending = new Promise<void>((r) => {
    signedIn = r
  })
  configureCountyClient({ token: () => token, pendingSignIn: () => (token ? null : pending) })
  const screen = call('getHousehold', { params: { householdId: 'h1' } }) // waits for the sign-in
  token = 'tok-9'
  signedIn()
  const first = await screen
  expect(first.ok && first.data.accountBalance).toBe('1.00')
  prefetch('getHousehold', { params: { householdId: 'h1' } }) // resumeSession, a moment later
  balance = '2.00'
  const pulled = await call('getHousehold', { params: { householdId: 'h1' } }) // 下拉刷新
  expect(pulled.ok && pulled.data.accountBalance).toBe('2.00')
  expect(request).toHaveBeenCalledTimes(2)
})

test('a prefetched answer older than 10 s is not used', async () => {
  request.mockImplementation(() => answer(200, household))
  const now = jest.spyOn(Date, 'now')
  now.mockReturnValue(1_000_000)
  prefetch('getHousehold', { params: { householdId: 'h1' } })
  now.mockReturnValue(1_011_000)
  await call('getHousehold', { params: { householdId: 'h1' } })
  expect(request).toHaveBeenCalledTimes(2)
  now.mockRestore()
})
