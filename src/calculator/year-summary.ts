// A person's coverage year at a glance, from their settled claims: deductibles paid, the
// annual cap used and left, the outpatient limit used, 大病保险 base and paid, what insurance
// paid. Every figure is a sum of what the settlements themselves carry (their parts and
// `yearAdds`), so a screen and the server show the numbers the claims were settled with;
// the policy gives only the limits.
import { compileSeries, selectVersion, type CompiledPolicy, type Limit } from './compile'
import { CalculatorError } from './errors'
import { checkAsOf } from './input'
import { fenToYuan, yuanToFen } from './money'
import { coverageYearOf } from './rules'
import type { CalcOptions, CoverageYearSpan, PolicyInput, Settlement } from './types'

/** A limit for the year: what it is, what is used, what is left. */
export interface YearMeter {
  /** null: no limit (`{ none }`), or a figure the policy lacks (then `missingNote` says so) */
  limit: string | null
  used: string
  /** null when there is no known limit */
  left: string | null
  missingNote?: string
}

export interface YearSummary {
  coverageYear: CoverageYearSpan
  policyId: string
  policyVersion: string
  /** settled claims counted (claims of other coverage years are left out) */
  claims: number
  admissions: number
  total: string
  /** basic fund + 大病保险 + 医疗救助 (see insurancePaid in money.ts) */
  insurancePaid: string
  basicFund: string
  catastrophic: string
  assistance: string
  householdAccount: string
  patientPays: string
  /** deductibles (起付线) the person bore, by kind of care */
  deductible: { inpatient: string; outpatient: string; special: string; total: string }
  /** the basic fund's annual cap; null when the policy has none */
  annualCap: YearMeter | null
  /** general-outpatient yearly limit; null when the policy has no outpatient pooling */
  outpatientLimit: YearMeter | null
  /** 门特 yearly limit; null when the policy has none */
  specialLimit: YearMeter | null
  /** 大病保险: in-policy self-pay counted towards the threshold, and what it paid; null without the layer */
  catastrophicLayer: {
    threshold: string | null
    base: string
    paid: string
    /** self-pay still to go before 大病保险 pays; null when the threshold is not known */
    toGo: string | null
    missingNote?: string
  } | null
}

function meter(limit: Limit, usedFen: number): YearMeter {
  const used = fenToYuan(usedFen)
  if (limit === null) return { limit: null, used, left: null }
  if (typeof limit === 'object') return { limit: null, used, left: null, missingNote: limit.note }
  const lim = limit
  return { limit: fenToYuan(lim), used, left: fenToYuan(Math.max(0, lim - usedFen)) }
}

/**
 * The coverage year containing `date` for this person (students by their school year when
 * the policy has one), summed from `settlements` — the person's settled claims, in any
 * order; those of other coverage years are left out. Limits come from the policy version
 * the year's latest claim was settled under (or the one in force on `date` when there is
 * no claim yet). Throws INVALID_INPUT for a settlement without its coverage year (made by
 * an older calculator: settle it again).
 */
export function yearSummary(
  policy: PolicyInput,
  settlements: readonly Settlement[],
  date: string,
  person: { student?: boolean } = {},
  options?: Pick<CalcOptions, 'resolve'>
): YearSummary {
  const day = checkAsOf(date)
  const series = compileSeries(policy, options?.resolve)
  const span = coverageYearOf(selectVersion(series, day), day, person.student)
  const sum = {
    total: 0,
    basicFund: 0,
    catastrophic: 0,
    assistance: 0,
    householdAccount: 0,
    patientPays: 0,
    inpatientDed: 0,
    outpatientDed: 0,
    specialDed: 0,
    capFund: 0,
    outpatientFund: 0,
    specialFund: 0,
    catastrophicBase: 0
  }
  let claims = 0
  let admissions = 0
  let latest: Settlement | null = null
  settlements.forEach((s, i) => {
    if (!s || typeof s !== 'object' || !s.coverageYear || !s.yearAdds)
      throw new CalculatorError('INVALID_INPUT', '结算结果缺少参保年度，请用新版计算器重新结算', `$settlements[${i}]`)
    if (s.coverageYear.start !== span.start) return
    claims++
    admissions += s.yearAdds.admissions
    sum.total += yuanToFen(s.total)
    sum.basicFund += yuanToFen(s.basicFund)
    sum.catastrophic += yuanToFen(s.catastrophic)
    sum.assistance += yuanToFen(s.assistance)
    sum.householdAccount += yuanToFen(s.householdAccount)
    sum.patientPays += yuanToFen(s.patientPays)
    const d = yuanToFen(s.deductible)
    if (s.kind === 'inpatient') sum.inpatientDed += d
    else if (s.kind === 'outpatient') sum.outpatientDed += d
    else sum.specialDed += d
    sum.capFund += yuanToFen(s.yearAdds.capFund)
    sum.outpatientFund += yuanToFen(s.yearAdds.outpatientFund)
    sum.specialFund += yuanToFen(s.yearAdds.specialFund)
    sum.catastrophicBase += yuanToFen(s.yearAdds.catastrophicBase)
    if (latest === null || s.versionDate >= latest.versionDate) latest = s
  })
  const pol = versionFor(series, latest, day, span)
  const cat = pol.catastrophic
  let catastrophicLayer: YearSummary['catastrophicLayer'] = null
  if (cat) {
    const base = fenToYuan(sum.catastrophicBase)
    const paid = fenToYuan(sum.catastrophic)
    if (typeof cat.threshold === 'object')
      catastrophicLayer = { threshold: null, base, paid, toGo: null, missingNote: cat.threshold.note }
    else {
      const t = cat.threshold
      catastrophicLayer = {
        threshold: fenToYuan(t),
        base,
        paid,
        toGo: fenToYuan(Math.max(0, t - sum.catastrophicBase))
      }
    }
  }
  return {
    coverageYear: span,
    policyId: pol.id,
    policyVersion: pol.version,
    claims,
    admissions,
    total: fenToYuan(sum.total),
    insurancePaid: fenToYuan(sum.basicFund + sum.catastrophic + sum.assistance),
    basicFund: fenToYuan(sum.basicFund),
    catastrophic: fenToYuan(sum.catastrophic),
    assistance: fenToYuan(sum.assistance),
    householdAccount: fenToYuan(sum.householdAccount),
    patientPays: fenToYuan(sum.patientPays),
    deductible: {
      inpatient: fenToYuan(sum.inpatientDed),
      outpatient: fenToYuan(sum.outpatientDed),
      special: fenToYuan(sum.specialDed),
      total: fenToYuan(sum.inpatientDed + sum.outpatientDed + sum.specialDed)
    },
    annualCap: pol.cap ? meter(pol.cap.amount, sum.capFund) : null,
    outpatientLimit: pol.outpatient ? meter(pol.outpatient.annualLimit, sum.outpatientFund) : null,
    specialLimit:
      pol.special && pol.special.annualLimit !== null ? meter(pol.special.annualLimit, sum.specialFund) : null,
    catastrophicLayer
  }
}

/** The version the year's latest claim was settled under, else the one in force on the date (or the year's first day in force). */
function versionFor(
  series: CompiledPolicy[],
  latest: Settlement | null,
  day: string,
  span: CoverageYearSpan
): CompiledPolicy {
  if (latest !== null) {
    const hit = series.find((c) => c.id === latest!.policyId && c.version === latest!.policyVersion)
    if (hit) return hit
  }
  return selectVersion(series, day >= span.start && day <= span.end ? day : span.start)
}
