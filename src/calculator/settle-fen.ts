// The whole-fen settle path, used when no steps are asked for (batch settling): the same
// rules as settle.ts, with every amount an integer count of fen and every rate an integer
// count of ten-thousandths, so a claim costs a few dozen integer operations instead of a
// few hundred Decimal objects.
//
// Exact, not approximate. Money strings have at most two decimals and policy rates at
// most four (validate.ts), so amount × rate is an integer over 10,000. A claim's amounts are
// at most 1 亿元 (10^10 fen), a history's year totals at most 10 亿元 (10^11 fen; a claim
// that would pass it is refused, money.ts MAX_YEAR_TOTAL) and rates at most 10,000, so every
// such product stays below 1.1 × 10^15 < 2^53 (the bound is 900,719,925,474 fen) and is
// exact in a JS number. Rounding to the fen is the documented rule (half up, a tie away
// from zero, like decimal.js ROUND_HALF_UP) applied to that exact integer.
//
// settle.ts remains the definition. Claims this path does not take (major-disease and
// benchmark-price claims, a relative referral penalty that leaves more than four decimals)
// and every error go to it, so errors are the reference path's own. properties.test.ts
// and bench/fuzz-calculator.ts check that both paths give identical settlements.
import {
  compileSeries,
  findRow,
  selectVersion,
  type CompiledPolicy,
  type CompiledRate,
  type CompiledTable,
  type Fig,
  type Limit,
  type MatchContext,
  type MissingRef
} from './compile'
import { PolicyFigureMissingError } from './errors'
import {
  checkClaim,
  checkHistory,
  checkHistoryAfter,
  MAX_ADMISSIONS,
  type AmountOps,
  type NormalClaim,
  type NormalHistory
} from './input'
import { fmtRate, Money, parseMoney, parseYearTotal, type Dec } from './decimal'
import type { PolicyResolver } from './resolve'
import { checkExclusions, coverageYearOf, populationGroup, referralLevelsSkipped } from './rules'
import type {
  CareArea,
  Claim,
  ClaimHistory,
  ClaimKind,
  ExclusionCode,
  FullClaimHistory,
  PolicyInput,
  Settlement
} from './types'

/** Rates are integer ten-thousandths: policy rates have at most four decimals. */
const RATE = 10_000
/** 1 亿元, the largest amount parseMoney accepts */
const MAX_FEN = 10_000_000_000
/** 10 亿元, the largest year total parseYearTotal accepts (MAX_YEAR_TOTAL) */
const MAX_YEAR_FEN = 100_000_000_000

/** Thrown for a claim this path leaves to the reference path (not an error of the claim). */
export const DEFERRED = new Error('settle-fen: left to the reference path')

type FenFig = number | MissingRef
type FenLimit = FenFig | null
interface FenBand {
  upTo: number | null
  rate: FenFig
}
type FenRate =
  { type: 'rate'; rate: FenFig } | { type: 'bands'; bands: FenBand[] } | { type: 'flat'; patientFlat: FenFig }

/** The figures of a compiled policy in fen and ten-thousandths; everything else is read from the CompiledPolicy. */
interface FenPolicy {
  eligible: { classB: FenFig; classC: FenFig } | null
  inpatient: { deductible: CompiledTable<FenFig>; ratio: CompiledTable<FenRate>; step: number; floor: number } | null
  outpatient: {
    deductible: CompiledTable<FenFig>
    ratio: CompiledTable<FenRate>
    perVisitLimit: FenLimit
    annualLimit: FenLimit
  } | null
  special: { deductible: CompiledTable<FenFig>; ratio: CompiledTable<FenRate>; annualLimit: FenLimit } | null
  bonus: { perYear: FenFig; maxRate: FenFig } | null
  referral: { penalty: FenFig; deductibleIncrease: FenFig } | null
  cap: FenLimit
  catastrophic: { threshold: FenFig; bands: FenBand[]; cap: FenLimit } | null
  assistance: { rate: FenFig; threshold: FenFig | null; cap: FenLimit }[]
}

function isMissing(f: unknown): f is MissingRef {
  return typeof f === 'object' && f !== null && (f as MissingRef).missing === true
}
/** d × scale as a safe integer; a validated policy or input never fails this */
function exact(d: Dec, scale: number): number {
  const v = d.times(scale)
  if (!v.isInteger() || v.abs().gt(Number.MAX_SAFE_INTEGER)) throw DEFERRED
  return v.toNumber()
}
const money = (f: Fig): FenFig => (isMissing(f) ? f : exact(f, 100))
const rate = (f: Fig): FenFig => (isMissing(f) ? f : exact(f, RATE))
const limit = (f: Limit): FenLimit => (f === null ? null : money(f))
function table<A, B>(t: CompiledTable<A>, conv: (v: A) => B): CompiledTable<B> {
  // same conditions and labels, so findRow picks the same row as on the reference path
  return {
    source: t.source,
    path: t.path,
    rows: t.rows.map((r) => ({ when: r.when, value: conv(r.value), label: r.label, path: r.path }))
  }
}
function rateRow(r: CompiledRate): FenRate {
  if (r.type === 'rate') return { type: 'rate', rate: rate(r.rate) }
  if (r.type === 'bands')
    return {
      type: 'bands',
      bands: r.bands.map((b) => ({ upTo: b.upTo === null ? null : exact(b.upTo, 100), rate: rate(b.rate) }))
    }
  return { type: 'flat', patientFlat: money(r.patientFlat) }
}

function compileFen(pol: CompiledPolicy): FenPolicy {
  const { inpatient: ip, outpatient: op, special: sp, catastrophic: cat } = pol
  return {
    eligible: pol.eligible ? { classB: rate(pol.eligible.classB), classC: rate(pol.eligible.classC) } : null,
    inpatient: ip
      ? {
          deductible: table(ip.deductible, money),
          ratio: table(ip.ratio, rateRow),
          step: ip.repeat ? exact(ip.repeat.step, 100) : 0,
          floor: ip.repeat ? exact(ip.repeat.floor, 100) : 0
        }
      : null,
    outpatient: op
      ? {
          deductible: table(op.deductible, money),
          ratio: table(op.ratio, rateRow),
          perVisitLimit: limit(op.perVisitLimit),
          annualLimit: limit(op.annualLimit)
        }
      : null,
    special: sp
      ? { deductible: table(sp.deductible, money), ratio: table(sp.ratio, rateRow), annualLimit: limit(sp.annualLimit) }
      : null,
    bonus: pol.bonus ? { perYear: rate(pol.bonus.perYear), maxRate: rate(pol.bonus.maxRate) } : null,
    referral: pol.referral
      ? { penalty: rate(pol.referral.penalty), deductibleIncrease: money(pol.referral.deductibleIncrease) }
      : null,
    cap: pol.cap ? limit(pol.cap.amount) : null,
    catastrophic: cat
      ? {
          threshold: money(cat.threshold),
          bands: cat.bands.map((b) => ({ upTo: b.upTo === null ? null : exact(b.upTo, 100), rate: rate(b.rate) })),
          cap: limit(cat.cap)
        }
      : null,
    assistance: (pol.assistance?.rules ?? []).map((r) => ({
      rate: rate(r.rate),
      threshold: r.threshold === null ? null : money(r.threshold),
      cap: limit(r.cap)
    }))
  }
}

// per compiled policy (itself cached per document); null = this policy is not for this path
const fenCache = new WeakMap<CompiledPolicy, FenPolicy | null>()
function fenPolicy(pol: CompiledPolicy): FenPolicy {
  let f = fenCache.get(pol)
  if (f === undefined) {
    try {
      f = compileFen(pol)
    } catch {
      f = null
    }
    fenCache.set(pol, f)
  }
  if (f === null) throw DEFERRED
  return f
}

function need(f: FenFig): number
function need(f: FenLimit): number | null
function need(f: FenLimit): number | null {
  if (isMissing(f)) throw new PolicyFigureMissingError(f.path, f.note)
  return f
}

/** n / RATE rounded to a whole fen, half up (a tie away from zero); n an integer */
function roundRate(n: number): number {
  if (n < 0) return -roundRate(-n)
  if (n > Number.MAX_SAFE_INTEGER) throw DEFERRED
  let q = Math.floor(n / RATE)
  let r = n - q * RATE
  // the float division may land one off next to a whole number; the exact remainder corrects it
  if (r < 0) {
    q -= 1
    r += RATE
  } else if (r >= RATE) {
    q += 1
    r -= RATE
  }
  return r * 2 >= RATE ? q + 1 : q
}

/** "1234.50", as fmt writes a Decimal */
function fenStr(f: number): string {
  if (f === 0) return '0.00' // most of a history's amounts, most of the time
  if (f < 0) return `-${fenStr(-f)}`
  const y = Math.floor(f / 100)
  const r = f - y * 100
  return r < 10 ? `${y}.0${r}` : `${y}.${r}`
}

const RATE_STR: string[] = []
/** the ratio as fmtRate writes the same value as a Decimal (memoised: rates are few) */
function rateStr(r: number): string {
  return RATE_STR[r] ?? (RATE_STR[r] = fmtRate(new Money(r).div(RATE)))
}

/**
 * A plain amount ("1234.5", at most `digits` whole digits, no leading zero, one or two
 * decimals or none) of at most `maxFen`, read straight into fen; −1 for anything else.
 */
function plainFen(s: unknown, digits: number, maxFen: number): number {
  if (typeof s !== 'string') return -1
  const len = s.length
  const dot = s.indexOf('.')
  const whole = dot < 0 ? len : dot
  const decimals = dot < 0 ? 0 : len - dot - 1
  if (
    whole < 1 ||
    whole > digits ||
    (dot >= 0 && decimals !== 1 && decimals !== 2) ||
    (whole > 1 && s.charCodeAt(0) === 48)
  )
    return -1
  let v = 0
  for (let i = 0; i < len; i++) {
    if (i === dot) continue
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    v = v * 10 + d
  }
  v = decimals === 0 ? v * 100 : decimals === 1 ? v * 10 : v
  return v <= maxFen ? v : -1
}

/** parseMoney's rule (MONEY_RE, at most 1 亿) read straight into fen; anything else is parseMoney's to judge */
function parseFen(s: unknown, path: string, what: string): number {
  const v = plainFen(s, 9, MAX_FEN)
  return v >= 0 ? v : exact(parseMoney(s, path, what), 100)
}
/** parseYearTotal's rule (at most 10 亿) read straight into fen; anything else is parseYearTotal's to judge */
function parseFenTotal(s: unknown, path: string, what: string): number {
  const v = plainFen(s, 10, MAX_YEAR_FEN)
  return v >= 0 ? v : exact(parseYearTotal(s, path, what), 100)
}

const FEN: AmountOps<number> = {
  zero: 0,
  parse: parseFen,
  parseTotal: parseFenTotal,
  maxTotal: MAX_YEAR_FEN,
  plus: (a, b) => a + b,
  minus: (a, b) => a - b,
  gt: (a, b) => a > b,
  eq: (a, b) => a === b,
  show: fenStr
}

/** Σ over the bands of (the part of [from, from + amount] inside the band) × its rate, in 1/RATE fen (bands measured from 0) */
function banded(bands: FenBand[], from: number, amount: number): number {
  let out = 0
  let lower = 0
  const to = from + amount
  for (let i = 0; i < bands.length; i++) {
    const upper = bands[i].upTo
    const lo = lower > from ? lower : from
    const hi = upper === null ? to : upper < to ? upper : to
    if (hi > lo) out += (hi - lo) * need(bands[i].rate)
    if (upper === null || upper >= to) break
    lower = upper
  }
  return out
}

/** rate × (1 − points), kept only when it is whole ten-thousandths (else the reference path settles it) */
function relative(r: number, points: number): number {
  const v = r * (RATE - points)
  if (v < 0) return -1
  if (v % RATE !== 0) throw DEFERRED
  return v / RATE
}

/** The single rate after the continuous-years bonus and any referral penalty (settle.ts adjustRate). */
function adjustRate(
  pol: CompiledPolicy,
  f: FenPolicy,
  base: number,
  kind: ClaimKind,
  years: number,
  skipped: number
): number {
  let r = base
  if (pol.bonus && pol.bonus.kinds.has(kind) && years > 0) {
    const maxRate = need(f.bonus!.maxRate)
    const raised = Math.min(base + need(f.bonus!.perYear) * years, maxRate)
    r = Math.max(base, raised)
  }
  if (skipped > 0 && pol.referral) {
    const p = need(f.referral!.penalty) * skipped
    r = pol.referral.mode === 'points' ? r - p : relative(r, p)
    if (r <= 0) r = 0
  }
  return r
}

interface Parts {
  ratio: number | null
  overCap: number
  capRemaining: number | null
}

/** Fund share of `amount` under a rate row, in 1/RATE fen (settle.ts applyRate); sets parts.ratio for a single rate. */
function applyRate(
  pol: CompiledPolicy,
  f: FenPolicy,
  r: FenRate,
  amount: number,
  kind: ClaimKind,
  years: number,
  skipped: number,
  parts: Parts
): number {
  if (r.type === 'rate') {
    const rt = adjustRate(pol, f, need(r.rate), kind, years, skipped)
    parts.ratio = rt
    return amount * rt
  }
  if (r.type === 'bands') {
    let fund = banded(r.bands, 0, amount)
    if (skipped > 0 && pol.referral) {
      const p = need(f.referral!.penalty) * skipped
      const points = pol.referral.mode === 'points'
      const penalised = r.bands.map((b): FenBand => {
        if (isMissing(b.rate)) return b
        // never below 0, as settle.ts penalised: for a single rate and each band alike
        const v = points ? b.rate - p : relative(b.rate, p)
        return { upTo: b.upTo, rate: v < 0 ? 0 : v }
      })
      fund = banded(penalised, 0, amount)
    }
    return fund
  }
  const flat = need(r.patientFlat)
  return Math.max(0, amount - flat) * RATE
}

/** The basic fund's yearly cap (settle.ts applyAnnualCap). */
function applyAnnualCap(
  pol: CompiledPolicy,
  f: FenPolicy,
  kind: ClaimKind,
  fund: number,
  h: NormalHistory<number>,
  out: NormalHistory<number>,
  parts: Parts
): number {
  const cap = pol.cap
  if (!cap || !cap.kinds.has(kind)) return fund
  out.fundPaid = h.fundPaid + fund
  if (fund === 0) return fund
  const amount = need(f.cap)
  if (amount === null) return fund
  const remaining = Math.max(0, amount - h.fundPaid)
  const paid = Math.min(fund, remaining)
  parts.overCap += fund - paid
  parts.capRemaining = remaining - paid
  out.fundPaid = h.fundPaid + paid
  return paid
}

/** a year total past 10 亿 or an area's admissions past 366 (input.ts checkHistoryAfter), in plain comparisons: this runs for every claim */
function pastLimits(h: NormalHistory<number>): boolean {
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

function historyOut(h: NormalHistory<number>): FullClaimHistory {
  // same keys in the same order as settle.ts historyOut; an unchanged "x.yy" string is rewritten identically
  return {
    admissions: { ...h.admissions },
    lastDeductible: h.lastDeductible === null ? null : fenStr(h.lastDeductible),
    fundPaid: fenStr(h.fundPaid),
    outpatientFundPaid: fenStr(h.outpatientFundPaid),
    outpatientDeductibleMet: fenStr(h.outpatientDeductibleMet),
    specialFundPaid: fenStr(h.specialFundPaid),
    specialDeductibleMet: fenStr(h.specialDeductibleMet),
    majorDiseaseFundPaid: fenStr(h.majorDiseaseFundPaid),
    catastrophicBase: fenStr(h.catastrophicBase),
    catastrophicPaid: fenStr(h.catastrophicPaid),
    assistanceBase: fenStr(h.assistanceBase),
    assistancePaid: fenStr(h.assistancePaid),
    householdAccountBalance: fenStr(h.householdAccountBalance)
  }
}

function excluded(
  pol: CompiledPolicy,
  n: NormalClaim<number>,
  kind: ClaimKind,
  versionDate: string,
  h: NormalHistory<number>,
  code: ExclusionCode,
  reason: string
): Settlement {
  const total = fenStr(n.total)
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
    patientPays: total,
    insurancePaid: '0.00',
    fundBasis: null,
    coverageYear: coverageYearOf(pol, versionDate, n.claim.person.student),
    yearAdds: {
      capFund: '0.00',
      outpatientFund: '0.00',
      specialFund: '0.00',
      majorDiseaseFund: '0.00',
      catastrophicBase: '0.00',
      admissions: 0
    },
    overCap: '0.00',
    capRemaining: null,
    steps: [],
    historyAfter: historyOut(h)
  }
}

/**
 * settleClaim without steps, in whole fen. Throws DEFERRED for a claim it leaves to the
 * reference path, and whatever the shared input checks or a missing figure throw; the
 * caller (settle.ts) then settles or refuses the claim on the reference path.
 */
export function settleFen(
  policy: PolicyInput,
  claim: Claim,
  history: ClaimHistory | undefined,
  asOf: string,
  resolve?: PolicyResolver
): Settlement {
  const n = checkClaim(claim, asOf, FEN)
  const series = compileSeries(policy, resolve)
  const sel = series[0].selection
  const versionDate = sel === 'admission' ? n.serviceDate : sel === 'discharge' ? n.dischargeDate : n.settlementDate
  const pol = selectVersion(series, versionDate)
  const f = fenPolicy(pol)
  const h = checkHistory(history, FEN)
  const c = n.claim
  if (c.majorDisease !== undefined || (c.benchmark !== undefined && pol.benchmark)) throw DEFERRED

  // emergency rules, as settle.ts settleWith
  let kind: ClaimKind = c.kind
  let area: CareArea = c.area
  const em = pol.emergency
  if (em && c.emergency) {
    if (kind === 'outpatient' && area === 'local' && c.emergency.died && em.localOutpatientDeath === 'as-inpatient')
      kind = 'inpatient'
    if (area !== 'local' && area !== 'abroad' && area !== em.outOfAreaAs) area = em.outOfAreaAs
  }
  if (area === 'out-emergency' && em && em.outOfAreaAs !== 'out-emergency') area = em.outOfAreaAs

  const ex = checkExclusions(pol, n, area, kind)
  if (ex) return excluded(pol, n, kind, versionDate, h, ex.code, ex.reason)

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

  // ---- eligible cost: bill lines less the first self-pay of class B and C, rounded to the fen
  let eligible = n.total
  if (n.hasLines) {
    const el = f.eligible
    let firstPay = 0
    if (el) {
      if (n.classB > 0) firstPay += n.classB * need(el.classB)
      if (n.classC > 0) firstPay += n.classC * need(el.classC)
    } else if (n.classB > 0 || n.classC > 0) throw DEFERRED // POLICY_FIGURE_MISSING on the reference path
    eligible = roundRate((n.classA + n.classB + n.classC) * RATE - firstPay)
  }
  const parts: Parts = { ratio: null, overCap: 0, capRemaining: null }
  let deductible = 0
  let basicFund = 0
  let fundBasis: Settlement['fundBasis'] = 'deductible-ratio'
  const out: NormalHistory<number> = { ...h, admissions: { ...h.admissions }, strings: undefined }

  // ---- basic fund
  if (kind === 'inpatient') {
    const ip = f.inpatient
    const pip = pol.inpatient
    if (!ip || !pip) return excluded(pol, n, kind, versionDate, h, 'NOT_COVERED', '本政策没有住院报销规定')
    const base = need(findRow(ip.deductible, ctx, '住院起付线').value)
    // repeat-admission step-down
    const rep = pip.repeat
    let ded = base
    if (rep) {
      let nth = 1
      if (rep.counts === 'all') {
        for (const a in h.admissions) nth += h.admissions[a as CareArea]
      } else for (const a of rep.areas) nth += h.admissions[a]
      if (rep.areas.has(area) && nth > 1 && base > ip.floor) {
        if (rep.reading === 'from-base') ded = Math.max(ip.floor, base - ip.step * (nth - 1))
        else ded = h.lastDeductible === null ? base : Math.max(ip.floor, Math.min(base, h.lastDeductible - ip.step))
      }
    }
    const skipped = referralLevelsSkipped(pol, c, kind, area, null)
    if (skipped > 0) {
      const inc = need(f.referral!.deductibleIncrease)
      if (inc > 0) ded += inc
    }
    deductible = Math.min(ded, eligible)
    const rrow = findRow(ip.ratio, ctx, '住院报销比例')
    const fund = roundRate(applyRate(pol, f, rrow.value, eligible - deductible, kind, years, skipped, parts))
    basicFund = applyAnnualCap(pol, f, kind, fund, h, out, parts)
    out.admissions[area] = h.admissions[area] + 1
    if (rep && rep.areas.has(area)) out.lastDeductible = ded
  } else if (kind === 'outpatient' && !pol.outpatient) {
    // no outpatient pooling: only the household account can pay
    const ha = pol.householdAccount
    if (!ha || !ha.usableFor.has(kind) || !c.useHouseholdAccount) {
      return excluded(pol, n, kind, versionDate, h, 'NOT_COVERED', '本政策没有门诊统筹，普通门诊费用基金不报销')
    }
    fundBasis = null
  } else if (kind === 'outpatient') {
    const op = f.outpatient!
    const D = need(findRow(op.deductible, ctx, '门诊起付线').value)
    const annualBasis = pol.outpatient!.basis === 'annual'
    const left = annualBasis ? Math.max(0, D - h.outpatientDeductibleMet) : D
    deductible = Math.min(left, eligible)
    if (annualBasis) out.outpatientDeductibleMet = h.outpatientDeductibleMet + deductible
    const rrow = findRow(op.ratio, ctx, '门诊报销比例')
    let fund = roundRate(applyRate(pol, f, rrow.value, eligible - deductible, kind, years, 0, parts))
    const perVisit = fund > 0 ? need(op.perVisitLimit) : null
    if (perVisit !== null && fund > perVisit) fund = perVisit
    const annual = fund > 0 ? need(op.annualLimit) : null
    if (annual !== null) {
      const remaining = Math.max(0, annual - h.outpatientFundPaid)
      const paid = Math.min(fund, remaining)
      parts.overCap = fund - paid
      parts.capRemaining = remaining - paid
      fund = paid
    }
    basicFund = fund
    out.outpatientFundPaid = h.outpatientFundPaid + fund
  } else {
    const sp = pol.special
    const fsp = f.special
    if (!sp || !fsp) return excluded(pol, n, kind, versionDate, h, 'NOT_COVERED', '本政策没有门诊特殊病种报销规定')
    const sd = c.specialDisease
    if (!sd || typeof sd.code !== 'string' || isMissing(sp.diseases)) throw DEFERRED // refused on the reference path
    const label = (sp.diseases as ReadonlyMap<string, string>).get(sd.code)
    if (label === undefined)
      return excluded(
        pol,
        n,
        kind,
        versionDate,
        h,
        'SPECIAL_DISEASE_NOT_LISTED',
        `「${sd.code}」不在门诊特殊病种名单里`
      )
    if (sp.requireApproval && !sd.approved) {
      return excluded(
        pol,
        n,
        kind,
        versionDate,
        h,
        'SPECIAL_DISEASE_NOT_APPROVED',
        `${label}还没有办理门诊特殊病种准入手续`
      )
    }
    const D = need(findRow(fsp.deductible, ctx, '门诊特殊病种起付线').value)
    deductible = Math.min(Math.max(0, D - h.specialDeductibleMet), eligible)
    out.specialDeductibleMet = h.specialDeductibleMet + deductible
    const rrow = findRow(fsp.ratio, ctx, '门诊特殊病种报销比例')
    let fund = roundRate(applyRate(pol, f, rrow.value, eligible - deductible, kind, years, 0, parts))
    const lim = fund > 0 ? need(fsp.annualLimit) : null
    if (lim !== null) {
      const paid = Math.min(fund, Math.max(0, lim - h.specialFundPaid))
      parts.overCap = fund - paid
      fund = paid
    }
    basicFund = applyAnnualCap(pol, f, kind, fund, h, out, parts)
    out.specialFundPaid = h.specialFundPaid + basicFund
  }

  // ---- catastrophic insurance on the year's in-policy self-pay above the threshold
  const inPolicySelfPay = eligible - basicFund
  let catastrophic = 0
  const cat = pol.catastrophic
  if (cat && cat.kinds.has(kind)) {
    const fc = f.catastrophic!
    const threshold = need(fc.threshold)
    const before = Math.max(0, h.catastrophicBase - threshold)
    const after = Math.max(0, h.catastrophicBase + inPolicySelfPay - threshold)
    let pay = after > before ? roundRate(banded(fc.bands, before, after - before)) : 0
    const capAmt = pay > 0 ? need(fc.cap) : null
    if (capAmt !== null) pay = Math.min(pay, Math.max(0, capAmt - h.catastrophicPaid))
    pay = Math.min(pay, inPolicySelfPay)
    catastrophic = pay
    out.catastrophicBase = h.catastrophicBase + inPolicySelfPay
    out.catastrophicPaid = h.catastrophicPaid + pay
  }

  // ---- medical assistance for designated groups, on what is left of the in-policy self-pay
  let assistance = 0
  const as = pol.assistance
  if (as && as.kinds.has(kind)) {
    const groups = c.person.groups ?? []
    const i = as.rules.findIndex((r) => r.groups.some((g) => groups.includes(g)))
    if (i >= 0) {
      const rule = f.assistance[i]
      const remaining = Math.max(0, inPolicySelfPay - catastrophic)
      const rt = need(rule.rate)
      const threshold = rule.threshold === null ? 0 : need(rule.threshold)
      const baseBefore = h.assistanceBase
      const countable = Math.max(0, baseBefore + remaining - threshold) - Math.max(0, baseBefore - threshold)
      let pay = roundRate(countable * rt)
      const capAmt = pay > 0 ? need(rule.cap) : null
      if (capAmt !== null) pay = Math.min(pay, Math.max(0, capAmt - h.assistancePaid))
      pay = Math.min(pay, remaining)
      assistance = pay
      out.assistanceBase = baseBefore + remaining
      out.assistancePaid = h.assistancePaid + pay
    }
  }

  // ---- household account pays what the patient still owes, if allowed and asked
  let householdAccount = 0
  const ha = pol.householdAccount
  if (ha && c.useHouseholdAccount && ha.usableFor.has(kind) && h.householdAccountBalance > 0) {
    householdAccount = Math.min(n.total - basicFund - catastrophic - assistance, h.householdAccountBalance)
    out.householdAccountBalance = h.householdAccountBalance - householdAccount
  }

  const patientPays = n.total - basicFund - catastrophic - assistance - householdAccount
  if (pastLimits(out)) checkHistoryAfter(out, FEN) // refuses, as the reference path does
  return {
    claimId: c.id,
    policyId: pol.id,
    policyVersion: pol.version,
    kind,
    versionDate,
    outcome: basicFund > 0 || catastrophic > 0 || assistance > 0 || householdAccount > 0 ? 'paid' : 'nothing-payable',
    total: fenStr(n.total),
    selfPaid: fenStr(n.total - eligible),
    eligible: fenStr(eligible),
    deductible: fenStr(deductible),
    ratio: parts.ratio === null ? null : rateStr(parts.ratio),
    basicFund: fenStr(basicFund),
    catastrophic: fenStr(catastrophic),
    assistance: fenStr(assistance),
    householdAccount: fenStr(householdAccount),
    patientPays: fenStr(patientPays),
    insurancePaid: fenStr(basicFund + catastrophic + assistance),
    fundBasis,
    coverageYear: coverageYearOf(pol, versionDate, c.person.student),
    yearAdds: {
      capFund: fenStr(out.fundPaid - h.fundPaid),
      outpatientFund: fenStr(out.outpatientFundPaid - h.outpatientFundPaid),
      specialFund: fenStr(out.specialFundPaid - h.specialFundPaid),
      majorDiseaseFund: fenStr(out.majorDiseaseFundPaid - h.majorDiseaseFundPaid),
      catastrophicBase: fenStr(out.catastrophicBase - h.catastrophicBase),
      admissions: kind === 'inpatient' ? 1 : 0
    },
    overCap: fenStr(parts.overCap),
    capRemaining: parts.capRemaining === null ? null : fenStr(parts.capRemaining),
    steps: [],
    historyAfter: historyOut(out)
  }
}
