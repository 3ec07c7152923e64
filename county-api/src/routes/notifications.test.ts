// Issue #6 over HTTP: when someone other than the head pays, the household is notified once
// (however often the provider repeats its notify), only the household reads it, each member
// marks their own copy read; and the reminder subscriptions are stored and read back.
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
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

async function bindTo(name: string, householdId: string, personName: string): Promise<string> {
  const [p] = peek<{ id_number: string }>(
    server.dbPath,
    'SELECT id_number FROM persons WHERE household_id = ? AND name = ?',
    householdId,
    personName
  )
  const t = await api.wechat(name)
  const r = await api.post('/v1/households/bind', { idNumber: p.id_number, name: personName }, t)
  expect(r.status).toBe(200)
  return t
}

const notificationsOf = (householdId: string) =>
  peek<{ id: string; order_id: string; payload: string }>(
    server.dbPath,
    'SELECT id, order_id, payload FROM notifications WHERE household_id = ?',
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
  parentSpouse = await bindTo('parent-spouse', 'hh_0003', '古丽娜尔·吐尔逊')
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
    const o = await api.post(
      '/v1/orders',
      { payeeIdNumber: parent.id_number, year: 2027, channel: 'h5' },
      migrant,
      key()
    )
    expect(o.status).toBe(201)
    order = o.body
    expect((await api.post(`/v1/orders/${order.orderId}/pay`, {}, migrant)).status).toBe(200)
    const amountFen = Number(order.amount.replace('.', ''))
    const n = signedNotify({ orderId: order.orderId, amountFen, paidAt: isoTime(await api.now()) })
    const send = (body = n.body, sig = n.signature) =>
      api.call('POST', '/v1/payments/notify', { body, headers: { 'x-notify-signature': sig } })
    // the provider repeats itself, at the same time and later
    const [a, b] = await Promise.all([send(), send()])
    expect([a.body.code, b.body.code]).toEqual(['SUCCESS', 'SUCCESS'])
    expect((await send()).body.code).toBe('SUCCESS')
    // the same payment under a new notify id
    const txn = JSON.parse(n.body).transactionId as string
    const again = signedNotify({
      orderId: order.orderId,
      amountFen,
      transactionId: txn,
      paidAt: isoTime(await api.now())
    })
    expect((await send(again.body, again.signature)).body.code).toBe('SUCCESS')
    // and a reviewer's retry of a confirmed order is refused, nothing written
    expect(
      (await api.post(`/v1/review/orders/${order.orderId}/retry`, {}, await api.wechat('reviewer'))).body.code
    ).toBe('CONFLICT')

    const confirmed = await api.get(`/v1/orders/${order.orderId}`, migrant)
    expect(confirmed.body.status).toBe('confirmed')
    const rows = notificationsOf('hh_0003')
    expect(rows).toHaveLength(1)
    expect(rows[0].order_id).toBe(order.orderId)
    notificationId = rows[0].id
  })

  it('the head reads who paid (masked), how much, for which year and whom (names), the receipt number; no ID numbers or phones', async () => {
    const r = await api.get('/v1/households/hh_0003/notifications', parentHead)
    expect(r.status).toBe(200)
    const receipt = await api.get(`/v1/orders/${order.orderId}/receipt`, parentHead) // the head may open the receipt
    expect(receipt.status).toBe(200)
    const names = peek<{ name: string }>(
      server.dbPath,
      `SELECT name FROM persons WHERE household_id = 'hh_0003' ORDER BY id`
    ).map((p) => p.name)
    expect(r.body).toEqual({
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
            receiptNumber: receipt.body.receiptNumber,
            paidAt: receipt.body.paidAt
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
    expect((await api.get('/v1/households/hh_0003/notifications', migrant)).status).toBe(404)
    expect((await api.get('/v1/households/hh_0003/notifications', head)).status).toBe(404)
    expect((await api.post(`/v1/notifications/${notificationId}/read`, {}, migrant)).status).toBe(404)
    expect((await api.post('/v1/notifications/ntf_nope/read', {}, parentHead)).status).toBe(404)
    expect((await api.get('/v1/households/hh_0003/notifications')).status).toBe(401)
  })

  it('知道了 marks it read for that user only; a second tap keeps the first time', async () => {
    const first = await api.post(`/v1/notifications/${notificationId}/read`, {}, parentHead)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ notificationId, readAt: expect.stringMatching(/\+08:00$/) })
    const second = await api.post(`/v1/notifications/${notificationId}/read`, {}, parentHead)
    expect(second.body.readAt).toBe(first.body.readAt)
    expect((await api.get('/v1/households/hh_0003/notifications', parentHead)).body.notifications[0].readAt).toBe(
      first.body.readAt
    )
    // the other member of the household still has it unread
    const spouse = await api.get('/v1/households/hh_0003/notifications', parentSpouse)
    expect(spouse.body.notifications.map((n: { readAt: string | null }) => n.readAt)).toEqual([null])
  })

  it("a grantee paying is told to the head; the grantee may not read the household's notifications (403)", async () => {
    const o = await api.post('/v1/orders', { householdId: 'hh_0001', year: 2027, channel: 'h5' }, grantee, key())
    expect(o.status).toBe(201)
    const start = await api.post(`/v1/orders/${o.body.orderId}/pay`, {}, grantee)
    await api.post(new URL(start.body.cashier.payUrl).pathname, {}) // the simulated cashier: payment and notify in one commit
    expect((await api.get(`/v1/orders/${o.body.orderId}`, grantee)).body.status).toBe('confirmed')
    const list = await api.get('/v1/households/hh_0001/notifications', head)
    expect(list.body.notifications).toHaveLength(1)
    expect(list.body.notifications[0].payment).toMatchObject({
      orderId: o.body.orderId,
      payerNameMasked: '王**',
      payerIsHousehold: false,
      amount: o.body.amount
    })
    const refused = await api.get('/v1/households/hh_0001/notifications', grantee)
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('FORBIDDEN')
    expect(
      (await api.post(`/v1/notifications/${list.body.notifications[0].notificationId}/read`, {}, grantee)).status
    ).toBe(403)
  })

  it('the head paying for the own household makes no notification', async () => {
    const o = await api.post('/v1/orders', { householdId: 'hh_0002', year: 2027, channel: 'h5' }, elder, key())
    expect(o.status).toBe(201)
    const start = await api.post(`/v1/orders/${o.body.orderId}/pay`, {}, elder)
    await api.post(new URL(start.body.cashier.payUrl).pathname, {})
    expect((await api.get(`/v1/orders/${o.body.orderId}`, elder)).body.status).toBe('confirmed')
    expect(notificationsOf('hh_0002')).toEqual([])
    expect((await api.get('/v1/households/hh_0002/notifications', elder)).body).toEqual({
      householdId: 'hh_0002',
      notifications: []
    })
  })
})

describe('reminder subscriptions', () => {
  const save = (token: string, body: unknown) => api.post('/v1/me/subscriptions', body, token)

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
      ]
    })
    expect((await api.get('/v1/me/subscriptions?householdId=hh_0001', head)).body).toEqual(r.body)
    const later = await save(head, { householdId: 'hh_0001', templates: [{ kind: 'result', accepted: true }] })
    expect(
      later.body.subscriptions.map((s: { kind: string; accepted: boolean; year: number | null }) => [
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
    expect(g.body.subscriptions).toEqual([
      expect.objectContaining({ kind: 'deadline', accepted: true, channel: 'weapp' })
    ])
    expect((await api.get('/v1/me/subscriptions?householdId=hh_0001', grantee)).body.subscriptions).toHaveLength(1)
    expect(
      (await save(migrant, { householdId: 'hh_0001', templates: [{ kind: 'deadline', accepted: true }] })).status
    ).toBe(404)
    expect((await api.get('/v1/me/subscriptions?householdId=hh_0001', migrant)).status).toBe(404)
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
      const r = await save(head, body)
      expect([JSON.stringify(body), r.status, r.body.code]).toEqual([JSON.stringify(body), 400, 'BAD_REQUEST'])
    }
    expect((await api.get('/v1/me/subscriptions', head)).status).toBe(400)
  })
})
