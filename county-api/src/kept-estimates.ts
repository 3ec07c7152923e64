// Estimates a household chose to keep with the county (issue 19 item 5): the villager's answers,
// run again here by the same calculator on the county's policy (what is kept is the county's
// figure, not the phone's), until the household deletes it. When a claim for that person and stay
// settles, the claim page shows both, compared by the calculator (compareEstimate).
import type { Claim, KeptEstimate } from '../../src/contract'
import type { Ctx } from './context'
import type { KeptEstimateRow } from './db/rows'
import { ApiFailure } from './errors'
import { addDays, isoDate, isoTime } from './clock'
import { newId } from './ids'
import { cachedSeries } from './policies'
import { calculatorFailure } from './ports/shared-calculator'

/** How a kept estimate is found for a claim, said to the household as it is done. */
export const MATCH_RULE =
  '同一个人、同一种看病（住院、门诊或门诊慢特病），估算时填的看病日期和实际入院日期前后相差不超过7天；有几次时用最近保存的一次'
const MATCH_DAYS = 7
/** Kept estimates a person may have at once (the oldest must be deleted first). */
const MAX_KEPT = 20

const KIND_OF_CLAIM: Record<Claim['kind'], string> = {
  inpatient: 'inpatient',
  outpatient: 'outpatient',
  chronic: 'special-outpatient'
}

export function keptView(r: KeptEstimateRow): KeptEstimate {
  const e = JSON.parse(r.estimate) as KeptEstimate & { raw?: unknown }
  return {
    estimateId: r.id,
    personId: r.person_id,
    keptAt: isoTime(r.kept_at),
    kind: r.care_kind,
    admissionDate: r.admission_date,
    dischargeDate: r.discharge_date,
    total: e.total,
    basicFund: e.basicFund,
    insurancePaid: e.insurancePaid,
    policyVersion: e.policyVersion,
    steps: e.steps
  }
}

export async function keepEstimate(
  ctx: Ctx,
  userId: string,
  householdId: string,
  personId: string,
  body: { answers: unknown; admissionDate: string; dischargeDate?: string }
): Promise<KeptEstimate> {
  const p = (await ctx.db.get<{ birth_date: string; region_code: string }>(
    'SELECT p.birth_date, h.region_code FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id = ?',
    personId
  ))!
  if (body.dischargeDate && body.dischargeDate < body.admissionDate)
    throw new ApiFailure(
      'BAD_REQUEST',
      { field: 'dischargeDate', problem: 'before_admission' },
      '出院日期不能早于入院日期'
    )
  const count = (await ctx.db.get<{ n: number }>(
    'SELECT COUNT(*) AS n FROM kept_estimates WHERE person_id = ?',
    personId
  ))!.n
  if (count >= MAX_KEPT)
    throw new ApiFailure(
      'CONFLICT',
      { reason: 'too_many', max: MAX_KEPT },
      `每人最多在县里保存${MAX_KEPT}次估算，请先删掉不用的`
    )
  // the county's own run: the person as the county knows them, the date of the stay
  const answers = {
    ...(body.answers as Record<string, unknown>),
    birthDate: p.birth_date,
    date: body.admissionDate
  }
  let e
  try {
    e = ctx.calc.estimate(await cachedSeries(ctx, p.region_code), answers, isoDate(ctx.clock.now()))
  } catch (err) {
    throw calculatorFailure(err) ?? err
  }
  const id = newId('est')
  await ctx.db.run(
    `INSERT INTO kept_estimates (id, person_id, household_id, kept_by, kept_at, care_kind, admission_date, discharge_date, answers, estimate)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    personId,
    householdId,
    userId,
    ctx.clock.now(),
    e.kind,
    body.admissionDate,
    body.dischargeDate ?? null,
    JSON.stringify(answers),
    JSON.stringify(e)
  )
  return keptView((await ctx.db.get<KeptEstimateRow>('SELECT * FROM kept_estimates WHERE id = ?', id))!)
}

/** The kept estimate for this claim's stay, compared with its settlement; null when none matches. */
export async function estimateForClaim(
  ctx: Ctx,
  c: Pick<Claim, 'personId' | 'kind' | 'admissionDate' | 'settlement'>
): Promise<Claim['estimate']> {
  if (!c.settlement) return null
  const r = await ctx.db.get<KeptEstimateRow>(
    `SELECT * FROM kept_estimates WHERE person_id = ? AND care_kind = ? AND admission_date BETWEEN ? AND ?
       ORDER BY kept_at DESC, id DESC LIMIT 1`,
    c.personId,
    KIND_OF_CLAIM[c.kind],
    addDays(c.admissionDate, -MATCH_DAYS),
    addDays(c.admissionDate, MATCH_DAYS)
  )
  if (!r) return null
  const kept = JSON.parse(r.estimate) as { raw: unknown }
  return {
    estimateId: r.id,
    keptAt: isoTime(r.kept_at),
    match: MATCH_RULE,
    comparison: ctx.calc.compareEstimate(kept.raw, c.settlement)
  }
}
