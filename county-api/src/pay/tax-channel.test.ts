// A county that collects through the tax bureau's channel (issue 14 item 8): the app cannot start a
// payment, the quote shows the amount and where to pay instead, and the county's staff import the
// bureau's results, which enrol each person paid for with the calculator's benefit dates — once.
import type { Quote, TaxBureauImport } from '../../../src/contract'
import { TAX_BUREAU_ISSUE } from '../../../src/shared/quote-issues'
import { makeIdNumber } from '../../../src/shared/id-number'
import { yuanToFen } from '../../../src/calculator/money'
import { spawnServer, TEST_NOW, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'
import { peek } from '../testing/db-peek'

const HOWTO = '在微信里搜“湖南税务”小程序交'
let server: SpawnedServer
let api: Client
let head: string
let reviewer: string
let quote: Quote

beforeAll(async () => {
  server = await spawnServer({
    households: 4,
    env: { COLLECTION_CHANNEL: 'tax_bureau', TAX_CHANNEL_HOWTO: HOWTO }
  })
  api = client(server.url)
  head = await api.wechat('head')
  reviewer = await api.wechat('reviewer')
  const q = await api.call('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 2027 }, token: head })
  expect(q.status).toBe(200)
  quote = q.body as Quote
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

const today = TEST_NOW.slice(0, 10)
const idOf = (personId: string) =>
  peek<{ id_number: string }>(server.dbPath, 'SELECT id_number FROM persons WHERE id = ?', personId)[0].id_number
const enrolmentsOf = (personId: string) =>
  peek<{ status: string; amount_fen: number; order_id: string | null }>(
    server.dbPath,
    'SELECT status, amount_fen, order_id FROM enrolments WHERE person_id = ? AND year = 2027',
    personId
  )
type Line = { bureauReceipt: string; idNumber: string; year: number; amount: string; paidOn: string }
const importRows = (rows: Line[], token = reviewer) =>
  api.call('reviewImportTaxBureauPayments', { body: { rows }, token })
/** what the contract refuses (wrong amounts, unknown fields), sent as it is */
const importRaw = (rows: unknown[]) =>
  api.raw('POST', '/v1/review/tax-bureau-payments', { body: { rows }, token: reviewer })

test('no order is made; the answer says where the county collects', async () => {
  const orders = () => peek(server.dbPath, `SELECT id FROM orders WHERE household_id = 'hh_0001'`)
  const before = orders()
  const r = await api.call('createOrder', {
    body: { householdId: 'hh_0001', year: 2027, channel: 'weapp' },
    token: head,
    headers: { 'idempotency-key': 'tax-channel-1' }
  })
  expect(r.status).toBe(409)
  expect(r.error).toMatchObject({
    code: 'CONFLICT',
    message: `本县的医保费由税务部门收，这里不能交。请${HOWTO}`
  })
  expect(orders()).toEqual(before)
})

test('the quote shows the amount, is not payable here, and says where to pay', () => {
  expect(quote.payable).toBe(false)
  expect(Number(quote.total)).toBeGreaterThan(0)
  expect(quote.issues).toContainEqual({
    code: TAX_BUREAU_ISSUE,
    message: `本县的医保费由税务部门收，这里不能交。请${HOWTO}`
  })
})

describe("importing the bureau's results", () => {
  const due = () => quote.lines.filter((l) => !l.alreadyEnrolled && Number(l.due) > 0)

  test('a villager cannot import', async () => {
    const [a] = due()
    const r = await importRows(
      [{ bureauReceipt: 'SW-HEAD-1', idNumber: idOf(a.personId), year: 2027, amount: a.due, paidOn: today }],
      head
    )
    expect(r.status).toBe(403)
    expect(enrolmentsOf(a.personId).filter((e) => e.status === 'enrolled')).toEqual([])
  })

  test('each line is enrolled once, or kept with what is wrong', async () => {
    const [a, b] = due()
    expect(b).toBeDefined() // the demo household has at least two members to pay for
    const notOnRoster = makeIdNumber('430524', '19800101', '999')
    const badChecksum = idOf(a.personId).slice(0, 17) + (idOf(a.personId).endsWith('0') ? '1' : '0')
    const rows = [
      { bureauReceipt: 'SW-0001', idNumber: idOf(a.personId), year: 2027, amount: a.due, paidOn: today },
      { bureauReceipt: 'SW-0002', idNumber: idOf(b.personId), year: 2027, amount: '1.00', paidOn: today },
      { bureauReceipt: 'SW-0003', idNumber: notOnRoster, year: 2027, amount: '400.00', paidOn: today },
      { bureauReceipt: 'SW-0004', idNumber: badChecksum, year: 2027, amount: '400.00', paidOn: today }
    ]
    const first = await importRows(rows)
    expect(first.status).toBe(200)
    const body = first.body as TaxBureauImport
    expect(body.results.map((r) => r.outcome)).toEqual([
      'enrolled',
      'amount_differs',
      'person_not_found',
      'person_not_found'
    ])
    expect(body).toMatchObject({ enrolled: 1, needsAttention: 3 })
    expect(body.results[0]).toMatchObject({ householdId: 'hh_0001', benefitStart: a.benefitStart })
    expect(body.results[0].nameMasked).not.toBe(a.name)
    expect(body.results[1].message).toBe(`金额不符：税务收了 1.00 元，按政策此人应缴 ${b.due} 元`)
    expect(body.results[3].message).toContain('校验位')
    expect(enrolmentsOf(a.personId)).toEqual([{ status: 'enrolled', amount_fen: yuanToFen(a.due), order_id: null }])

    // the same list again: nobody is enrolled twice; the wrong lines are still wrong
    const again = (await importRows(rows)).body as TaxBureauImport
    expect(again.results.map((r) => r.outcome)).toEqual([
      'already_imported',
      'amount_differs',
      'person_not_found',
      'person_not_found'
    ])
    expect(again.enrolled).toBe(0)
    expect(enrolmentsOf(a.personId)).toHaveLength(1)

    // the county corrects the amount: the line goes through
    const fixed = (await importRows([{ ...rows[1], amount: b.due }])).body as TaxBureauImport
    expect(fixed.results[0].outcome).toBe('enrolled')
    // a second receipt for someone already enrolled: paid twice at the bureau, to be refunded there
    const twice = (await importRows([{ ...rows[0], bureauReceipt: 'SW-0005' }])).body as TaxBureauImport
    expect(twice.results[0]).toMatchObject({ outcome: 'already_enrolled' })
    expect(enrolmentsOf(a.personId)).toHaveLength(1)
    expect(peek(server.dbPath, 'SELECT bureau_receipt FROM tax_bureau_payments ORDER BY 1').length).toBe(5)

    // the household sees them enrolled, with the benefit dates, and who recorded it
    const h = await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: head })
    const members = (h.body as { members: { personId: string; enrolments: { year: number; status: string }[] }[] })
      .members
    for (const p of [a, b])
      expect(members.find((m) => m.personId === p.personId)?.enrolments).toContainEqual(
        expect.objectContaining({ year: 2027, status: 'enrolled', benefitStart: p.benefitStart })
      )
    const log = await api.call('accessLog', { params: { householdId: 'hh_0001' }, token: head })
    expect((log.body as { entries: { action: string }[] }).entries.map((e) => e.action)).toContain(
      'tax_bureau_payment_recorded'
    )
  })

  test('bad lists are refused whole, with a reason', async () => {
    const [a] = quote.lines
    const line = { bureauReceipt: 'SW-0100', idNumber: idOf(a.personId), year: 2027, amount: '10.00', paidOn: today }
    const dup = await importRows([line, line])
    expect(dup.status).toBe(400)
    expect(dup.error?.message).toContain('出现了两次')
    for (const amount of ['-10.00', '0.5', 'NaN', '1e9', '100000000.00'])
      expect((await importRaw([{ ...line, amount }])).status).toBe(400)
    expect((await importRaw([])).status).toBe(400)
    expect((await importRaw([{ ...line, extra: 1 }])).status).toBe(400)
    expect((await importRaw([{ ...line, year: '2027' }])).status).toBe(400)
    expect(peek(server.dbPath, `SELECT 1 FROM tax_bureau_payments WHERE bureau_receipt = 'SW-0100'`)).toEqual([])
  })
})
