// 手工报销 (issue 19 item 3) over HTTP: a household claims back a bill it paid, the payout account
// masked in every answer but the settling reviewer's; the county settles with the shared calculator
// (steps shown, inputs changed only with a reason), once; the claim joins the household's year.
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'
import { addYuan, compareYuan } from '../../../src/calculator/money'

let server: SpawnedServer
let api: Client
let head: string
let elder: string
let grantee: string
let reviewer: string

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)])
const ACCOUNT = '6217000000123456786'

jest.setTimeout(60_000)

beforeAll(async () => {
  server = await spawnServer({ households: 5 })
  api = client(server.url)
  head = await api.wechat('head')
  elder = await api.wechat('elder') // another household
  grantee = await api.wechat('grantee') // 王小燕: status, claims and pay on hh_0001
  reviewer = await api.wechat('reviewer')
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

const fields = (over: Record<string, unknown> = {}) => ({
  personId: 'p_0001',
  careKind: 'inpatient' as const,
  hospital: '省人民医院',
  institutionLevel: 'provincial' as const,
  outOfCounty: true,
  referred: false,
  admissionDate: '2026-10-08',
  dischargeDate: '2026-10-15',
  totalCost: '12,000',
  selfPayCost: '1500.5',
  bankName: '农村信用社',
  accountName: '王大山',
  accountNumber: '6217 0000 0012 3456 786',
  ...over
})

const submit = (f: Record<string, unknown>, token = head) =>
  api.call('createApplication', {
    body: { householdId: 'hh_0001', kind: 'reimbursement', fields: f as never },
    token
  })

async function upload(applicationId: string, name: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(JPEG)], { type: 'image/jpeg' }), name)
  return api.call('uploadDocument', { params: { applicationId }, form, token: head })
}

const settle = (
  applicationId: string,
  token: string,
  adjustments?: { field: string; value: string; reason: string }[]
) =>
  api.call('reviewReimbursementSettle', {
    params: { applicationId },
    body: adjustments ? { adjustments: adjustments as never } : {},
    token
  })

const year = async (token = head) =>
  (await api.call('listClaims', { params: { personId: 'p_0001' }, query: { year: 2026 }, token })).data

it('submit with photos → the reviewer sees the steps, changes an input with a reason, settles once → the claim in the year', async () => {
  const created = await submit(fields())
  expect(created.status).toBe(201)
  const id = created.data.applicationId
  const f = created.data.fields as Record<string, unknown>
  // the amounts as the county reads them; the account masked from the first answer on
  expect(f).toMatchObject({ totalCost: '12000.00', selfPayCost: '1500.50', accountNumberMasked: '6217***********6786' })
  expect(f.accountNumber).toBeUndefined()
  expect(JSON.stringify(created.body)).not.toContain(ACCOUNT)
  for (const n of ['invoice.jpg', 'itemised.jpg', 'discharge.jpg']) expect((await upload(id, n)).status).toBe(201)

  // a villager cannot settle, nor see the trial; a plain "approve" is not settling
  expect((await settle(id, head)).status).toBe(403)
  expect(
    (await api.call('reviewReimbursementPreview', { params: { applicationId: id }, body: {}, token: head })).status
  ).toBe(403)
  const approve = await api.call('reviewDecide', {
    params: { applicationId: id },
    body: { decision: 'approve' },
    token: reviewer
  })
  expect(approve.status).toBe(409)

  const entered = await api.call('reviewReimbursementPreview', {
    params: { applicationId: id },
    body: {},
    token: reviewer
  })
  expect(entered.status).toBe(200)
  expect(entered.data.steps.length).toBeGreaterThan(2)
  expect(entered.data.adjustments).toEqual([])
  expect(entered.data.inputs).toEqual(entered.data.entered)
  expect(entered.data.accountNumberMasked).toBe('6217***********6786')
  // the workspace's view of the application is masked too
  const staffView = await api.call('staffApplication', { params: { applicationId: id }, token: reviewer })
  expect(JSON.stringify(staffView.body)).not.toContain(ACCOUNT)

  // a change without a reason is refused; with one it is run and named
  const noReason = await api.call('reviewReimbursementPreview', {
    params: { applicationId: id },
    body: { adjustments: [{ field: 'selfPayCost', value: '2000', reason: ' ' }] },
    token: reviewer
  })
  expect(noReason.status).toBe(400)
  expect(noReason.error.message).toBe('改了数要写明原因')
  const change = [{ field: 'selfPayCost', value: '2000', reason: '费用清单上自费药合计2000.00元' }]
  const tried = await api.call('reviewReimbursementPreview', {
    params: { applicationId: id },
    body: { adjustments: change as never },
    token: reviewer
  })
  expect(tried.data.adjustments).toEqual([
    { field: 'selfPayCost', from: '1500.50', to: '2000.00', reason: '费用清单上自费药合计2000.00元' }
  ])
  expect(compareYuan(tried.data.eligibleCost, entered.data.eligibleCost)).toBeLessThan(0)

  const before = await year()
  const done = await settle(id, reviewer, change)
  expect(done.status).toBe(200)
  // the settling reviewer gets the account in full, to pay into
  expect(done.data.payTo).toEqual({ bankName: '农村信用社', accountName: '王大山', accountNumber: ACCOUNT })
  expect(done.data.claim).toMatchObject({
    personId: 'p_0001',
    kind: 'inpatient',
    institutionName: '省人民医院',
    totalCost: '12000.00',
    payout: tried.data.payout,
    steps: tried.data.steps,
    stage: 'reviewing'
  })
  const claimId = done.data.claim.claimId

  // twice does not pay twice
  const again = await settle(id, reviewer, change)
  expect(again.status).toBe(409)
  expect(again.error.message).toBe('这笔手工报销已经结算过了，不会再付一次')

  // the household's year: one more claim, the cap used grown by exactly its basic fund (one truth)
  const after = await year()
  expect(after.claims.filter((c) => c.claimId === claimId)).toHaveLength(1)
  expect(after.claims).toHaveLength(before.claims.length + 1)
  const basic = (done.data.claim.settlement as { basicFund: string }).basicFund
  expect(after.capUsed).toBe(addYuan(before.capUsed, basic))
  // the application says it is settled, which claim, and the change with its reason; still masked
  const app = await api.call('getApplication', { params: { applicationId: id }, token: head })
  expect(app.data.status).toBe('approved')
  expect(app.data.fields).toMatchObject({ claimId, accountNumberMasked: '6217***********6786' })
  expect(JSON.stringify(app.body)).not.toContain(ACCOUNT)
  // audited: in the household's log
  const log = await api.call('accessLog', { params: { householdId: 'hh_0001' }, token: head })
  const actions = log.data.entries.map((e) => e.action)
  for (const a of ['reviewer_adjusted_reimbursement', 'reviewer_settled_reimbursement', 'reviewer_read_payout_account'])
    expect(actions).toContain(a)
  // and the number never reaches the log
  expect(server.logs()).not.toContain(ACCOUNT)
  expect(server.logs()).not.toContain('6217 0000 0012 3456 786')
})

it('a grantee sees the settled claim of the household granted to them only; another household gets 404', async () => {
  const created = await submit(fields({ admissionDate: '2026-09-01', dischargeDate: '2026-09-03', totalCost: '3000' }))
  const done = await settle(created.data.applicationId, reviewer)
  const claimId = done.data.claim.claimId
  expect((await api.call('getClaim', { params: { claimId }, token: grantee })).status).toBe(200)
  // not the household's own applications (members only), and nothing of another household
  expect((await api.call('listApplications', { params: { householdId: 'hh_0001' }, token: grantee })).status).toBe(403)
  expect((await api.call('getClaim', { params: { claimId }, token: elder })).status).toBe(404)
  expect((await submit(fields(), grantee)).status).toBe(403)
  expect((await submit(fields(), elder)).status).toBe(404)
})

it('amounts negative, not numbers or huge, and a mistyped card are refused in plain Chinese', async () => {
  const cases: [Record<string, unknown>, string, string][] = [
    [{ totalCost: '-100' }, 'totalCost', '总费用不能是负数'],
    [{ totalCost: 'NaN' }, 'totalCost', '总费用要填数字，比如 3200.50'],
    [{ totalCost: 'Infinity' }, 'totalCost', '总费用要填数字，比如 3200.50'],
    [{ totalCost: '1e9' }, 'totalCost', '总费用要填数字，比如 3200.50'],
    [{ totalCost: '123456789012' }, 'totalCost', '总费用太大了，请核对（不能超过1亿元）'],
    [{ totalCost: '0', selfPayCost: '0' }, 'totalCost', '总费用要大于0元'],
    [{ totalCost: '12.345' }, 'totalCost', '总费用最多填到分（小数点后两位）'],
    [{ selfPayCost: '-1' }, 'selfPayCost', '自费的部分不能是负数'],
    [{ selfPayCost: '20000' }, 'selfPayCost', '自费的部分不能比总费用还多'],
    [{ accountNumber: '6217000000123456787' }, 'accountNumber', '银行卡号有一位不对，请照着卡再核对一遍'],
    [{ accountNumber: '12345' }, 'accountNumber', '银行卡号是16到19位数字，请数一数'],
    [{ dischargeDate: '2026-10-01' }, 'dischargeDate', '出院日期不能早于入院日期'],
    [{ careKind: 'outpatient', admissionDate: '2999-01-01' }, 'admissionDate', '看病的日期不能晚于今天']
  ]
  for (const [over, field, message] of cases) {
    const r = await submit(fields(over))
    expect([r.status, r.error.details.problems[0].field, r.error.message]).toEqual([400, field, message])
  }
  // the reviewer's changes are read the same way
  const created = await submit(fields({ admissionDate: '2026-08-01', dischargeDate: '2026-08-02' }))
  for (const [value, message] of [
    ['-5', '总费用不能是负数'],
    ['NaN', '总费用要填数字，比如 3200.50'],
    ['99999999999', '总费用太大了，请核对（不能超过1亿元）']
  ]) {
    const r = await settle(created.data.applicationId, reviewer, [{ field: 'totalCost', value, reason: '核对发票' }])
    expect([r.status, r.error.message]).toEqual([400, message])
  }
  expect(
    (await api.call('getApplication', { params: { applicationId: created.data.applicationId }, token: head })).data
      .status
  ).toBe('submitted')
})

it('refuse or ask for material as the other kinds; a refused claim cannot be settled', async () => {
  const created = await submit(fields({ admissionDate: '2026-07-01', dischargeDate: '2026-07-02' }))
  const id = created.data.applicationId
  const more = await api.call('reviewDecide', {
    params: { applicationId: id },
    body: { decision: 'needs_more', reason: '费用清单缺第二页' },
    token: reviewer
  })
  expect(more.data.status).toBe('needs_more')
  expect((await settle(id, reviewer)).status).toBe(409)
  await api.call('resubmitApplication', { params: { applicationId: id }, token: head })
  const no = await api.call('reviewDecide', {
    params: { applicationId: id },
    body: { decision: 'reject', reason: '这次已在医院直接报销过' },
    token: reviewer
  })
  expect(no.data.status).toBe('rejected')
  const r = await settle(id, reviewer)
  expect([r.status, r.error.message]).toEqual([409, '这份申请现在不能结算'])
})
