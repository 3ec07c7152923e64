// Admission control through the real server: ADMISSION_RATE=2/minute admits two new payment
// flows of the county, then answers 429 BUSY with Retry-After until a place is free again (the
// county's clock is moved, nothing sleeps). A refusal writes nothing and spends no key.
import { spawnServer, type SpawnedServer } from './testing/spawn-server'
import { client, type Client } from './testing/client'
import { peek } from './testing/db-peek'
import { freshHousehold } from './testing/households'
import { makeAdmission, tokenBucket } from './admission'

jest.setTimeout(30_000)

let server: SpawnedServer
let api: Client

beforeAll(async () => {
  server = await spawnServer({ households: 20, env: { ADMISSION_RATE: '2/minute' } })
  api = client(server.url)
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

const createOrder = (token: string, householdId: string, key: string) =>
  api.call('createOrder', {
    body: { householdId, year: 2027, channel: 'h5' },
    token,
    headers: { 'idempotency-key': key }
  })

const ordersWithKey = (key: string) => peek(server.dbPath, 'SELECT id FROM orders WHERE idempotency_key = ?', key)
const orderCount = () => peek<{ n: number }>(server.dbPath, 'SELECT COUNT(*) AS n FROM orders')[0].n

it('admits flows under the rate, refuses the next with BUSY and Retry-After, and admits it once a place is free', async () => {
  const a = await freshHousehold(api, server.dbPath, 'adm-a')
  const b = await freshHousehold(api, server.dbPath, 'adm-b', { order: 'desc' })
  // under the rate: as always
  const first = await createOrder(a.token, a.householdId, 'adm-key-a')
  expect(first.status).toBe(201)
  expect((await createOrder(b.token, b.householdId, 'adm-key-b')).status).toBe(201)

  const c = await freshHousehold(api, server.dbPath, 'adm-c')
  const before = orderCount()
  const refused = await api.raw('POST', '/v1/orders', {
    token: c.token,
    body: { householdId: c.householdId, year: 2027, channel: 'h5' },
    headers: { 'idempotency-key': 'adm-key-c' }
  })
  expect(refused.status).toBe(429)
  expect(refused.body.code).toBe('BUSY')
  expect(refused.body.message).toBe('排队的人多，请稍等，会自动再试')
  // 2/minute: the next place is free in 30 s (the county's clock is pinned for the test, so ~30)
  const wait = refused.body.details.retryAfterSeconds as number
  expect(wait).toBeGreaterThanOrEqual(25)
  expect(wait).toBeLessThanOrEqual(30)
  expect(refused.headers.get('retry-after')).toBe(String(wait))
  // nothing half-done: no order, the key unspent
  expect(orderCount()).toBe(before)
  expect(ordersWithKey('adm-key-c')).toEqual([])

  // an admitted flow keeps its place: its key's replay is answered, never refused
  const replay = await createOrder(a.token, a.householdId, 'adm-key-a')
  expect(replay.status).toBe(200)
  expect(replay.data.orderId).toBe(first.data.orderId)

  // after the wait, the same request with the same key: exactly one order
  await api.setNow((await api.now()) + wait * 1000)
  const admitted = await createOrder(c.token, c.householdId, 'adm-key-c')
  expect(admitted.status).toBe(201)
  const again = await createOrder(c.token, c.householdId, 'adm-key-c')
  expect(again.status).toBe(200)
  expect(again.data.orderId).toBe(admitted.data.orderId)
  expect(ordersWithKey('adm-key-c')).toHaveLength(1)
})

describe('the token bucket', () => {
  it('admits a burst of one window, then one place per 1/rate, per county', () => {
    const bucket = tokenBucket({ count: 3, per: 'second' })
    const t = 1_000_000
    for (let i = 0; i < 3; i++) expect(bucket.admit('990101', t)).toEqual({ ok: true })
    const refused = bucket.admit('990101', t)
    expect(refused.ok).toBe(false)
    expect(refused.ok === false && Math.round(refused.retryAfterMs)).toBe(333)
    // another county has its own places
    expect(bucket.admit('990102', t)).toEqual({ ok: true })
    expect(bucket.admit('990101', t + 334)).toEqual({ ok: true })
    expect(bucket.admit('990101', t + 334).ok).toBe(false)
    // a clock moved back gives nothing back
    expect(bucket.admit('990101', t).ok).toBe(false)
  })

  it('shares the county rate among the workers of the machine (each admits its part)', () => {
    const t = 1_000_000
    const admitted = (a: ReturnType<typeof makeAdmission>) => {
      let n = 0
      while (a.admit('990101', t).ok) n++
      return n
    }
    expect(admitted(makeAdmission({ count: 300, per: 'second' }))).toBe(300)
    expect(admitted(makeAdmission({ count: 300, per: 'second' }, 2))).toBe(150)
    // never nothing: a worker keeps one place a window
    expect(admitted(makeAdmission({ count: 1, per: 'minute' }, 4))).toBe(1)
  })
})
