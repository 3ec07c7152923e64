// Abuse resistance (issue 15): each attack the issue found, reproduced over HTTP as an attacker
// would, and now refused. (HTTP hygiene — unknown fields, arrays, prototype poisoning, headers,
// logs — is in http-hygiene.test.ts; the in-memory limits' own bound in limits.test.ts.)
import fs from 'node:fs'
import path from 'node:path'
import { makeIdNumber } from '../../src/shared/id-number'
import { spawnServer, type SpawnedServer } from './testing/spawn-server'
import { client, DEV_OTP, type Client } from './testing/client'
import { peek } from './testing/db-peek'
import { freshHousehold, unboundHeads } from './testing/households'
import { maskPhone } from './mask'
import { TEST_NOTIFY_KEY } from './testing/notify'

let server: SpawnedServer
let api: Client
let head: string
let reviewer: string

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3, 4])

// Real server over HTTP on a shared machine: allow for a slow moment, never a hang.
jest.setTimeout(60_000)

beforeAll(async () => {
  server = await spawnServer({
    households: 40,
    // tighter than the defaults where the test would otherwise need many households or hours
    env: {
      ORDER_LIMIT: '4/hour',
      APPLICATION_LIMIT: '3/day',
      UPLOAD_LIMIT: '2/day',
      CONCERN_LIMIT: '1/day',
      GRANT_DAYS: '1',
      PAYMENT_NOTIFY_KEY: TEST_NOTIFY_KEY
    }
  })
  api = client(server.url)
  head = await api.wechat('head')
  reviewer = await api.wechat('reviewer')
}, 90_000)

afterAll(async () => {
  await server?.stop()
})

const headOf = (householdId: string) =>
  peek<{ id_number: string; name: string; household_number: string; phone: string | null }>(
    server.dbPath,
    'SELECT p.id_number, p.name, h.household_number, p.phone FROM households h JOIN persons p ON p.id = h.head_person_id WHERE h.id = ?',
    householdId
  )[0]

let keyN = 0
const key = () => ({ 'idempotency-key': `abuse-test-${Date.now()}-${++keyN}` })

describe('taking over a household with an ID number and a name', () => {
  it('is refused: the booklet number and the code to the roster phone are needed, and the head sees and removes the account', async () => {
    const h = headOf('hh_0001')
    const stranger = await api.wechat('stranger-bind')
    // what the attack sent: ID number and name only
    const only = await api.raw('POST', '/v1/households/bind', {
      token: stranger,
      body: { idNumber: h.id_number, name: h.name }
    })
    expect(only.status).toBe(400)
    // with the booklet number too, nothing is bound: the code goes to the head's phone on the roster
    const start = await api.ok('startBinding', {
      body: { idNumber: h.id_number, name: h.name, householdNumber: h.household_number },
      token: stranger
    })
    expect(start).toMatchObject({ method: 'sms', phoneMasked: maskPhone(h.phone as string) })
    expect((await api.ok('me', { token: stranger })).households).toEqual([])
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: stranger })).status).toBe(404)
    const wrong = await api.call('confirmBinding', {
      body: { requestId: start.requestId as string, code: '000000' },
      token: stranger
    })
    expect(wrong.error.code).toBe('OTP_INVALID')
    expect(wrong.error.message).toMatch(/还可以再试\d次/)

    // (had the stranger the phone too:) bound, the head is told, sees it and removes it
    const me = await api.ok('confirmBinding', {
      body: { requestId: start.requestId as string, code: DEV_OTP },
      token: stranger
    })
    expect(me.households[0]).toMatchObject({ householdId: 'hh_0001', relation: 'head' })
    const notices = await api.ok('listHouseholdNotifications', { params: { householdId: 'hh_0001' }, token: head })
    const notice = notices.notifications.find((n) => n.kind === 'new_binding')
    expect(notice).toMatchObject({ kind: 'new_binding', readAt: null, binding: { personName: h.name } })
    const list = await api.ok('listBindings', { params: { householdId: 'hh_0001' }, token: head })
    const theirs = list.accounts.find((a) => !a.isYou && a.via === 'sms_code')
    expect(theirs).toMatchObject({ channel: 'weapp', from: '127.0.0.*', personName: h.name, removedAt: null })
    expect(list.accounts.find((a) => a.isYou)).toMatchObject({ via: 'county' })
    const log = await api.ok('accessLog', { params: { householdId: 'hh_0001' }, token: head })
    expect(log.entries.map((e) => e.action)).toContain('bound_with_sms_code')

    const removed = await api.ok('removeBinding', { params: { bindingId: theirs!.bindingId }, token: head })
    expect(removed.removedAt).not.toBeNull()
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: stranger })).status).toBe(404)
    expect((await api.ok('me', { token: stranger })).households).toEqual([])
    // a member, or the removed account, cannot manage the household's bindings
    expect((await api.call('listBindings', { params: { householdId: 'hh_0001' }, token: stranger })).status).toBe(404)
  })

  it('a member without a phone of their own is bound only when the head approves from their own account', async () => {
    const wife = peek<{ id_number: string; name: string }>(
      server.dbPath,
      "SELECT id_number, name FROM persons WHERE household_id = 'hh_0001' AND name = '刘桂兰'"
    )[0]
    const t = await api.wechat('wife-asks')
    const start = await api.ok('startBinding', {
      body: { idNumber: wife.id_number, name: wife.name, householdNumber: headOf('hh_0001').household_number },
      token: t
    })
    expect(start.method).toBe('head_approval')
    expect(start.message).toMatch(/户主/)
    expect((await api.ok('me', { token: t })).households).toEqual([])
    // nobody but the head approves: the applicant cannot approve their own request
    expect(
      (await api.call('approveBindingRequest', { params: { requestId: start.requestId as string }, token: t })).status
    ).toBe(404)
    await api.ok('approveBindingRequest', { params: { requestId: start.requestId as string }, token: head })
    expect(
      (await api.ok('getBindingRequest', { params: { requestId: start.requestId as string }, token: t })).status
    ).toBe('bound')
    expect((await api.ok('me', { token: t })).households[0]).toMatchObject({
      householdId: 'hh_0001',
      relation: 'member'
    })
  })
})

describe('enumerating households through pay-for-others look-ups', () => {
  it('answers the total, masked names and the village only, and stops after 10 look-ups an account and an ID number', async () => {
    const targets = unboundHeads(server.dbPath, 2027, 'desc').slice(0, 11)
    expect(targets).toHaveLength(11)
    const prober = await api.wechat('prober')
    const first = await api.call('lookupPayee', { body: { idNumber: targets[0].id_number }, token: prober })
    expect(first.status).toBe(200)
    expect(Object.keys(first.data).sort()).toEqual(['householdId', 'membersMasked', 'total', 'village', 'year'])
    expect(first.data.membersMasked.every((n) => typeof n === 'string' && n.includes('*'))).toBe(true)
    expect(JSON.stringify(first.body)).not.toMatch(/due|categor|alreadyEnrolled/)
    for (const t of targets.slice(1, 10))
      expect((await api.call('lookupPayee', { body: { idNumber: t.id_number }, token: prober })).status).toBe(200)
    const refused = await api.call('lookupPayee', { body: { idNumber: targets[10].id_number }, token: prober })
    expect(refused.status).toBe(429)
    expect(refused.error.code).toBe('RATE_LIMITED')
    expect(refused.error.message).toMatch(/查找的次数太多了.*请\d+(分钟|小时)后再试/)
    // refused look-ups keep no new keys in memory
    const keys = async () => (await api.raw('GET', '/__test/limits')).body.keys as number
    const before = await keys()
    for (let i = 0; i < 30; i++)
      await api.call('lookupPayee', {
        body: { idNumber: makeIdNumber('999901', '19600101', String(100 + i)) },
        token: prober
      })
    expect(await keys()).toBe(before)

    // one ID number looked up 10 times (by several accounts) is not looked up again for a while
    const id = targets[10].id_number
    for (let i = 0; i < 10; i++)
      expect(
        (await api.call('lookupPayee', { body: { idNumber: id }, token: await api.wechat(`prober-${i}`) })).status
      ).toBe(200)
    expect(
      (await api.call('lookupPayee', { body: { idNumber: id }, token: await api.wechat('prober-x') })).status
    ).toBe(429)
  })
})

describe('paying for any year at today’s price', () => {
  it('quotes and orders only the year being collected', async () => {
    for (const year of [2100, 2031, 2028]) {
      const q = await api.call('getQuote', { params: { householdId: 'hh_0001' }, query: { year }, token: head })
      expect(q.status).toBe(409)
      expect(q.error.code).toBe('NOT_IN_COLLECTION_PERIOD')
      expect(q.error.message).toContain(`${year}年`)
    }
    const order = await api.call('createOrder', {
      body: { householdId: 'hh_0001', year: 2030, channel: 'h5' },
      token: head,
      headers: key()
    })
    expect(order.error.code).toBe('NOT_IN_COLLECTION_PERIOD')
    expect(
      (await api.call('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 2027 }, token: head })).status
    ).toBe(200)
  })
})

describe("blocking someone's payment with orders", () => {
  it("a stranger's open order does not stand in the household's way, paying closes it, and orders are limited per account", async () => {
    const own = await freshHousehold(api, server.dbPath, 'blocked')
    const stranger = await api.wechat('blocker')
    const theirs = await api.call('createOrder', {
      body: { payeeIdNumber: own.head.id_number, year: 2027, channel: 'h5' },
      token: stranger,
      headers: key()
    })
    expect(theirs.status).toBe(201)
    // renewing it: the same open order again, never a second one
    const again = await api.call('createOrder', {
      body: { payeeIdNumber: own.head.id_number, year: 2027, channel: 'h5' },
      token: stranger,
      headers: key()
    })
    expect(again.error.code).toBe('OPEN_ORDER_EXISTS')
    const mine = await api.call('createOrder', {
      body: { householdId: own.householdId, year: 2027, channel: 'h5' },
      token: own.token,
      headers: key()
    })
    expect(mine.status).toBe(201)
    await api.ok('startPayment', { params: { orderId: mine.data.orderId }, token: own.token })
    await api.call('cashierPay', { params: { orderId: mine.data.orderId } })
    expect((await api.ok('getOrder', { params: { orderId: mine.data.orderId }, token: own.token })).status).toBe(
      'confirmed'
    )
    const closed = await api.ok('getOrder', { params: { orderId: theirs.data.orderId }, token: stranger })
    expect(closed.status).toBe('expired')

    // the stranger's orders are limited (ORDER_LIMIT=4/hour here): after the first, 3 more, then refused
    const others = unboundHeads(server.dbPath, 2027, 'asc').slice(0, 4)
    expect(others).toHaveLength(4)
    const statuses: number[] = []
    for (const o of others)
      statuses.push(
        (
          await api.call('createOrder', {
            body: { payeeIdNumber: o.id_number, year: 2027, channel: 'h5' },
            token: stranger,
            headers: key()
          })
        ).status
      )
    expect(statuses).toEqual([201, 201, 201, 429])
  })
})

describe('one-time codes', () => {
  it('counts wrong codes per phone across re-sent codes and locks the phone, with a plain message', async () => {
    const phone = '13900000201'
    await api.ok('requestOtp', { body: { phone } })
    const wrong = () => api.call('verifyOtp', { body: { phone, code: '000000' } })
    for (let i = 0; i < 3; i++) expect((await wrong()).error.code).toBe('OTP_INVALID')
    // a new code used to reset the count
    await api.ok('requestOtp', { body: { phone } })
    expect((await wrong()).error.message).toContain('还可以再试1次')
    const last = await wrong()
    expect(last.error.message).toMatch(/输错的次数太多了.*请30分钟后再试/)
    // locked: even the right code, and no new code is sent
    const right = await api.call('verifyOtp', { body: { phone, code: DEV_OTP } })
    expect(right.status).toBe(429)
    expect(right.error.message).toContain('暂时不能用验证码')
    expect((await api.call('requestOtp', { body: { phone } })).status).toBe(429)
  })

  it('sends one phone at most 5 codes an hour (7,200 a day before)', async () => {
    const phone = '13900000202'
    for (let i = 0; i < 5; i++) await api.ok('requestOtp', { body: { phone } })
    const sixth = await api.call('requestOtp', { body: { phone } })
    expect(sixth.status).toBe(429)
    expect(sixth.error.message).toMatch(/验证码太多了，请\d+(分钟|小时)后再试/)
  })
})

describe('invitation codes and grants', () => {
  it('codes are 12 digits, guessing stops after 10 tries, and a grantee can leave (in the access log)', async () => {
    const inv = await api.ok('createInvitation', {
      params: { householdId: 'hh_0001' },
      body: { scopes: ['status'], ttlMinutes: 60 },
      token: head
    })
    expect(inv.code).toMatch(/^\d{12}$/)
    const guesser = await api.wechat('guesser')
    const tries: number[] = []
    for (let i = 0; i < 11; i++)
      tries.push(
        (await api.call('acceptInvitation', { body: { code: String(100000000000 + i) }, token: guesser })).status
      )
    expect(tries.slice(0, 10).every((s) => s === 404 || s === 400)).toBe(true)
    expect(tries[10]).toBe(429)
    // even the right code is refused to the guesser now
    expect((await api.call('acceptInvitation', { body: { code: inv.code }, token: guesser })).status).toBe(429)

    const son = await api.wechat('son-leaves')
    const grant = await api.ok('acceptInvitation', { body: { code: inv.code }, token: son })
    expect(Date.parse(grant.expiresAt) - Date.parse(grant.createdAt)).toBe(86_400_000) // GRANT_DAYS=1 here
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: son })).status).toBe(200)
    await api.ok('leaveHousehold', { params: { householdId: 'hh_0001' }, token: son })
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: son })).status).toBe(404)
    const log = await api.ok('accessLog', { params: { householdId: 'hh_0001' }, token: head })
    expect(log.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['grant_accepted', 'grant_left']))
    const grants = await api.ok('listGrants', { params: { householdId: 'hh_0001' }, token: head })
    expect(grants.grants.find((g) => g.grantId === grant.grantId)).toMatchObject({ ended: 'left' })
  })
})

describe('unbounded writes and data at rest', () => {
  const newborn = (n: number) => ({
    householdId: 'hh_0001',
    kind: 'add_newborn' as const,
    fields: {
      name: `王小${'一二三四五'[n]}`,
      idNumber: makeIdNumber('999901', '20260301', String(500 + n)),
      relation: '孙子'
    }
  })

  it('limits applications per account, stores documents encrypted and private, and audits reviewers’ reads', async () => {
    const made: string[] = []
    for (let n = 0; n < 3; n++) {
      const a = await api.call('createApplication', { body: newborn(n), token: head })
      expect(a.status).toBe(201)
      made.push(a.data.applicationId)
    }
    const fourth = await api.call('createApplication', { body: newborn(3), token: head })
    expect(fourth.status).toBe(429)
    expect(fourth.error.message).toContain('网上申请提交得太多了')

    // the database and the uploads are the server user's alone (on PostgreSQL: the uploads' folder;
    // the database is the database server's)
    const mode = (p: string) => fs.statSync(p).mode & 0o777
    if (!server.databaseUrl) expect(mode(server.dbPath)).toBe(0o600)
    expect(mode(path.dirname(server.dbPath))).toBe(0o700)

    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '出生证明.png')
    const up = await api.call('uploadDocument', {
      params: { applicationId: made[0] },
      form,
      token: head,
      headers: key()
    })
    expect(up.status).toBe(201)
    const [doc] = peek<{ id: string; path: string; encrypted: number }>(
      server.dbPath,
      'SELECT id, path, encrypted FROM documents WHERE application_id = ?',
      made[0]
    )
    expect(doc.encrypted).toBe(1)
    expect(mode(doc.path)).toBe(0o600)
    expect(mode(path.dirname(doc.path))).toBe(0o700)
    const stored = fs.readFileSync(doc.path)
    expect(stored.includes(PNG)).toBe(false) // not the photo's bytes
    expect(stored.subarray(0, 4).toString()).toBe('XQD1')

    // a reviewer gets the photo back, and the household's log says who looked at what
    const page = await api.ok('reviewList', { query: { limit: 2 }, token: reviewer })
    expect(page.applications).toHaveLength(2)
    expect(page.next).toEqual(expect.any(String))
    const next = await api.ok('reviewList', { query: { limit: 2, after: page.next as string }, token: reviewer })
    expect(next.applications.map((a) => a.applicationId)).not.toContain(page.applications[0].applicationId)
    const res = await fetch(`${server.url}/v1/review/documents/${doc.id}`, {
      headers: { authorization: `Bearer ${reviewer}` }
    })
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true)
    // a villager cannot read documents this way
    expect(
      (await fetch(`${server.url}/v1/review/documents/${doc.id}`, { headers: { authorization: `Bearer ${head}` } }))
        .status
    ).toBe(403)
    // uploads are limited per account too (UPLOAD_LIMIT=2/day here): one more, then refused
    const upload = () => {
      const f = new FormData()
      f.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'hukou.png')
      return api.call('uploadDocument', { params: { applicationId: made[1] }, form: f, token: head, headers: key() })
    }
    expect((await upload()).status).toBe(201)
    const third = await upload()
    expect(third.status).toBe(429)
    expect(third.error.message).toContain('上传的照片太多了')

    const log = await api.ok('accessLog', { params: { householdId: 'hh_0001' }, token: head })
    const actions = log.entries.map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['reviewer_read_application', 'reviewer_read_document']))
    expect(log.entries.find((e) => e.action === 'reviewer_read_document')?.scope).toBeNull()
  })
})

describe('reports on claims', () => {
  it('are limited per account (CONCERN_LIMIT=1/day here), with a plain way out', async () => {
    const [claim] = peek<{ id: string }>(
      server.dbPath,
      "SELECT c.id FROM claims c JOIN persons p ON p.id = c.person_id WHERE p.household_id = 'hh_0001' ORDER BY c.id LIMIT 1"
    )
    const report = () =>
      api.call('reportClaimConcern', {
        params: { claimId: claim.id },
        body: { kind: 'dispute', note: '金额不对' },
        token: head,
        headers: key()
      })
    expect((await report()).status).toBe(201)
    const second = await report()
    expect(second.status).toBe(429)
    expect(second.error.message).toContain('反映的问题太多了')
  })
})

describe('sessions', () => {
  it('"sign out on every phone" ends every session of the account', async () => {
    const phone = '13900000203'
    const a = await api.phone(phone)
    const b = await api.phone(phone)
    expect((await api.call('me', { token: b.token })).status).toBe(200)
    await api.ok('signOutEverywhere', { token: a.token })
    expect((await api.call('me', { token: a.token })).error.code).toBe('UNAUTHENTICATED')
    expect((await api.call('me', { token: b.token })).error.code).toBe('UNAUTHENTICATED')
  })

  // last: it moves the county's clock
  it('end after 2 hours unused, and a grant after GRANT_DAYS; expired sessions are purged', async () => {
    const idle = await api.wechat('idle')
    const idleUser = (await api.ok('me', { token: idle })).userId
    const used = await api.wechat('used')
    const now = await api.now()
    await api.setNow(now + 100 * 60_000)
    expect((await api.call('me', { token: used })).status).toBe(200) // used within the 2 hours: still on
    await api.setNow(now + 121 * 60_000)
    expect((await api.call('me', { token: idle })).error.code).toBe('SESSION_EXPIRED')
    expect((await api.call('me', { token: used })).status).toBe(200)
    // a grant runs out after GRANT_DAYS (1 here)
    const inv = await api.ok('createInvitation', {
      params: { householdId: 'hh_0001' },
      body: { scopes: ['status'] },
      token: await api.wechat('head')
    })
    const son = await api.wechat('son-expires')
    await api.ok('acceptInvitation', { body: { code: inv.code }, token: son })
    await api.setNow(now + 121 * 60_000 + 86_400_000 + 60_000)
    const sonAgain = await api.wechat('son-expires')
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: sonAgain })).status).toBe(404)
    expect((await api.ok('me', { token: sonAgain })).households).toEqual([])
    // the idle session was deleted when it was refused; the background job purges the rest
    const left = peek<{ n: number }>(server.dbPath, 'SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?', idleUser)
    expect(left[0].n).toBe(0)
  })

  it('the background job purges sessions that ended unused, and keeps those in use', async () => {
    const sessions = (userId: string) =>
      peek<{ n: number }>(server.dbPath, 'SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?', userId)[0].n
    const idle = await api.wechat('purge-idle')
    const used = await api.wechat('purge-used')
    const [idleUser, usedUser] = [
      (await api.ok('me', { token: idle })).userId,
      (await api.ok('me', { token: used })).userId
    ]
    const now = await api.now()
    await api.setNow(now + 100 * 60_000)
    await api.ok('me', { token: used })
    await api.runJobs()
    expect(sessions(idleUser)).toBe(1) // 100 minutes unused: not ended yet
    // past the idle time for one of them; nobody uses the ended session again, so only the job can remove it
    await api.setNow(now + 121 * 60_000)
    await api.runJobs()
    expect(sessions(idleUser)).toBe(0)
    expect(sessions(usedUser)).toBe(1)
    expect((await api.call('me', { token: used })).status).toBe(200)
  })
})
