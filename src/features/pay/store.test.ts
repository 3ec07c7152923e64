import Taro from '@tarojs/taro'
import type { Order } from '@/contract'
import { appError } from '@/services/errors'
import { householdTopic, onCountyChange, resetCountyChangesForTests } from '@/services/county-changes'
import type { PayApi } from './api'
import { receiptCache, resetContributionApi, resetContributionForTests, setContributionApi, usePay } from './store'
import { order, receipt } from './__fixtures__/data'

type Fake = { [K in keyof PayApi]: jest.Mock }

function fakeApi(): Fake {
  const notUsed = () => jest.fn(() => Promise.reject(new Error('not expected in this test')))
  return {
    getQuote: notUsed(),
    lookupPayee: notUsed(),
    createOrder: notUsed(),
    getOrder: notUsed(),
    listOrders: notUsed(),
    startPayment: notUsed(),
    getReceipt: notUsed(),
    cashierPay: notUsed(),
    cashierFail: notUsed(),
    cashierAbandon: notUsed()
  }
}

let api: Fake
const target = { householdId: 'hh_1', year: 2026 }

beforeEach(() => {
  resetContributionForTests()
  resetCountyChangesForTests()
  ;(Taro as unknown as { __storage: Map<string, unknown> }).__storage.clear()
  api = fakeApi()
  setContributionApi(api as unknown as PayApi)
})
afterAll(() => resetContributionApi())

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

test('the key is saved before the order request leaves the phone, and a double tap sends one request', async () => {
  const answer = deferred<{ ok: true; data: Order }>()
  api.createOrder.mockImplementation(() => answer.promise)
  const first = usePay.getState().startOrder(target)
  const second = usePay.getState().startOrder(target)
  // saved to storage already, while the request is still on its way
  const saved = String(Taro.getStorageSync('xqyb.contribution'))
  const key = usePay.getState().pending['hh_1:2026'].key
  expect(saved).toContain(key)
  answer.resolve({ ok: true, data: order() })
  const [a, b] = await Promise.all([first, second])
  expect(api.createOrder).toHaveBeenCalledTimes(1)
  expect(a).toEqual(b)
  expect(api.createOrder.mock.calls[0][1]).toBe(key)
  expect(usePay.getState().pending['hh_1:2026'].orderId).toBe('ord_1')
})

test('a retry after a timeout reuses the same key', async () => {
  api.createOrder
    .mockResolvedValueOnce({ ok: false, error: appError('TIMEOUT') })
    .mockResolvedValueOnce({ ok: true, data: order() })
  const r1 = await usePay.getState().startOrder(target)
  expect(r1.ok).toBe(false)
  if (!r1.ok) expect(r1.screen.kind).toBe('trouble')
  const r2 = await usePay.getState().startOrder(target)
  expect(r2.ok).toBe(true)
  expect(api.createOrder).toHaveBeenCalledTimes(2)
  expect(api.createOrder.mock.calls[0][1]).toBe(api.createOrder.mock.calls[1][1])
})

test('the county is busy: the screen waits in line as long as it says, and the retry sends the same key', async () => {
  api.createOrder
    .mockResolvedValueOnce({ ok: false, error: appError('BUSY', { status: 429, details: { retryAfterSeconds: 7 } }) })
    .mockResolvedValueOnce({ ok: true, data: order() })
  const first = await usePay.getState().startOrder(target)
  expect(first).toEqual({ ok: false, screen: { kind: 'queued', secondsLeft: 7 } })
  // the household keeps its place: the key is kept for the retry
  const key = api.createOrder.mock.calls[0][1]
  expect(Object.values(usePay.getState().pending).map((p) => p.key)).toEqual([key])
  const second = await usePay.getState().startOrder(target)
  expect(second.ok).toBe(true)
  expect(api.createOrder.mock.calls[1][1]).toBe(key)
})

test('after the app restarts with a known order, it asks about that order instead of creating one', async () => {
  api.createOrder.mockResolvedValueOnce({ ok: true, data: order() })
  await usePay.getState().startOrder(target)
  // a "restart": in-memory state is rebuilt from storage
  const saved = String(Taro.getStorageSync('xqyb.contribution'))
  resetContributionForTests()
  Taro.setStorageSync('xqyb.contribution', saved)
  await usePay.persist.rehydrate()
  expect(usePay.getState().pending['hh_1:2026'].orderId).toBe('ord_1')
  api.getOrder.mockResolvedValueOnce({ ok: true, data: order({ status: 'paying' }) })
  const r = await usePay.getState().startOrder(target)
  expect(r.ok && r.order.orderId).toBe('ord_1')
  expect(api.createOrder).toHaveBeenCalledTimes(1)
})

test('a settled order frees the slot: failed → the next attempt gets a new key', async () => {
  api.createOrder
    .mockResolvedValueOnce({ ok: true, data: order() })
    .mockResolvedValueOnce({ ok: true, data: order({ orderId: 'ord_2' }) })
  await usePay.getState().startOrder(target)
  const firstKey = api.createOrder.mock.calls[0][1]
  api.getOrder.mockResolvedValueOnce({ ok: true, data: order({ status: 'failed', failureReason: '支付未成功' }) })
  const r = await usePay.getState().startOrder(target)
  expect(r.ok && r.order.orderId).toBe('ord_2')
  expect(api.createOrder.mock.calls[1][1]).not.toBe(firstKey)
})

test('paid but not matched keeps the record (money was taken)', async () => {
  api.createOrder.mockResolvedValueOnce({ ok: true, data: order() })
  await usePay.getState().startOrder(target)
  api.getOrder.mockResolvedValueOnce({
    ok: true,
    data: order({ status: 'paid_not_matched', failureReason: '成员已迁出' })
  })
  await usePay.getState().refreshOrder('ord_1')
  expect(usePay.getState().pending['hh_1:2026']).toBeDefined()
  api.getOrder.mockResolvedValueOnce({ ok: true, data: order({ status: 'confirmed', receiptNumber: 'R1' }) })
  await usePay.getState().refreshOrder('ord_1')
  expect(usePay.getState().pending['hh_1:2026']).toBeUndefined()
})

test('someone else in the family is paying: blocked, and our unused key is dropped', async () => {
  api.createOrder.mockResolvedValueOnce({ ok: false, error: appError('OPEN_ORDER_EXISTS') })
  const r = await usePay.getState().startOrder(target)
  expect(r).toEqual({ ok: false, screen: { kind: 'blocked', reason: 'other_payer', paidAt: null, by: null, at: null } })
  expect(usePay.getState().pending).toEqual({})
})

test('someone else is paying: the screen names who (masked) and since when, as the county says', async () => {
  api.createOrder.mockResolvedValueOnce({
    ok: false,
    error: appError('OPEN_ORDER_EXISTS', {
      details: { payerNameMasked: '王**', startedAt: '2026-11-20T09:30:00+08:00', startedByYou: false }
    })
  })
  const r = await usePay.getState().startOrder(target)
  expect(r).toEqual({
    ok: false,
    screen: { kind: 'blocked', reason: 'other_payer', paidAt: null, by: '王**', at: '2026-11-20T09:30:00+08:00' }
  })
})

test('already paid: blocked, with the date the county confirmed it', async () => {
  api.createOrder.mockResolvedValueOnce({ ok: false, error: appError('ALREADY_PAID') })
  api.listOrders.mockResolvedValueOnce({
    ok: true,
    data: {
      orders: [
        order({ status: 'expired' }),
        order({ orderId: 'ord_9', status: 'confirmed', paidAt: '2025-10-02T09:00:00+08:00' })
      ]
    }
  })
  const r = await usePay.getState().startOrder(target)
  expect(r).toEqual({
    ok: false,
    screen: { kind: 'blocked', reason: 'already_paid', paidAt: '2025-10-02T09:00:00+08:00', by: '张**' }
  })
})

test('our own open order made under another key is adopted, not duplicated', async () => {
  api.createOrder.mockResolvedValueOnce({
    ok: false,
    error: appError('OPEN_ORDER_EXISTS', { details: { orderId: 'ord_7' } })
  })
  api.getOrder.mockResolvedValueOnce({ ok: true, data: order({ orderId: 'ord_7', status: 'paying' }) })
  const r = await usePay.getState().startOrder(target)
  expect(r.ok && r.order.orderId).toBe('ord_7')
  expect(usePay.getState().pending['hh_1:2026'].orderId).toBe('ord_7')
})

test('pay for others: the ID number is sent but never saved on the phone', async () => {
  api.createOrder.mockResolvedValueOnce({ ok: true, data: order({ payerIsHousehold: false }) })
  await usePay.getState().startOrder({ ...target, payeeIdNumber: '990101195001011237' })
  expect(api.createOrder.mock.calls[0][0]).toEqual({
    payeeIdNumber: '990101195001011237',
    year: 2026,
    channel: 'weapp'
  })
  const saved = String(Taro.getStorageSync('xqyb.contribution'))
  expect(saved).not.toContain('990101195001011237')
  expect(usePay.getState().pending['hh_1:2026'].payeeIdMasked).toBe('990***********1237')
})

test('weapp: WeChat Pay success only marks the payment as submitted', async () => {
  api.createOrder.mockResolvedValueOnce({ ok: true, data: order({ channel: 'weapp' }) })
  await usePay.getState().startOrder(target)
  api.startPayment.mockResolvedValueOnce({
    ok: true,
    data: {
      orderId: 'ord_1',
      provider: 'wechat',
      wechat: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' },
      cashier: null
    }
  })
  ;(Taro.requestPayment as jest.Mock).mockResolvedValueOnce({ errMsg: 'requestPayment:ok' })
  const launch = await usePay.getState().launchPayment('ord_1')
  expect(launch).toEqual({ kind: 'submitted' })
  expect(Taro.requestPayment).toHaveBeenCalledWith(expect.objectContaining({ package: 'prepay_id=x', paySign: 's' }))
  expect(usePay.getState().pending['hh_1:2026'].submitted).toBe(true)
  // the order itself is still what the county said
  expect(usePay.getState().orders.ord_1.status).toBe('created')
})

test('weapp: the user closes WeChat Pay → cancelled, nothing submitted', async () => {
  api.startPayment.mockResolvedValueOnce({
    ok: true,
    data: {
      orderId: 'ord_1',
      provider: 'wechat',
      wechat: { timeStamp: '1', nonceStr: 'n', package: 'p', signType: 'RSA', paySign: 's' },
      cashier: null
    }
  })
  ;(Taro.requestPayment as jest.Mock).mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' })
  const launch = await usePay.getState().launchPayment('ord_1')
  expect(launch).toEqual({ kind: 'cancelled', message: '您取消了付款，钱没有扣' })
})

test('receipts are kept for offline viewing, stored with ID numbers masked', async () => {
  usePay.getState().setOwner('u_1')
  api.getReceipt.mockResolvedValueOnce({ ok: true, data: receipt() })
  const r = await usePay.getState().loadReceipt('ord_1')
  expect(r.ok).toBe(true)
  expect(receiptCache.getState().read('u_1', 'ord_1')?.data.receiptNumber).toBe('990101-2026-00000001')
  const saved = String(Taro.getStorageSync('xqyb.cache.contribution.receipts'))
  expect(saved).toContain('990101-2026-00000001')
  expect(saved).toContain('990***********1234')
  expect(saved).not.toContain('990101197001011234')
  // another user on the same phone sees none of it, and their pending payments start empty
  expect(receiptCache.getState().read('u_2', 'ord_1')).toBeNull()
})

test('a different user on the phone does not inherit the pending payment', async () => {
  usePay.getState().setOwner('u_1')
  api.createOrder.mockResolvedValueOnce({ ok: true, data: order() })
  await usePay.getState().startOrder(target)
  usePay.getState().setOwner('u_1')
  expect(usePay.getState().pending['hh_1:2026']).toBeDefined()
  usePay.getState().setOwner('u_2')
  expect(usePay.getState().pending).toEqual({})
})

test('a failed look-up by ID number clears the last household found (its card must not stay under the error)', async () => {
  const found = { householdId: 'hh_3', year: 2027, total: '490.00', membersMasked: [] }
  api.lookupPayee
    .mockResolvedValueOnce({ ok: true, data: found })
    .mockResolvedValueOnce({ ok: false, error: appError('NOT_FOUND') })
  await usePay.getState().lookupPayee('x')
  expect(usePay.getState().payee).toEqual(found)
  const r = await usePay.getState().lookupPayee('y')
  expect(r.ok).toBe(false)
  expect(usePay.getState().payee).toBeNull()
})

test('the payment confirmed: every screen about the household is told once; an old receipt opened tells nobody', async () => {
  const told = jest.fn()
  onCountyChange([householdTopic('hh_1')], told)
  api.createOrder.mockResolvedValueOnce({ ok: true, data: order({ householdId: 'hh_1' }) })
  await usePay.getState().startOrder(target)
  api.getOrder.mockResolvedValue({ ok: true, data: order({ householdId: 'hh_1', status: 'paying' }) })
  await usePay.getState().refreshOrder('ord_1')
  expect(told).not.toHaveBeenCalled()
  api.getOrder.mockResolvedValue({
    ok: true,
    data: order({ householdId: 'hh_1', status: 'confirmed', receiptNumber: 'R1' })
  })
  await usePay.getState().refreshOrder('ord_1')
  await usePay.getState().refreshOrder('ord_1') // asked again: nothing new
  expect(told).toHaveBeenCalledTimes(1)
  // a receipt of an order this phone never saw being paid (a family member's, from a notice)
  api.getOrder.mockResolvedValue({
    ok: true,
    data: order({ orderId: 'ord_8', householdId: 'hh_1', status: 'confirmed', receiptNumber: 'R2' })
  })
  await usePay.getState().refreshOrder('ord_8')
  expect(told).toHaveBeenCalledTimes(1)
})
