// When paying goes wrong: a failed payment retried, paid but not recorded (then resolved by
// the county), and an abandoned payment that expires. Each checked in the county's database.
// These use the simulated cashier, whose buttons make a payment fail or be abandoned: WeChat
// Pay reports only successes (its failures and late notifies are county-api/src/pay/wechat-pay.test.ts).
import {
  DEMO,
  chargesFor,
  openSignedIn,
  ordersOf,
  setCountyClock,
  setElderly,
  settle,
  shot,
  startPayWorld,
  writableDb,
  type PayWorld
} from './pay-support'

let w: PayWorld

beforeAll(async () => {
  w = await startPayWorld({ payment: 'simulated' })
})
afterAll(async () => {
  await w?.close()
})

const CASHIER = '模拟收银台（演示用，不会真的扣钱）'

async function toCashier(householdId: string) {
  await w.page.locator('.pay-confirm:visible').last().waitFor()
  await w.page.locator('.pay-confirm:visible').last().click()
  await w.page.getByText(CASHIER).waitFor()
  await w.page.waitForURL(/orderId=/)
  return (
    new URL(w.page.url().replace('#', '')).searchParams.get('orderId') ?? (ordersOf(w, householdId).pop()?.id as string)
  )
}

async function refreshUntil(text: string, tries = 40) {
  for (let i = 0; i < tries; i++) {
    if (await w.page.getByText(text).isVisible()) return
    const refresh = w.page.getByText('刷新看看').first()
    if (await refresh.isVisible()) await refresh.click()
    await w.page.waitForTimeout(500)
  }
  await w.page.getByText(text).waitFor()
}

test('a payment that fails says why, and paying again works with a new order and one charge', async () => {
  await openSignedIn(w, DEMO.head, '/subpackages/pay/quote/index?householdId=hh_0001')
  await toCashier('hh_0001')
  await w.page.locator('.cashier__fail:visible').last().click()
  await w.page.getByText('付款没有成功').waitFor()
  await w.page.getByText(/原因：支付未成功。钱没有扣/).waitFor()
  await settle(w)
  await shot(w, 'pay-failed')
  await w.page.getByText('重新缴费', { exact: true }).click()
  await w.page.getByText(CASHIER).waitFor()
  await w.page.locator('.cashier__pay:visible').last().click()
  await w.page.getByText('缴费成功，已参保').waitFor()

  const orders = ordersOf(w, 'hh_0001')
  expect(orders.map((o) => o.status)).toEqual(['failed', 'confirmed'])
  const charges = chargesFor(
    w,
    orders.map((o) => o.id)
  )
  expect(charges.filter((c) => c.result === 'SUCCESS')).toEqual([
    { order_id: orders[1].id, result: 'SUCCESS', amount_fen: orders[1].amount_fen }
  ])
  expect(charges.filter((c) => c.result === 'FAIL').map((c) => c.order_id)).toEqual([orders[0].id])
  expect(w.errors).toEqual([])
})

test('paid but not recorded: the reference and whom to call, then resolved by the county', async () => {
  await openSignedIn(w, DEMO.grantee, '/subpackages/pay/quote/index?householdId=hh_0005')
  const orderId = await toCashier('hh_0005')
  const [order] = ordersOf(w, 'hh_0005')
  expect(order.id).toBe(orderId)
  const person = (JSON.parse(order.persons) as { personId: string }[])[1]
  // the county's roll changes between order and payment: this member shows as paid elsewhere
  const db = writableDb(w)
  db.prepare(
    `INSERT INTO enrolments (person_id, year, status, payer, amount_fen, order_id) VALUES (?, ?, 'enrolled', 'self', 40000, 'ord_elsewhere')
    ON CONFLICT(person_id, year) DO UPDATE SET status = 'enrolled', order_id = 'ord_elsewhere'`
  ).run(person.personId, order.year)
  await w.page.locator('.cashier__pay:visible').last().click()
  await w.page.getByText('钱已付，县里还没入账').waitFor()
  await w.page.getByText(`付款凭据：订单号 ${order.id}`).waitFor()
  await w.page.getByText(/医保服务热线 12393/).waitFor()
  await w.page.getByText(/工作人员正在核对/).waitFor()
  expect((w.db().prepare('SELECT status FROM orders WHERE id = ?').get(order.id) as { status: string }).status).toBe(
    'paid_not_matched'
  )
  await settle(w)
  await shot(w, 'pay-not-matched')

  // the county sorts it out (the wrong record removed); its retry job records the money
  db.prepare(`DELETE FROM enrolments WHERE person_id = ? AND year = ? AND order_id = 'ord_elsewhere'`).run(
    person.personId,
    order.year
  )
  db.close()
  await refreshUntil('缴费成功，已参保')
  expect((w.db().prepare('SELECT status FROM orders WHERE id = ?').get(order.id) as { status: string }).status).toBe(
    'confirmed'
  )
  expect(chargesFor(w, [order.id])).toHaveLength(1)
  expect(w.errors).toEqual([])
})

test('an abandoned payment waits, then expires without taking money', async () => {
  await openSignedIn(w, DEMO.elder, '/subpackages/pay/quote/index?householdId=hh_0002')
  await toCashier('hh_0002')
  await w.page.locator('.cashier__abandon:visible').last().click()
  await w.page.getByText('等待付款').waitFor()
  await w.page.getByText(/您没有付款，钱没有扣/).waitFor()
  await settle(w)
  await shot(w, 'pay-waiting')
  await setElderly(w, true)
  await w.page.locator('.app-page.elderly:visible').getByText('等待付款').waitFor()
  await settle(w)
  await shot(w, 'pay-waiting-elderly')
  await setElderly(w, false)
  const [order] = ordersOf(w, 'hh_0002')
  expect(order.status).toBe('created')

  // 31 minutes later (the order lives 30)
  await setCountyClock(w, new Date(w.product.now() + 31 * 60_000).toISOString())
  await w.page.reload()
  await w.page.getByText('订单已过期，钱没有扣').waitFor()
  await settle(w)
  await shot(w, 'pay-expired')
  expect(ordersOf(w, 'hh_0002').map((o) => o.status)).toEqual(['expired'])
  expect(chargesFor(w, [order.id])).toEqual([])
  expect(w.errors).toEqual([])
})
