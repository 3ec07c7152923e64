import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'

let server: SpawnedServer
let api: Client
let head: string
let elder: string

// Real server over HTTP on a shared machine: allow for a slow moment, never a hang.
jest.setTimeout(30_000)

beforeAll(async () => {
  server = await spawnServer({ households: 30 })
  api = client(server.url)
  head = await api.wechat('head')
  elder = await api.wechat('elder')
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

describe('sign-in', () => {
  it('exchanges a demo WeChat code for a session bound to the demo villager', async () => {
    const r = await api.call('signInWechat', { body: { code: 'demo-head' } })
    expect(r.status).toBe(200)
    expect(r.data.token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    expect(r.data.expiresAt).toMatch(/\+08:00$/)
    expect(r.data.me).toMatchObject({ userId: 'u_head', displayName: '王建国', phoneMasked: '138****0001' })
  })

  it('rejects a code the provider does not accept, and a missing code', async () => {
    expect((await api.call('signInWechat', { body: { code: 'not-a-demo' } })).error.code).toBe('WECHAT_CODE_INVALID')
    const r = await api.raw('POST', '/v1/auth/wechat', { body: {} })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
  })

  it('signs in on h5 with phone + one-time code, logging only the masked phone', async () => {
    expect((await api.call('requestOtp', { body: { phone: '13800000002' } })).body).toEqual({
      sent: true,
      expiresInSeconds: 300
    })
    expect((await api.call('verifyOtp', { body: { phone: '13800000002', code: '000000' } })).error.code).toBe(
      'OTP_INVALID'
    )
    const ok = await api.call('verifyOtp', { body: { phone: '13800000002', code: '123456' } })
    expect(ok.status).toBe(200)
    expect(ok.data.me.displayName).toBe('李秀英')
    // the code is single use
    expect((await api.call('verifyOtp', { body: { phone: '13800000002', code: '123456' } })).error.code).toBe(
      'OTP_INVALID'
    )
    expect(server.logs()).toContain('138****0002')
    expect(server.logs()).not.toContain('13800000002')
  })

  it('rejects malformed phones', async () => {
    expect((await api.call('requestOtp', { body: { phone: '12345' } })).status).toBe(400)
  })

  it('signs out: the token stops working', async () => {
    const t = await api.wechat('head')
    expect((await api.call('me', { token: t })).status).toBe(200)
    expect((await api.call('signOut', { token: t })).body).toEqual({ ok: true })
    const after = await api.call('me', { token: t })
    expect(after.status).toBe(401)
    expect(after.error.code).toBe('UNAUTHENTICATED')
  })

  it('refuses requests without or with a forged token', async () => {
    expect((await api.call('me', {})).status).toBe(401)
    expect((await api.call('me', { token: 'forged-token' })).status).toBe(401)
  })

  it('expires sessions (server clock moved forward)', async () => {
    const t = await api.wechat('elder')
    const t0 = await api.now()
    await api.setNow(t0 + 8 * 24 * 3600_000)
    try {
      expect((await api.call('me', { token: t })).error.code).toBe('SESSION_EXPIRED')
    } finally {
      await api.setNow(t0) // back where it was
    }
  })
})

describe('households', () => {
  it('shows the head every member with full ID numbers and enrolments by year', async () => {
    const r = await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: head })
    expect(r.status).toBe(200)
    expect(r.data.viewer).toEqual({ relation: 'head', scopes: ['status', 'claims', 'pay'] })
    expect(r.data.members.length).toBeGreaterThanOrEqual(4)
    for (const m of r.data.members) {
      expect(m.idNumberMasked).toBe(false)
      expect(m.idNumber).toMatch(/^\d{17}[\dX]$/)
      expect(m.enrolments.length).toBeGreaterThanOrEqual(1)
    }
    const statuses = r.data.members.flatMap((m: any) => m.enrolments.map((e: any) => e.status))
    expect(statuses).toContain('enrolled')
    expect(statuses).toContain('lapsed')
    expect(r.data.accountBalance).toMatch(/^\d+\.\d{2}$/)
  })

  it("masks other members' ID numbers and phones for a non-head member", async () => {
    const t = await api.wechat('member-of-1')
    const hh = await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: head })
    const wife = hh.data.members.find((m) => m.name === '刘桂兰')!
    // she has no phone on the roster: the head approves her binding from his own account
    const me = await api.bind(
      t,
      { idNumber: wife.idNumber!, name: '刘桂兰', householdNumber: hh.data.householdNumber! },
      { headToken: head }
    )
    expect(me.households[0]).toMatchObject({ householdId: 'hh_0001', relation: 'member' })
    const r = await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: t })
    expect(r.data.viewer.relation).toBe('member')
    const headRow = r.data.members.find((m) => m.isHead)!
    expect(headRow.idNumber).toMatch(/^\d{3}\*+\d{3}[\dX]$/)
    expect(headRow.idNumberMasked).toBe(true)
    expect(headRow.phone).toBe('138****0001')
    const self = r.data.members.find((m) => m.name === '刘桂兰')!
    expect(self.idNumberMasked).toBe(false)
  })

  it('binds by ID number, name and booklet number, then the code to the roster phone, accepting middle-dot look-alikes', async () => {
    const headView = await api.call('getHousehold', {
      params: { householdId: 'hh_0004' },
      token: await api.wechat('migrant')
    })
    const person = headView.data.members.find((m) => m.name === '阿依古丽·买买提')!
    const t = await api.wechat('second-phone-of-migrant')
    const start = await api.call('startBinding', {
      body: {
        idNumber: person.idNumber!.toLowerCase(),
        name: '阿依古丽•买买提',
        householdNumber: ` ${headView.data.householdNumber!} `
      },
      token: t
    })
    expect(start.data).toMatchObject({ method: 'sms', phoneMasked: '138****0003' })
    expect(start.data.message).toContain('138****0003')
    const r = await api.call('confirmBinding', { body: { requestId: start.data.requestId!, code: '123456' }, token: t })
    expect(r.status).toBe(200)
    expect(r.data.households[0]).toMatchObject({ householdId: 'hh_0004', relation: 'head' })
  })

  it('refuses a wrong name, an unknown number, a wrong booklet number, a bad checksum, with one answer for the first three', async () => {
    const t = await api.wechat('prober')
    const hh = await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: head })
    const householdNumber = hh.data.householdNumber!
    const wrongName = await api.call('startBinding', {
      body: { idNumber: hh.data.members[0].idNumber!, name: '李四', householdNumber },
      token: t
    })
    expect(wrongName.error.code).toBe('BIND_MISMATCH')
    const unknown = await api.call('startBinding', {
      body: { idNumber: '11010519491231002X', name: '王建国', householdNumber },
      token: t
    })
    expect(unknown.body).toEqual(wrongName.body)
    const wrongBooklet = await api.call('startBinding', {
      body: { idNumber: hh.data.members[0].idNumber!, name: '王建国', householdNumber: '999901000002' },
      token: t
    })
    expect(wrongBooklet.body).toEqual(wrongName.body)
    const bad = await api.call('startBinding', {
      body: { idNumber: '110105194912310021', name: '王建国', householdNumber },
      token: t
    })
    expect(bad.status).toBe(400)
    expect(bad.error.details).toMatchObject({ problem: 'checksum' })
  })

  it('returns 404 for another household and for an unbound user', async () => {
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: elder })).status).toBe(404)
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: head })).status).toBe(404)
    expect(
      (await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: await api.wechat('stranger') }))
        .status
    ).toBe(404)
  })

  it('rejects ids with characters outside the id alphabet with 400', async () => {
    expect((await api.call('getHousehold', { params: { householdId: 'hh%20x' }, token: head })).status).toBe(400)
  })
})

describe('policy', () => {
  it('serves the policy in force with an ETag and answers 304 when unchanged', async () => {
    const r = await api.call('getPolicy', { query: { region: '999901', date: '2026-06-01' } })
    expect(r.status).toBe(200)
    expect(r.data.effectiveFrom <= '2026-06-01').toBe(true)
    expect(r.data.document).toBeTruthy()
    const etag = r.headers.get('etag') as string
    expect(etag).toMatch(/^".+"$/)
    expect(r.headers.get('cache-control')).toContain('max-age')
    const again = await api.call('getPolicy', {
      query: { region: '999901', date: '2026-06-01' },
      headers: { 'if-none-match': etag }
    })
    expect(again.status).toBe(304)
  })

  it('404s for an unknown region and 400s for a malformed one', async () => {
    expect((await api.call('getPolicy', { query: { region: '000000' } })).error.code).toBe('POLICY_NOT_FOUND')
    expect((await api.call('getPolicy', { query: { region: 'abc' } })).status).toBe(400)
  })
})

describe('CORS', () => {
  it("answers the h5 app's preflight, allowing Authorization and Idempotency-Key", async () => {
    const res = await fetch(`${server.url}/v1/orders`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:10086',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,idempotency-key,content-type'
      }
    })
    expect(res.status).toBeLessThan(300)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    expect((res.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain('idempotency-key')
  })

  it('refuses origins outside CORS_ORIGINS when it is set', async () => {
    const strict = await spawnServer({ households: 6, env: { CORS_ORIGINS: 'https://h5.example.cn' } })
    try {
      const ok = await fetch(`${strict.url}/health`, { headers: { origin: 'https://h5.example.cn' } })
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://h5.example.cn')
      const other = await fetch(`${strict.url}/health`, { headers: { origin: 'https://evil.example' } })
      expect(other.headers.get('access-control-allow-origin')).toBeNull()
    } finally {
      await strict.stop()
    }
  }, 60_000)
})

describe('logs', () => {
  it('never contain an ID number, a full phone or a token, after all of the above', async () => {
    const t = await api.wechat('head')
    await api.call('me', { token: t })
    const logs = server.logs()
    expect(logs).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/)
    expect(logs).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
    expect(logs).not.toContain(t)
  })
})

describe('contract', () => {
  it('serves the OpenAPI document with every route and the error codes', async () => {
    const r = await api.raw('GET', '/openapi.json')
    expect(r.body.openapi).toBe('3.1.0')
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining(['/v1/orders', '/v1/households/{householdId}', '/v1/payments/notify'])
    )
    expect(r.body['x-error-codes'].OPEN_ORDER_EXISTS.status).toBe(409)
  })

  it('answers unknown routes and broken JSON with the one error shape', async () => {
    const nf = await api.raw('GET', '/v1/nothing-here')
    expect(nf.status).toBe(404)
    expect(Object.keys(nf.body).sort()).toEqual(['code', 'message'])
    const broken = await api.call('signInWechat', { json: '{"code":' })
    expect(broken.status).toBe(400)
    expect(broken.error.code).toBe('BAD_REQUEST')
  })
})
