import { addYuan, yuanToFen } from '../../../src/calculator/money'
import { spawnServer, tempDbPath, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'
import { peek } from '../testing/db-peek'
import { freshHousehold } from '../testing/households'
import { signedNotify, TEST_NOTIFY_KEY } from '../testing/notify'
import { isoTime } from '../clock'

const ENV = { PAYMENT_NOTIFY_KEY: TEST_NOTIFY_KEY }
let server: SpawnedServer
let api: Client
let head: string
let elder: string
let keyN = 0
const key = () => `test-key-${Date.now()}-${++keyN}`

async function createOrder(
  token: string,
  body: { year: number; householdId?: string; payeeIdNumber?: string; channel?: 'h5' | 'weapp' },
  idem = key()
) {
  return api.call('createOrder', { body: { channel: 'h5', ...body }, token, headers: { 'idempotency-key': idem } })
}

const fen = yuanToFen

/** Paid now by the county's clock unless the test says when. */
async function notify(
  fields: Omit<Parameters<typeof signedNotify>[0], 'paidAt'> & { paidAt?: string },
  signKey?: string
) {
  const n = signedNotify({ ...fields, paidAt: fields.paidAt ?? isoTime(await api.now()) }, signKey)
  return api.call('paymentNotify', { json: n.body, headers: { 'x-notify-signature': n.signature } })
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
    const r = await api.call('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 2027 }, token: head })
    expect(r.status).toBe(200)
    expect(r.data.policyVersion).toBe('2027.1')
    expect(addYuan(...r.data.lines.map((l) => l.due))).toBe(r.data.total)
    expect(r.data.payable).toBe(true)
    for (const l of r.data.lines) expect(l.due).toMatch(/^\d+\.\d{2}$/)
    expect(r.data.calculation!.policyVersion).toBe('2027.1')
  })

  it("404s another household's quote and 400s a bad year", async () => {
    expect(
      (await api.call('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 2027 }, token: elder })).status
    ).toBe(404)
    expect(
      (await api.call('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 99 }, token: head })).status
    ).toBe(400)
    // a year before any policy: the calculator's refusal becomes POLICY_NOT_FOUND, not a 500
    const early = await api.call('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 2001 }, token: head })
    expect(early.status).toBe(404)
    expect(early.error.code).toBe('POLICY_NOT_FOUND')
  })
})

describe('orders', () => {
  it('the same Idempotency-Key twice gives the same order; a different body with it is refused', async () => {
    const k = key()
    const a = await createOrder(elder, { householdId: 'hh_0002', year: 2027 }, k)
    expect(a.status).toBe(201)
    const b = await createOrder(elder, { householdId: 'hh_0002', year: 2027 }, k)
    expect(b.status).toBe(200)
    expect(b.data.orderId).toBe(a.data.orderId)
    const c = await createOrder(elder, { householdId: 'hh_0002', year: 2027, channel: 'weapp' }, k)
    expect(c.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    // a second key while the first order is open
    const d = await createOrder(elder, { householdId: 'hh_0002', year: 2027 })
    expect(d.status).toBe(409)
    expect(d.body).toMatchObject({ code: 'OPEN_ORDER_EXISTS', details: { orderId: a.data.orderId } })
  })

  it('requires the Idempotency-Key header', async () => {
    const r = await api.call('createOrder', {
      body: { householdId: 'hh_0002', year: 2027, channel: 'h5' },
      token: elder
    })
    expect(r.status).toBe(400)
  })

  it('50 concurrent creations for one household, year and payer make exactly one order', async () => {
    const { householdId, token: t } = await freshHousehold(api, server.dbPath, 'concurrency')
    const results = await Promise.all(Array.from({ length: 50 }, () => createOrder(t, { householdId, year: 2027 })))
    const created = results.filter((r) => r.status === 201)
    expect(created).toHaveLength(1)
    expect(results.filter((r) => r.status === 409 && r.error.code === 'OPEN_ORDER_EXISTS')).toHaveLength(49)
    const rows = peek<{ n: number }>(
      server.dbPath,
      `SELECT COUNT(*) AS n FROM orders WHERE household_id = ? AND year = 2027`,
      householdId
    )
    expect(rows[0].n).toBe(1)
    // and 50 concurrent retries of one key all return that one order
    const other = await freshHousehold(api, server.dbPath, 'concurrency-key')
    const k = key()
    const same = await Promise.all(
      Array.from({ length: 50 }, () => createOrder(other.token, { householdId: other.householdId, year: 2027 }, k))
    )
    expect(new Set(same.map((r) => r.data.orderId)).size).toBe(1)
    expect(same.filter((r) => r.status === 201)).toHaveLength(1)
  })

  it("refuses another household's orders: create, read, pay, receipt, list", async () => {
    const mine = await createOrder(head, { householdId: 'hh_0001', year: 2027 })
    expect(mine.status).toBe(201)
    expect((await createOrder(elder, { householdId: 'hh_0001', year: 2027 })).status).toBe(404)
    expect((await api.call('getOrder', { params: { orderId: mine.data.orderId }, token: elder })).status).toBe(404)
    expect((await api.call('startPayment', { params: { orderId: mine.data.orderId }, token: elder })).status).toBe(404)
    expect((await api.call('getReceipt', { params: { orderId: mine.data.orderId }, token: elder })).status).toBe(404)
    expect((await api.call('listOrders', { params: { householdId: 'hh_0001' }, token: elder })).status).toBe(404)
    expect((await api.call('getOrder', { params: { orderId: 'ord_doesnotexist' }, token: head })).status).toBe(404)
  })

  it('pays through the simulated cashier: created → paying → confirmed, with a receipt naming every member', async () => {
    const list = await api.call('listOrders', { params: { householdId: 'hh_0001' }, token: head })
    const order = list.data.orders.find((o) => o.year === 2027 && o.status === 'created')!
    expect(order).toBeTruthy()
    // no benefit dates on an order the county has not confirmed
    expect(order.persons.every((p) => p.benefitStart === null && p.benefitEnd === null)).toBe(true)
    const quote = await api.ok('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 2027 }, token: head })
    const start = await api.call('startPayment', { params: { orderId: order.orderId }, token: head })
    expect(start.status).toBe(200)
    expect(start.data.provider).toBe('simulated')
    expect(start.data.cashier!.amount).toBe(order.amount)
    expect((await api.call('getOrder', { params: { orderId: order.orderId }, token: head })).data.status).toBe('paying')
    expect((await api.call('getReceipt', { params: { orderId: order.orderId }, token: head })).error.code).toBe(
      'CONFLICT'
    )
    const paid = await api.raw('POST', new URL(start.data.cashier!.payUrl).pathname, { body: {} })
    expect(paid.body).toEqual({ ok: true })
    const after = await api.call('getOrder', { params: { orderId: order.orderId }, token: head })
    expect(after.data.status).toBe('confirmed')
    expect(after.data.receiptNumber).toMatch(/^\d{6}-2027-\d{8}$/)
    const receipt = await api.call('getReceipt', { params: { orderId: order.orderId }, token: head })
    expect(receipt.data.persons.map((p: any) => p.name).sort()).toEqual(order.persons.map((p: any) => p.name).sort())
    expect(receipt.data.persons.every((p: any) => /^\d{17}[\dX]$/.test(p.idNumber))).toBe(true) // the head sees full numbers
    const hh = await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: head })
    for (const p of order.persons) {
      const m = hh.data.members.find((x) => x.personId === p.personId)!
      expect(m.enrolments.find((e: any) => e.year === 2027)).toMatchObject({
        status: 'enrolled',
        orderId: order.orderId,
        amountPaid: p.due
      })
    }
    // One benefit start per member, the same everywhere: the quote's (calculator), the county's
    // enrolment record, the confirmed order and the receipt — a wait for the son's arrears included
    const starts = (from: { name: string; benefitStart: string | null }[]) =>
      Object.fromEntries(from.map((x) => [x.name, x.benefitStart]))
    const quoted = starts(quote.lines.filter((l) => order.persons.some((p) => p.personId === l.personId)))
    const recorded = starts(
      hh.data.members
        .filter((m) => order.persons.some((p) => p.personId === m.personId))
        .map((m) => ({ name: m.name, benefitStart: m.enrolments.find((e) => e.year === 2027)!.benefitStart }))
    )
    expect(recorded).toEqual(quoted)
    expect(starts(after.data.persons)).toEqual(quoted)
    expect(starts(receipt.data.persons)).toEqual(quoted)
    expect(quoted['王志强']! > '2027-01-01').toBe(true) // lapsed in 2026: arrears, then a wait
    expect(quoted['王浩然']).toBe('2027-01-01') // the student: from the year's first day
    expect(quoted['王建国']).toBe('2027-01-01')
    // paid: no new order for that year
    expect((await createOrder(head, { householdId: 'hh_0001', year: 2027 })).error.code).toBe('ALREADY_PAID')
  })

  it('gives the weapp channel the wx.requestPayment parameter shape', async () => {
    const o = await createOrder(elder, { householdId: 'hh_0002', year: 2027, channel: 'weapp' })
    const id = o.ok ? o.data.orderId : o.error.details?.orderId
    const r = await api.call('startPayment', { params: { orderId: id }, token: elder })
    expect(r.status).toBe(200)
    expect(r.data.wechat ?? r.data.cashier).toBeTruthy()
    if (r.data.wechat) {
      expect(Object.keys(r.data.wechat).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp'])
      expect(r.data.wechat.package).toMatch(/^prepay_id=/)
    }
  })

  it('the cashier can fail or abandon; failed orders can be replaced', async () => {
    const t = await api.wechat('grantee')
    const o = await createOrder(t, { householdId: 'hh_0005', year: 2027 })
    expect(o.status).toBe(201)
    await api.call('startPayment', { params: { orderId: o.data.orderId }, token: t })
    expect((await api.call('cashierAbandon', { params: { orderId: o.data.orderId } })).body).toEqual({ ok: true })
    expect((await api.call('getOrder', { params: { orderId: o.data.orderId }, token: t })).data.status).toBe('created')
    await api.call('startPayment', { params: { orderId: o.data.orderId }, token: t })
    await api.call('cashierFail', { params: { orderId: o.data.orderId } })
    const failed = await api.call('getOrder', { params: { orderId: o.data.orderId }, token: t })
    expect(failed.data.status).toBe('failed')
    expect((await api.call('startPayment', { params: { orderId: o.data.orderId }, token: t })).error.code).toBe(
      'CONFLICT'
    )
    expect((await createOrder(t, { householdId: 'hh_0005', year: 2027 })).status).toBe(201)
    expect((await api.call('cashierPay', { params: { orderId: 'ord_nope' } })).status).toBe(404)
  })
})

describe('payment notify', () => {
  /** An order of a household of its own (fresh for each test: only 2027 can be paid), being paid. */
  async function payingOrder(label: string) {
    const { householdId, token } = await freshHousehold(api, server.dbPath, label)
    const o = await createOrder(token, { householdId, year: 2027 })
    expect(o.status).toBe(201)
    await api.call('startPayment', { params: { orderId: o.data.orderId }, token })
    return { ...o.data, token }
  }

  it('a forged or tampered notice is refused and changes nothing', async () => {
    const o = await payingOrder('forged')
    const forged = await notify({ orderId: o.orderId, amountFen: fen(o.amount) }, 'wrong-key')
    expect(forged.status).toBe(400)
    expect(forged.error.code).toBe('SIGNATURE_INVALID')
    const n = signedNotify({ orderId: o.orderId, amountFen: fen(o.amount), paidAt: isoTime(await api.now()) })
    const tampered = await api.call('paymentNotify', {
      json: n.body.replace(String(fen(o.amount)), '1'),
      headers: { 'x-notify-signature': n.signature }
    })
    expect(tampered.error.code).toBe('SIGNATURE_INVALID')
    const unsigned = await api.call('paymentNotify', { json: n.body })
    expect(unsigned.status).toBe(400)
    expect((await api.call('getOrder', { params: { orderId: o.orderId }, token: o.token })).data.status).toBe('paying')
  })

  it('the same notice twice confirms once', async () => {
    const o = await payingOrder('twice')
    const n = signedNotify({ orderId: o.orderId, amountFen: fen(o.amount), paidAt: isoTime(await api.now()) })
    const send = () => api.call('paymentNotify', { json: n.body, headers: { 'x-notify-signature': n.signature } })
    const [a, b] = await Promise.all([send(), send()])
    expect(a.data.code).toBe('SUCCESS')
    expect(b.data.code).toBe('SUCCESS')
    expect((await send()).data.code).toBe('SUCCESS')
    const after = await api.call('getOrder', { params: { orderId: o.orderId }, token: o.token })
    expect(after.data.status).toBe('confirmed')
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
    const o = await payingOrder('mismatch')
    await notify({ orderId: o.orderId, amountFen: fen(o.amount) - 1 })
    const after = await api.call('getOrder', { params: { orderId: o.orderId }, token: o.token })
    expect(after.data.status).toBe('paid_not_matched')
    expect(after.data.failureReason).toContain('不符')
    const reviewer = await api.wechat('reviewer')
    const list = await api.call('reviewUnmatched', { token: reviewer })
    expect(list.data.orders.map((x: any) => x.orderId)).toContain(o.orderId)
    expect((await api.call('reviewUnmatched', { token: head })).status).toBe(403)
  })

  it('late money for an expired order whose members were paid meanwhile is paid_not_matched, and retried', async () => {
    const t = await api.wechat('migrant')
    const first = await createOrder(t, { householdId: 'hh_0004', year: 2027 }).then((r) => r.data)
    await api.call('startPayment', { params: { orderId: first.orderId }, token: t })
    const t0 = await api.now()
    // 31 minutes later the first order has expired
    await api.setNow(t0 + 31 * 60_000)
    try {
      expect((await api.call('getOrder', { params: { orderId: first.orderId }, token: t })).data.status).toBe('expired')
      const second = await createOrder(t, { householdId: 'hh_0004', year: 2027 }).then((r) => r.data)
      await api.call('startPayment', { params: { orderId: second.orderId }, token: t })
      await api.call('cashierPay', { params: { orderId: second.orderId } })
      expect((await api.call('getOrder', { params: { orderId: second.orderId }, token: t })).data.status).toBe(
        'confirmed'
      )
      await notify({ orderId: first.orderId, amountFen: fen(first.amount) })
      const late = await api.call('getOrder', { params: { orderId: first.orderId }, token: t })
      expect(late.data.status).toBe('paid_not_matched')
      expect(late.data.failureReason).toContain('已经缴费')
      const reviewer = await api.wechat('reviewer')
      const retried = await api.call('reviewRetryMatch', { params: { orderId: first.orderId }, token: reviewer })
      expect(retried.data.status).toBe('paid_not_matched')
      expect(
        (await api.call('reviewRetryMatch', { params: { orderId: second.orderId }, token: reviewer })).error.code
      ).toBe('CONFLICT')
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
    const look = await api.call('lookupPayee', { body: { idNumber: parent.id_number, year: 2027 }, token: t })
    expect(look.status).toBe(200)
    expect(look.data.householdId).toBe('hh_0003')
    expect(look.data.membersMasked).toEqual(['买**·**', '古***·***'])
    expect(look.data.village).toBe('清溪村')
    expect(JSON.stringify(look.body)).not.toContain('艾力')
    const o = await createOrder(t, { payeeIdNumber: parent.id_number, year: 2027 })
    expect(o.status).toBe(201)
    expect(o.data.payerIsHousehold).toBe(false)
    expect(o.data.payerNameMasked).toBe('阿***·***')
    expect(o.data.persons.every((p: any) => p.name.includes('*'))).toBe(true)
    // the total only: a member's due would give away their category
    expect(o.data.persons.every((p) => p.due === null)).toBe(true)
    await api.call('startPayment', { params: { orderId: o.data.orderId }, token: t })
    await api.call('cashierPay', { params: { orderId: o.data.orderId } })
    const receipt = await api.call('getReceipt', { params: { orderId: o.data.orderId }, token: t })
    expect(receipt.status).toBe(200)
    expect(receipt.data.persons.every((p: any) => p.name.includes('*') && p.idNumber.includes('*'))).toBe(true)
    expect(receipt.data.persons.every((p) => p.amount === null)).toBe(true)
    expect(receipt.data.amount).toBe(o.data.amount)
    // paying does not open the household to her
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0003' }, token: t })).status).toBe(404)
  })

  it('an unknown or invalid payee ID number is refused', async () => {
    const t = await api.wechat('migrant')
    expect((await api.call('lookupPayee', { body: { idNumber: '11010519491231002X' }, token: t })).status).toBe(404)
    expect((await api.call('lookupPayee', { body: { idNumber: '110105194912310021' }, token: t })).status).toBe(400)
    expect((await createOrder(t, { year: 2027 })).status).toBe(400)
  })
})

describe('who pays, and when the county takes payments (issues 6/8)', () => {
  const fresh = () => freshHousehold(api, server.dbPath, 'fresh')

  it("orders and receipts carry the payer's masked name and the paid-at time", async () => {
    const { householdId, token, head: h } = await fresh()
    const masked = `${Array.from(h.name)[0]}${'*'.repeat(Array.from(h.name).length - 1)}`
    const o = await createOrder(token, { householdId, year: 2027 })
    expect(o.status).toBe(201)
    expect(o.data.payerNameMasked).toBe(masked)
    expect(o.data.paidAt).toBeNull()
    await api.call('startPayment', { params: { orderId: o.data.orderId }, token })
    await api.call('cashierPay', { params: { orderId: o.data.orderId } })
    const after = await api.call('getOrder', { params: { orderId: o.data.orderId }, token })
    expect(after.body).toMatchObject({ status: 'confirmed', payerNameMasked: masked })
    expect(after.data.paidAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/)
    const receipt = await api.call('getReceipt', { params: { orderId: o.data.orderId }, token })
    expect(receipt.body).toMatchObject({ payerNameMasked: masked, paidAt: after.data.paidAt })
    // the seeded payments were made by the household's head
    const seeded = (
      await api.call('listOrders', { params: { householdId: 'hh_0002' }, token: elder })
    ).data.orders.filter((x: any) => x.orderId.startsWith('ord_seed_'))
    expect(seeded.length).toBeGreaterThan(0)
    for (const x of seeded) expect(x.payerNameMasked).toBe('李**')
  })

  it("OPEN_ORDER_EXISTS is one's own open order: its id, when it was started; another payer is not blocked", async () => {
    const { householdId, token, head: h } = await fresh()
    const mine = await createOrder(token, { householdId, year: 2027 })
    expect(mine.status).toBe(201)
    const again = await createOrder(token, { householdId, year: 2027 })
    expect(again.status).toBe(409)
    expect(again.error.details).toEqual({
      orderId: mine.data.orderId,
      startedByYou: true,
      payerNameMasked: mine.data.payerNameMasked,
      startedAt: mine.data.createdAt,
      expiresAt: mine.data.expiresAt
    })
    // someone paying for the household by ID number makes an order of their own
    const other = await createOrder(await api.wechat('another-payer'), { payeeIdNumber: h.id_number, year: 2027 })
    expect(other.status).toBe(201)
  })

  it('a year whose collection window is over (and too late for any benefit) is NOT_IN_COLLECTION_PERIOD, with the window', async () => {
    // 王志强 (hh_0001) stopped paying in 2026: the 2026 window closed on 2025-12-31
    const q = await api.call('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 2026 }, token: head })
    expect(q.data.payable).toBe(false)
    expect(q.data.issues[0].code).toBe('NOT_IN_COLLECTION_PERIOD')
    const o = await createOrder(head, { householdId: 'hh_0001', year: 2026 })
    expect(o.status).toBe(409)
    expect(o.error.code).toBe('NOT_IN_COLLECTION_PERIOD')
    expect(o.error.details).toMatchObject({
      year: 2026,
      collectionPeriod: { start: '2025-09-01', end: '2025-12-31' },
      reason: 'closed'
    })
    expect(o.error.message).toContain('2025年9月1日')
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
      const early = await fresh()
      const e = await createOrder(early.token, { householdId: early.householdId, year: 2027 })
      expect(e.status).toBe(409)
      expect(e.error.code).toBe('NOT_IN_COLLECTION_PERIOD')
      expect(e.error.details).toMatchObject({
        year: 2027,
        collectionPeriod: { start: '2026-09-01', end: '2026-12-31' },
        today: '2026-08-20',
        reason: 'not_open_yet'
      })

      await api.setNow('2027-02-15T10:00:00+08:00')
      const late = await fresh()
      const q = await api.call('getQuote', {
        params: { householdId: late.householdId },
        query: { year: 2027 },
        token: late.token
      })
      expect(q.data.payable).toBe(true)
      expect(q.data.issues.map((i: any) => i.code)).toContain('OUTSIDE_COLLECTION')
      expect(q.data.lines.every((l: any) => l.benefitStart > '2027-02-15')).toBe(true)
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
      const { token, head: h } = await freshHousehold(api, server.dbPath, 'midnight', { order: 'desc' })
      const q = await api.call('getQuote', { params: { householdId: h.household_id }, query: { year: 2027 }, token })
      expect(q.data.payable).toBe(true)
      expect(
        q.data.lines.filter((l: any) => !l.alreadyEnrolled).every((l: any) => l.benefitStart === '2027-12-01')
      ).toBe(true)
      const o = await createOrder(token, { householdId: h.household_id, year: 2027 })
      expect(o.status).toBe(201)
      const start = await api.call('startPayment', { params: { orderId: o.data.orderId }, token })
      expect(start.status).toBe(200)

      await api.setNow('2027-10-01T00:05:00+08:00')
      const paid = await api.raw('POST', new URL(start.data.cashier!.payUrl).pathname, { body: {} })
      expect(paid.status).toBe(200)
      const after = await api.call('getOrder', { params: { orderId: o.data.orderId }, token })
      expect(after.data.status).toBe('paid_not_matched')
      expect(peek(server.dbPath, `SELECT COUNT(*) AS n FROM enrolments WHERE order_id = ?`, o.data.orderId)).toEqual([
        { n: 0 }
      ])
      // the money is not lost: the county's reviewers see it
      const reviewer = await api.wechat('reviewer')
      expect((await api.call('reviewUnmatched', { token: reviewer })).data.orders.map((x: any) => x.orderId)).toContain(
        o.data.orderId
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
    const o = await c1.call('createOrder', {
      body: { householdId: 'hh_0001', year: 2027, channel: 'h5' },
      token: t,
      headers: {
        'idempotency-key': key()
      }
    })
    expect(o.status).toBe(201)
    await c1.call('startPayment', { params: { orderId: o.data.orderId }, token: t })
    expect((await c1.call('cashierPay', { params: { orderId: o.data.orderId } })).status).toBe(200)
    expect((await c1.call('getOrder', { params: { orderId: o.data.orderId }, token: t })).data.status).toBe('paying')
    await first.kill()

    const second = await spawnServer({ dbPath, env: ENV })
    try {
      const c2 = client(second.url)
      const t2 = await c2.wechat('head')
      let status = ''
      for (let i = 0; i < 100 && status !== 'confirmed'; i++) {
        status = (await c2.call('getOrder', { params: { orderId: o.data.orderId }, token: t2 })).data.status
        if (status !== 'confirmed') await new Promise((r) => setTimeout(r, 100))
      }
      expect(status).toBe('confirmed')
      // the provider retries again: still once
      const [sim] = peek<{ notify_id: string; transaction_id: string; amount_fen: number; paid_at: number }>(
        dbPath,
        'SELECT * FROM sim_payments WHERE order_id = ?',
        o.data.orderId
      )
      const again = signedNotify({
        orderId: o.data.orderId,
        amountFen: sim.amount_fen,
        notifyId: sim.notify_id,
        transactionId: sim.transaction_id,
        paidAt: isoTime(await c2.now())
      })
      expect(
        (
          await c2.call('paymentNotify', {
            json: again.body,
            headers: { 'x-notify-signature': again.signature }
          })
        ).data.code
      ).toBe('SUCCESS')
      expect(peek(dbPath, `SELECT outcome FROM payment_notices WHERE order_id = ?`, o.data.orderId)).toEqual([
        { outcome: 'paid' }
      ])
      const enrolled = peek<{ n: number }>(
        dbPath,
        `SELECT COUNT(*) AS n FROM enrolments WHERE order_id = ? AND status = 'enrolled'`,
        o.data.orderId
      )
      expect(enrolled[0].n).toBe(o.data.persons.length)
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
