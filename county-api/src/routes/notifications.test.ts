// Issue #6 over HTTP: when someone other than the head pays, the household is notified once
// (however often the provider repeats its notify), only the household reads it, each member
// marks their own copy read; and the reminder subscriptions are stored and read back.
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import type { SubscriptionsBody } from '../../../src/contract'
import { client, type Client } from '../testing/client'
import { peek } from '../testing/db-peek'
import { signedNotify, TEST_NOTIFY_KEY } from '../testing/notify'
import { isoTime } from '../clock'

let server: SpawnedServer
let api: Client
let head: string // 王建国, head of hh_0001
let elder: string // 李秀英, head of hh_0002
let grantee: string // 王小燕, grant on hh_0001 with status, claims, pay
let migrant: string // 阿依古丽·买买提, pays for her parents in hh_0003
let parentHead: string // a new account bound to 买买提·艾力, head of hh_0003
let parentSpouse: string // a new account bound to 古丽娜尔·吐尔逊, member of hh_0003
let keyN = 0
const key = () => ({ 'idempotency-key': `notif-test-${Date.now()}-${++keyN}` })

jest.setTimeout(30_000)

/** A new account bound to a person: by the code to their roster phone, or (no phone) with the head's approval. */
async function bindTo(name: string, householdId: string, personName: string, headToken?: string): Promise<string> {
  const [p] = peek<{ id_number: string; household_number: string }>(
    server.dbPath,
    'SELECT p.id_number, h.household_number FROM persons p JOIN households h ON h.id = p.household_id WHERE p.household_id = ? AND p.name = ?',
    householdId,
    personName
  )
  const t = await api.wechat(name)
  const me = await api.bind(
    t,
    { idNumber: p.id_number, name: personName, householdNumber: p.household_number },
    { headToken }
  )
  expect(me.households[0]?.householdId).toBe(householdId)
  return t
}

const notificationsOf = (householdId: string) =>
  peek<{ id: string; order_id: string; payload: string }>(
    server.dbPath,
    `SELECT id, order_id, payload FROM notifications WHERE household_id = ? AND kind = 'paid_by_other'`,
    householdId
  )

beforeAll(async () => {
  server = await spawnServer({ households: 30, env: { PAYMENT_NOTIFY_KEY: TEST_NOTIFY_KEY } })
  api = client(server.url)
  head = await api.wechat('head')
  elder = await api.wechat('elder')
  grantee = await api.wechat('grantee')
  migrant = await api.wechat('migrant')
  parentHead = await bindTo('parent-head', 'hh_0003', '买买提·艾力')
  parentSpouse = await bindTo('parent-spouse', 'hh_0003', '古丽娜尔·吐尔逊', parentHead)
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

describe('the household is notified when someone else pays', () => {
  let order: { orderId: string; amount: string; persons: { personId: string }[] }
  let notificationId: string

  it('a migrant child pays her parents by ID number; a replayed notify still makes one notification', async () => {
    const [parent] = peek<{ id_number: string }>(
      server.dbPath,
      `SELECT id_number FROM persons WHERE household_id = 'hh_0003' ORDER BY id LIMIT 1`
    )
    const o = await api.call('createOrder', {
      body: { payeeIdNumber: parent.id_number, year: 2027, channel: 'h5' },
      token: migrant,
      headers: key()
    })
    expect(o.status).toBe(201)
    order = o.data
    expect((await api.call('startPayment', { params: { orderId: order.orderId }, token: migrant })).status).toBe(200)
    const amountFen = Number(order.amount.replace('.', ''))
    const n = signedNotify({ orderId: order.orderId, amountFen, paidAt: isoTime(await api.now()) })
    const send = (body = n.body, sig = n.signature) =>
      api.call('paymentNotify', { json: body, headers: { 'x-notify-signature': sig } })
    // the provider repeats itself, at the same time and later
    const [a, b] = await Promise.all([send(), send()])
    expect([a.data.code, b.data.code]).toEqual(['SUCCESS', 'SUCCESS'])
    expect((await send()).data.code).toBe('SUCCESS')
    // the same payment under a new notify id
    const txn = JSON.parse(n.body).transactionId as string
    const again = signedNotify({
      orderId: order.orderId,
      amountFen,
      transactionId: txn,
      paidAt: isoTime(await api.now())
    })
    expect((await send(again.body, again.signature)).data.code).toBe('SUCCESS')
    // and a reviewer's retry of a confirmed order is refused, nothing written
    expect(
      (await api.call('reviewRetryMatch', { params: { orderId: order.orderId }, token: await api.wechat('reviewer') }))
        .error.code
    ).toBe('CONFLICT')

    const confirmed = await api.call('getOrder', { params: { orderId: order.orderId }, token: migrant })
    expect(confirmed.data.status).toBe('confirmed')
    const rows = notificationsOf('hh_0003')
    expect(rows).toHaveLength(1)
    expect(rows[0].order_id).toBe(order.orderId)
    notificationId = rows[0].id
  })

  it('the head reads who paid (masked), how much, for which year and whom (names), the receipt number; no ID numbers or phones', async () => {
    const r = await api.call('listHouseholdNotifications', { params: { householdId: 'hh_0003' }, token: parentHead })
    expect(r.status).toBe(200)
    const receipt = await api.call('getReceipt', { params: { orderId: order.orderId }, token: parentHead }) // the head may open the receipt
    expect(receipt.status).toBe(200)
    const names = peek<{ name: string }>(
      server.dbPath,
      `SELECT name FROM persons WHERE household_id = 'hh_0003' ORDER BY id`
    ).map((p) => p.name)
    // (the head also has the notices of the accounts bound to hh_0003 above: binding.test.ts)
    expect({ ...r.data, notifications: r.data.notifications.filter((n) => n.kind === 'paid_by_other') }).toEqual({
      householdId: 'hh_0003',
      notifications: [
        {
          notificationId,
          householdId: 'hh_0003',
          kind: 'paid_by_other',
          createdAt: expect.stringMatching(/\+08:00$/),
          readAt: null,
          payment: {
            orderId: order.orderId,
            year: 2027,
            amount: order.amount,
            payerNameMasked: '阿***·***',
            payerIsHousehold: false,
            members: names,
            receiptNumber: receipt.data.receiptNumber,
            paidAt: receipt.data.paidAt
          }
        }
      ]
    })
    const text = JSON.stringify(r.body)
    for (const p of peek<{ id_number: string; phone: string | null }>(
      server.dbPath,
      `SELECT id_number, phone FROM persons WHERE household_id IN ('hh_0003', 'hh_0004')`
    )) {
      expect(text).not.toContain(p.id_number)
      if (p.phone) expect(text).not.toContain(p.phone)
    }
    expect(text).not.toMatch(/\d{17}[\dX]|1\d{10}/)
    expect(text).not.toContain('阿依古丽')
  })

  it('the payer (no relation to the household), strangers and the unsigned cannot read it or mark it read', async () => {
    expect(
      (await api.call('listHouseholdNotifications', { params: { householdId: 'hh_0003' }, token: migrant })).status
    ).toBe(404)
    expect(
      (await api.call('listHouseholdNotifications', { params: { householdId: 'hh_0003' }, token: head })).status
    ).toBe(404)
    expect((await api.call('markNotificationRead', { params: { notificationId }, token: migrant })).status).toBe(404)
    expect(
      (await api.call('markNotificationRead', { params: { notificationId: 'ntf_nope' }, token: parentHead })).status
    ).toBe(404)
    expect((await api.call('listHouseholdNotifications', { params: { householdId: 'hh_0003' } })).status).toBe(401)
  })

  it('知道了 marks it read for that user only; a second tap keeps the first time', async () => {
    const first = await api.call('markNotificationRead', { params: { notificationId }, token: parentHead })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ notificationId, readAt: expect.stringMatching(/\+08:00$/) })
    const second = await api.call('markNotificationRead', { params: { notificationId }, token: parentHead })
    expect(second.data.readAt).toBe(first.data.readAt)
    expect(
      (
        await api.call('listHouseholdNotifications', { params: { householdId: 'hh_0003' }, token: parentHead })
      ).data.notifications.find((n) => n.notificationId === notificationId)?.readAt
    ).toBe(first.data.readAt)
    // the other member of the household still has it unread
    const spouse = await api.call('listHouseholdNotifications', {
      params: { householdId: 'hh_0003' },
      token: parentSpouse
    })
    expect(spouse.data.notifications.map((n: { readAt: string | null }) => n.readAt)).toEqual([null])
  })

  it("a grantee paying is told to the head; the grantee may not read the household's notifications (403)", async () => {
    const o = await api.call('createOrder', {
      body: { householdId: 'hh_0001', year: 2027, channel: 'h5' },
      token: grantee,
      headers: key()
    })
    expect(o.status).toBe(201)
    const start = await api.call('startPayment', { params: { orderId: o.data.orderId }, token: grantee })
    await api.raw('POST', new URL(start.data.cashier!.payUrl).pathname, { body: {} }) // the simulated cashier: payment and notify in one commit
    expect((await api.call('getOrder', { params: { orderId: o.data.orderId }, token: grantee })).data.status).toBe(
      'confirmed'
    )
    const list = await api.call('listHouseholdNotifications', { params: { householdId: 'hh_0001' }, token: head })
    expect(list.data.notifications).toHaveLength(1)
    const paidNotice = list.data.notifications[0]
    expect(paidNotice.kind === 'paid_by_other' && paidNotice.payment).toMatchObject({
      orderId: o.data.orderId,
      payerNameMasked: '王**',
      payerIsHousehold: false,
      amount: o.data.amount
    })
    const refused = await api.call('listHouseholdNotifications', { params: { householdId: 'hh_0001' }, token: grantee })
    expect(refused.status).toBe(403)
    expect(refused.error.code).toBe('FORBIDDEN')
    expect(
      (
        await api.call('markNotificationRead', {
          params: { notificationId: list.data.notifications[0].notificationId },
          token: grantee
        })
      ).status
    ).toBe(403)
  })

  it('the head paying for the own household makes no notification', async () => {
    const o = await api.call('createOrder', {
      body: { householdId: 'hh_0002', year: 2027, channel: 'h5' },
      token: elder,
      headers: key()
    })
    expect(o.status).toBe(201)
    const start = await api.call('startPayment', { params: { orderId: o.data.orderId }, token: elder })
    await api.raw('POST', new URL(start.data.cashier!.payUrl).pathname, { body: {} })
    expect((await api.call('getOrder', { params: { orderId: o.data.orderId }, token: elder })).data.status).toBe(
      'confirmed'
    )
    expect(notificationsOf('hh_0002')).toEqual([])
    expect(
      (await api.call('listHouseholdNotifications', { params: { householdId: 'hh_0002' }, token: elder })).body
    ).toEqual({
      householdId: 'hh_0002',
      notifications: []
    })
  })
})

describe('reminder subscriptions', () => {
  const save = (token: string, body: SubscriptionsBody) => api.call('saveSubscriptions', { body, token })

  it('stores the WeChat answer per user, household and kind, and reads it back; a later answer replaces the earlier', async () => {
    const r = await save(head, {
      householdId: 'hh_0001',
      year: 2027,
      channel: 'weapp',
      templates: [
        { kind: 'deadline', accepted: true },
        { kind: 'result', accepted: false }
      ]
    })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      householdId: 'hh_0001',
      subscriptions: [
        {
          kind: 'deadline',
          accepted: true,
          year: 2027,
          channel: 'weapp',
          updatedAt: expect.stringMatching(/\+08:00$/)
        },
        { kind: 'result', accepted: false, year: 2027, channel: 'weapp', updatedAt: expect.stringMatching(/\+08:00$/) }
      ],
      // nothing sent yet (messages/outbox.test.ts sends); this county has no templates configured
      sent: [],
      templateIds: { deadline: null, result: null, window: null, claim: null, decision: null, binding: null }
    })
    expect((await api.call('listSubscriptions', { query: { householdId: 'hh_0001' }, token: head })).body).toEqual(
      r.body
    )
    const later = await save(head, { householdId: 'hh_0001', templates: [{ kind: 'result', accepted: true }] })
    expect(
      later.data.subscriptions.map((s: { kind: string; accepted: boolean; year: number | null }) => [
        s.kind,
        s.accepted,
        s.year
      ])
    ).toEqual([
      ['deadline', true, 2027],
      ['result', true, null]
    ])
    expect(peek(server.dbPath, `SELECT COUNT(*) AS n FROM subscriptions WHERE user_id = 'u_head'`)).toEqual([{ n: 2 }])
  })

  it('a grantee with pay keeps their own; others are 404; bad bodies 400', async () => {
    const g = await save(grantee, { householdId: 'hh_0001', templates: [{ kind: 'deadline', accepted: true }] })
    expect(g.status).toBe(200)
    expect(g.data.subscriptions).toEqual([
      expect.objectContaining({ kind: 'deadline', accepted: true, channel: 'weapp' })
    ])
    expect(
      (await api.call('listSubscriptions', { query: { householdId: 'hh_0001' }, token: grantee })).data.subscriptions
    ).toHaveLength(1)
    expect(
      (await save(migrant, { householdId: 'hh_0001', templates: [{ kind: 'deadline', accepted: true }] })).status
    ).toBe(404)
    expect((await api.call('listSubscriptions', { query: { householdId: 'hh_0001' }, token: migrant })).status).toBe(
      404
    )
    for (const body of [
      { householdId: 'hh_0001', templates: [] },
      { householdId: 'hh_0001', templates: [{ kind: 'weekly', accepted: true }] },
      { householdId: 'hh_0001', templates: [{ kind: 'deadline', accepted: 'yes' }] },
      {
        householdId: 'hh_0001',
        templates: [
          { kind: 'deadline', accepted: true },
          { kind: 'deadline', accepted: false }
        ]
      },
      { templates: [{ kind: 'deadline', accepted: true }] }
    ]) {
      const r = await api.raw('POST', '/v1/me/subscriptions', { body, token: head })
      expect([JSON.stringify(body), r.status, r.body.code]).toEqual([JSON.stringify(body), 400, 'BAD_REQUEST'])
    }
    expect((await api.raw('GET', '/v1/me/subscriptions', { token: head })).status).toBe(400)
  })
})
