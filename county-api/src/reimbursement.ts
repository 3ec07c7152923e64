// 手工报销 (issue 19 item 3): a household claims back a bill it paid out of pocket. The application
// (kind `reimbursement`) carries the stay and the bill; the payout account is taken out of the
// fields at once and kept sealed under DOCUMENT_KEY (only its masked form is ever read back, except
// by the reviewer who settles it). The county settles with the shared calculator: the reviewer sees
// its steps for the entered inputs, may change an input with a reason (kept, and in the audit), and
// settling writes the claim the household follows like any other (once: a second settle is 409).
import type {
  ApplicationFields,
  ReimbursementInput,
  ReimbursementInputs,
  ReimbursementPreview,
  Category
} from '../../src/contract'
import type { Ctx } from './context'
import type { ApplicationRow, ReimbursementRow } from './db/rows'
import type { SettleResult } from './ports/calculator'
import { decryptDocument, encryptDocument } from './at-rest'
import { ApiFailure } from './errors'
import { isoDate } from './clock'
import { cachedSeries } from './policies'
import { calculatorFailure } from './ports/shared-calculator'
import { fenToYuan, yuanToFen, compareYuan } from '../../src/calculator/money'
import { readYuan } from '../../src/shared/yuan-input'
import {
  BANK_ACCOUNT_MESSAGE,
  bankAccountProblem,
  maskBankAccount,
  normaliseBankAccount
} from '../../src/shared/bank-account'

export interface PayoutAccount {
  bankName: string
  accountName: string
  accountNumber: string
}

type Problem = { field: string; problem: string; message: string }

function refuse(problems: Problem[]): never {
  throw new ApiFailure(
    'BAD_REQUEST',
    { problems: problems.map(({ field, problem, message }) => ({ field, problem, message })) },
    problems.map((p) => p.message).join('；')
  )
}

/** 2026-02-30 is not a day */
function isRealDate(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d
}

const LEVELS = ['village', 'township', 'county', 'city', 'provincial'] as const

/** The stay's figures and dates, checked; the problems in plain Chinese (empty: fine). */
async function stayProblems(ctx: Ctx, householdId: string, i: Partial<ReimbursementInputs>): Promise<Problem[]> {
  const out: Problem[] = []
  const today = isoDate(ctx.clock.now())
  if (!i.careKind) out.push({ field: 'careKind', problem: 'required', message: '请选择是住院还是门诊' })
  if (!i.institutionLevel || !LEVELS.includes(i.institutionLevel))
    out.push({ field: 'institutionLevel', problem: 'required', message: '请选择医院的级别' })
  if (!i.admissionDate || !isRealDate(i.admissionDate))
    out.push({ field: 'admissionDate', problem: 'not_a_date', message: '请填写看病（入院）的日期，比如 2026-10-08' })
  else if (i.admissionDate > today)
    out.push({ field: 'admissionDate', problem: 'in_future', message: '看病的日期不能晚于今天' })
  if (i.careKind === 'inpatient') {
    if (!i.dischargeDate || !isRealDate(i.dischargeDate))
      out.push({ field: 'dischargeDate', problem: 'not_a_date', message: '住院请填写出院日期，比如 2026-10-15' })
    else if (i.dischargeDate > today)
      out.push({ field: 'dischargeDate', problem: 'in_future', message: '出院日期不能晚于今天' })
    else if (i.admissionDate && i.dischargeDate < i.admissionDate)
      out.push({ field: 'dischargeDate', problem: 'before_admission', message: '出院日期不能早于入院日期' })
  }
  if (i.totalCost !== undefined && i.selfPayCost !== undefined && compareYuan(i.selfPayCost, i.totalCost) > 0)
    out.push({ field: 'selfPayCost', problem: 'more_than_total', message: '自费的部分不能比总费用还多' })
  if (i.totalCost !== undefined && yuanToFen(i.totalCost) === 0)
    out.push({ field: 'totalCost', problem: 'not_positive', message: '总费用要大于0元' })
  if (i.personId && i.admissionDate && isRealDate(i.admissionDate) && i.admissionDate <= today) {
    const year = Number(i.admissionDate.slice(0, 4))
    const e = await ctx.db.get(
      `SELECT 1 FROM enrolments e JOIN persons p ON p.id = e.person_id
        WHERE e.person_id = ? AND p.household_id = ? AND e.year = ? AND e.status = 'enrolled'`,
      i.personId,
      householdId,
      year
    )
    if (!e)
      out.push({
        field: 'admissionDate',
        problem: 'not_enrolled',
        message: `这个人${year}年没有参保，这次看病不能报销`
      })
  }
  return out
}

function amount(raw: string | undefined, field: string, what: string, problems: Problem[]): string | undefined {
  const r = readYuan(raw, what)
  if (r.ok) return r.value
  problems.push({ field, problem: r.problem, message: r.message })
  return undefined
}

/**
 * The fields as they are kept (no account number), and the payout account to seal. Amounts are
 * read as villagers type them; every problem is answered at once, in plain words.
 */
export async function validateReimbursement(
  ctx: Ctx,
  householdId: string,
  f: ApplicationFields
): Promise<{ fields: ApplicationFields; account: PayoutAccount }> {
  const problems: Problem[] = []
  if (!f.personId) problems.push({ field: 'personId', problem: 'required', message: '请选择给谁报销' })
  else if (!(await ctx.db.get('SELECT 1 FROM persons WHERE id = ? AND household_id = ?', f.personId, householdId)))
    problems.push({ field: 'personId', problem: 'not_a_member', message: '只能给本户的人报销' })
  if (!f.hospital?.trim()) problems.push({ field: 'hospital', problem: 'required', message: '请填写在哪家医院看的病' })
  const totalCost = amount(f.totalCost, 'totalCost', '总费用', problems)
  const selfPayCost =
    f.selfPayCost === undefined ? '0.00' : amount(f.selfPayCost, 'selfPayCost', '自费的部分', problems)
  const stay: Partial<ReimbursementInputs> = {
    personId: f.personId,
    careKind: f.careKind,
    institutionLevel: f.institutionLevel,
    admissionDate: f.admissionDate,
    dischargeDate: f.careKind === 'inpatient' ? (f.dischargeDate ?? null) : null,
    totalCost,
    selfPayCost
  }
  problems.push(...(await stayProblems(ctx, householdId, stay)))
  if (!f.bankName?.trim()) problems.push({ field: 'bankName', problem: 'required', message: '请填写开户银行' })
  if (!f.accountName?.trim())
    problems.push({ field: 'accountName', problem: 'required', message: '请填写银行卡的户名' })
  const accountProblem = bankAccountProblem(f.accountNumber ?? '')
  if (accountProblem)
    problems.push({ field: 'accountNumber', problem: accountProblem, message: BANK_ACCOUNT_MESSAGE[accountProblem] })
  if (problems.length) refuse(problems)
  return {
    fields: {
      personId: f.personId,
      careKind: f.careKind,
      hospital: (f.hospital ?? '').trim(),
      institutionLevel: f.institutionLevel,
      outOfCounty: f.outOfCounty ?? false,
      referred: f.outOfCounty ? (f.referred ?? false) : false,
      admissionDate: f.admissionDate,
      ...(f.careKind === 'inpatient' ? { dischargeDate: f.dischargeDate } : {}),
      totalCost,
      selfPayCost
    },
    account: {
      bankName: (f.bankName ?? '').trim(),
      accountName: (f.accountName ?? '').trim(),
      accountNumber: normaliseBankAccount(f.accountNumber ?? '')
    }
  }
}

/** Keeps the payout account sealed beside the application (in the caller's transaction). */
export async function keepPayoutAccount(ctx: Ctx, applicationId: string, a: PayoutAccount): Promise<void> {
  await ctx.db.run(
    'INSERT INTO reimbursements (application_id, bank_name, account_name, account_sealed, account_masked) VALUES (?, ?, ?, ?, ?)',
    applicationId,
    a.bankName,
    a.accountName,
    encryptDocument(ctx.documentKey, applicationId, Buffer.from(a.accountNumber)),
    maskBankAccount(a.accountNumber)
  )
}

export async function reimbursementOf(ctx: Ctx, applicationId: string): Promise<ReimbursementRow | undefined> {
  return await ctx.db.get<ReimbursementRow>('SELECT * FROM reimbursements WHERE application_id = ?', applicationId)
}

/** What the household (and anyone else reading the application) sees of the payout: masked. */
export function payoutView(r: ReimbursementRow | undefined): Record<string, unknown> {
  if (!r) return {}
  return {
    bankName: r.bank_name,
    accountName: r.account_name,
    accountNumberMasked: r.account_masked,
    claimId: r.claim_id,
    adjustments: r.adjustments === null ? [] : (JSON.parse(r.adjustments) as unknown[])
  }
}

async function inputsOf(ctx: Ctx, a: ApplicationRow): Promise<ReimbursementInputs> {
  const f = JSON.parse(a.fields) as ApplicationFields
  const p = (await ctx.db.get<{ name: string }>('SELECT name FROM persons WHERE id = ?', f.personId as string))!
  return {
    personId: f.personId as string,
    personName: p.name,
    careKind: f.careKind ?? 'inpatient',
    hospital: f.hospital ?? '',
    institutionLevel: f.institutionLevel ?? 'county',
    outOfCounty: f.outOfCounty ?? false,
    referred: f.referred ?? false,
    admissionDate: f.admissionDate as string,
    dischargeDate: f.dischargeDate ?? null,
    totalCost: f.totalCost as string,
    selfPayCost: f.selfPayCost ?? '0.00'
  }
}

export interface Adjustment {
  field: ReimbursementInput
  value: string
  reason: string
}

const shown = (v: unknown) => (v === null || v === undefined ? '' : String(v))

/** The inputs after the reviewer's changes, each change checked like the household's entry. */
async function adjusted(
  ctx: Ctx,
  householdId: string,
  entered: ReimbursementInputs,
  changes: Adjustment[]
): Promise<{
  inputs: ReimbursementInputs
  changed: { field: ReimbursementInput; from: string; to: string; reason: string }[]
}> {
  const problems: Problem[] = []
  const inputs: ReimbursementInputs = { ...entered }
  const changed: { field: ReimbursementInput; from: string; to: string; reason: string }[] = []
  for (const c of changes) {
    const reason = c.reason.trim()
    if (!reason) problems.push({ field: c.field, problem: 'reason_required', message: '改了数要写明原因' })
    const v = c.value.trim()
    const before = shown(inputs[c.field])
    switch (c.field) {
      case 'totalCost':
      case 'selfPayCost': {
        const y = amount(v, c.field, c.field === 'totalCost' ? '总费用' : '自费的部分', problems)
        if (y !== undefined) inputs[c.field] = y
        break
      }
      case 'admissionDate':
      case 'dischargeDate':
        if (!isRealDate(v))
          problems.push({ field: c.field, problem: 'not_a_date', message: '日期要写成 2026-10-08 这样' })
        else inputs[c.field] = v
        break
      case 'outOfCounty':
      case 'referred':
        if (v !== 'true' && v !== 'false')
          problems.push({ field: c.field, problem: 'not_yes_no', message: '是否只能填 true 或 false' })
        else inputs[c.field] = v === 'true'
        break
      case 'careKind':
        if (v !== 'inpatient' && v !== 'outpatient')
          problems.push({ field: c.field, problem: 'not_listed', message: '看病方式只能是住院或门诊' })
        else inputs.careKind = v
        break
      case 'institutionLevel':
        if (!(LEVELS as readonly string[]).includes(v))
          problems.push({ field: c.field, problem: 'not_listed', message: '医院级别只能是村、乡镇、县、市、省' })
        else inputs.institutionLevel = v as ReimbursementInputs['institutionLevel']
        break
    }
    const after = shown(inputs[c.field])
    if (after !== before) changed.push({ field: c.field, from: before, to: after, reason })
  }
  if (inputs.careKind === 'outpatient') inputs.dischargeDate = null
  if (!inputs.outOfCounty) inputs.referred = false
  if (!problems.length) problems.push(...(await stayProblems(ctx, householdId, inputs)))
  if (problems.length) refuse(problems)
  return { inputs, changed }
}

/** The calculator's settlement of these inputs, after the person's claims already settled that year. */
async function settle(ctx: Ctx, claimId: string, i: ReimbursementInputs): Promise<SettleResult> {
  const year = Number(i.admissionDate.slice(0, 4))
  const p = (await ctx.db.get<{ birth_date: string; categories: string; region_code: string }>(
    'SELECT p.birth_date, p.categories, h.region_code FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id = ?',
    i.personId
  ))!
  const e = (await ctx.db.get<{
    coverage_start: string | null
    coverage_end: string | null
    waiting_end: string | null
  }>(
    'SELECT coverage_start, coverage_end, waiting_end FROM enrolments WHERE person_id = ? AND year = ?',
    i.personId,
    year
  ))!
  const continuousYears = (await ctx.db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM enrolments WHERE person_id = ? AND year < ? AND status = 'enrolled'`,
    i.personId,
    year
  ))!.n
  // what the year has used so far (deductibles paid, the cap, 大病保险's base): the history after
  // the person's last settled claim that year, as the calculator left it
  const last = await ctx.db.get<{ settlement: string }>(
    'SELECT settlement FROM claims WHERE person_id = ? AND year = ? AND settlement IS NOT NULL ORDER BY admission_date DESC, id DESC LIMIT 1',
    i.personId,
    year
  )
  const history = last ? (JSON.parse(last.settlement) as { historyAfter?: unknown }).historyAfter : undefined
  try {
    return ctx.calc.settle(
      await cachedSeries(ctx, p.region_code),
      {
        birthDate: p.birth_date,
        categories: JSON.parse(p.categories) as Category[],
        continuousYears,
        ...(e.coverage_start && e.coverage_end
          ? { enrolment: { benefitStart: e.waiting_end ?? e.coverage_start, benefitEnd: e.coverage_end } }
          : {})
      },
      {
        claimId,
        kind: i.careKind,
        institutionLevel: i.institutionLevel,
        institutionGrade: '',
        ownership: 'public',
        admissionDate: i.admissionDate,
        dischargeDate: i.dischargeDate,
        totalFen: yuanToFen(i.totalCost),
        excludedFen: yuanToFen(i.selfPayCost),
        referred: i.referred,
        outOfCounty: i.outOfCounty
      },
      history,
      isoDate(ctx.clock.now())
    )
  } catch (err) {
    throw calculatorFailure(err) ?? err
  }
}

async function loadReimbursement(ctx: Ctx, applicationId: string): Promise<{ a: ApplicationRow; r: ReimbursementRow }> {
  const a = await ctx.db.get<ApplicationRow>('SELECT * FROM applications WHERE id = ?', applicationId)
  const r = a && a.kind === 'reimbursement' ? await reimbursementOf(ctx, a.id) : undefined
  if (!a || !r) throw new ApiFailure('NOT_FOUND')
  return { a, r }
}

/** What settling would give (nothing is written). `claimId` names the claim the settlement would make. */
export async function previewReimbursement(
  ctx: Ctx,
  applicationId: string,
  changes: Adjustment[],
  claimId = 'preview'
): Promise<{ preview: ReimbursementPreview; settled: SettleResult; a: ApplicationRow; r: ReimbursementRow }> {
  const { a, r } = await loadReimbursement(ctx, applicationId)
  const entered = await inputsOf(ctx, a)
  const { inputs, changed } = await adjusted(ctx, a.household_id, entered, changes)
  const settled = await settle(ctx, claimId, inputs)
  return {
    a,
    r,
    settled,
    preview: {
      applicationId: a.id,
      entered,
      inputs,
      adjustments: changed,
      policyVersion: settled.policyVersion,
      eligibleCost: fenToYuan(settled.eligibleFen),
      payout: fenToYuan(settled.payoutFen),
      selfPaid: fenToYuan(settled.selfFen),
      steps: settled.steps,
      accountNumberMasked: r.account_masked
    }
  }
}

/** The payout account in full: for the reviewer who settles it, nobody else. */
export function payoutAccount(ctx: Ctx, r: ReimbursementRow): PayoutAccount {
  return {
    bankName: r.bank_name,
    accountName: r.account_name,
    accountNumber: decryptDocument(ctx.documentKey, r.application_id, r.account_sealed).toString()
  }
}
