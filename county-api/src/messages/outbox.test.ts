// Subscribe messages reach WeChat (the simulator) from the county's background job: the deadline
// reminder 7 days before the window closes, for a household that still owes; "no acceptance left"
// at WeChat for the 1-day one; the payment result after paying. Template ids from configuration;
// the access token kept in the database; what was sent and when, in the household's list.
import { FIELDS } from './templates'
import { peek } from '../testing/db-peek'
import { startWechatCounty, waitFor, type WechatCounty } from '../testing/wechat-county'
import { spreadOffsetMinutes } from './outbox'

jest.setTimeout(60_000)

const DEADLINE = 'tmplDeadlineA01'
const RESULT = 'tmplResultA0001'
let c: WechatCounty
let head: string

beforeAll(async () => {
  c = await startWechatCounty({
    households: 12,
    env: {
      WECHAT_TEMPLATE_DEADLINE: DEADLINE,
      WECHAT_TEMPLATE_RESULT: RESULT,
      MESSAGE_SPREAD_MINUTES: '0',
      // the test moves the clock weeks ahead
      SESSION_TTL_HOURS: '8760'
    }
  })
  // the county's templates, as chosen in the mini-program console
  c.sim.mini.templates.set(DEADLINE, FIELDS.deadline)
  c.sim.mini.templates.set(RESULT, FIELDS.result)
  head = await c.api.wechat('head')
}, 90_000)

afterAll(async () => {
  await c?.close()
})

const toHead = (templateId: string) =>
  c.sim.mini.messages.filter((m) => m.touser === 'dev-openid-head' && m.templateId === templateId)
const rows = (kind: string) =>
  peek<{ status: string; errcode: number | null }>(
    c.server.dbPath,
    `SELECT status, errcode FROM messages WHERE kind = ? ORDER BY created_at`,
    kind
  )

test('the deadline reminder 7 days before the end, then "no acceptance left" at WeChat, then the payment result', async () => {
  const quote = await c.api.ok('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 2027 }, token: head })
  const end = quote.collectionPeriod!.end
  // the head accepted the deadline reminder twice in the app, but WeChat holds one acceptance
  for (let i = 0; i < 2; i++)
    await c.api.ok('saveSubscriptions', {
      body: { householdId: 'hh_0001', year: 2027, channel: 'weapp', templates: [{ kind: 'deadline', accepted: true }] },
      token: head
    })
  c.sim.mini.accept('dev-openid-head', DEADLINE, 1)

  // 7 days before the window's last day, at 10:00
  await c.setNow(Date.parse(`${end}T10:00:00+08:00`) - 7 * 86_400_000)
  const [reminder] = await waitFor(
    async () => toHead(DEADLINE),
    (m) => m.length === 1
  )
  expect(reminder.page).toBe('subpackages/pay/quote/index?householdId=hh_0001')
  expect(reminder.data).toEqual({
    thing1: '2027年度城乡居民医保缴费',
    amount2: `¥${quote.total}`,
    date3: `${end.slice(0, 4)}年${end.slice(5, 7)}月${end.slice(8, 10)}日`,
    thing4: '还有7天截止，请按时交'
  })

  // the day before: the county still holds an acceptance, WeChat none (43101): not sent, none left
  await c.setNow(Date.parse(`${end}T10:00:00+08:00`) - 86_400_000)
  await waitFor(
    async () => rows('deadline'),
    (r) => r.length === 2 && r[1].status === 'refused'
  )
  expect(rows('deadline')).toEqual([
    { status: 'sent', errcode: null },
    { status: 'refused', errcode: 43101 }
  ])
  expect(toHead(DEADLINE)).toHaveLength(1)
  expect(
    peek(c.server.dbPath, `SELECT acceptances FROM subscriptions WHERE kind = 'deadline' AND household_id = 'hh_0001'`)
  ).toEqual([{ acceptances: 0 }])

  // the payment result: the head (signed in again: weeks passed) accepts it, pays, and WeChat shows
  // the amount and the receipt
  head = await c.api.wechat('head')
  await c.api.ok('saveSubscriptions', {
    body: { householdId: 'hh_0001', year: 2027, channel: 'weapp', templates: [{ kind: 'result', accepted: true }] },
    token: head
  })
  c.sim.mini.accept('dev-openid-head', RESULT, 1)
  const order = await c.api.ok('createOrder', {
    body: { householdId: 'hh_0001', year: 2027, channel: 'weapp' },
    token: head,
    headers: { 'idempotency-key': `messages-test-${Date.now()}` }
  })
  const start = await c.api.ok('startPayment', { params: { orderId: order.orderId }, token: head })
  const paid = await fetch(`${c.sim.url}/sim/pay`, { method: 'POST', body: JSON.stringify(start.wechat) })
  expect(((await paid.json()) as { errMsg: string }).errMsg).toBe('requestPayment:ok')
  const [result] = await waitFor(
    async () => toHead(RESULT),
    (m) => m.length === 1
  )
  const confirmed = await c.api.ok('getOrder', { params: { orderId: order.orderId }, token: head })
  expect(result.data).toMatchObject({
    amount2: `¥${order.amount}`,
    phrase4: '已入账',
    character_string5: confirmed.receiptNumber
  })
  expect(result.page).toBe(`subpackages/pay/order/index?orderId=${order.orderId}`)

  // the app's list says what was sent and when, latest first
  const list = await c.api.ok('listSubscriptions', { query: { householdId: 'hh_0001' }, token: head })
  expect(list.templateIds).toEqual({
    deadline: DEADLINE,
    result: RESULT,
    window: null,
    claim: null,
    decision: null,
    binding: null
  })
  expect(list.sent.map((s) => [s.kind, s.title])).toEqual([
    ['result', '缴费结果通知'],
    ['deadline', '缴费截止提醒']
  ])
  expect(list.sent[1].sentAt.slice(0, 10)).toBe(new Date(Date.parse(end) - 7 * 86_400_000).toISOString().slice(0, 10))
  // one access token for all of it, kept in the database (no second stable_token call)
  expect(c.sim.mini.tokenCalls).toHaveLength(1)
  expect(peek(c.server.dbPath, `SELECT COUNT(*) AS n FROM meta WHERE key = 'wechat_access_token'`)).toEqual([{ n: 1 }])
})

test("reminders are spread over the county's window, the same place each day for one user", () => {
  const offsets = Array.from({ length: 200 }, (_, i) => spreadOffsetMinutes(120, `u_${i}`, 'hh_0001'))
  for (const m of offsets) expect(m >= 0 && m < 120).toBe(true)
  // spread out: every 20-minute slot gets some of the 200
  for (let slot = 0; slot < 6; slot++)
    expect(offsets.filter((m) => m >= slot * 20 && m < (slot + 1) * 20).length).toBeGreaterThan(10)
  expect(spreadOffsetMinutes(120, 'u_1', 'hh_0001')).toBe(offsets[1])
  expect(spreadOffsetMinutes(0, 'u_1', 'hh_0001')).toBe(0)
})
