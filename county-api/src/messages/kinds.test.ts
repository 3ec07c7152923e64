// The other subscribe messages a household can accept, through the same outbox and over HTTP to
// the WeChat simulator: the collection window opening, a claim paid out, an application decided.
// One acceptance, one message: a job that runs again, or an acceptance the county holds twice,
// never sends one thing twice; what happened days ago is not announced.
import { makeIdNumber } from '../../../src/shared/id-number'
import { FIELDS } from './templates'
import { peek } from '../testing/db-peek'
import { startWechatCounty, waitFor, type WechatCounty } from '../testing/wechat-county'

jest.setTimeout(60_000)

const WINDOW = 'tmplWindowOpen01'
const CLAIM = 'tmplClaimPaid001'
const DECISION = 'tmplDecision0001'
const OPENID = 'dev-openid-head'
let c: WechatCounty

beforeAll(async () => {
  c = await startWechatCounty({
    households: 12,
    env: {
      WECHAT_TEMPLATE_WINDOW: WINDOW,
      WECHAT_TEMPLATE_CLAIM: CLAIM,
      WECHAT_TEMPLATE_DECISION: DECISION,
      MESSAGE_SPREAD_MINUTES: '0',
      // the test moves the clock by weeks
      SESSION_TTL_HOURS: '8760'
    }
  })
  c.sim.mini.templates.set(WINDOW, FIELDS.window)
  c.sim.mini.templates.set(CLAIM, FIELDS.claim)
  c.sim.mini.templates.set(DECISION, FIELDS.decision)
}, 90_000)

afterAll(async () => {
  await c?.close()
})

const sentTo = (templateId: string) =>
  c.sim.mini.messages.filter((m) => m.touser === OPENID && m.templateId === templateId)
const acceptances = (kind: string) =>
  peek<{ acceptances: number }>(
    c.server.dbPath,
    `SELECT acceptances FROM subscriptions WHERE kind = ? AND household_id = 'hh_0001'`,
    kind
  )[0]?.acceptances
/** Moves the clock and waits until the job's hourly scan (`metaKey`) has run at the new time. */
async function moveAndScan(at: number, metaKey: string): Promise<void> {
  await c.setNow(at)
  await waitFor(
    async () => peek<{ value: string }>(c.server.dbPath, `SELECT value FROM meta WHERE key = ?`, metaKey),
    (r) => r.length === 1 && Number(r[0].value) >= at
  )
}
async function accept(token: string, kind: 'window' | 'claim' | 'decision', times: number, atWechat: number) {
  for (let i = 0; i < times; i++)
    await c.api.ok('saveSubscriptions', {
      body: { householdId: 'hh_0001', year: 2027, channel: 'weapp', templates: [{ kind, accepted: true }] },
      token
    })
  c.sim.mini.accept(OPENID, { window: WINDOW, claim: CLAIM, decision: DECISION }[kind], atWechat)
}

test('the collection window opening: once, on its first day, even when the job scans again', async () => {
  const quote = await c.api.ok('getQuote', {
    params: { householdId: 'hh_0001' },
    query: { year: 2027 },
    token: await c.api.wechat('head')
  })
  const { start, end } = quote.collectionPeriod!
  // the day before the window opens: the head accepts (twice in the app, twice at WeChat)
  const dayBefore = Date.parse(`${start}T10:00:00+08:00`) - 86_400_000
  await c.setNow(dayBefore)
  await accept(await c.api.wechat('head'), 'window', 2, 2)
  await moveAndScan(dayBefore + 30 * 60_000, 'messages_window_scan')
  expect(sentTo(WINDOW)).toHaveLength(0)

  await moveAndScan(Date.parse(`${start}T10:00:00+08:00`), 'messages_window_scan')
  const [m] = await waitFor(
    async () => sentTo(WINDOW),
    (s) => s.length === 1
  )
  expect(m.page).toBe('subpackages/pay/quote/index?householdId=hh_0001')
  expect(m.data).toEqual({
    thing1: '2027年度城乡居民医保缴费',
    amount2: `¥${quote.total}`,
    date3: `${start.slice(0, 4)}年${start.slice(5, 7)}月${start.slice(8, 10)}日`,
    date4: `${end.slice(0, 4)}年${end.slice(5, 7)}月${end.slice(8, 10)}日`,
    thing5: '开始交了，在小程序里就能交'
  })
  expect(acceptances('window')).toBe(1)

  // the next day the scan runs again with an acceptance left: nothing more is sent
  await moveAndScan(Date.parse(`${start}T10:00:00+08:00`) + 86_400_000, 'messages_window_scan')
  expect(peek(c.server.dbPath, `SELECT status FROM messages WHERE kind = 'window'`)).toEqual([{ status: 'sent' }])
  expect(acceptances('window')).toBe(1)
  expect(sentTo(WINDOW)).toHaveLength(1)
})

test('a claim paid out: the newest one, the day it was paid; older ones are not announced', async () => {
  const paid = peek<{ id: string; timeline: string }>(
    c.server.dbPath,
    `SELECT c.id, c.timeline FROM claims c JOIN persons p ON p.id = c.person_id
     WHERE p.household_id = 'hh_0001' AND c.stage = 'paid_out'`
  ).map((r) => ({
    id: r.id,
    paidOn: (JSON.parse(r.timeline) as { stage: string; date: string }[]).find((t) => t.stage === 'paid_out')!.date
  }))
  expect(paid.length).toBeGreaterThan(0)
  const newest = paid.reduce((a, b) => (b.paidOn > a.paidOn ? b : a))
  // the day it was paid out (claims paid out more than 3 days before that are old news)
  await c.setNow(Date.parse(`${newest.paidOn}T12:00:00+08:00`))
  const head = await c.api.wechat('head')
  const claim = await c.api.ok('getClaim', { params: { claimId: newest.id }, token: head })
  // enough acceptances for every claim paid out in the 3 days before (each is announced once)
  const recent = paid.filter((p) => Date.parse(p.paidOn) >= Date.parse(newest.paidOn) - 3 * 86_400_000)
  await accept(head, 'claim', recent.length + 1, recent.length + 1)
  const [m] = await waitFor(
    async () => sentTo(CLAIM),
    (s) => s.length >= 1
  )
  expect(m.page).toBe(`subpackages/claims/detail/index?claimId=${newest.id}`)
  expect(m.data).toMatchObject({
    thing2: claim.institutionName.length <= 20 ? claim.institutionName : expect.stringMatching(/…$/),
    amount3: `¥${claim.payout}`,
    date4: `${newest.paidOn.slice(0, 4)}年${newest.paidOn.slice(5, 7)}月${newest.paidOn.slice(8, 10)}日`,
    phrase5: '已拨付'
  })
  // the patient's name masked: a message can show on a locked phone
  expect(m.data.thing1).not.toBe(claim.personName)
  expect([...m.data.thing1][0]).toBe([...claim.personName][0])
  // the job runs on: only the claims paid out in the last 3 days, each once (one acceptance left)
  await moveAndScan(Date.parse(`${newest.paidOn}T12:00:00+08:00`) + 2 * 3600_000, 'messages_window_scan')
  await waitFor(
    async () => peek(c.server.dbPath, `SELECT id FROM messages WHERE kind = 'claim' AND status = 'queued'`),
    (q) => q.length === 0
  )
  const byPage = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '')
  expect(
    sentTo(CLAIM)
      .map((s) => s.page)
      .sort(byPage)
  ).toEqual(recent.map((p) => `subpackages/claims/detail/index?claimId=${p.id}`).sort(byPage))
  expect(acceptances('claim')).toBe(1)
})

test('an application decided: "more needed", then the decision after resubmitting, one message each', async () => {
  await c.setNow(Date.parse('2026-11-25T10:00:00+08:00'))
  let head = await c.api.wechat('head')
  let reviewer = await c.api.wechat('reviewer')
  // one acceptance only at first
  await accept(head, 'decision', 1, 1)
  const app = await c.api.ok('createApplication', {
    body: {
      householdId: 'hh_0001',
      kind: 'add_newborn',
      fields: { name: '王小安', idNumber: makeIdNumber('999901', '20260801', '021'), relation: '孙子' }
    },
    token: head
  })
  await c.api.ok('reviewDecide', {
    params: { applicationId: app.applicationId },
    body: { decision: 'needs_more', reason: '请补充出生医学证明' },
    token: reviewer
  })
  const [first] = await waitFor(
    async () => sentTo(DECISION),
    (s) => s.length === 1
  )
  expect(first.page).toBe(`subpackages/enrol/status/index?id=${app.applicationId}`)
  expect(first.data).toEqual({
    thing1: '新生儿参保',
    phrase2: '需补充',
    thing3: '还缺材料，请在小程序里补上',
    date4: '2026年11月25日'
  })

  // resubmitted and rejected the next day: no acceptance left, so nothing is queued ...
  await c.setNow(Date.parse('2026-11-26T10:00:00+08:00'))
  head = await c.api.wechat('head')
  reviewer = await c.api.wechat('reviewer')
  await c.api.ok('resubmitApplication', { params: { applicationId: app.applicationId }, token: head })
  await c.api.ok('reviewDecide', {
    params: { applicationId: app.applicationId },
    body: { decision: 'reject', reason: '不是本户的孩子' },
    token: reviewer
  })
  await moveAndScan(Date.parse('2026-11-26T11:00:00+08:00'), 'messages_window_scan')
  expect(peek(c.server.dbPath, `SELECT COUNT(*) AS n FROM messages WHERE kind = 'decision'`)).toEqual([{ n: 1 }])
  // ... until the head accepts again: then the decision goes out, once
  await accept(head, 'decision', 1, 1)
  const [, second] = await waitFor(
    async () => sentTo(DECISION),
    (s) => s.length === 2
  )
  expect(second.data).toMatchObject({ phrase2: '未通过', date4: '2026年11月26日' })
  await moveAndScan(Date.parse('2026-11-26T13:00:00+08:00'), 'messages_window_scan')
  expect(peek(c.server.dbPath, `SELECT COUNT(*) AS n FROM messages WHERE kind = 'decision'`)).toEqual([{ n: 2 }])
  expect(sentTo(DECISION)).toHaveLength(2)

  // the app's list: what was sent and when, latest first, with the new kinds' titles
  const list = await c.api.ok('listSubscriptions', {
    query: { householdId: 'hh_0001' },
    token: await c.api.wechat('head')
  })
  expect(list.templateIds).toEqual({
    deadline: null,
    result: null,
    window: WINDOW,
    claim: CLAIM,
    decision: DECISION,
    binding: null
  })
  expect(list.sent.slice(0, 2).map((s) => [s.kind, s.title])).toEqual([
    ['decision', '申请办理结果'],
    ['decision', '申请办理结果']
  ])
  expect(list.sent.map((s) => s.title)).toContain('报销到账通知')
})
