// Payout history: labels, filters, and each year's totals and "this year's protection" as the
// county sends them: its year summary (the calculator's yearSummary, run by the county, so the
// main package carries no engine). Nothing here adds money; percentages and comparisons go
// through the calculator's money entry (@/calculator/money).
import { compareYuan, percentOf } from '@/calculator/money'
import type { Claim, ClaimList, ClaimStage, ClaimYearSummary, YearMeter } from '@/contract'

export const STAGES: ClaimStage[] = ['accepted', 'reviewing', 'publicized', 'paid_out']
export const STAGE_LABEL: Record<ClaimStage, string> = {
  accepted: '受理',
  reviewing: '审核',
  publicized: '公示',
  paid_out: '拨付'
}
export const KIND_LABEL: Record<Claim['kind'], string> = { inpatient: '住院', outpatient: '门诊', chronic: '慢病门诊' }

export type KindFilter = 'all' | Claim['kind']
export type StageFilter = 'all' | 'in-progress' | 'paid_out'

export function filterClaims(claims: readonly Claim[], f: { kind: KindFilter; stage: StageFilter }): Claim[] {
  return claims.filter(
    (c) =>
      (f.kind === 'all' || c.kind === f.kind) &&
      (f.stage === 'all' || (f.stage === 'paid_out' ? c.stage === 'paid_out' : c.stage !== 'paid_out'))
  )
}

/** A year's totals, as the county's year summary gives them (nothing is added here). */
export interface Totals {
  count: number
  totalCost: string
  /** what insurance paid: basic fund + 大病保险 + 医疗救助 */
  payout: string
  /** what the family paid from its pocket */
  patientPays: string
  /** what the household account (家庭账户) paid */
  householdAccount: string
}

/** null when the county sent no summary (no policy and no claim that year). */
export function totalsOf(list: Pick<ClaimList, 'summary'> | null | undefined): Totals | null {
  const y = list?.summary
  if (!y) return null
  return {
    count: y.claims,
    totalCost: y.total,
    payout: y.insurancePaid,
    patientPays: y.patientPays,
    householdAccount: y.householdAccount
  }
}

/** "实际报销比例": fund paid over the whole bill — what villagers feel (seed 000: 66.94%). */
export function actualRatio(t: Totals): string | null {
  return percentOf(t.payout, t.totalCost, 1)
}

/** Claims newest first, each with its stage dates in order 受理 → 审核 → 公示 → 拨付. */
export function sortClaims(claims: readonly Claim[]): Claim[] {
  return [...claims].sort((a, b) =>
    a.admissionDate < b.admissionDate ? 1 : a.admissionDate > b.admissionDate ? -1 : 0
  )
}

export function timelineOf(c: Claim): { stage: ClaimStage; label: string; date: string | null; done: boolean }[] {
  const at = new Map(c.timeline.map((t) => [t.stage, t.date]))
  const reached = STAGES.indexOf(c.stage)
  return STAGES.map((stage, i) => ({
    stage,
    label: STAGE_LABEL[stage],
    date: at.get(stage) ?? null,
    done: i <= reached
  }))
}

export type Meter = Pick<YearMeter, 'limit' | 'used' | 'left'>

export interface Protection {
  year: number
  /** what the basic fund paid this year */
  basicFund: string
  /** basic fund counted towards the annual cap (null: the policy has no annual cap) */
  cap: Meter | null
  /** inpatient deductibles paid this year and how many admissions */
  deductiblesPaid: string
  admissions: number
  outpatient: Meter | null
  /** 大病保险: in-policy self-pay this year towards the threshold */
  catastrophic: { base: string; threshold: string; toGo: string; reached: boolean } | null
}

/**
 * This year's protection for one member: the county's year summary (the calculator's
 * yearSummary of the member's settled claims, computed by the county), shown as sent. What the
 * basic fund paid and what counts towards the cap are both shown: an outpatient visit is paid
 * by the fund but may not count towards the cap, so 已报 never reads ¥0 beside 共报销 ¥151.
 */
export function protectionOf(year: number, y: ClaimYearSummary): Protection {
  const cat = y.catastrophicLayer
  return {
    year,
    basicFund: y.basicFund,
    cap: y.annualCap,
    deductiblesPaid: y.deductible.inpatient,
    admissions: y.admissions,
    outpatient: y.outpatientLimit && y.outpatientLimit.limit !== null ? y.outpatientLimit : null,
    catastrophic:
      cat && cat.threshold !== null && cat.toGo !== null
        ? {
            base: cat.base,
            threshold: cat.threshold,
            toGo: cat.toGo,
            reached: compareYuan(cat.base, cat.threshold) > 0
          }
        : null
  }
}

/** Share used, 0–100, for the bar width (display only). */
export function percentUsed(m: Meter): number {
  const p = m.limit === null ? null : percentOf(m.used, m.limit, 0)
  return p === null ? 0 : Math.max(0, Math.min(100, parseInt(p, 10)))
}
