// Paying through WeChat Pay APIv3 end to end: the county API against the WeChat simulator over
// real HTTP (signed requests and answers, encrypted and signed notifies). Every attack of issue 14
// is reproduced and changes nothing: a notify forged with the old public HMAC key or with another
// RSA key, WeChat's bad-signature probes, a replayed notify (inside and outside the 5-minute
// window), a wrong amount. Then late notifies, duplicates, reordering, a key switch, closing an
// expired order, refunds, attaching money to the right order, and the daily reconciliation.
import crypto from 'node:crypto'
import { fenToYuan, yuanToFen } from '../../../src/calculator/money'
import type { Order, PaymentStart } from '../../../src/contract'
import { peek } from '../testing/db-peek'
import { signedNotify } from '../testing/notify'
import { startWechatCounty, waitFor, type WechatCounty } from '../testing/wechat-county'
import { encryptResource, signedHeaders, verifyPaySign } from '../ports/wechat-pay/protocol'
import { isoTime } from '../clock'

jest.setTimeout(45_000)

let c: WechatCounty
let payer: string
let heads: string[]
let n = 0

beforeAll(async () => {
  // the reconciliation moves the clock a day ahead: sessions must outlive it (their ending: abuse.test.ts)
  c = await startWechatCounty({ households: 40, env: { SESSION_IDLE_MINUTES: '43200' } })
  payer = await c.api.wechat('wxpay-payer')
  // households with something to pay for 2027, paid for by ID number (a migrant child's way)
  heads = peek<{ id_number: string }>(
    c.server.dbPath,
    `SELECT p.id_number FROM households h JOIN persons p ON p.id = h.head_person_id WHERE h.id NOT IN ('hh_0001', 'hh_0002') ORDER BY h.id`
  ).map((r) => r.id_number)
}, 90_000)

afterAll(async () => {
  await c?.close()
})

const db = <T>(sql: string, ...args: unknown[]) => peek<T>(c.server.dbPath, sql, ...args)

/** An order for the next household that owes something for 2027. */
async function newOrder(channel: 'weapp' | 'h5' = 'weapp'): Promise<Order> {
  for (;;) {
    const idNumber = heads[n++]
    if (!idNumber) throw new Error('no household left to pay for')
    const r = await c.api.call('createOrder', {
      body: { payeeIdNumber: idNumber, year: 2027, channel },
      token: payer,
      headers: { 'idempotency-key': `wxpay-test-${n}-${Date.now()}` }
    })
    if (r.status === 201) return r.data
  }
}

const start = (o: Order) => c.api.ok('startPayment', { params: { orderId: o.orderId }, token: payer })
const order = (id: string) => c.api.ok('getOrder', { params: { orderId: id }, token: payer })
const settled = (id: string) =>
  waitFor(
    () => order(id),
    (o) => o.status !== 'created' && o.status !== 'paying' && o.status !== 'paid'
  )

/** The phone's wx.requestPayment, at the simulator (which checks the paySign as WeChat's client does). */
async function phonePays(s: PaymentStart) {
  const r = await fetch(`${c.sim.url}/sim/pay`, { method: 'POST', body: JSON.stringify(s.wechat) })
  return (await r.json()) as { errMsg: string }
}

async function paid(): Promise<{ o: Order; s: PaymentStart }> {
  const o = await newOrder()
  const s = await start(o)
  expect((await phonePays(s)).errMsg).toBe('requestPayment:ok')
  return { o, s }
}

const notices = (orderId: string) =>
  db<{ outcome: string }>('SELECT outcome FROM payment_notices WHERE order_id = ? ORDER BY received_at', orderId).map(
    (r) => r.outcome
  )

/** Posts a notify as WeChat would, with the given body and headers. */
const post = (body: string, headers: Record<string, string>) =>
  c.api.raw('POST', '/v1/payments/wechat/notify', { json: body, headers })

describe('paying through WeChat Pay', () => {
  it('the mini-program pays with the paySign the county signed, and the order reaches 已参保 with a receipt', async () => {
    const o = await newOrder()
    const s = await start(o)
    expect(s.provider).toBe('wechat')
    expect(s.cashier).toBeNull()
    expect(s.wechat).not.toBeNull()
    // the parameters verify with the merchant's key, for the county's AppID
    expect(verifyPaySign(c.sim.keys.appId, s.wechat!, c.sim.keys.merchant.publicKey)).toBe(true)
    const atWechat = c.sim.pay.orders.get(o.orderId)!
    expect(atWechat).toMatchObject({
      totalFen: yuanToFen(o.amount),
      tradeType: 'JSAPI',
      openid: 'dev-openid-wxpay-payer'
    })
    expect(atWechat.notifyUrl).toBe(`${c.server.url}/v1/payments/wechat/notify`)
    expect(atWechat.timeExpire).toBe(Math.floor(Date.parse(o.expiresAt) / 1000) * 1000)
    // pressing pay again: the same prepay, not a second WeChat order
    expect((await start(o)).wechat!.package).toBe(s.wechat!.package)
    // a paySign by anyone else is refused by WeChat's client
    const forged = { ...s.wechat!, paySign: crypto.randomBytes(256).toString('base64') }
    expect((await phonePays({ ...s, wechat: forged })).errMsg).toMatch(/签名错误/)

    expect((await phonePays(s)).errMsg).toBe('requestPayment:ok')
    const done = await settled(o.orderId)
    expect(done.status).toBe('confirmed')
    expect(done.receiptNumber).toMatch(/^999901-2027-\d{8}$/)
    const receipt = await c.api.ok('getReceipt', { params: { orderId: o.orderId }, token: payer })
    expect(receipt.amount).toBe(o.amount)
    expect(notices(o.orderId)).toEqual(['paid'])
  })

  it("h5 pays on WeChat's H5 page and comes back to the app", async () => {
    const o = await newOrder('h5')
    const s = await start(o)
    expect(s.wechat).toBeNull()
    expect(s.h5Url).toMatch(/\/sim\/h5pay\?prepay_id=/)
    const back = 'http://h5.example.cn/#/subpackages/pay/order/index?orderId=' + o.orderId
    const page = await fetch(`${s.h5Url}&redirect_url=${encodeURIComponent(back)}`)
    expect(await page.text()).toContain(`¥${o.amount}`)
    const prepayId = new URL(s.h5Url!).searchParams.get('prepay_id')!
    const r = await fetch(`${c.sim.url}/sim/h5pay`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prepay_id: prepayId, redirect_url: back, action: 'pay' }).toString()
    })
    expect(r.status).toBe(303)
    expect(r.headers.get('location')).toBe(back)
    expect((await settled(o.orderId)).status).toBe('confirmed')
  })
})

describe('attacks on the notify change nothing', () => {
  it('a notify forged with the old public HMAC key: the simulated route is not served, nothing changes', async () => {
    const o = await newOrder()
    await start(o)
    const forged = signedNotify(
      { orderId: o.orderId, amountFen: yuanToFen(o.amount), paidAt: isoTime(Date.parse(o.createdAt)) },
      'dev-notify-key-change-me'
    )
    const hmacRoute = await c.api.raw('POST', '/v1/payments/notify', {
      json: forged.body,
      headers: { 'x-notify-signature': forged.signature }
    })
    expect(hmacRoute.status).toBe(404)
    // the same at the WeChat route: not WeChat's signature headers
    const wechatRoute = await post(forged.body, { 'x-notify-signature': forged.signature })
    expect(wechatRoute.status).toBe(400)
    expect((await order(o.orderId)).status).toBe('paying')
    expect(notices(o.orderId)).toEqual([])
  })

  it('a notify in WeChat’s format, encrypted with the APIv3 key, but signed by another key under the real serial: 400', async () => {
    const o = await newOrder()
    await start(o)
    const body = JSON.stringify({
      id: 'EV-forged-1',
      create_time: isoTime(Date.now()),
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: encryptResource(
        JSON.stringify({
          appid: c.sim.keys.appId,
          mchid: c.sim.keys.mchid,
          out_trade_no: o.orderId,
          transaction_id: '4200000000000000000000000001',
          trade_state: 'SUCCESS',
          success_time: isoTime(Date.now()),
          amount: { total: yuanToFen(o.amount), currency: 'CNY' }
        }),
        c.sim.keys.apiV3Key,
        'transaction'
      )
    })
    const attacker = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
    const r = await post(body, { ...signedHeaders(body, attacker, c.sim.keys.publicKey.id) })
    expect(r.status).toBe(400)
    expect(r.body.code).toBe('SIGNATURE_INVALID')
    expect((await order(o.orderId)).status).toBe('paying')
    expect(notices(o.orderId)).toEqual([])
  })

  it("WeChat's probes (a wrong signature before the real notify) get a 4xx and change nothing", async () => {
    c.sim.behave({ probe: true })
    try {
      const { o } = await paid()
      expect((await settled(o.orderId)).status).toBe('confirmed')
      const sent = c.sim.pay.deliveries.filter((d) => d.outTradeNo === o.orderId)
      expect(sent.map((d) => [d.kind, d.status])).toEqual([
        ['probe', 400],
        ['transaction', 200]
      ])
      expect(notices(o.orderId)).toEqual(['paid'])
    } finally {
      c.sim.behave({ probe: false })
    }
  })

  it('a replayed notify: inside the window it is a duplicate (200, no change); signed long ago it is refused', async () => {
    const { o } = await paid()
    const first = await settled(o.orderId)
    expect(first.status).toBe('confirmed')
    const delivered = c.sim.pay.deliveries.filter((d) => d.outTradeNo === o.orderId && d.kind === 'transaction').at(-1)!
    const original = c.sim.pay.sent.find((s) => s.body.includes(delivered.id))!
    const replay = await post(original.body, original.headers)
    expect(replay.status).toBe(200)
    expect(await order(o.orderId)).toEqual(first)
    expect(notices(o.orderId)).toEqual(['paid'])
    // a notify whose signature is 400 s old (what replaying a captured one looks like later)
    c.sim.behave({ skewSeconds: -400 })
    const late = await paid()
    await waitFor(
      async () => c.sim.pay.deliveries.filter((d) => d.outTradeNo === late.o.orderId),
      (d) => d.length >= 2
    )
    expect(c.sim.pay.deliveries.filter((d) => d.outTradeNo === late.o.orderId).every((d) => d.status === 400)).toBe(
      true
    )
    expect((await order(late.o.orderId)).status).toBe('paying')
    c.sim.behave({ skewSeconds: 0 }) // WeChat's next retry is signed now: accepted
    expect((await settled(late.o.orderId)).status).toBe('confirmed')
  })

  it('a wrong amount is not booked: the order waits for a reviewer, with no receipt', async () => {
    const o = await newOrder()
    await start(o)
    c.sim.pay.payOrder(o.orderId, { amountFen: yuanToFen(o.amount) + 100 })
    const done = await settled(o.orderId)
    expect(done.status).toBe('paid_not_matched')
    expect(done.receiptNumber).toBeNull()
    expect(done.failureReason).toMatch(/到账金额 .* 与订单金额不符/)
    expect((await c.api.call('getReceipt', { params: { orderId: o.orderId }, token: payer })).status).toBe(409)
    const reviewer = await c.api.wechat('reviewer')
    const money = await c.api.ok('reviewMoney', { query: {}, token: reviewer })
    expect(money.items.find((i) => i.moneyId === `order.${o.orderId}`)).toMatchObject({
      kind: 'not_matched',
      amount: fenToYuan(yuanToFen(o.amount) + 100),
      countyAmount: o.amount,
      actions: ['refund']
    })
  })
})

describe('notifies as WeChat sends them', () => {
  it('duplicates and notifies out of order are applied once', async () => {
    c.sim.behave({ duplicates: 2 })
    try {
      const { o } = await paid()
      expect((await settled(o.orderId)).status).toBe('confirmed')
      await c.sim.pay.settled()
      // each copy answered 200 (WeChat stops sending), applied once
      expect(c.sim.pay.deliveries.filter((d) => d.outTradeNo === o.orderId).map((d) => [d.kind, d.status])).toEqual([
        ['transaction', 200],
        ['duplicate', 200],
        ['duplicate', 200]
      ])
      expect(notices(o.orderId)).toEqual(['paid'])
    } finally {
      c.sim.behave({ duplicates: 0 })
    }
    c.sim.behave({ hold: true })
    let a: Awaited<ReturnType<typeof paid>>
    let b: typeof a
    try {
      a = await paid()
      b = await paid()
    } finally {
      c.sim.behave({ hold: false })
    }
    await c.sim.pay.release('reverse')
    for (const x of [a, b]) expect((await settled(x.o.orderId)).status).toBe('confirmed')
  })

  it('during a key switch WeChat signs with the platform certificate or the public key: both are held', async () => {
    c.sim.behave({ signWith: 'alternate' })
    try {
      const one = await paid()
      const two = await paid()
      for (const x of [one, two]) expect((await settled(x.o.orderId)).status).toBe('confirmed')
    } finally {
      c.sim.behave({ signWith: 'publicKey' })
    }
  })
})

describe('when notifies do not come', () => {
  it('a late notify: the county asks WeChat Pay and books the payment; the notify, when it comes, is a duplicate', async () => {
    c.sim.behave({ hold: true })
    let o: Order
    try {
      o = (await paid()).o
    } finally {
      c.sim.behave({ hold: false })
    }
    expect((await order(o.orderId)).status).toBe('paying')
    // a minute and a bit later by the county's clock, the background job asks
    await c.setNow((await c.api.now()) + 90_000)
    expect((await settled(o.orderId)).status).toBe('confirmed')
    expect(notices(o.orderId)).toEqual(['paid'])
    await c.sim.pay.release()
    expect(notices(o.orderId)).toEqual(['paid', 'duplicate'])
  })

  it('an order that expired unpaid is closed at WeChat Pay, which then takes no money for it', async () => {
    const o = await newOrder()
    await start(o)
    await c.setNow(Date.parse(o.expiresAt) + 90_000)
    expect((await order(o.orderId)).status).toBe('expired')
    await waitFor(
      async () => c.sim.pay.orders.get(o.orderId)!.state,
      (s) => s === 'CLOSED'
    )
    expect(() => c.sim.pay.payOrder(o.orderId)).toThrow(/CLOSED|过期/)
  })
})

describe('money the county cannot book, refunds and reconciliation', () => {
  let reviewer: string
  beforeAll(async () => {
    reviewer = await c.api.wechat('reviewer')
  })
  const money = async (all = false) =>
    (await c.api.ok('reviewMoney', { query: all ? { status: 'all' } : {}, token: reviewer })).items

  it('money under an order number the county never issued is listed, refunded, and the refund comes back by notify', async () => {
    const stray = c.sim.pay.strayPayment('ord_notours001', 12345, `${c.server.url}/v1/payments/wechat/notify`)
    const item = await waitFor(
      async () => (await money()).find((i) => i.transactionId === stray.transactionId),
      (i) => i !== undefined
    )
    expect(item).toMatchObject({
      kind: 'unknown_order',
      amount: '123.45',
      status: 'open',
      actions: ['refund', 'attach']
    })
    // only reviewers
    expect(
      (
        await c.api.call('reviewRefundMoney', {
          params: { moneyId: item!.moneyId },
          body: { reason: '不明款项' },
          token: payer
        })
      ).status
    ).toBe(403)
    const asked = await c.api.ok('reviewRefundMoney', {
      params: { moneyId: item!.moneyId },
      body: { reason: '不明款项，原路退回' },
      token: reviewer
    })
    expect(['refunding', 'refunded']).toContain(asked.status)
    const back = await waitFor(
      async () => (await money(true)).find((i) => i.moneyId === item!.moneyId)!,
      (i) => i.status === 'refunded'
    )
    expect(back.refund).toMatchObject({ status: 'succeeded', amount: '123.45' })
    expect([...c.sim.pay.refunds.values()].find((r) => r.transactionId === stray.transactionId)).toMatchObject({
      status: 'SUCCESS',
      refundFen: 12345
    })
    // asking again refunds nothing more
    const again = await c.api.call('reviewRefundMoney', {
      params: { moneyId: item!.moneyId },
      body: { reason: '再退一次' },
      token: reviewer
    })
    expect(again.status).toBe(409)
    expect([...c.sim.pay.refunds.values()].filter((r) => r.transactionId === stray.transactionId)).toHaveLength(1)
  })

  it('money under the wrong order number is attached to the right order, which is booked with a receipt', async () => {
    const o = await newOrder()
    await start(o)
    const stray = c.sim.pay.strayPayment(
      'ord_typo00001',
      yuanToFen(o.amount),
      `${c.server.url}/v1/payments/wechat/notify`
    )
    const item = await waitFor(
      async () => (await money()).find((i) => i.transactionId === stray.transactionId),
      (i) => i !== undefined
    )
    const other = await newOrder()
    const refused = await c.api.call('reviewAttachMoney', {
      params: { moneyId: item!.moneyId },
      body: { orderId: other.orderId },
      token: reviewer
    })
    if (other.amount !== o.amount) expect(refused.error.message).toMatch(/金额不符/)
    const attached = await c.api.ok('reviewAttachMoney', {
      params: { moneyId: item!.moneyId },
      body: { orderId: o.orderId },
      token: reviewer
    })
    expect(attached).toMatchObject({ status: 'attached', resolution: `attached:${o.orderId}`, actions: [] })
    const booked = await order(o.orderId)
    expect(booked.status).toBe('confirmed')
    expect(booked.receiptNumber).not.toBeNull()
  })

  it("the daily reconciliation finds money in WeChat's bill that never reached the county, and a reviewer books it", async () => {
    // a payment WeChat took whose notify never arrives (and whose order number is unknown to the county)
    c.sim.behave({ hold: true })
    const o = await newOrder()
    await start(o)
    const lost = c.sim.pay.strayPayment(
      'ord_lostnotify1',
      yuanToFen(o.amount),
      `${c.server.url}/v1/payments/wechat/notify`
    )
    c.sim.behave({ hold: false })
    c.sim.pay.held.splice(0) // the notify is lost for good
    const day = isoTime(lost.successTime!).slice(0, 10)
    // the next day, after WeChat's bill is ready
    await c.setNow(Date.parse(`${day}T10:30:00+08:00`) + 86_400_000)
    const rec = await c.api.ok('reviewRunReconciliation', { params: { billDate: day }, token: reviewer })
    expect(rec).toMatchObject({ billDate: day, status: 'differences', differences: 1 })
    expect(rec.billLines).toBeGreaterThan(5)
    const diff = (await money()).find((i) => i.kind === 'missing_in_county')!
    expect(diff).toMatchObject({
      transactionId: lost.transactionId,
      amount: o.amount,
      actions: ['attach', 'refund', 'resolve']
    })
    await c.api.ok('reviewAttachMoney', {
      params: { moneyId: diff.moneyId },
      body: { orderId: o.orderId },
      token: reviewer
    })
    expect((await order(o.orderId)).status).toBe('confirmed')
    // reconciled again: nothing left
    const again = await c.api.ok('reviewRunReconciliation', { params: { billDate: day }, token: reviewer })
    expect(again).toMatchObject({ status: 'matched', differences: 0 })
    const days = await c.api.ok('reviewReconciliations', { token: reviewer })
    expect(days.days[0]).toMatchObject({ billDate: day, status: 'matched' })
  })
})
