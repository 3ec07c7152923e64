// The household's yearly statement (参保缴费证明, issue 19): for one year, every member's
// enrolment and benefit period, the payments with their receipt numbers, the claims with what
// each fund paid, and the year's totals (added by the calculator's money code). Each distinct
// statement gets a verification code the county keeps (with its masked summary only), so
// whoever is shown the paper or the PDF can ask GET /v1/statements/verify/<code>; the same
// figures asked for again keep their code.
import crypto from 'node:crypto'
import type { Statement, StatementCheck } from '../../../src/contract'
import type { Settlement } from '../../../src/calculator'
import type { Ctx } from '../context'
import type { EnrolmentRow, HouseholdRow, OrderPerson, PersonRow } from '../db/rows'
import { addYuan, fenToYuan, insurancePaid } from '../../../src/calculator/money'
import { isoTime } from '../clock'
import { inTx } from '../db'
import { sha256 } from '../ids'
import { maskIdNumber, maskName } from '../mask'
import { benefitOf } from '../views'

export const STATEMENT_ISSUER = '城乡居民医保经办机构'

/** What the county keeps of an issued statement: enough to answer a check, no full name or ID number. */
interface StatementRow {
  code: string
  household_id: string
  year: number
  digest: string
  issued_at: number
  /** JSON: the check's answer (village, masked head, member count, totals) */
  summary: string
}

type Body = Omit<Statement, 'verificationCode' | 'issuedAt'>

async function gather(ctx: Ctx, householdId: string, year: number): Promise<Body> {
  const h = (await ctx.db.get<HouseholdRow>('SELECT * FROM households WHERE id = ?', householdId))!
  const people = await ctx.db.all<PersonRow>('SELECT * FROM persons WHERE household_id = ? ORDER BY id', householdId)
  const enrolments = await ctx.db.all<EnrolmentRow>(
    'SELECT e.* FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE p.household_id = ? AND e.year = ?',
    householdId,
    year
  )
  const enrolmentOf = new Map(enrolments.map((e) => [e.person_id, e]))
  const members: Statement['members'] = people.map((p) => {
    const e = enrolmentOf.get(p.id)
    return {
      personId: p.id,
      name: p.name,
      relation: p.relation,
      idNumberMasked: p.id_number === null ? null : maskIdNumber(p.id_number),
      status: e?.status ?? null,
      payer: e?.payer ?? null,
      amountPaid: e?.amount_fen == null ? null : fenToYuan(e.amount_fen),
      ...(e ? benefitOf(e) : { benefitStart: null, benefitEnd: null })
    }
  })
  const orders = await ctx.db.all<{
    receipt_number: string
    paid_at: number
    amount_fen: number
    payer_name_masked: string | null
    persons: string
  }>(
    `SELECT receipt_number, paid_at, amount_fen, payer_name_masked, persons FROM orders
       WHERE household_id = ? AND year = ? AND status = 'confirmed' AND receipt_number IS NOT NULL ORDER BY paid_at`,
    householdId,
    year
  )
  const payments: Statement['payments'] = orders.map((o) => ({
    receiptNumber: o.receipt_number,
    paidAt: isoTime(o.paid_at),
    amount: fenToYuan(o.amount_fen),
    payerNameMasked: o.payer_name_masked ?? '—',
    members: (JSON.parse(o.persons) as OrderPerson[]).map((p) => p.name)
  }))
  const claimRows = await ctx.db.all<{
    id: string
    kind: Statement['claims'][number]['kind']
    institution_name: string
    admission_date: string
    total_fen: number
    settlement: string
    person_name: string
  }>(
    `SELECT c.id, c.kind, c.institution_name, c.admission_date, c.total_fen, c.settlement, p.name AS person_name
       FROM claims c JOIN persons p ON p.id = c.person_id
       WHERE p.household_id = ? AND c.year = ? AND c.settlement IS NOT NULL ORDER BY c.admission_date, c.id`,
    householdId,
    year
  )
  const claims: Statement['claims'] = claimRows.map((c) => {
    const s = JSON.parse(c.settlement) as Settlement
    return {
      claimId: c.id,
      personName: c.person_name,
      kind: c.kind,
      institutionName: c.institution_name,
      admissionDate: c.admission_date,
      totalCost: fenToYuan(c.total_fen),
      basicFund: s.basicFund,
      catastrophic: s.catastrophic,
      assistance: s.assistance,
      insurancePaid: insurancePaid(s),
      householdAccount: s.householdAccount,
      patientPays: s.patientPays
    }
  })
  const sum = (pick: (c: Statement['claims'][number]) => string) => addYuan('0.00', ...claims.map(pick))
  const head = people.find((p) => p.id === h.head_person_id)
  return {
    householdId,
    year,
    issuer: STATEMENT_ISSUER,
    township: h.township,
    village: h.village,
    headName: head?.name ?? '',
    members,
    payments,
    claims,
    totals: {
      contributions: addYuan('0.00', ...payments.map((p) => p.amount)),
      claims: claims.length,
      totalCost: sum((c) => c.totalCost),
      basicFund: sum((c) => c.basicFund),
      catastrophic: sum((c) => c.catastrophic),
      assistance: sum((c) => c.assistance),
      insurancePaid: sum((c) => c.insurancePaid),
      householdAccount: sum((c) => c.householdAccount),
      patientPays: sum((c) => c.patientPays)
    }
  }
}

// Crockford's base32 without I, L, O, U: read aloud or typed from paper without mix-ups.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

function newCode(year: number): string {
  const bytes = crypto.randomBytes(8)
  const chars = Array.from(bytes, (b) => CODE_ALPHABET[b % 32]).join('')
  return `ZM-${year}-${chars.slice(0, 4)}-${chars.slice(4)}`
}

/** ZM-2026-7kq4 m2xd → ZM-2026-7KQ4-M2XD (spaces, case, and O/I/L typed for 0/1/1 forgiven). */
export function normaliseCode(code: string): string {
  const c = code.toUpperCase().replace(/\s+/g, '')
  const m = /^ZM-?(\d{4})-?([0-9A-Z]{4})-?([0-9A-Z]{4})$/.exec(c)
  if (!m) return c
  const fix = (s: string) => s.replace(/O/g, '0').replace(/[IL]/g, '1')
  return `ZM-${m[1]}-${fix(m[2])}-${fix(m[3])}`
}

/** The statement for the year, with its code: the one already issued for the same figures, or a new one. */
export async function issueStatement(ctx: Ctx, householdId: string, year: number): Promise<Statement> {
  const body = await gather(ctx, householdId, year)
  const digest = sha256(JSON.stringify(body))
  return await inTx(ctx, async (ctx) => {
    const known = await ctx.db.get<StatementRow>(
      'SELECT * FROM statements WHERE household_id = ? AND year = ? AND digest = ?',
      householdId,
      year,
      digest
    )
    if (known) return { ...body, verificationCode: known.code, issuedAt: isoTime(known.issued_at) }
    const now = ctx.clock.now()
    const code = newCode(year)
    const check: Omit<StatementCheck, 'genuine' | 'code'> = {
      year,
      issuedAt: isoTime(now),
      issuer: body.issuer,
      village: body.village,
      headNameMasked: maskName(body.headName),
      members: body.members.length,
      totals: body.totals
    }
    await ctx.db.run(
      'INSERT INTO statements (code, household_id, year, digest, issued_at, summary) VALUES (?, ?, ?, ?, ?, ?)',
      code,
      householdId,
      year,
      digest,
      now,
      JSON.stringify(check)
    )
    return { ...body, verificationCode: code, issuedAt: isoTime(now) }
  })
}

export async function checkStatement(ctx: Ctx, code: string): Promise<StatementCheck> {
  const c = normaliseCode(code)
  const row = await ctx.db.get<Pick<StatementRow, 'summary'>>('SELECT summary FROM statements WHERE code = ?', c)
  if (!row) return { genuine: false, code: c }
  return { genuine: true, code: c, ...(JSON.parse(row.summary) as Omit<StatementCheck, 'genuine' | 'code'>) }
}
