// Estimate vs actual, kept (issue 19 item 5) over HTTP: a household keeps an estimate with the
// county (run again there by the same calculator); when a claim for that person and stay settles,
// the claim carries both figures and the calculator's comparison; deleting it removes it.
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'

let server: SpawnedServer
let api: Client
let head: string
let elder: string
let grantee: string
let reviewer: string

jest.setTimeout(60_000)

beforeAll(async () => {
  server = await spawnServer({ households: 5 })
  api = client(server.url)
  head = await api.wechat('head')
  elder = await api.wechat('elder')
  grantee = await api.wechat('grantee')
  reviewer = await api.wechat('reviewer')
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

const answers = { kind: 'inpatient', institution: { tier: 'provincial' }, area: 'out-unfiled', billAmount: '8000.00' }
const keep = (token: string, body: Record<string, unknown>) =>
  api.call('keepEstimate', { params: { personId: 'p_0001' }, body: body as never, token })

async function settledStay(admissionDate: string, dischargeDate: string, totalCost: string): Promise<string> {
  const created = await api.call('createApplication', {
    body: {
      householdId: 'hh_0001',
      kind: 'reimbursement',
      fields: {
        personId: 'p_0001',
        careKind: 'inpatient',
        hospital: '省人民医院',
        institutionLevel: 'provincial',
        outOfCounty: true,
        referred: false,
        admissionDate,
        dischargeDate,
        totalCost,
        bankName: '农村信用社',
        accountName: '王大山',
        accountNumber: '6217000000123456786'
      }
    },
    token: head
  })
  const done = await api.call('reviewReimbursementSettle', {
    params: { applicationId: created.data.applicationId },
    body: {},
    token: reviewer
  })
  expect(done.status).toBe(200)
  return done.data.claim.claimId
}

it('kept, matched to the claim of that stay, compared by the calculator; deleted, gone', async () => {
  const kept = await keep(head, { answers, admissionDate: '2026-09-10', dischargeDate: '2026-09-16' })
  expect(kept.status).toBe(201)
  expect(kept.data).toMatchObject({
    personId: 'p_0001',
    kind: 'inpatient',
    total: '8000.00',
    admissionDate: '2026-09-10'
  })
  expect(kept.data.steps.length).toBeGreaterThan(2)
  const list = await api.call('listKeptEstimates', { params: { personId: 'p_0001' }, token: head })
  expect(list.data.estimates.map((e) => e.estimateId)).toContain(kept.data.estimateId)

  // a stay 2 days later settles for 12000.00: both figures, the difference rule by rule
  const claimId = await settledStay('2026-09-12', '2026-09-18', '12000')
  const claim = await api.call('getClaim', { params: { claimId }, token: head })
  const e = claim.data.estimate!
  expect(e.estimateId).toBe(kept.data.estimateId)
  expect(e.match).toContain('相差不超过7天')
  expect(e.comparison.estimated.total).toBe('8000.00')
  expect(e.comparison.actual.total).toBe('12000.00')
  expect(e.comparison.differences.find((d) => d.figure === 'total')).toMatchObject({ change: '4000.00' })
  expect(e.comparison.actual.basicFund).toBe((claim.data.settlement as { basicFund: string }).basicFund)
  // a granted relative reads the claim, not the household's estimate
  const seen = await api.call('getClaim', { params: { claimId }, token: grantee })
  expect(seen.status).toBe(200)
  expect(seen.data.estimate).toBeUndefined()

  // a stay weeks away is another stay: no estimate
  const other = await settledStay('2026-06-01', '2026-06-03', '3000')
  expect((await api.call('getClaim', { params: { claimId: other }, token: head })).data.estimate).toBeUndefined()

  const del = await api.call('deleteKeptEstimate', { params: { estimateId: kept.data.estimateId }, token: head })
  expect(del.data).toEqual({ estimateId: kept.data.estimateId, deleted: true })
  expect((await api.call('getClaim', { params: { claimId }, token: head })).data.estimate).toBeUndefined()
  expect(
    (await api.call('deleteKeptEstimate', { params: { estimateId: kept.data.estimateId }, token: head })).status
  ).toBe(404)
})

it('members only; a wrong answer is refused in the calculator’s Chinese', async () => {
  expect((await keep(grantee, { answers, admissionDate: '2026-09-10' })).status).toBe(403)
  expect((await keep(elder, { answers, admissionDate: '2026-09-10' })).status).toBe(404)
  expect((await api.call('listKeptEstimates', { params: { personId: 'p_0001' }, token: grantee })).status).toBe(403)
  const kept = await keep(head, { answers, admissionDate: '2026-09-10' })
  expect(
    (await api.call('deleteKeptEstimate', { params: { estimateId: kept.data.estimateId }, token: elder })).status
  ).toBe(404)
  const bad = await keep(head, { answers: { ...answers, billAmount: '-5.00' }, admissionDate: '2026-09-10' })
  expect(bad.status).toBe(400)
  expect(bad.error.message).toMatch(/[\u4e00-\u9fff]/)
  const backwards = await keep(head, { answers, admissionDate: '2026-09-10', dischargeDate: '2026-09-01' })
  expect([backwards.status, backwards.error.message]).toEqual([400, '出院日期不能早于入院日期'])
})
