// settleClaim: one claim against the person's coverage year so far.
// Order: version → coverage year → preconditions/exclusions → eligible cost → basic fund
// (major disease, benchmark price, or deductible × ratio with bonus/penalty, then the
// kind's limits and the annual cap) → catastrophic insurance → medical assistance →
// household account → patient pays (the residual, so the parts always add up to the total
// exactly). One engine, in whole fen (amounts.ts): each rule is written once, and steps
// are built only when asked for (`S` is null for batch settling). Rounding to the fen
// happens only where a step says so.
import {
  Exact,
  fen2 as fenTextOf,
  MAX_YEAR_FEN,
  mulRound,
  parseFen,
  pct,
  RATE,
  rateText,
  scaleRate,
  yuan
} from './amounts'
import {
  AREA_LABEL,
  compileSeries,
  findRow,
  isMissing,
  matches,
  need,
  selectVersion,
  TIER_LABEL,
  type CompiledPolicy,
  type CompiledRate,
  type Fig,
  type Limit,
  type MatchContext
} from './compile'
import { enrolmentPeriod } from './contribution'
import { CalculatorError } from './errors'
import {
  checkAsOf,
  checkClaim,
  checkHistory,
  checkHistoryAfter,
  freshHistory,
  MAX_ADMISSIONS,
  type NormalClaim,
  type NormalHistory
} from './input'
import { checkExclusions, coverageYearOf, populationGroup, referralLevelsSkipped } from './rules'
import { strictNeeds } from './strict'
import type {
  CalcOptions,
  CareArea,
  Claim,
  ClaimHistory,
  ClaimKind,
  CoverageYearSpan,
  ExclusionCode,
  FullClaimHistory,
  PolicyInput,
  Settlement,
  SourceRef,
  Step,
  YearAdds
} from './types'

/**
 * whole fen → "1234.50" (amounts.ts), bound once here: a settlement writes some thirty
 * amounts, and where modules stay separate (tsx, which runs the bench and the CLI's
 * fallback) every call through an imported name is first a getter call.
 */
const fen2 = fenTextOf

const SELECTION_LABEL = { admission: '入院日期', discharge: '出院日期', settlement: '结算日期' }
const GRADE_LABEL: Record<string, string> = { A: '甲等', B: '乙等', C: '丙等' }
const LEVEL_LABEL: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' }
const KIND_LABEL: Record<ClaimKind, string> = {
  inpatient: '住院',
  outpatient: '普通门诊',
  'special-outpatient': '门诊特殊病种'
}

/** the ratio table's name in a "no row for this hospital" message (written once, not per claim) */
const RATIO_TABLE_LABEL: Record<ClaimKind, string> = {
  inpatient: `${KIND_LABEL.inpatient}报销比例`,
  outpatient: `${KIND_LABEL.outpatient}报销比例`,
  'special-outpatient': `${KIND_LABEL['special-outpatient']}报销比例`
}

type Steps = Step[] | null

// mutation: not money — text of the explanation
function institutionLabel(c: Claim): string {
  const i = c.institution
  const parts = [
    i.level ? LEVEL_LABEL[i.level] : '',
    i.grade ? GRADE_LABEL[i.grade] : '',
    i.tier ? TIER_LABEL[i.tier] : ''
  ]
  const s = parts.join('')
  return (i.name ? `${i.name}，` : '') + (s || '医院') + (i.level && !i.tier ? '医院' : '')
}

/** A figure the claim may not need: the number when the policy has it, POLICY_FIGURE_MISSING when missing and `needed`, else null. */
function figIf(f: Fig, needed: boolean): number | null {
  if (!isMissing(f)) return f
  if (needed) return need(f)
  return null
}

// mutation: not money — text of the explanation
function figLabel(f: Fig): string {
  return isMissing(f) ? '（缺）' : pct(f)
}
// mutation: not money — text of the explanation
function bandsLabel(bands: readonly { upTo: number | null; rate: Fig }[]): string {
  return bands.map((b) => `${b.upTo !== null ? `${fen2(b.upTo)} 元以内` : '以上'} ${figLabel(b.rate)}`).join('，')
}

/** Σ over the bands of (the part of [from, from + amount] inside the band) × its rate, exactly (bands measured from 0). */
function banded(bands: readonly { upTo: number | null; rate: Fig }[], from: number, amount: number): Exact {
  const out = new Exact()
  let lower = 0
  const to = from + amount
  for (const b of bands) {
    const lo = Math.max(lower, from)
    const hi = b.upTo === null ? to : Math.min(b.upTo, to)
    // a band's rate is needed only when part of the amount falls inside it
    if (hi > lo) out.add(hi - lo, need(b.rate))
    lower = b.upTo ?? to
  }
  return out
}

// ---------------------------------------------------------------- the parts of one settlement

/** What the settlement is building: amounts in fen. */
interface Parts {
  kind: ClaimKind
  area: CareArea
  eligible: number
  deductible: number
  ratio: number | null
  basicFund: number
  overCap: number
  capRemaining: number | null
  catastrophic: number
  assistance: number
  /** civil-affairs relief of a major disease (part of assistance) */
  civilAffairs: number
  householdAccount: number
  institutionBears: number
  fundBasis: Settlement['fundBasis']
  /** the major-disease rule set the fund (its self-pay goes on to 大病保险 only if the policy says so) */
  major: boolean
}

const NO_ADDS: YearAdds = Object.freeze({
  capFund: '0.00',
  outpatientFund: '0.00',
  specialFund: '0.00',
  majorDiseaseFund: '0.00',
  catastrophicBase: '0.00',
  admissions: 0
}) as YearAdds

function historyOut(h: NormalHistory, span: CoverageYearSpan): FullClaimHistory {
  return {
    coverageYear: span.start,
    admissions: { ...h.admissions },
    lastDeductible: h.lastDeductible === null ? null : fen2(h.lastDeductible),
    fundPaid: fen2(h.fundPaid),
    outpatientFundPaid: fen2(h.outpatientFundPaid),
    outpatientDeductibleMet: fen2(h.outpatientDeductibleMet),
    specialFundPaid: fen2(h.specialFundPaid),
    specialDeductibleMet: fen2(h.specialDeductibleMet),
    majorDiseaseFundPaid: fen2(h.majorDiseaseFundPaid),
    catastrophicBase: fen2(h.catastrophicBase),
    catastrophicPaid: fen2(h.catastrophicPaid),
    assistanceBase: fen2(h.assistanceBase),
    assistancePaid: fen2(h.assistancePaid),
    householdAccountBalance: fen2(h.householdAccountBalance)
  }
}

function yearAdds(h: NormalHistory, out: NormalHistory): YearAdds {
  const a = out.admissions
  const b = h.admissions
  return {
    capFund: fen2(out.fundPaid - h.fundPaid),
    outpatientFund: fen2(out.outpatientFundPaid - h.outpatientFundPaid),
    specialFund: fen2(out.specialFundPaid - h.specialFundPaid),
    majorDiseaseFund: fen2(out.majorDiseaseFundPaid - h.majorDiseaseFundPaid),
    catastrophicBase: fen2(out.catastrophicBase - h.catastrophicBase),
    admissions:
      a.local -
      b.local +
      (a['out-referred'] - b['out-referred']) +
      (a['out-filed'] - b['out-filed']) +
      (a['out-unfiled'] - b['out-unfiled']) +
      (a['out-emergency'] - b['out-emergency']) +
      (a.abroad - b.abroad)
  }
}

/** a year total past 10 亿 or an area's admissions past 366, in plain comparisons (this runs for every claim) */
// mutation: not money — a cheap pre-check of the limits; checkHistoryAfter decides
function pastLimits(h: NormalHistory): boolean {
  const M = MAX_YEAR_FEN
  const N = MAX_ADMISSIONS
  const a = h.admissions
  return (
    h.fundPaid > M ||
    h.outpatientFundPaid > M ||
    h.outpatientDeductibleMet > M ||
    h.specialFundPaid > M ||
    h.specialDeductibleMet > M ||
    h.majorDiseaseFundPaid > M ||
    h.catastrophicBase > M ||
    h.catastrophicPaid > M ||
    h.assistanceBase > M ||
    h.assistancePaid > M ||
    h.householdAccountBalance > M ||
    (h.lastDeductible !== null && h.lastDeductible > M) ||
    a.local > N ||
    a['out-referred'] > N ||
    a['out-filed'] > N ||
    a['out-unfiled'] > N ||
    a['out-emergency'] > N ||
    a.abroad > N
  )
}

// ---------------------------------------------------------------- ratios

/**
 * A ratio after the referral penalty for `levels` tiers skipped (`total` = penalty × levels):
 * 'points' takes the points off, 'relative' scales the ratio by (1 − total). Never below 0:
 * a penalty can take away the whole ratio, never more (a payout is never negative).
 * The same rule for a single rate and for each band of a banded row.
 */
function penalised(mode: 'points' | 'relative', rate: number, total: number): number {
  const r = mode === 'points' ? rate - total : scaleRate(rate, RATE - total)
  return r < 0 ? 0 : r
}

// mutation: not money — text of the explanation
function penaltyStep(pol: CompiledPolicy, levels: number, change: string): Step {
  const r = pol.referral!
  const p = need(r.penalty)
  return {
    rule: 'referral.penalty-ratio',
    label: `未办转诊、越过 ${levels} 级就医，${change}（${r.mode === 'points' ? `每级降 ${pct(p)}` : `每级按比例降 ${pct(p)}`}，最低 0%）`,
    params: { penaltyPerLevel: rateText(p), mode: r.mode, levels: String(levels) },
    source: r.source
  }
}

/** The continuous-years bonus on a single rate: + perYear × years, never above maxRate, never lowering a rate already above it. */
function withBonus(pol: CompiledPolicy, rate: number, years: number, S: Steps): number {
  const b = pol.bonus!
  const maxRate = need(b.maxRate)
  const perYear = need(b.perYear)
  const raised = Math.min(rate + perYear * years, maxRate)
  const after = raised > rate ? raised : rate
  if (S) {
    S.push({
      rule: 'continuous-years-bonus',
      label:
        after > rate
          ? `连续参保 ${years} 年，报销比例由 ${pct(rate)} 提高到 ${pct(after)}（最高 ${pct(maxRate)}）`
          : `连续参保 ${years} 年，但报销比例已达最高 ${pct(maxRate)}，不再提高`,
      params: { perYear: rateText(perYear), maxRate: rateText(maxRate), years: String(years) },
      source: b.source
    })
  }
  return after
}

/** The ratio after the continuous-years bonus and any referral penalty, in the policy's order. */
function adjustRate(
  pol: CompiledPolicy,
  base: number,
  kind: ClaimKind,
  years: number,
  skipped: number,
  S: Steps
): number {
  const bonus = pol.bonus !== null && pol.bonus.kinds.has(kind) && years > 0
  const r = pol.referral
  const penalty = skipped > 0 && r !== null
  let rate = base
  if (bonus && (!penalty || r!.order === 'bonus-then-penalty')) rate = withBonus(pol, rate, years, S)
  if (penalty) {
    const before = rate
    rate = penalised(r!.mode, rate, need(r!.penalty) * skipped)
    if (S) S.push(penaltyStep(pol, skipped, `报销比例由 ${pct(before)} 降为 ${pct(rate)}`))
    if (bonus && r!.order === 'penalty-then-bonus') rate = withBonus(pol, rate, years, S)
  }
  return rate
}

/** Fund share of `amount` under a rate row (single rate, bands, or patient flat fee), exactly; sets parts.ratio for a single rate. */
function applyRate(
  pol: CompiledPolicy,
  r: CompiledRate,
  amount: number,
  kind: ClaimKind,
  years: number,
  skipped: number,
  rowLabel: string,
  source: SourceRef,
  parts: Parts,
  S: Steps
): Exact {
  if (r.type === 'rate') {
    const base = need(r.rate)
    if (S)
      S.push({
        rule: `${kind}.ratio`,
        label: `报销比例 ${pct(base)}（${rowLabel}）`,
        params: { rate: rateText(base) },
        source
      })
    const rate = adjustRate(pol, base, kind, years, skipped, S)
    parts.ratio = rate
    return new Exact().add(amount, rate)
  }
  if (r.type === 'bands') {
    let bands = r.bands
    if (skipped > 0 && pol.referral) {
      // the penalty lowers each band's own ratio (seed 000 C5 「報銷比例每跨一級降低」, C8 each band has its ratio)
      const mode = pol.referral.mode
      const total = need(pol.referral.penalty) * skipped
      bands = r.bands.map((b) => ({ upTo: b.upTo, rate: isMissing(b.rate) ? b.rate : penalised(mode, b.rate, total) }))
      if (S) {
        const change = r.bands
          .map((b, i) =>
            isMissing(b.rate)
              ? `${b.upTo !== null ? `${fen2(b.upTo)} 元以内` : '以上'}（缺）`
              : `${pct(b.rate)} 降为 ${pct(bands[i].rate as number)}`
          )
          .join('，')
        S.push(penaltyStep(pol, skipped, `各段报销比例分别由 ${change}`))
      }
    }
    const fund = banded(bands, 0, amount)
    if (S) {
      S.push({
        rule: `${kind}.banded-ratio`,
        label: `按费用分段报销（${bandsLabel(bands)}），合计 ${fourDecimals(fund)} 元${skipped > 0 ? '（已按未转诊降低比例）' : ''}`,
        before: fen2(amount),
        source
      })
    }
    return fund
  }
  const flat = need(r.patientFlat)
  const fund = amount > flat ? amount - flat : 0
  if (S) {
    S.push({
      rule: `${kind}.patient-flat`,
      label: `个人定额自付 ${yuan(Math.min(flat, amount))}，其余由基金支付（${rowLabel}）`,
      before: fen2(amount),
      after: fen2(fund),
      params: { patientFlat: fen2(flat) },
      source
    })
  }
  return new Exact().add(fund, RATE)
}

/** an exact amount in yuan with four decimals, rounded half up ("1234.5678"), as the banded step has always shown it */
// mutation: not money — text of the explanation
function fourDecimals(x: Exact): string {
  // hundredths of a fen: fen × 100 + frac / 10^6, rounded half up
  const q = Math.floor(x.frac / 1_000_000)
  const rest = x.frac - q * 1_000_000
  let hundredths = x.fen * 100 + q + (rest * 2 >= 1_000_000 ? 1 : 0)
  const y = Math.floor(hundredths / 10_000)
  hundredths -= y * 10_000
  return `${y}.${String(hundredths).padStart(4, '0')}`
}

// ---------------------------------------------------------------- limits and caps

/** A yearly limit of the claim's kind (outpatient, 门特): what is left of it, and what this claim may take. */
function kindLimit(
  lim: Limit,
  fund: number,
  paidBefore: number,
  parts: Parts,
  remainingShown: boolean,
  S: Steps,
  step: (limit: number, paid: number) => Step | null
): number {
  const amount = fund > 0 ? need(lim) : null
  if (amount === null) return fund
  const remaining = amount > paidBefore ? amount - paidBefore : 0
  const paid = fund < remaining ? fund : remaining
  parts.overCap += fund - paid
  if (remainingShown) parts.capRemaining = remaining - paid
  if (S) {
    const s = step(amount, paid)
    if (s) S.push(s)
  }
  return paid
}

/** The basic fund's yearly cap across the claim kinds it covers; history counts towards it. */
function applyAnnualCap(
  pol: CompiledPolicy,
  kind: ClaimKind,
  fund: number,
  h: NormalHistory,
  out: NormalHistory,
  parts: Parts,
  S: Steps
): number {
  const cap = pol.cap
  if (!cap || !cap.kinds.has(kind)) return fund
  out.fundPaid = h.fundPaid + fund
  if (fund === 0) return fund
  const amount = need(cap.amount)
  if (amount === null) return fund
  const remaining = amount > h.fundPaid ? amount - h.fundPaid : 0
  const paid = fund < remaining ? fund : remaining
  parts.overCap += fund - paid
  parts.capRemaining = remaining - paid
  out.fundPaid = h.fundPaid + paid
  if (S) {
    const aboveLabel =
      cap.above === 'catastrophic'
        ? '超出部分转大病保险'
        : cap.above === 'supplementary-insurance'
          ? '超出部分由大额医疗补充保险按规定支付'
          : '超出部分基金不支付'
    S.push({
      rule: 'annual-cap',
      label:
        paid < fund
          ? `年度封顶线 ${yuan(amount)}，本年已报 ${yuan(h.fundPaid)}，本次只能报 ${yuan(paid)}，${aboveLabel}${cap.aboveNote ? `（${cap.aboveNote}）` : ''}`
          : `年度封顶线 ${yuan(amount)}，本年已报 ${yuan(h.fundPaid)}，本次报 ${yuan(paid)} 后还剩 ${yuan(parts.capRemaining)}`,
      before: fen2(fund),
      after: fen2(paid),
      params: { cap: fen2(amount), above: cap.above },
      source: cap.source
    })
  }
  return paid
}

/** The kind's own yearly limits: per visit and per year for general outpatient, per year for 门特. */
function kindLimits(
  pol: CompiledPolicy,
  kind: ClaimKind,
  fund: number,
  h: NormalHistory,
  out: NormalHistory,
  parts: Parts,
  S: Steps
): number {
  if (kind === 'outpatient' && pol.outpatient) {
    const op = pol.outpatient
    const perVisit = fund > 0 ? need(op.perVisitLimit) : null
    if (perVisit !== null && fund > perVisit) {
      if (S)
        S.push({
          rule: 'outpatient.per-visit-limit',
          label: `门诊每次最多报销 ${yuan(perVisit)}`,
          before: fen2(fund),
          after: fen2(perVisit),
          source: op.source
        })
      fund = perVisit
    }
    const f = fund
    fund = kindLimit(
      op.annualLimit,
      fund,
      h.outpatientFundPaid,
      parts,
      true,
      S,
      // mutation: not money — the explanation's step
      (annual, paid) => ({
        rule: 'outpatient.annual-limit',
        label: `门诊年度限额 ${yuan(annual)}，本年已报 ${yuan(h.outpatientFundPaid)}，本次报 ${yuan(paid)}`,
        before: fen2(f),
        after: fen2(paid),
        params: { annualLimit: fen2(annual) },
        source: op.source
      })
    )
    out.outpatientFundPaid = h.outpatientFundPaid + fund
  } else if (kind === 'special-outpatient' && pol.special) {
    const sp = pol.special
    const f = fund
    fund = kindLimit(
      sp.annualLimit,
      fund,
      h.specialFundPaid,
      parts,
      false,
      S,
      // mutation: not money — the explanation's step
      (lim, paid) =>
        paid < f
          ? {
              rule: 'special-outpatient.annual-limit',
              label: `门诊特殊病种年度限额 ${yuan(lim)}，本次最多报 ${yuan(paid)}`,
              before: fen2(f),
              after: fen2(paid),
              source: sp.source
            }
          : null
    )
  }
  return fund
}

// ---------------------------------------------------------------- the entry point

export function settleClaim(
  policy: PolicyInput,
  claim: Claim,
  history: ClaimHistory | undefined,
  asOf: string,
  options?: CalcOptions
): Settlement {
  const { pol, n, versionDate } = prepare(policy, claim, asOf, options?.resolve)
  return settleWith(
    pol,
    n,
    checkHistory(history),
    versionDate,
    options?.steps !== false ? [] : null,
    options?.strict === true
  )
}

/**
 * settleClaim for a batch that keeps each person's history itself (the CLI): the history
 * goes in and comes out as whole fen, not as strings, so a county-year does not write and
 * re-read 13 amounts a claim. The settlement's `historyAfter` is left empty; `after` is it.
 */
export function settleInBatch(
  policy: PolicyInput,
  claim: Claim,
  history: NormalHistory | undefined,
  asOf: string,
  options: CalcOptions
): { settlement: Settlement; after: NormalHistory } {
  const { pol, n, versionDate } = prepare(policy, claim, asOf, options.resolve)
  const sink: Sink = { after: null }
  const settlement = settleWith(
    pol,
    n,
    history ?? freshHistory(null),
    versionDate,
    options.steps !== false ? [] : null,
    options.strict === true,
    sink
  )
  return { settlement, after: sink.after! }
}

/** The checked claim, the policy version in force on its date, and that date; the benefit period of an enrolment record. */
function prepare(
  policy: PolicyInput,
  claim: Claim,
  asOf: string,
  resolve: CalcOptions['resolve']
): { pol: CompiledPolicy; n: NormalClaim; versionDate: string } {
  const n = checkClaim(claim, checkAsOf(asOf))
  const series = compileSeries(policy, resolve)
  const versionDate = versionDateOf(series, n)
  const pol = selectVersion(series, versionDate)
  const paid = claim.person.enrolment?.paid
  if (paid) {
    // the enrolment record: benefit start and end by the contribution rules of the year paid for
    const p = enrolmentPeriod(series, paid, claim.person)
    n.benefitStart = p.benefitStart
    n.benefitEnd = p.benefitEnd
  }
  return { pol, n, versionDate }
}

/** Where a batch takes the history after a claim, in whole fen (instead of Settlement.historyAfter). */
interface Sink {
  after: NormalHistory | null
}
const UNWRITTEN = Object.freeze({}) as FullClaimHistory

/** The date that picks the policy version (and the coverage year): admission, discharge or settlement, as the policy says. */
function versionDateOf(series: CompiledPolicy[], n: NormalClaim): string {
  const sel = series[0].selection
  return sel === 'admission' ? n.serviceDate : sel === 'discharge' ? n.dischargeDate : n.settlementDate
}

/** The coverage year a claim counts in (by the date that picks its version; students by their school year). */
export function claimCoverageYear(
  policy: PolicyInput,
  claim: Claim,
  asOf: string,
  options?: Pick<CalcOptions, 'resolve'>
): CoverageYearSpan {
  const { pol, versionDate } = prepare(policy, claim, asOf, options?.resolve)
  return coverageYearOf(pol, versionDate, claim.person.student)
}

/** Settle a checked claim under one policy version; `S` collects the steps, or is null for none. */
export function settleWith(
  pol: CompiledPolicy,
  n: NormalClaim,
  history: NormalHistory,
  versionDate: string,
  S: Steps,
  strict = false,
  sink?: Sink
): Settlement {
  const c = n.claim
  if (S) {
    S.push({
      rule: 'policy.version',
      label: `按${SELECTION_LABEL[pol.selection]}（${versionDate}）适用「${pol.doc.title}」（${pol.version}版）`,
      params: { policyId: pol.id, version: pol.version, versionSelection: pol.selection },
      source: pol.source
    })
    if (!c.person.enrolment)
      S.push({ rule: 'enrolment.assumed', label: '参保状态以经办系统核验为准（本次按已参保、已过等待期计算）' })
    const paid = c.person.enrolment?.paid
    if (paid && n.benefitStart !== undefined)
      S.push({
        rule: 'enrolment.paid',
        label: `按缴费记录（${paid.paidOn} 缴纳 ${paid.coverageYear} 年度${paid.lapsedYears ? `，补缴断保 ${paid.lapsedYears} 年` : ''}）推算，待遇期 ${n.benefitStart} 至 ${n.benefitEnd}`,
        params: {
          coverageYear: String(paid.coverageYear),
          paidOn: paid.paidOn,
          benefitStart: n.benefitStart,
          benefitEnd: n.benefitEnd!
        }
      })
  }

  // ---- the coverage year: a history of an earlier year does not count (a new year starts from zero)
  const span = coverageYearOf(pol, versionDate, c.person.student)
  const h = yearHistory(pol, history, span, S)

  // Emergency rules (seed 001 Art.20): an outpatient rescue ending in death is settled as
  // inpatient, in the area or out of it, as the policy says; out-of-area emergencies are
  // settled under the area the policy names.
  let kind: ClaimKind = c.kind
  let area: CareArea = c.area
  const em = pol.emergency
  if (em && c.emergency) {
    if (kind === 'outpatient' && c.emergency.died && area !== 'abroad') {
      const local = area === 'local'
      if ((local ? em.localOutpatientDeath : em.outOfAreaOutpatientDeath) === 'as-inpatient') {
        kind = 'inpatient'
        if (S)
          S.push({
            rule: 'emergency.as-inpatient',
            label: local
              ? '门诊抢救无效死亡，急救费用按住院规定报销'
              : '在外地门诊抢救无效死亡，按异地急诊住院的规定报销',
            source: em.source
          })
      }
    }
    if (area !== 'local' && area !== 'abroad' && area !== em.outOfAreaAs) area = outOfArea(em.outOfAreaAs, em.source, S)
  }
  if (area === 'out-emergency' && em && em.outOfAreaAs !== 'out-emergency')
    area = outOfArea(em.outOfAreaAs, em.source, S)

  if (strict) strictNeeds(pol, n, kind, area)
  const ex = checkExclusions(pol, n, area, kind)
  if (ex) return excludedSettlement(pol, n, kind, versionDate, span, h, sink, ex.code, ex.reason, ex.source, S)

  // ---- a 门特 claim: listed disease, approved, in an area where 门特 is paid (whichever rule pays it)
  let specialLabel = ''
  if (kind === 'special-outpatient') {
    const sp = pol.special
    if (!sp)
      return excludedSettlement(
        pol,
        n,
        kind,
        versionDate,
        span,
        h,
        sink,
        'NOT_COVERED',
        '本政策没有门诊特殊病种报销规定',
        pol.source,
        S
      )
    const sd = c.specialDisease
    if (!sd || typeof sd.code !== 'string')
      throw new CalculatorError(
        'INVALID_INPUT',
        '门诊特殊病种报销需要写明病种（specialDisease.code）',
        '$.specialDisease'
      )
    if (isMissing(sp.diseases)) need(sp.diseases as never)
    const label = (sp.diseases as ReadonlyMap<string, string>).get(sd.code)
    if (label === undefined)
      return excludedSettlement(
        pol,
        n,
        kind,
        versionDate,
        span,
        h,
        sink,
        'SPECIAL_DISEASE_NOT_LISTED',
        `「${sd.code}」不在门诊特殊病种名单里`,
        sp.source,
        S
      )
    if (sp.requireApproval && !sd.approved)
      return excludedSettlement(
        pol,
        n,
        kind,
        versionDate,
        span,
        h,
        sink,
        'SPECIAL_DISEASE_NOT_APPROVED',
        `${label}还没有办理门诊特殊病种准入手续`,
        sp.source,
        S
      )
    if (!sp.areas.has(area))
      return excludedSettlement(
        pol,
        n,
        kind,
        versionDate,
        span,
        h,
        sink,
        'NOT_COVERED',
        `门诊特殊病种只在${[...sp.areas].map((a) => AREA_LABEL[a]).join('、')}报销，${AREA_LABEL[area]}不报销`,
        sp.source,
        S
      )
    specialLabel = label
  }

  const group = populationGroup(pol, c.person, n.serviceDate)
  const inst = c.institution
  const ctx: MatchContext = {
    code: inst.code,
    kind,
    area,
    level: inst.level,
    grade: inst.grade,
    tier: inst.tier,
    ownership: inst.ownership,
    group: group ? group.id : null
  }
  const years = c.person.continuousYears ?? 0

  // ---- eligible cost (政策范围内费用): bill lines less the first self-pay of class B and C, rounded to the fen
  let eligible = n.total
  if (n.hasLines) {
    const el = pol.eligible
    const first = new Exact()
    if (el) {
      if (n.classB > 0) first.add(n.classB, need(el.classB))
      if (n.classC > 0) first.add(n.classC, need(el.classC))
    } else if (n.classB > 0 || n.classC > 0) {
      throw new CalculatorError(
        'POLICY_FIGURE_MISSING',
        '账单里有乙类或丙类费用，但政策没有规定乙类、丙类的先行自付比例',
        '$.eligibleCost'
      )
    }
    const listed = n.classA + n.classB + n.classC
    eligible = first.roundFrom(listed)
    if (S) {
      const bFirst = el && n.classB > 0 ? mulRound(n.classB, need(el.classB)) : 0
      const cFirst = n.classC > 0 ? (el ? mulRound(n.classC, need(el.classC)) : n.classC) : 0
      S.push({
        rule: 'eligible-cost',
        label: `政策范围内费用 ${yuan(eligible)}（总费用 ${yuan(n.total)}，其中自费 ${yuan(n.selfPayLines)}、超限价 ${yuan(n.overLimit)}、乙类先行自付 ${yuan(bFirst)}、丙类自付 ${yuan(cFirst)}，四舍五入到分）`,
        before: fen2(n.total),
        after: fen2(eligible),
        params: el
          ? {
              classBFirstPayRate: isMissing(el.classB) ? 'missing' : rateText(el.classB),
              classCFirstPayRate: isMissing(el.classC) ? 'missing' : rateText(el.classC)
            }
          : {},
        source: el?.source ?? pol.source
      })
    }
  } else if (S)
    S.push({
      rule: 'eligible-cost',
      label: `没有费用明细，总费用 ${yuan(n.total)} 全部按政策范围内费用计算`,
      before: fen2(n.total),
      after: fen2(eligible)
    })
  const parts: Parts = {
    kind,
    area,
    eligible,
    deductible: 0,
    ratio: null,
    basicFund: 0,
    overCap: 0,
    capRemaining: null,
    catastrophic: 0,
    assistance: 0,
    civilAffairs: 0,
    householdAccount: 0,
    institutionBears: 0,
    fundBasis: null,
    major: false
  }
  const out = copyHistory(h)

  // ---- basic fund
  if (c.majorDisease !== undefined && !pol.major)
    throw new CalculatorError('NO_MATCHING_RULE', '本政策没有重大疾病专项规定', '$.majorDisease')
  const major = c.majorDisease !== undefined ? pol.major : null
  if (S && major && !major.kinds.has(kind))
    S.push({
      rule: 'major-disease.not-for-kind',
      label: `重大疾病专项只适用于${[...major.kinds].map((k) => KIND_LABEL[k]).join('、')}，本次${KIND_LABEL[kind]}按普通规定报销`,
      source: major.source
    })
  if (major && major.kinds.has(kind)) {
    majorDiseaseFund(pol, n, kind, h, out, parts, S)
  } else if (c.benchmark !== undefined && pol.benchmark) {
    benchmarkFund(pol, n, kind, ctx, h, out, parts, S)
  } else if (kind === 'outpatient' && !pol.outpatient) {
    // no outpatient pooling: only the household account (seed 000 A4) can pay
    const ha = pol.householdAccount
    if (!ha || !ha.usableFor.has(kind) || !c.useHouseholdAccount)
      return excludedSettlement(
        pol,
        n,
        kind,
        versionDate,
        span,
        h,
        sink,
        'NOT_COVERED',
        '本政策没有门诊统筹，普通门诊费用基金不报销',
        pol.source,
        S
      )
    if (S)
      S.push({
        rule: 'outpatient.no-pooling',
        label: '本政策没有门诊统筹，门诊费用只能用家庭账户支付',
        source: ha.source
      })
  } else if (kind === 'inpatient' && !pol.inpatient) {
    return excludedSettlement(
      pol,
      n,
      kind,
      versionDate,
      span,
      h,
      sink,
      'NOT_COVERED',
      '本政策没有住院报销规定',
      pol.source,
      S
    )
  } else {
    ordinaryFund(pol, n, kind, ctx, group, years, specialLabel, h, out, parts, S)
  }

  // ---- catastrophic insurance (大病保险) on the year's in-policy self-pay above the threshold
  const inPolicySelfPay = eligible - parts.basicFund - parts.institutionBears
  const cat = pol.catastrophic
  if (cat && cat.kinds.has(kind) && (!parts.major || pol.major!.catastrophic === 'included')) {
    if (cat.paidAt === 'separate-claim') {
      out.catastrophicBase = h.catastrophicBase + inPolicySelfPay
      if (S)
        S.push({
          rule: 'catastrophic.separate-claim',
          label: `大病保险另行向承办机构申请：本年政策范围内自付累计 ${yuan(out.catastrophicBase)}（本次 ${yuan(inPolicySelfPay)}），本次结算不含大病保险`,
          before: fen2(inPolicySelfPay),
          after: '0.00',
          source: cat.source
        })
    } else if (inPolicySelfPay > 0 || !isMissing(cat.threshold)) {
      // the threshold is needed only when there is self-pay to count
      catastrophicLayer(pol, inPolicySelfPay, h, out, parts, S)
    }
  }

  // ---- medical assistance (医疗救助) for designated groups, on what is left of the in-policy self-pay
  parts.assistance = parts.civilAffairs
  const as = pol.assistance
  if (as && as.kinds.has(kind)) assistanceLayer(pol, c, inPolicySelfPay, h, out, parts, S)

  // ---- household account (家庭账户) pays what the patient still owes, if allowed and asked
  const ha = pol.householdAccount
  if (ha && c.useHouseholdAccount && ha.usableFor.has(kind) && h.householdAccountBalance > 0) {
    const owed = n.total - parts.basicFund - parts.catastrophic - parts.assistance - parts.institutionBears
    const use = owed < h.householdAccountBalance ? owed : h.householdAccountBalance
    parts.householdAccount = use
    out.householdAccountBalance = h.householdAccountBalance - use
    if (S)
      S.push({
        rule: 'household-account',
        label: `家庭账户支付 ${yuan(use)}，余额 ${yuan(out.householdAccountBalance)}`,
        before: fen2(h.householdAccountBalance),
        after: fen2(out.householdAccountBalance),
        source: ha.source
      })
  }

  const insured = parts.basicFund + parts.catastrophic + parts.assistance
  const patientPays = n.total - insured - parts.householdAccount - parts.institutionBears
  if (S) {
    S.push({
      rule: 'patient-pays',
      label: `个人负担 ${yuan(patientPays)}（总费用 ${yuan(n.total)} − 基金 ${yuan(parts.basicFund)}${parts.catastrophic > 0 ? ` − 大病保险 ${yuan(parts.catastrophic)}` : ''}${parts.assistance > 0 ? ` − 医疗救助 ${yuan(parts.assistance)}` : ''}${parts.householdAccount > 0 ? ` − 家庭账户 ${yuan(parts.householdAccount)}` : ''}${parts.institutionBears > 0 ? ` − 医院承担 ${yuan(parts.institutionBears)}` : ''}）`,
      before: fen2(n.total),
      after: fen2(patientPays)
    })
  }
  // never write a history the next claim could not read back: refuse this claim instead
  if (pastLimits(out)) checkHistoryAfter(out)
  return {
    claimId: c.id,
    policyId: pol.id,
    policyVersion: pol.version,
    kind,
    versionDate,
    outcome: insured > 0 || parts.householdAccount > 0 ? 'paid' : 'nothing-payable',
    total: fen2(n.total),
    selfPaid: fen2(n.total - eligible),
    eligible: fen2(eligible),
    deductible: fen2(parts.deductible),
    ratio: parts.ratio === null ? null : rateText(parts.ratio),
    basicFund: fen2(parts.basicFund),
    catastrophic: fen2(parts.catastrophic),
    assistance: fen2(parts.assistance),
    householdAccount: fen2(parts.householdAccount),
    institutionBears: fen2(parts.institutionBears),
    patientPays: fen2(patientPays),
    insurancePaid: fen2(insured),
    fundBasis: parts.fundBasis,
    coverageYear: span,
    yearAdds: yearAdds(h, out),
    overCap: fen2(parts.overCap),
    capRemaining: parts.capRemaining === null ? null : fen2(parts.capRemaining),
    steps: S ?? [],
    historyAfter: sink ? ((sink.after = out), UNWRITTEN) : historyOut(out, span)
  }
}

/** A copy of a history to write this claim into (one fixed shape: this runs for every claim). */
function copyHistory(h: NormalHistory): NormalHistory {
  const a = h.admissions
  return {
    coverageYear: h.coverageYear,
    admissions: {
      local: a.local,
      'out-referred': a['out-referred'],
      'out-filed': a['out-filed'],
      'out-unfiled': a['out-unfiled'],
      'out-emergency': a['out-emergency'],
      abroad: a.abroad
    },
    lastDeductible: h.lastDeductible,
    fundPaid: h.fundPaid,
    outpatientFundPaid: h.outpatientFundPaid,
    outpatientDeductibleMet: h.outpatientDeductibleMet,
    specialFundPaid: h.specialFundPaid,
    specialDeductibleMet: h.specialDeductibleMet,
    majorDiseaseFundPaid: h.majorDiseaseFundPaid,
    catastrophicBase: h.catastrophicBase,
    catastrophicPaid: h.catastrophicPaid,
    assistanceBase: h.assistanceBase,
    assistancePaid: h.assistancePaid,
    householdAccountBalance: h.householdAccountBalance
  }
}

function outOfArea(as: CareArea, source: SourceRef, S: Steps): CareArea {
  if (S) S.push({ rule: 'emergency.out-of-area', label: `异地急诊，按${AREA_LABEL[as]}的规定报销`, source })
  return as
}

/** The history of the claim's coverage year: one of an earlier year starts the year from zero; one of a later year is refused. */
function yearHistory(pol: CompiledPolicy, h: NormalHistory, span: CoverageYearSpan, S: Steps): NormalHistory {
  if (h.coverageYear === span.start) return h
  // a history that does not say its year is the claim's own year (and now says so)
  if (h.coverageYear === null) {
    const own = copyHistory(h)
    own.coverageYear = span.start
    return own
  }
  if (h.coverageYear > span.start)
    throw new CalculatorError(
      'INVALID_INPUT',
      `就医记录属于 ${h.coverageYear} 起的参保年度，这次就医属于 ${span.start} 起的参保年度：请传入这次就医所在年度的记录`,
      '$history.coverageYear'
    )
  const ha = pol.householdAccount
  const carry = ha !== null && ha.balanceAtYearEnd === 'carries-over' ? h.householdAccountBalance : 0
  if (S)
    S.push({
      rule: 'coverage-year.new',
      label: `新的参保年度（${span.start} 至 ${span.end}），住院次数、起付线、封顶线和各项累计从零算起${ha !== null && h.householdAccountBalance > 0 ? (carry > 0 ? `，家庭账户余额 ${yuan(carry)} 结转` : '，上年家庭账户余额不结转') : ''}`,
      params: { previous: h.coverageYear, start: span.start },
      source: pol.coverageSource
    })
  return freshHistory(span.start, carry)
}

function excludedSettlement(
  pol: CompiledPolicy,
  n: NormalClaim,
  kind: ClaimKind,
  versionDate: string,
  span: CoverageYearSpan,
  h: NormalHistory,
  sink: Sink | undefined,
  code: ExclusionCode,
  reason: string,
  source: SourceRef,
  S: Steps
): Settlement {
  const total = fen2(n.total)
  if (S) {
    S.push({ rule: 'exclusion', label: `不予报销：${reason}`, before: total, after: '0.00', params: { code }, source })
    S.push({ rule: 'patient-pays', label: `全部费用 ${yuan(n.total)} 由个人负担`, after: total })
  }
  return {
    claimId: n.claim.id,
    policyId: pol.id,
    policyVersion: pol.version,
    kind,
    versionDate,
    outcome: 'excluded',
    exclusion: { code, reason },
    total,
    selfPaid: total,
    eligible: '0.00',
    deductible: '0.00',
    ratio: null,
    basicFund: '0.00',
    catastrophic: '0.00',
    assistance: '0.00',
    householdAccount: '0.00',
    institutionBears: '0.00',
    patientPays: total,
    insurancePaid: '0.00',
    fundBasis: null,
    coverageYear: span,
    yearAdds: NO_ADDS,
    overCap: '0.00',
    capRemaining: null,
    steps: S ?? [],
    historyAfter: sink ? ((sink.after = h), UNWRITTEN) : historyOut(h, span)
  }
}

// ---------------------------------------------------------------- the three ways the basic fund pays

/** Ordinary rules: the kind's deductible (with repeat admissions and the referral increase) × ratio, then limits and the cap. */
function ordinaryFund(
  pol: CompiledPolicy,
  n: NormalClaim,
  kind: ClaimKind,
  ctx: MatchContext,
  group: { label: string } | null,
  years: number,
  specialLabel: string,
  h: NormalHistory,
  out: NormalHistory,
  parts: Parts,
  S: Steps
): void {
  const c = n.claim
  const eligible = parts.eligible
  const area = parts.area
  parts.fundBasis = 'deductible-ratio'
  let ded: number
  /** the part of the deductible that counts towards a yearly deductible met */
  let yearly = 0
  let src: SourceRef
  let ratioTable
  let ratioSource: SourceRef
  let rowLabel = ''
  let rep: NonNullable<CompiledPolicy['inpatient']>['repeat'] = null
  if (kind === 'inpatient') {
    const ip = pol.inpatient!
    const row = findRow(ip.deductible, ctx, '住院起付线')
    const base = figIf(row.value, eligible > 0) ?? 0
    // repeat-admission step-down (seed 001 Art.18: 依次降低100元, not below 100)
    rep = ip.repeat
    ded = base
    let nth = 1
    if (rep) {
      if (rep.counts === 'all') {
        const a = h.admissions
        nth += a.local + a['out-referred'] + a['out-filed'] + a['out-unfiled'] + a['out-emergency'] + a.abroad
      } else for (const a of rep.areas) nth += h.admissions[a]
      if (rep.areas.has(area) && nth > 1 && base > rep.floor) {
        if (rep.reading === 'from-base') ded = Math.max(rep.floor, base - rep.step * (nth - 1))
        else ded = h.lastDeductible === null ? base : Math.max(rep.floor, Math.min(base, h.lastDeductible - rep.step))
      }
    }
    src = ip.deductible.source
    if (S) {
      // the admission's number as the explanation shows it (areas that do not step down count on their own)
      if (!rep || !rep.areas.has(area)) nth = h.admissions[area] + 1
      S.push({
        rule: 'inpatient.deductible',
        label: `起付线 ${yuan(ded)}（${row.label ?? institutionLabel(c)}，${AREA_LABEL[area]}，本年第 ${nth} 次住院${ded < base ? `，由 ${yuan(base)} 逐次降低，最低 ${yuan(rep!.floor)}` : ''}${rep && !rep.areas.has(area) && nth > 1 ? '，这类住院多次也不降低' : ''}）`,
        params: rep
          ? { base: fen2(base), step: fen2(rep.step), floor: fen2(rep.floor), reading: rep.reading }
          : { base: fen2(base) },
        source: src
      })
    }
    ratioTable = ip.ratio
    ratioSource = ip.ratio.source
    if (S) rowLabel = `${group ? `${group.label}，` : ''}${institutionLabel(c)}`
    out.admissions[area] = h.admissions[area] + 1
  } else if (kind === 'outpatient') {
    const op = pol.outpatient!
    const row = findRow(op.deductible, ctx, '门诊起付线')
    const D = figIf(row.value, eligible > 0) ?? 0
    const met = h.outpatientDeductibleMet
    ded = op.basis === 'annual' ? (D > met ? D - met : 0) : D
    yearly = op.basis === 'annual' ? ded : 0
    src = op.deductible.source
    if (S) {
      const applied = Math.min(ded, eligible)
      S.push({
        rule: 'outpatient.deductible',
        label:
          op.basis === 'annual'
            ? `门诊年度起付线 ${yuan(D)}${row.label ? `（${row.label}）` : ''}，本年已扣 ${yuan(met)}，本次扣 ${yuan(applied)}`
            : `门诊每次起付线 ${yuan(D)}${row.label ? `（${row.label}）` : ''}，本次扣 ${yuan(applied)}`,
        before: fen2(eligible),
        after: fen2(eligible - applied),
        params: { deductible: fen2(D), basis: op.basis },
        source: src
      })
    }
    ratioTable = op.ratio
    ratioSource = op.ratio.source
    if (S) rowLabel = institutionLabel(c)
  } else {
    const sp = pol.special!
    const row = findRow(sp.deductible, ctx, '门诊特殊病种起付线')
    const D = figIf(row.value, eligible > 0) ?? 0
    const met = h.specialDeductibleMet
    ded = D > met ? D - met : 0
    yearly = ded
    src = sp.deductible.source
    if (S) {
      const applied = Math.min(ded, eligible)
      S.push({
        rule: 'special-outpatient.deductible',
        label: `${specialLabel}：门诊特殊病种年度起付线 ${yuan(D)}${row.label ? `（${row.label}）` : ''}，本年已扣 ${yuan(met)}，本次扣 ${yuan(applied)}`,
        before: fen2(eligible),
        after: fen2(eligible - applied),
        params: { deductible: fen2(D) },
        source: src
      })
    }
    ratioTable = sp.ratio
    ratioSource = sp.ratio.source
    if (S) rowLabel = `${group ? `${group.label}，` : ''}${institutionLabel(c)}`
  }
  // referral: the deductible rises when tiers were skipped, needed only if anything is above the deductible
  const skipped = referralLevelsSkipped(pol, c, kind, area, S)
  const baseDed = ded
  if (skipped > 0 && eligible > ded) {
    const inc = need(pol.referral!.deductibleIncrease)
    if (inc > 0) {
      ded += inc
      if (S)
        S.push({
          rule: 'referral.penalty-deductible',
          label: `未办转诊，起付线提高 ${yuan(inc)}，为 ${yuan(ded)}`,
          params: { deductibleIncrease: fen2(inc) },
          source: pol.referral!.source
        })
    }
  }
  const applied = ded < eligible ? ded : eligible
  const above = eligible - applied
  parts.deductible = applied
  if (kind === 'inpatient') {
    if (rep && rep.areas.has(area)) out.lastDeductible = ded
    if (S)
      S.push({
        rule: 'inpatient.deductible-applied',
        label: `政策范围内费用 ${yuan(eligible)} 扣除起付线 ${yuan(applied)}，剩 ${yuan(above)}`,
        before: fen2(eligible),
        after: fen2(above),
        source: src
      })
  } else if (yearly > 0) {
    // the yearly deductible met grows by what this claim bore of it (a referral increase is this claim's own)
    const add = applied < baseDed ? applied : baseDed
    if (kind === 'outpatient') out.outpatientDeductibleMet = h.outpatientDeductibleMet + add
    else out.specialDeductibleMet = h.specialDeductibleMet + add
  }
  // the ratio is needed only when something is above the deductible
  let fund = 0
  if (above > 0) {
    const rrow = findRow(ratioTable, ctx, RATIO_TABLE_LABEL[kind])
    const raw = applyRate(
      pol,
      rrow.value,
      above,
      kind,
      years,
      skipped,
      S ? (rrow.label ?? rowLabel) : '',
      ratioSource,
      parts,
      S
    )
    fund = raw.round()
    if (S)
      S.push({
        rule: 'rounding.fen',
        label: `基金应付 ${yuan(fund)}（四舍五入到分）`,
        before: raw.yuanText(),
        after: fen2(fund)
      })
  } else if (S)
    S.push({
      rule: `${kind}.nothing-above-deductible`,
      label: '政策范围内费用没有超过起付线，基金不支付（不需要报销比例）',
      before: fen2(eligible),
      after: '0.00'
    })
  fund = kindLimits(pol, kind, fund, h, out, parts, S)
  parts.basicFund = applyAnnualCap(pol, kind, fund, h, out, parts, S)
  if (kind === 'special-outpatient') out.specialFundPaid = h.specialFundPaid + parts.basicFund
  else if (kind === 'outpatient' && pol.cap && pol.cap.kinds.has(kind))
    out.outpatientFundPaid = h.outpatientFundPaid + parts.basicFund
}

/** Major diseases (seed 000 A6): own ratio on the whole bill or the eligible cost, own cap, civil-affairs relief. */
function majorDiseaseFund(
  pol: CompiledPolicy,
  n: NormalClaim,
  kind: ClaimKind,
  h: NormalHistory,
  out: NormalHistory,
  parts: Parts,
  S: Steps
): void {
  const c = n.claim
  const major = pol.major!
  const eligible = parts.eligible
  parts.fundBasis = 'major-disease'
  parts.major = true
  if (isMissing(major.diseases)) need(major.diseases as never)
  const label = (major.diseases as ReadonlyMap<string, string>).get(c.majorDisease!)
  if (label === undefined)
    throw new CalculatorError('NO_MATCHING_RULE', `「${c.majorDisease}」不在政策的重大疾病名单里`, '$.majorDisease')
  const base = major.base === 'total' ? n.total : eligible
  const dedFig = major.deductible === null ? 0 : (figIf(major.deductible, base > 0) ?? 0)
  const ded = Math.min(dedFig, base)
  const ratio = figIf(major.ratio, base > ded) ?? 0
  let fund = mulRound(base - ded, ratio)
  if (S) {
    S.push({
      rule: 'major-disease.fund',
      label: `重大疾病（${label}）：${major.base === 'total' ? '按实际总费用' : '按政策范围内费用'} ${yuan(base)}${ded > 0 ? ` 扣除起付线 ${yuan(ded)} 后` : ''}按 ${pct(ratio)} 报销，得 ${yuan(fund)}（四舍五入到分）`,
      before: fen2(base),
      after: fen2(fund),
      params: { ratio: rateText(ratio), base: major.base },
      source: major.source
    })
  }
  if (fund > eligible) {
    fund = eligible
    if (S)
      S.push({
        rule: 'major-disease.eligible-limit',
        label: `基金支付不超过政策范围内费用 ${yuan(eligible)}`,
        after: fen2(fund),
        source: major.source
      })
  }
  const cap = fund > 0 ? need(major.cap) : null
  if (cap !== null) {
    const remaining = cap > h.majorDiseaseFundPaid ? cap - h.majorDiseaseFundPaid : 0
    const paid = fund < remaining ? fund : remaining
    parts.overCap = fund - paid
    parts.capRemaining = remaining - paid
    if (S) {
      S.push({
        rule: 'major-disease.cap',
        label: `重大疾病年度封顶 ${yuan(cap)}，本年已支付 ${yuan(h.majorDiseaseFundPaid)}，本次支付 ${yuan(paid)}${parts.overCap > 0 ? `，超出封顶 ${yuan(parts.overCap)}` : ''}`,
        before: fen2(fund),
        after: fen2(paid),
        params: { cap: fen2(cap) },
        source: major.source
      })
    }
    fund = paid
  } else if (S && major.cap === null)
    S.push({ rule: 'major-disease.cap', label: '重大疾病专项不设封顶线', source: major.source })
  // the kind's own yearly limits, when the policy keeps them for major diseases
  if (major.kindLimits === 'apply') fund = kindLimits(pol, kind, fund, h, out, parts, S)
  parts.basicFund = fund
  parts.ratio = ratio
  parts.deductible = ded
  out.majorDiseaseFundPaid = h.majorDiseaseFundPaid + fund
  if (major.civilAffairsShare !== null && base > 0) {
    const share = need(major.civilAffairsShare)
    const rest = n.total - fund
    const relief = mulRound(base, share)
    parts.civilAffairs = relief < rest ? relief : rest
    if (S) {
      S.push({
        rule: 'major-disease.civil-affairs',
        label: `民政救济按 ${pct(share)} 再补助 ${yuan(parts.civilAffairs)}（四舍五入到分）`,
        before: fen2(base),
        after: fen2(parts.civilAffairs),
        params: { civilAffairsShare: rateText(share) },
        source: major.source
      })
    }
  }
  if (kind === 'inpatient') out.admissions[parts.area] = h.admissions[parts.area] + 1
}

/** Benchmark prices (seed 000 C11/C12): the fund pays its share of the disease's price, not of the bill. */
function benchmarkFund(
  pol: CompiledPolicy,
  n: NormalClaim,
  kind: ClaimKind,
  ctx: MatchContext,
  h: NormalHistory,
  out: NormalHistory,
  parts: Parts,
  S: Steps
): void {
  const c = n.claim
  const bp = pol.benchmark!
  const bm = c.benchmark!
  const eligible = parts.eligible
  parts.fundBasis = 'benchmark-price'
  let price: number
  let label = bm.disease
  let list = bm.list
  if (bp.priceFrom === 'policy') {
    const entry = bp.prices.get(bm.disease)
    if (!entry)
      throw new CalculatorError(
        'NO_MATCHING_RULE',
        `「${bm.disease}」不在政策的按病种付费名单里`,
        '$.benchmark.disease'
      )
    if (bm.list !== entry.list)
      throw new CalculatorError(
        'INVALID_INPUT',
        `「${entry.label}」在政策里属于「${entry.list}」类病种，申请里写的是「${bm.list}」`,
        '$.benchmark.list'
      )
    price = need(entry.price)
    label = entry.label
    list = entry.list
  } else {
    if (bm.price === undefined)
      throw new CalculatorError('INVALID_INPUT', '按病种付费需要写明该病种的基准价格', '$.benchmark.price')
    price = parseFen(bm.price, '$.benchmark.price', '基准价格')
  }
  const row = bp.shares.find((s) => s.value.list === list && matches(s.when, ctx))
  if (!row) {
    throw new CalculatorError(
      'UNKNOWN_INSTITUTION_LEVEL',
      `政策没有规定「${list}」类病种在这家医院（${institutionLabel(c)}）的基金支付比例`,
      '$.benchmarkPrice.shares'
    )
  }
  const share = need(row.value.fundShare)
  let fund = mulRound(price, share)
  if (S) {
    S.push({
      rule: 'benchmark-price.fund',
      label: `按病种付费（${label}）：基准价格 ${yuan(price)}，基金支付 ${pct(share)}${row.label ? `（${row.label}）` : ''}，得 ${yuan(fund)}（与实际账单无关，四舍五入到分）`,
      before: fen2(price),
      after: fen2(fund),
      params: { price: fen2(price), fundShare: rateText(share), list },
      source: bp.source
    })
  }
  if (fund > eligible) {
    fund = eligible
    if (S)
      S.push({
        rule: 'benchmark-price.eligible-limit',
        label: `基金支付不超过政策范围内费用 ${yuan(eligible)}`,
        after: fen2(fund),
        source: bp.source
      })
  }
  // who bears the eligible cost above the price: the patient, or the institution (the patient then pays only their share of the price)
  if (bp.overrun === 'institution' && eligible > price) {
    parts.institutionBears = eligible - price
    if (S)
      S.push({
        rule: 'benchmark-price.overrun',
        label: `政策范围内费用超出基准价格 ${yuan(parts.institutionBears)}，由医院承担，个人只付基准价格中自付的部分`,
        before: fen2(eligible),
        after: fen2(price),
        params: { overrun: 'institution' },
        source: bp.source
      })
  }
  parts.ratio = share
  parts.basicFund = applyAnnualCap(pol, kind, fund, h, out, parts, S)
  if (kind === 'inpatient') out.admissions[parts.area] = h.admissions[parts.area] + 1
}

// ---------------------------------------------------------------- the layers after the basic fund

function catastrophicLayer(
  pol: CompiledPolicy,
  selfPay: number,
  h: NormalHistory,
  out: NormalHistory,
  parts: Parts,
  S: Steps
): void {
  const cat = pol.catastrophic!
  const threshold = need(cat.threshold)
  const before = h.catastrophicBase > threshold ? h.catastrophicBase - threshold : 0
  const total = h.catastrophicBase + selfPay
  const after = total > threshold ? total - threshold : 0
  const raw = after > before ? banded(cat.bands, before, after - before) : new Exact()
  let pay = raw.round()
  // the cap is needed only when something is payable
  const capAmt = pay > 0 ? need(cat.cap) : null
  if (capAmt !== null) pay = Math.min(pay, Math.max(0, capAmt - h.catastrophicPaid))
  if (pay > selfPay) pay = selfPay
  if (S) {
    S.push({
      rule: 'catastrophic',
      label:
        after > before
          ? `大病保险：本年政策范围内自付累计 ${yuan(total)}，超过起付线 ${yuan(threshold)} 的部分分段报销，本次 ${yuan(pay)}（四舍五入到分）`
          : `大病保险：本年政策范围内自付累计 ${yuan(total)}，未超过起付线 ${yuan(threshold)}，本次不报`,
      before: fen2(selfPay),
      after: fen2(pay),
      params: {
        threshold: fen2(threshold),
        bands: cat.bands
          .map((b) => `${b.upTo !== null ? fen2(b.upTo) : '以上'}:${isMissing(b.rate) ? 'missing' : rateText(b.rate)}`)
          .join(','),
        ...(capAmt !== null ? { cap: fen2(capAmt) } : {})
      },
      source: cat.source
    })
  }
  parts.catastrophic = pay
  out.catastrophicBase = total
  out.catastrophicPaid = h.catastrophicPaid + pay
}

function assistanceLayer(
  pol: CompiledPolicy,
  c: Claim,
  selfPay: number,
  h: NormalHistory,
  out: NormalHistory,
  parts: Parts,
  S: Steps
): void {
  const as = pol.assistance!
  const groups = c.person.groups ?? []
  const remaining = Math.max(0, selfPay - parts.catastrophic - parts.civilAffairs)
  const rules = as.rules.filter((r) => r.groups.some((g) => groups.includes(g)))
  if (rules.length === 0) return
  // several rules: the first listed, or the one that pays most on this claim (as the policy says)
  let rule = rules[0]
  let pay = assisted(rule, remaining, h)
  if (as.ruleChoice === 'most-favourable')
    for (let i = 1; i < rules.length; i++) {
      const p = assisted(rules[i], remaining, h)
      if (p > pay) {
        pay = p
        rule = rules[i]
      }
    }
  if (S) {
    const threshold = rule.threshold === null || remaining === 0 ? 0 : need(rule.threshold)
    // the rate as far as the policy gives it (needed only when something was countable)
    const rate = isMissing(rule.rate) ? null : rule.rate
    const capAmt = pay > 0 ? need(rule.cap) : null
    S.push({
      rule: 'assistance',
      label: `医疗救助（${rule.label}）：剩余政策范围内自付 ${yuan(remaining)}${threshold > 0 ? `，年度起付 ${yuan(threshold)}` : ''}${rate !== null ? `，按 ${pct(rate)} 救助` : '，没有可救助的费用，'} ${yuan(pay)}${capAmt !== null ? `（年度最高 ${yuan(capAmt)}）` : ''}（四舍五入到分）`,
      before: fen2(remaining),
      after: fen2(pay),
      params: {
        ...(rate !== null ? { rate: rateText(rate) } : {}),
        threshold: fen2(threshold),
        ...(capAmt !== null ? { cap: fen2(capAmt) } : {}),
        payer: as.payer,
        rule: rule.id,
        ...(rules.length > 1 ? { choice: as.ruleChoice } : {})
      },
      source: as.source
    })
  }
  parts.assistance = parts.civilAffairs + pay
  out.assistanceBase = h.assistanceBase + remaining
  out.assistancePaid = h.assistancePaid + pay
}

/** What one assistance rule pays on `remaining` self-pay, given the year so far (figures needed only when something is payable). */
function assisted(
  rule: NonNullable<CompiledPolicy['assistance']>['rules'][number],
  remaining: number,
  h: NormalHistory
): number {
  if (remaining === 0) return 0
  const threshold = rule.threshold === null ? 0 : need(rule.threshold)
  const baseBefore = h.assistanceBase
  const countable = Math.max(0, baseBefore + remaining - threshold) - Math.max(0, baseBefore - threshold)
  let pay = countable > 0 ? mulRound(countable, need(rule.rate)) : 0
  const capAmt = pay > 0 ? need(rule.cap) : null
  if (capAmt !== null) pay = Math.min(pay, Math.max(0, capAmt - h.assistancePaid))
  return pay < remaining ? pay : remaining
}
