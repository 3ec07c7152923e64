// The county's admission limit on a deadline-day rush (ADMISSION_RATE, county-api/src/admission.ts):
// a county that admits one new payment a minute has just admitted another household's; the
// villager taps pay, the county says BUSY, the page shows 排队中 counting down and then pays by
// itself with the same key: one order, confirmed, one charge. The county's clock and the page's
// are moved together (no waiting out the minute).
import {
  DEMO,
  chargesFor,
  openSignedIn,
  ordersOf,
  settle,
  shot,
  signInApi,
  startPayWorld,
  type PayWorld
} from './pay-support'

jest.setTimeout(60_000)

let w: PayWorld

beforeAll(async () => {
  w = await startPayWorld({ payment: 'simulated', env: { ADMISSION_RATE: '1/minute' } })
}, 120_000)
afterAll(async () => {
  await w?.close()
})

const CASHIER = '模拟收银台（演示用，不会真的扣钱）'

test('over the rate: 排队中 with a countdown, then the payment goes through by itself, once', async () => {
  // another household takes the county's one place this minute
  const elder = await signInApi(w, DEMO.elder)
  const taken = await w.api.call('createOrder', {
    body: { householdId: 'hh_0002', year: 2027, channel: 'h5' },
    token: elder.token,
    headers: { 'idempotency-key': 'admission-first-in-line' }
  })
  expect(taken.status).toBe(201)

  const orderRequests: string[] = []
  w.page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/v1/orders'))
      orderRequests.push(r.headers()['idempotency-key'] ?? '')
  })
  await openSignedIn(w, DEMO.head, '/subpackages/pay/quote/index?householdId=hh_0001')
  await w.page.locator('.pay-confirm:visible').last().waitFor()
  await w.page.locator('.pay-confirm:visible').last().click()

  const queued = w.page.locator('.pay-status--queued:visible')
  await queued.locator('.pay-status__title', { hasText: '排队中' }).waitFor()
  await queued.getByText(/不用关掉，到时自动再试/).waitFor()
  const first = Number(/(\d+) 秒后/.exec(await queued.locator('.pay-queue__count').innerText())?.[1])
  expect(first).toBeGreaterThan(30)
  expect(first).toBeLessThanOrEqual(60)
  // the pay bar, always in sight, says it too
  await expect(w.page.locator('.pay-confirm:visible').last().innerText()).resolves.toMatch(/^排队中，\d+ 秒后自动再试$/)
  await settle(w)
  await queued.scrollIntoViewIfNeeded()
  await shot(w, 'pay-queued')
  // the pay button is off while in line; nothing was written
  await expect(w.page.locator('.pay-confirm:visible').last().isDisabled()).resolves.toBe(true)
  expect(ordersOf(w, 'hh_0001')).toEqual([])
  expect(orderRequests).toHaveLength(1)

  // the minute passes for the county and for the phone, a second at a time on the phone
  await w.product.setNow(w.product.now() + 61_000)
  for (let i = 0; i <= first && !(await w.page.getByText(CASHIER).isVisible()); i++) {
    await w.page.clock.fastForward(1000)
    await w.page.waitForTimeout(100)
  }
  await w.page.getByText(CASHIER).waitFor()
  // the same key both times: one order
  expect(orderRequests).toHaveLength(2)
  expect(orderRequests[1]).toBe(orderRequests[0])

  await w.page.locator('.cashier__pay:visible').last().click()
  await w.page.getByText('缴费成功，已参保').waitFor()
  const orders = ordersOf(w, 'hh_0001')
  expect(orders.map((o) => o.status)).toEqual(['confirmed'])
  expect(chargesFor(w, [orders[0].id]).filter((c) => c.result === 'SUCCESS')).toHaveLength(1)
  // (the browser logs the county's 429 itself, once: the refusal the test arranged; nothing else)
  expect(w.errors.filter((e) => !/status of 429 .*\/v1\/orders\]$/.test(e))).toEqual([])
  expect(w.errors).toHaveLength(1)
})
