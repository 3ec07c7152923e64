// Payout history: labels, filters, totals per year per member, and "this year's protection"
// read from the county's list (cap used/left) and the settled claims' own steps. Sums and
// differences go through the calculator's money entry (@/calculator/money: exact, in fen;
// cheap enough for the main package, which the whole engine and yearSummary are not).
import { addYuan, compareYuan, percentOf, subtractYuan } from '@/calculator/money'
import type { Claim, ClaimList, ClaimStage } from '@/contract'
import { normalizeSteps } from './steps'

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

export interface Totals {
  count: number
  totalCost: string
  payout: string
  selfPaid: string
}

export function totalsOf(claims: readonly Claim[]): Totals {
  return {
    count: claims.length,
    totalCost: addYuan(...claims.map((c) => c.totalCost)),
    payout: addYuan(...claims.map((c) => c.payout)),
    selfPaid: addYuan(...claims.map((c) => c.selfPaid))
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

export interface Meter {
  /** decimal strings; null when unknown */
  used: string
  limit: string | null
  left: string | null
}

export interface Protection {
  year: number
  /** what the basic fund paid this year: the settled claims' own basicFund */
  basicFund: string
  /** basic fund counted towards the annual cap, as the county counts it (limit null: no cap) */
  cap: Meter
  /** inpatient deductibles paid this year and how many admissions */
  deductiblesPaid: string
  admissions: number
  outpatient: Meter | null
  /** 大病保险: in-policy self-pay this year towards the threshold */
  catastrophic: { base: string; threshold: string; toGo: string; reached: boolean } | null
}

/** This year's 大病保险 so far, from the claims' catastrophic steps: base (in-policy self-pay) and paid. */
function catastrophicOf(list: ClaimList): { base: string; paid: string } {
  const base: string[] = []
  const paid: string[] = []
  for (const c of list.claims) {
    for (const s of normalizeSteps(c.steps)) {
      if (s.ruleId !== 'catastrophic') continue
      if (s.before) base.push(s.before)
      if (s.after) paid.push(s.after)
    }
  }
  return { base: addYuan(...base), paid: addYuan(...paid) }
}

/**
 * This year's protection for one member. The cap and what counts towards it come from the
 * county's list (which the county sums from its settlements); what the basic fund paid is
 * the settled claims' own basicFund (an outpatient visit is paid by the fund but may not
 * count towards the cap: both are shown, so 已报 never reads ¥0 beside 共报销 ¥151); the
 * other figures are read from the steps of this year's settled claims (the same numbers the
 * calculator used), e.g. 大病保险's base is the sum of each claim's in-policy self-pay
 * (`before` of its catastrophic step). A test checks every figure against the calculator's
 * yearSummary; the county sending that summary would let this file read instead of add.
 */
export function protectionOf(
  list: ClaimList,
  policyLimits: { outpatientAnnual?: string; catastrophicThreshold?: string } = {}
): Protection {
  const deductibles: string[] = []
  let admissions = 0
  const outpatientUsed: string[] = []
  let outpatientLimit: string | null = policyLimits.outpatientAnnual ?? null
  const catBase = catastrophicOf(list).base
  let threshold: string | null = policyLimits.catastrophicThreshold ?? null
  for (const c of list.claims) {
    if (c.kind === 'inpatient') admissions++
    for (const s of normalizeSteps(c.steps)) {
      if (s.ruleId === 'inpatient.deductible-applied' && s.before && s.after)
        deductibles.push(subtractYuan(s.before, s.after))
      else if (s.ruleId === 'outpatient.annual-limit') {
        if (s.after) outpatientUsed.push(s.after)
        if (s.params.annualLimit) outpatientLimit = s.params.annualLimit
      } else if (s.ruleId === 'catastrophic' && s.params.threshold) {
        threshold = s.params.threshold
      }
    }
  }
  /** limit − used, never below zero */
  const leftOf = (limit: string, used: string) => (compareYuan(limit, used) > 0 ? subtractYuan(limit, used) : '0.00')
  const cap: Meter = {
    used: list.capUsed,
    limit: list.cap,
    left: list.cap === null ? null : (list.capRemaining ?? leftOf(list.cap, list.capUsed))
  }
  const basicFund = addYuan(...list.claims.flatMap((c) => (c.settlement ? [c.settlement.basicFund] : [])))
  const outUsed = addYuan(...outpatientUsed)
  const outpatient: Meter | null =
    outpatientLimit === null ? null : { used: outUsed, limit: outpatientLimit, left: leftOf(outpatientLimit, outUsed) }
  const catastrophic =
    threshold === null
      ? null
      : {
          base: catBase,
          threshold,
          toGo: leftOf(threshold, catBase),
          reached: compareYuan(catBase, threshold) > 0
        }
  return {
    year: list.year,
    basicFund,
    cap,
    deductiblesPaid: addYuan(...deductibles),
    admissions,
    outpatient,
    catastrophic
  }
}

/** Share used, 0–100, for the bar width (display only). */
export function percentUsed(m: Meter): number {
  const p = m.limit === null ? null : percentOf(m.used, m.limit, 0)
  return p === null ? 0 : Math.max(0, Math.min(100, parseInt(p, 10)))
}

/** Limits from a cached policy document (calculator format), for members with no claims yet. */
export function limitsFromPolicy(doc: unknown): { outpatientAnnual?: string; catastrophicThreshold?: string } {
  const d = (doc ?? {}) as Record<string, any>
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
  return { outpatientAnnual: str(d.outpatient?.annualLimit), catastrophicThreshold: str(d.catastrophic?.threshold) }
}
