// Issue 19, the yearly statement (参保缴费证明) over HTTP: its figures are the county's own
// (claims as listed, payments as receipted), the PDF's text read back says the same, the code
// checks out publicly and a made-up one does not, and only those who may see all of it get it.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'
import { peek } from '../testing/db-peek'
import { addYuan } from '../../../src/calculator/money'

let server: SpawnedServer
let api: Client
let head: string // 王建国, head of hh_0001
let grantee: string // 王小燕: status, claims and pay on hh_0001
let elder: string // 李秀英, another household

jest.setTimeout(60_000)

beforeAll(async () => {
  server = await spawnServer({ households: 20 })
  api = client(server.url)
  head = await api.wechat('head')
  grantee = await api.wechat('grantee')
  elder = await api.wechat('elder')
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

function pdfText(bytes: Buffer): { pages: number; lines: string[] } {
  const out = execFileSync(process.execPath, [path.join(__dirname, '../testing/pdf-text.mjs')], { input: bytes })
  return JSON.parse(out.toString('utf8')) as { pages: number; lines: string[] }
}

async function pdfOf(
  token: string,
  householdId: string,
  year: number
): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const res = await fetch(`${server.url}/v1/households/${householdId}/statement/pdf?year=${year}`, {
    headers: { authorization: `Bearer ${token}` }
  })
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') }
}

test("the statement's figures are the household's receipts and settled claims, and the totals add them up", async () => {
  const s = await api.ok('getStatement', { params: { householdId: 'hh_0001' }, query: { year: 2026 }, token: head })
  expect(s.year).toBe(2026)
  expect(s.headName).toBe('王建国')
  const persons = peek<{ id: string }>(server.dbPath, `SELECT id FROM persons WHERE household_id = 'hh_0001'`)
  expect(s.members.map((m) => m.personId).sort()).toEqual(persons.map((p) => p.id).sort())
  // every ID number is masked: the statement is made to be shown to others
  for (const m of s.members) if (m.idNumberMasked !== null) expect(m.idNumberMasked).toMatch(/\*{6,}/)

  const receipts = peek<{ receipt_number: string }>(
    server.dbPath,
    `SELECT receipt_number FROM orders WHERE household_id = 'hh_0001' AND year = 2026 AND status = 'confirmed'`
  )
  expect(s.payments.map((p) => p.receiptNumber).sort()).toEqual(receipts.map((r) => r.receipt_number).sort())
  expect(s.totals.contributions).toBe(addYuan('0.00', ...s.payments.map((p) => p.amount)))

  // the claims are the ones each member's claims list shows, with what insurance paid
  const listed = []
  for (const m of s.members) {
    const list = await api.ok('listClaims', { params: { personId: m.personId }, query: { year: 2026 }, token: head })
    listed.push(...list.claims.filter((c) => c.settlement !== null))
  }
  expect(s.claims.length).toBeGreaterThan(0)
  expect(s.claims.map((c) => c.claimId).sort()).toEqual(listed.map((c) => c.claimId).sort())
  for (const c of s.claims) expect(c.insurancePaid).toBe(listed.find((l) => l.claimId === c.claimId)?.payout)
  expect(s.totals.claims).toBe(listed.length)
  expect(s.totals.insurancePaid).toBe(addYuan('0.00', ...listed.map((c) => c.payout)))
  expect(s.totals.totalCost).toBe(addYuan('0.00', ...listed.map((c) => c.totalCost)))
})

test('the PDF read back holds the same names, receipt numbers, figures and code', async () => {
  const s = await api.ok('getStatement', { params: { householdId: 'hh_0001' }, query: { year: 2026 }, token: head })
  const pdf = await pdfOf(head, 'hh_0001', 2026)
  expect(pdf.status).toBe(200)
  expect(pdf.type).toBe('application/pdf')
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')
  // the font is embedded as a subset: far smaller than the 5 MB font file it comes from
  expect(pdf.bytes.length).toBeLessThan(400_000)
  const { lines } = pdfText(pdf.bytes)
  const text = lines.join('\n')
  expect(text).toContain('2026年度城乡居民医保参保缴费证明')
  expect(text).toContain(`核验码：${s.verificationCode}`)
  for (const m of s.members) expect(lines).toContain(m.name)
  for (const p of s.payments) {
    expect(lines).toContain(p.receiptNumber)
    expect(lines).toContain(p.amount)
  }
  for (const c of s.claims) {
    expect(lines).toContain(c.totalCost)
    expect(lines).toContain(c.basicFund)
  }
  expect(text).toContain(`缴费合计 ${s.totals.contributions} 元`)
  expect(text).toContain(`医保共付 ${s.totals.insurancePaid} 元`)
  // and no full ID number anywhere in it
  const ids = peek<{ id_number: string }>(server.dbPath, `SELECT id_number FROM persons WHERE household_id = 'hh_0001'`)
  for (const { id_number } of ids) expect(text).not.toContain(id_number)
})

test('a code checks out publicly with the totals printed; the same figures keep their code; a made-up code does not', async () => {
  const s = await api.ok('getStatement', { params: { householdId: 'hh_0001' }, query: { year: 2026 }, token: head })
  const again = await api.ok('getStatement', { params: { householdId: 'hh_0001' }, query: { year: 2026 }, token: head })
  expect(again.verificationCode).toBe(s.verificationCode)
  expect(s.verificationCode).toMatch(/^ZM-2026-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)

  const check = await api.ok('verifyStatement', { params: { code: s.verificationCode.toLowerCase() } })
  expect(check).toMatchObject({ genuine: true, code: s.verificationCode, year: 2026, headNameMasked: '王**' })
  expect(check.totals).toEqual(s.totals)
  expect(JSON.stringify(check)).not.toContain('王建国')

  const forged = await api.ok('verifyStatement', { params: { code: 'ZM-2026-0000-0000' } })
  expect(forged).toEqual({ genuine: false, code: 'ZM-2026-0000-0000' })
})

test('a grantee with every scope gets it (and the household sees that in its log); others get 404', async () => {
  const s = await api.call('getStatement', {
    params: { householdId: 'hh_0001' },
    query: { year: 2026 },
    token: grantee
  })
  expect(s.status).toBe(200)
  const log = await api.ok('accessLog', { params: { householdId: 'hh_0001' }, token: head })
  expect(log.entries.some((e) => e.action === 'view_statement')).toBe(true)

  const stranger = await api.call('getStatement', {
    params: { householdId: 'hh_0001' },
    query: { year: 2026 },
    token: elder
  })
  expect(stranger.status).toBe(404)
  expect((await pdfOf(elder, 'hh_0001', 2026)).status).toBe(404)
  const anonymous = await api.call('getStatement', { params: { householdId: 'hh_0001' }, query: { year: 2026 } })
  expect(anonymous.status).toBe(401)
})
