import Decimal from 'decimal.js'
import { spawnServer, tempDbPath, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'
import { peek } from '../testing/db-peek'
import { signedNotify, TEST_NOTIFY_KEY } from '../testing/notify'
import { isoTime } from '../clock'

const ENV = { PAYMENT_NOTIFY_KEY: TEST_NOTIFY_KEY }
let server: SpawnedServer
let api: Client
let head: string
let elder: string
let keyN = 0
const key = () => `test-key-${Date.now()}-${++keyN}`

async function createOrder(token: string, body: Record<string, unknown>, idem = key()) {
  return api.post('/v1/orders', { channel: 'h5', ...body }, token, { 'idempotency-key': idem })
}

function fen(amount: string): number {
  return new Decimal(amount).mul(100).toNumber()
}

/** Paid now by the county's clock unless the test says when. */
async function notify(
  fields: Omit<Parameters<typeof signedNotify>[0], 'paidAt'> & { paidAt?: string },
  signKey?: string
) {
  const n = signedNotify({ ...fields, paidAt: fields.paidAt ?? isoTime(await api.now()) }, signKey)
  return api.call('POST', '/v1/payments/notify', { body: n.body, headers: { 'x-notify-signature': n.signature } })
}

// Real server over HTTP on a shared machine: allow for a slow moment, never a hang.
jest.setTimeout(30_000)

beforeAll(async () => {
  server = await spawnServer({ households: 40, env: ENV })
  api = client(server.url)
  head = await api.wechat('head')
  elder = await api.wechat('elder')
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

describe('quote', () => {
  it('quotes the household with the calculator: lines add up to the total', async () => {
    const r = await api.get('/v1/households/hh_0001/quote?year=2027', head)
    expect(r.status).toBe(200)
    expect(r.body.policyVersion).toBe('2027.1')
    const sum = r.body.lines.reduce((s: Decimal, l: any) => s.plus(l.due), new Decimal(0))
    expect(sum.toFixed(2)).toBe(r.body.total)
    expect(r.body.payable).toBe(true)
    for (const l of r.body.lines) expect(l.due).toMatch(/^\d+\.\d{2}$/)
    expect(r.body.calculation.policyVersion).toBe('2027.1')
  })

  it("404s another household's quote and 400s a bad year", async () => {
    expect((await api.get('/v1/households/hh_0001/quote?year=2027', elder)).status).toBe(404)
    expect((await api.get('/v1/households/hh_0001/quote?year=99', head)).status).toBe(400)
    // a year before any policy: the calculator's refusal becomes POLICY_NOT_FOUND, not a 500
    const early = await api.get('/v1/households/hh_0001/quote?year=2001', head)
    expect(early.status).toBe(404)
    expect(early.body.code).toBe('POLICY_NOT_FOUND')
  })
})

describe('orders', () => {
  it('the same Idempotency-Key twice gives the same order; a different body with it is refused', async () => {
    const k = key()
    const a = await createOrder(elder, { householdId: 'hh_0002', year: 2027 }, k)
    expect(a.status).toBe(201)
    const b = await createOrder(elder, { householdId: 'hh_0002', year: 2027 }, k)
    expect(b.status).toBe(200)
    expect(b.body.orderId).toBe(a.body.orderId)
    const c = await createOrder(elder, { householdId: 'hh_0002', year: 2027, channel: 'weapp' }, k)
    expect(c.body.code).toBe('IDEMPOTENCY_KEY_REUSED')
    // a second key while the first order is open
    const d = await createOrder(elder, { householdId: 'hh_0002', year: 2027 })
    expect(d.status).toBe(409)
    expect(d.body).toMatchObject({ code: 'OPEN_ORDER_EXISTS', details: { orderId: a.body.orderId } })
  })

  it('requires the Idempotency-Key header', async () => {
    const r = await api.post('/v1/orders', { householdId: 'hh_0002', year: 2027, channel: 'h5' }, elder)
    expect(r.status).toBe(400)
  })

  it('50 concurrent creations for one household-year make exactly one order', async () => {
    const t = await api.wechat('concurrency')
    const hh = await api.get('/v1/households/hh_0001', head)
    const bind = await api.post(
      '/v1/households/bind',
      { idNumber: hh.body.members[1].idNumber, name: hh.body.members[1].name },
      t
    )
    expect(bind.status).toBe(200)
    const results = await Promise.all(
      Array.from({ length: 50 }, () => createOrder(t, { householdId: 'hh_0001', year: 2028 }))
    )
    const created = results.filter((r) => r.status === 201)
    expect(created).toHaveLength(1)
    expect(results.filter((r) => r.status === 409 && r.body.code === 'OPEN_ORDER_EXISTS')).toHaveLength(49)
    const rows = peek<{ n: number }>(
      server.dbPath,
      `SELECT COUNT(*) AS n FROM orders WHERE household_id = 'hh_0001' AND year = 2028`
    )
    expect(rows[0].n).toBe(1)
    // and 50 concurrent retries of one key all return that one order
    const k = key()
    const same = await Promise.all(
      Array.from({ length: 50 }, () => createOrder(t, { householdId: 'hh_0001', year: 2029 }, k))
    )
    expect(new Set(same.map((r) => r.body.orderId)).size).toBe(1)
    expect(same.filter((r) => r.status === 201)).toHaveLength(1)
  })

  it("refuses another household's orders: create, read, pay, receipt, list", async () => {
    const mine = await createOrder(head, { householdId: 'hh_0001', year: 2027 })
    expect(mine.status).toBe(201)
    expect((await createOrder(elder, { householdId: 'hh_0001', year: 2027 })).status).toBe(404)
    expect((await api.get(`/v1/orders/${mine.body.orderId}`, elder)).status).toBe(404)
    expect((await api.post(`/v1/orders/${mine.body.orderId}/pay`, {}, elder)).status).toBe(404)
    expect((await api.get(`/v1/orders/${mine.body.orderId}/receipt`, elder)).status).toBe(404)
    expect((await api.get('/v1/households/hh_0001/orders', elder)).status).toBe(404)
    expect((await api.get('/v1/orders/ord_doesnotexist', head)).status).toBe(404)
  })

  it('pays through the simulated cashier: created → paying → confirmed, with a receipt naming every member', async () => {
    const list = await api.get('/v1/households/hh_0001/orders', head)
    const order = list.body.orders.find((o: any) => o.year === 2027 && o.status === 'created')
    expect(order).toBeTruthy()
    const start = await api.post(`/v1/orders/${order.orderId}/pay`, {}, head)
    expect(start.status).toBe(200)
    expect(start.body.provider).toBe('simulated')
    expect(start.body.cashier.amount).toBe(order.amount)
    expect((await api.get(`/v1/orders/${order.orderId}`, head)).body.status).toBe('paying')
    expect((await api.get(`/v1/orders/${order.orderId}/receipt`, head)).body.code).toBe('CONFLICT')
    const paid = await api.post(new URL(start.body.cashier.payUrl).pathname, {})
    expect(paid.body).toEqual({ ok: true })
    const after = await api.get(`/v1/orders/${order.orderId}`, head)
    expect(after.body.status).toBe('confirmed')
    expect(after.body.receiptNumber).toMatch(/^\d{6}-2027-\d{8}$/)
    const receipt = await api.get(`/v1/orders/${order.orderId}/receipt`, head)
    expect(receipt.body.persons.map((p: any) => p.name).sort()).toEqual(order.persons.map((p: any) => p.name).sort())
    expect(receipt.body.persons.every((p: any) => /^\d{17}[\dX]$/.test(p.idNumber))).toBe(true) // the head sees full numbers
    const hh = await api.get('/v1/households/hh_0001', head)
    for (const p of order.persons) {
      const m = hh.body.members.find((x: any) => x.personId === p.personId)
      expect(m.enrolments.find((e: any) => e.year === 2027)).toMatchObject({
        status: 'enrolled',
        orderId: order.orderId,
        amountPaid: p.due
      })
    }
    // paid: no new order for that year
    expect((await createOrder(head, { householdId: 'hh_0001', year: 2027 })).body.code).toBe('ALREADY_PAID')
  })

  it('gives the weapp channel the wx.requestPayment parameter shape', async () => {
    const o = await createOrder(elder, { householdId: 'hh_0002', year: 2027, channel: 'weapp' })
    const id = o.body.orderId ?? o.body.details?.orderId
    const r = await api.post(`/v1/orders/${id}/pay`, {}, elder)
    expect(r.status).toBe(200)
    expect(r.body.wechat ?? r.body.cashier).toBeTruthy()
    if (r.body.wechat) {
      expect(Object.keys(r.body.wechat).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp'])
      expect(r.body.wechat.package).toMatch(/^prepay_id=/)
    }
  })

  it('the cashier can fail or abandon; failed orders can be replaced', async () => {
    const t = await api.wechat('grantee')
    const o = await createOrder(t, { householdId: 'hh_0005', year: 2027 })
    expect(o.status).toBe(201)
    await api.post(`/v1/orders/${o.body.orderId}/pay`, {}, t)
    expect((await api.post(`/v1/sim-cashier/orders/${o.body.orderId}/abandon`, {})).body).toEqual({ ok: true })
    expect((await api.get(`/v1/orders/${o.body.orderId}`, t)).body.status).toBe('created')
    await api.post(`/v1/orders/${o.body.orderId}/pay`, {}, t)
    await api.post(`/v1/sim-cashier/orders/${o.body.orderId}/fail`, {})
    const failed = await api.get(`/v1/orders/${o.body.orderId}`, t)
    expect(failed.body.status).toBe('failed')
    expect((await api.post(`/v1/orders/${o.body.orderId}/pay`, {}, t)).body.code).toBe('CONFLICT')
    expect((await createOrder(t, { householdId: 'hh_0005', year: 2027 })).status).toBe(201)
    expect((await api.post('/v1/sim-cashier/orders/ord_nope/pay', {})).status).toBe(404)
  })
})

describe('payment notify', () => {
  async function payingOrder(token: string, householdId: string, year: number) {
    const o = await createOrder(token, { householdId, year })
    expect(o.status).toBe(201)
    await api.post(`/v1/orders/${o.body.orderId}/pay`, {}, token)
    return o.body
  }

  it('a forged or tampered notice is refused and changes nothing', async () => {
    const o = await payingOrder(head, 'hh_0001', 2030)
    const forged = await notify({ orderId: o.orderId, amountFen: fen(o.amount) }, 'wrong-key')
    expect(forged.status).toBe(400)
    expect(forged.body.code).toBe('SIGNATURE_INVALID')
    const n = signedNotify({ orderId: o.orderId, amountFen: fen(o.amount), paidAt: isoTime(await api.now()) })
    const tampered = await api.call('POST', '/v1/payments/notify', {
      body: n.body.replace(String(fen(o.amount)), '1'),
      headers: { 'x-notify-signature': n.signature }
    })
    expect(tampered.body.code).toBe('SIGNATURE_INVALID')
    const unsigned = await api.call('POST', '/v1/payments/notify', { body: n.body })
    expect(unsigned.status).toBe(400)
    expect((await api.get(`/v1/orders/${o.orderId}`, head)).body.status).toBe('paying')
  })

  it('the same notice twice confirms once', async () => {
    const o = await payingOrder(head, 'hh_0001', 2031)
    const n = signedNotify({ orderId: o.orderId, amountFen: fen(o.amount), paidAt: isoTime(await api.now()) })
    const send = () =>
      api.call('POST', '/v1/payments/notify', { body: n.body, headers: { 'x-notify-signature': n.signature } })
    const [a, b] = await Promise.all([send(), send()])
    expect(a.body.code).toBe('SUCCESS')
    expect(b.body.code).toBe('SUCCESS')
    expect((await send()).body.code).toBe('SUCCESS')
    const after = await api.get(`/v1/orders/${o.orderId}`, head)
    expect(after.body.status).toBe('confirmed')
    const notices = peek<{ outcome: string }>(
      server.dbPath,
      'SELECT outcome FROM payment_notices WHERE order_id = ?',
      o.orderId
    )
    expect(notices).toEqual([{ outcome: 'paid' }])
    const receipts = peek<{ n: number }>(
      server.dbPath,
      'SELECT COUNT(DISTINCT receipt_number) AS n FROM orders WHERE id = ?',
      o.orderId
    )
    expect(receipts[0].n).toBe(1)
  })

  it('money that does not match the order is paid_not_matched, visible to reviewers', async () => {
    const o = await payingOrder(head, 'hh_0001', 2032)
    await notify({ orderId: o.orderId, amountFen: fen(o.amount) - 1 })
    const after = await api.get(`/v1/orders/${o.orderId}`, head)
    expect(after.body.status).toBe('paid_not_matched')
    expect(after.body.failureReason).toContain('不符')
    const reviewer = await api.wechat('reviewer')
    const list = await api.get('/v1/review/orders/unmatched', reviewer)
    expect(list.body.orders.map((x: any) => x.orderId)).toContain(o.orderId)
    expect((await api.get('/v1/review/orders/unmatched', head)).status).toBe(403)
  })

  it('late money for an expired order whose members were paid meanwhile is paid_not_matched, and retried', async () => {
    const t = await api.wechat('migrant')
    const first = await payingOrder(t, 'hh_0004', 2027)
    const t0 = await api.now()
    // 31 minutes later the first order has expired
    await api.setNow(t0 + 31 * 60_000)
    try {
      expect((await api.get(`/v1/orders/${first.orderId}`, t)).body.status).toBe('expired')
      const second = await payingOrder(t, 'hh_0004', 2027)
      await api.post(`/v1/sim-cashier/orders/${second.orderId}/pay`, {})
      expect((await api.get(`/v1/orders/${second.orderId}`, t)).body.status).toBe('confirmed')
      await notify({ orderId: first.orderId, amountFen: fen(first.amount) })
      const late = await api.get(`/v1/orders/${first.orderId}`, t)
      expect(late.body.status).toBe('paid_not_matched')
      expect(late.body.failureReason).toContain('已经缴费')
      const reviewer = await api.wechat('reviewer')
      const retried = await api.post(`/v1/review/orders/${first.orderId}/retry`, {}, reviewer)
      expect(retried.body.status).toBe('paid_not_matched')
      expect((await api.post(`/v1/review/orders/${second.orderId}/retry`, {}, reviewer)).body.code).toBe('CONFLICT')
    } finally {
      await api.setNow(t0) // back where it was
    }
  })
})

describe('paying for another household', () => {
  it('a migrant child pays for her parents by ID number, seeing only masked names', async () => {
    const t = await api.wechat('migrant')
    const [parent] = peek<{ id_number: string }>(
      server.dbPath,
      `SELECT id_number FROM persons WHERE household_id = 'hh_0003' ORDER BY id LIMIT 1`
    )
    const look = await api.post('/v1/payee-lookup', { idNumber: parent.id_number, year: 2027 }, t)
    expect(look.status).toBe(200)
    expect(look.body.householdId).toBe('hh_0003')
    expect(look.body.membersMasked.map((m: any) => m.nameMasked)).toEqual(['买**·**', '古***·***'])
    expect(JSON.stringify(look.body)).not.toContain('艾力')
    const o = await createOrder(t, { payeeIdNumber: parent.id_number, year: 2027 })
    expect(o.status).toBe(201)
    expect(o.body.payerIsHousehold).toBe(false)
    expect(o.body.payerNameMasked).toBe('阿***·***')
    expect(o.body.persons.every((p: any) => p.name.includes('*'))).toBe(true)
    await api.post(`/v1/orders/${o.body.orderId}/pay`, {}, t)
    await api.post(`/v1/sim-cashier/orders/${o.body.orderId}/pay`, {})
    const receipt = await api.get(`/v1/orders/${o.body.orderId}/receipt`, t)
    expect(receipt.status).toBe(200)
    expect(receipt.body.persons.every((p: any) => p.name.includes('*') && p.idNumber.includes('*'))).toBe(true)
    // paying does not open the household to her
    expect((await api.get('/v1/households/hh_0003', t)).status).toBe(404)
  })

  it('an unknown or invalid payee ID number is refused', async () => {
    const t = await api.wechat('migrant')
    expect((await api.post('/v1/payee-lookup', { idNumber: '11010519491231002X' }, t)).status).toBe(404)
    expect((await api.post('/v1/payee-lookup', { idNumber: '110105194912310021' }, t)).status).toBe(400)
    expect((await createOrder(t, { year: 2027 })).status).toBe(400)
  })
})

describe('who pays, and when the county takes payments (issues 6/8)', () => {
  /** A new user bound to the head of a household that has nothing paid, pending or open for 2027. */
  async function freshHousehold(): Promise<{ householdId: string; token: string }> {
    const rows = peek<{ household_id: string; id_number: string; name: string }>(
      server.dbPath,
      `
      SELECT h.id AS household_id, p.id_number, p.name FROM households h JOIN persons p ON p.id = h.head_person_id
      WHERE h.id > 'hh_0010' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.household_id = h.id AND o.year = 2027)
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM enrolments e JOIN persons q ON q.id = e.person_id WHERE q.household_id = h.id AND e.year = 2027 AND e.status != 'lapsed')
      ORDER BY h.id`
    )
    const h = rows[0]
    const token = await api.wechat(`fresh-${h.household_id.replace(/_/g, '-')}`)
    expect((await api.post('/v1/households/bind', { idNumber: h.id_number, name: h.name }, token)).status).toBe(200)
    return { householdId: h.household_id, token }
  }

  it("orders and receipts carry the payer's masked name and the paid-at time", async () => {
    const o = await createOrder(elder, { householdId: 'hh_0002', year: 2028 })
    expect(o.status).toBe(201)
    expect(o.body.payerNameMasked).toBe('李**')
    expect(o.body.paidAt).toBeNull()
    await api.post(`/v1/orders/${o.body.orderId}/pay`, {}, elder)
    await api.post(`/v1/sim-cashier/orders/${o.body.orderId}/pay`, {})
    const after = await api.get(`/v1/orders/${o.body.orderId}`, elder)
    expect(after.body).toMatchObject({ status: 'confirmed', payerNameMasked: '李**' })
    expect(after.body.paidAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/)
    const receipt = await api.get(`/v1/orders/${o.body.orderId}/receipt`, elder)
    expect(receipt.body).toMatchObject({ payerNameMasked: '李**', paidAt: after.body.paidAt })
    // the seeded payments were made by the household's head
    const seeded = (await api.get('/v1/households/hh_0002/orders', elder)).body.orders.filter((x: any) =>
      x.orderId.startsWith('ord_seed_')
    )
    expect(seeded.length).toBeGreaterThan(0)
    for (const x of seeded) expect(x.payerNameMasked).toBe('李**')
  })

  it('OPEN_ORDER_EXISTS says who started the payment (masked) and when; the order id only to its payer', async () => {
    const mine = await createOrder(head, { householdId: 'hh_0001', year: 2033 })
    expect(mine.status).toBe(201)
    const grantee = await api.wechat('grantee')
    const other = await createOrder(grantee, { householdId: 'hh_0001', year: 2033 })
    expect(other.status).toBe(409)
    expect(other.body.code).toBe('OPEN_ORDER_EXISTS')
    expect(other.body.details).toEqual({
      startedByYou: false,
      payerNameMasked: '王**',
      startedAt: mine.body.createdAt,
      expiresAt: mine.body.expiresAt
    })
    const again = await createOrder(head, { householdId: 'hh_0001', year: 2033 })
    expect(again.body.details).toEqual({
      orderId: mine.body.orderId,
      startedByYou: true,
      payerNameMasked: '王**',
      startedAt: mine.body.createdAt,
      expiresAt: mine.body.expiresAt
    })
    expect(JSON.stringify(other.body)).not.toContain('王建国')
  })

  it('a year whose collection window is over (and too late for any benefit) is NOT_IN_COLLECTION_PERIOD, with the window', async () => {
    // 王志强 (hh_0001) stopped paying in 2026: the 2026 window closed on 2025-12-31
    const q = await api.get('/v1/households/hh_0001/quote?year=2026', head)
    expect(q.body.payable).toBe(false)
    expect(q.body.issues[0].code).toBe('NOT_IN_COLLECTION_PERIOD')
    const o = await createOrder(head, { householdId: 'hh_0001', year: 2026 })
    expect(o.status).toBe(409)
    expect(o.body.code).toBe('NOT_IN_COLLECTION_PERIOD')
    expect(o.body.details).toMatchObject({
      year: 2026,
      collectionPeriod: { start: '2025-09-01', end: '2025-12-31' },
      reason: 'closed'
    })
    expect(o.body.message).toContain('2025年9月1日')
    expect(
      peek(
        server.dbPath,
        `SELECT COUNT(*) AS n FROM orders WHERE household_id = 'hh_0001' AND year = 2026 AND payer_user_id != 'u_county'`
      )
    ).toEqual([{ n: 0 }])
  })

  it("before the window opens it is NOT_IN_COLLECTION_PERIOD; after it closes the policy's late payment (waiting period) is taken", async () => {
    const t0 = await api.now()
    try {
      // sign-in and binding after each move of the county's clock: sessions are dated by it
      await api.setNow('2026-08-20T10:00:00+08:00')
      const early = await freshHousehold()
      const e = await createOrder(early.token, { householdId: early.householdId, year: 2027 })
      expect(e.status).toBe(409)
      expect(e.body.code).toBe('NOT_IN_COLLECTION_PERIOD')
      expect(e.body.details).toMatchObject({
        year: 2027,
        collectionPeriod: { start: '2026-09-01', end: '2026-12-31' },
        today: '2026-08-20',
        reason: 'not_open_yet'
      })

      await api.setNow('2027-02-15T10:00:00+08:00')
      const late = await freshHousehold()
      const q = await api.get(`/v1/households/${late.householdId}/quote?year=2027`, late.token)
      expect(q.body.payable).toBe(true)
      expect(q.body.issues.map((i: any) => i.code)).toContain('OUTSIDE_COLLECTION')
      expect(q.body.lines.every((l: any) => l.benefitStart > '2027-02-15')).toBe(true)
      expect((await createOrder(late.token, { householdId: late.householdId, year: 2027 })).status).toBe(201)
    } finally {
      await api.setNow(t0) // back where it was
    }
  })
})

describe('a payment that crosses midnight (quoted one day, paid the next)', () => {
  it('when the payment day leaves a member without cover, the order is paid_not_matched and no cover is recorded (never a full year)', async () => {
    const t0 = await api.now()
    try {
      // 2027's window closed on 2026-12-31; a late payment waits 3 months: on 30 Sep cover starts
      // 1 Dec, on 1 Oct it would start 1 Jan 2028, after the year
      await api.setNow('2027-09-30T23:50:00+08:00')
      const rows = peek<{ household_id: string; id_number: string; name: string }>(
        server.dbPath,
        `
        SELECT h.id AS household_id, p.id_number, p.name FROM households h JOIN persons p ON p.id = h.head_person_id
        WHERE h.id > 'hh_0010' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.household_id = h.id AND o.year = 2027)
          AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM enrolments e JOIN persons q ON q.id = e.person_id WHERE q.household_id = h.id AND e.year = 2027 AND e.status != 'lapsed')
        ORDER BY h.id DESC`
      )
      const h = rows[0]
      const token = await api.wechat(`midnight-${h.household_id.replace(/_/g, '-')}`)
      expect((await api.post('/v1/households/bind', { idNumber: h.id_number, name: h.name }, token)).status).toBe(200)
      const q = await api.get(`/v1/households/${h.household_id}/quote?year=2027`, token)
      expect(q.body.payable).toBe(true)
      expect(
        q.body.lines.filter((l: any) => !l.alreadyEnrolled).every((l: any) => l.benefitStart === '2027-12-01')
      ).toBe(true)
      const o = await createOrder(token, { householdId: h.household_id, year: 2027 })
      expect(o.status).toBe(201)
      const start = await api.post(`/v1/orders/${o.body.orderId}/pay`, {}, token)
      expect(start.status).toBe(200)

      await api.setNow('2027-10-01T00:05:00+08:00')
      const paid = await api.post(new URL(start.body.cashier.payUrl).pathname, {})
      expect(paid.status).toBe(200)
      const after = await api.get(`/v1/orders/${o.body.orderId}`, token)
      expect(after.body.status).toBe('paid_not_matched')
      expect(peek(server.dbPath, `SELECT COUNT(*) AS n FROM enrolments WHERE order_id = ?`, o.body.orderId)).toEqual([
        { n: 0 }
      ])
      // the money is not lost: the county's reviewers see it
      const reviewer = await api.wechat('reviewer')
      expect((await api.get('/v1/review/orders/unmatched', reviewer)).body.orders.map((x: any) => x.orderId)).toContain(
        o.body.orderId
      )
    } finally {
      await api.setNow(t0) // back where it was
    }
  })
})

describe('crash between payment and notify', () => {
  it('SIGKILL after the provider took the money, restart: confirmed exactly once', async () => {
    const dbPath = tempDbPath('crash')
    // The provider records the payment but does not deliver the notify by itself.
    const first = await spawnServer({ dbPath, households: 10, env: { ...ENV, SIM_NOTIFY_DELAY_MS: '-1' } })
    const c1 = client(first.url)
    const t = await c1.wechat('head')
    const o = await c1.post('/v1/orders', { householdId: 'hh_0001', year: 2027, channel: 'h5' }, t, {
      'idempotency-key': key()
    })
    expect(o.status).toBe(201)
    await c1.post(`/v1/orders/${o.body.orderId}/pay`, {}, t)
    expect((await c1.post(`/v1/sim-cashier/orders/${o.body.orderId}/pay`, {})).status).toBe(200)
    expect((await c1.get(`/v1/orders/${o.body.orderId}`, t)).body.status).toBe('paying')
    await first.kill()

    const second = await spawnServer({ dbPath, env: ENV })
    try {
      const c2 = client(second.url)
      const t2 = await c2.wechat('head')
      let status = ''
      for (let i = 0; i < 100 && status !== 'confirmed'; i++) {
        status = (await c2.get(`/v1/orders/${o.body.orderId}`, t2)).body.status
        if (status !== 'confirmed') await new Promise((r) => setTimeout(r, 100))
      }
      expect(status).toBe('confirmed')
      // the provider retries again: still once
      const [sim] = peek<{ notify_id: string; transaction_id: string; amount_fen: number; paid_at: number }>(
        dbPath,
        'SELECT * FROM sim_payments WHERE order_id = ?',
        o.body.orderId
      )
      const again = signedNotify({
        orderId: o.body.orderId,
        amountFen: sim.amount_fen,
        notifyId: sim.notify_id,
        transactionId: sim.transaction_id,
        paidAt: isoTime(await c2.now())
      })
      expect(
        (
          await c2.call('POST', '/v1/payments/notify', {
            body: again.body,
            headers: { 'x-notify-signature': again.signature }
          })
        ).body.code
      ).toBe('SUCCESS')
      expect(peek(dbPath, `SELECT outcome FROM payment_notices WHERE order_id = ?`, o.body.orderId)).toEqual([
        { outcome: 'paid' }
      ])
      const enrolled = peek<{ n: number }>(
        dbPath,
        `SELECT COUNT(*) AS n FROM enrolments WHERE order_id = ? AND status = 'enrolled'`,
        o.body.orderId
      )
      expect(enrolled[0].n).toBe(o.body.persons.length)
      expect(
        peek(
          dbPath,
          `SELECT COUNT(*) AS n FROM orders WHERE household_id = 'hh_0001' AND year = 2027 AND status = 'confirmed'`
        )
      ).toEqual([{ n: 1 }])
    } finally {
      await second.stop()
    }
    // SIGTERM is a graceful shutdown: exit code 0
    expect(second.child.exitCode).toBe(0)
  }, 90_000)
})
