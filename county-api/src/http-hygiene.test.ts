// HTTP hygiene (issue 15, item 9), each finding reproduced over HTTP: unknown fields, arrays
// taken for one value, prototype poisoning through the JSON parser, missing security headers,
// CORS beyond an allow-list, raw addresses with ID numbers and tokens in the request log.
import { makeIdNumber } from '../../src/shared/id-number'
import { spawnServer, type SpawnedServer } from './testing/spawn-server'
import { client, type Client } from './testing/client'

let server: SpawnedServer
let api: Client
let head: string

jest.setTimeout(30_000)

beforeAll(async () => {
  server = await spawnServer({ households: 8, env: { LOG_REQUESTS: '1' } })
  api = client(server.url)
  head = await api.wechat('head')
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

describe('what a client sends is taken as the contract says, or refused', () => {
  it('refuses a body field the contract does not name (it was silently accepted)', async () => {
    const r = await api.raw('POST', '/v1/auth/otp/request', { body: { phone: '13900000101', role: 'reviewer' } })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
    const order = await api.raw('POST', '/v1/orders', {
      token: head,
      headers: { 'idempotency-key': 'hygiene-extra-0001' },
      body: { householdId: 'hh_0001', year: 2027, channel: 'h5', amount: '0.01' }
    })
    expect(order.status).toBe(400)
  })

  it('refuses an unknown query parameter', async () => {
    const r = await api.raw('GET', '/v1/households/hh_0001/quote?year=2027&discount=1', { token: head })
    expect(r.status).toBe(400)
  })

  it('never takes an array for one value: in a body, or a repeated query parameter', async () => {
    const inBody = await api.raw('POST', '/v1/orders', {
      token: head,
      headers: { 'idempotency-key': 'hygiene-array-0001' },
      body: { householdId: ['hh_0001'], year: [2027], channel: 'h5' }
    })
    expect(inBody.status).toBe(400)
    const repeated = await api.raw('GET', '/v1/households/hh_0001/quote?year=2027&year=2027', { token: head })
    expect(repeated.status).toBe(400)
    // and a body's number is a number: "2027" is not a year there (a query string is text, and may say 2027)
    const text = await api.raw('POST', '/v1/orders', {
      token: head,
      headers: { 'idempotency-key': 'hygiene-text-00001' },
      body: { householdId: 'hh_0001', year: '2027', channel: 'h5' }
    })
    expect(text.status).toBe(400)
    expect((await api.raw('GET', '/v1/households/hh_0001/quote?year=2027', { token: head })).status).toBe(200)
  })

  it('refuses prototype poisoning in JSON (__proto__, constructor.prototype)', async () => {
    const proto = await api.raw('POST', '/v1/auth/wechat', {
      json: '{"code":"demo-poison","__proto__":{"role":"reviewer"}}'
    })
    expect(proto.status).toBe(400)
    expect(proto.body.code).toBe('BAD_REQUEST')
    const ctor = await api.raw('POST', '/v1/auth/wechat', {
      json: '{"code":"demo-poison","constructor":{"prototype":{"role":"reviewer"}}}'
    })
    expect(ctor.status).toBe(400)
    // and nothing was made of it: the same code still signs in as a villager
    expect((await api.ok('signInWechat', { body: { code: 'demo-poison' } })).me.role).toBe('villager')
  })
})

describe('answers', () => {
  it('carry security headers, errors included', async () => {
    for (const path of ['/health', '/v1/nothing-here']) {
      const res = await fetch(`${server.url}${path}`)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })

  it("are dated by the county's clock (the app takes today from it), also when the clock is moved", async () => {
    const dateOf = async () => Date.parse((await fetch(`${server.url}/health`)).headers.get('date') as string)
    const now = await api.now()
    expect(Math.abs((await dateOf()) - now)).toBeLessThan(5_000)
    const dayBefore = now - 86_400_000
    await api.setNow(dayBefore)
    try {
      expect(Math.abs((await dateOf()) - dayBefore)).toBeLessThan(5_000)
    } finally {
      await api.setNow(now)
    }
  })

  it('allow browsers only from the allow-list (development: the h5 dev server)', async () => {
    const ok = await fetch(`${server.url}/health`, { headers: { origin: 'http://localhost:10086' } })
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    const other = await fetch(`${server.url}/health`, { headers: { origin: 'https://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('tokens and ID numbers in addresses', () => {
  it('refuses a token in the URL, and logs neither it nor an ID number from an address', async () => {
    const idNumber = makeIdNumber('999901', '19700101', '123')
    const withToken = await api.raw('GET', `/v1/me?access_token=${head}`)
    expect(withToken.status).toBe(400)
    expect(withToken.body.message).toBe('登录凭证不能放在网址里')
    await api.raw('GET', `/v1/payee-lookup?idNumber=${idNumber}&token=${head}`)
    await api.raw('GET', `/v1/persons/${idNumber}/claims`, { token: head })
    // the log comes through a pipe from the server's process: wait until the last request's line is in
    const marker = '/v1/persons/'
    for (let i = 0; i < 250 && !server.logs().includes(marker); i++) await new Promise((r) => setTimeout(r, 20))
    const logs = server.logs()
    expect(logs).toContain('incoming request') // request logging is on
    expect(logs).not.toContain(head)
    expect(logs).not.toContain(idNumber)
    expect(logs).toContain('[REDACTED]')
  })
})
