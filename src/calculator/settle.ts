// settleClaim: one claim against the person's coverage year so far.
// Order: version → preconditions/exclusions → eligible cost → basic fund (benchmark price,
// major disease, or deductible × ratio with bonus/penalty, then caps) → catastrophic
// insurance → medical assistance → household account → patient pays (the residual, so
// the parts always add up to the total exactly). Rounding to the fen happens only where
// a step says so. This Decimal path is the definition; without steps, settleClaim first
// tries the whole-fen path (settle-fen.ts), which gives the same settlement faster.
import {
  AREA_LABEL,
  compileSeries,
  findRow,
  matches,
  need,
  selectVersion,
  TIER_LABEL,
  type CompiledPolicy,
  type CompiledRate,
  type Fig,
  type MatchContext
} from './compile'
import { checkExclusions, coverageYearOf, populationGroup, referralLevelsSkipped } from './rules'
import { settleFen } from './settle-fen'
import { CalculatorError } from './errors'
import {
  checkAsOf,
  checkClaim,
  checkHistory,
  checkHistoryAfter,
  DECIMAL_AMOUNTS,
  MAX_ADMISSIONS,
  type NormalClaim,
  type NormalHistory
} from './input'
import { fmt, fmtRate, max, min, Money, ONE, pct, positive, toFen, yuan, ZERO, type Dec } from './decimal'
import type {
  CalcOptions,
  CareArea,
  Claim,
  ClaimHistory,
  ClaimKind,
  ExclusionCode,
  FullClaimHistory,
  PolicyInput,
  Settlement,
  SourceRef,
  Step,
  YearAdds
} from './types'

const SELECTION_LABEL = { admission: '入院日期', discharge: '出院日期', settlement: '结算日期' }
const GRADE_LABEL: Record<string, string> = { A: '甲等', B: '乙等', C: '丙等' }
const LEVEL_LABEL: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' }

type Steps = Step[] | null

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

/** a − b without allocating when b is zero (the settle path runs 50,000 times a second) */
function less(a: Dec, b: Dec): Dec {
  return b.isZero() ? a : a.minus(b)
}

function figLabel(f: Fig): string {
  return 'missing' in f ? '（缺）' : pct(f)
}

function src(s: SourceRef | null | undefined, fallback: SourceRef): SourceRef {
  return s ?? fallback
}

interface Parts {
  eligible: Dec
  selfPaid: Dec
  deductible: Dec
  ratio: Dec | null
  basicFund: Dec
  overCap: Dec
  capRemaining: Dec | null
  catastrophic: Dec
  assistance: Dec
  householdAccount: Dec
}

/** Sum of a banded marginal rate over [from, from + amount] (bands measured from 0). */
function bandedAmount(bands: { upTo: Dec | null; rate: Fig }[], from: Dec, amount: Dec): Dec {
  let out = ZERO
  let lower = ZERO
  const to = from.plus(amount)
  for (const b of bands) {
    const upper = b.upTo
    const lo = max(lower, from)
    const hi = upper === null ? to : min(upper, to)
    if (hi.gt(lo)) out = out.plus(hi.minus(lo).times(need(b.rate)))
    if (upper === null || upper.gte(to)) break
    lower = upper
  }
  return out
}

function excludedSettlement(
  pol: CompiledPolicy,
  n: NormalClaim,
  kind: ClaimKind,
  versionDate: string,
  h: NormalHistory,
  code: ExclusionCode,
  reason: string,
  source: SourceRef,
  S: Steps
): Settlement {
  if (S) {
    S.push({
      rule: 'exclusion',
      label: `不予报销：${reason}`,
      before: fmt(n.total),
      after: '0.00',
      params: { code },
      source
    })
    S.push({ rule: 'patient-pays', label: `全部费用 ${yuan(n.total)} 由个人负担`, after: fmt(n.total) })
  }
  return {
    claimId: n.claim.id,
    policyId: pol.id,
    policyVersion: pol.version,
    kind,
    versionDate,
    outcome: 'excluded',
    exclusion: { code, reason },
    total: fmt(n.total),
    selfPaid: fmt(n.total),
    eligible: '0.00',
    deductible: '0.00',
    ratio: null,
    basicFund: '0.00',
    catastrophic: '0.00',
    assistance: '0.00',
    householdAccount: '0.00',
    patientPays: fmt(n.total),
    insurancePaid: '0.00',
    fundBasis: null,
    coverageYear: coverageYearOf(pol, versionDate, n.claim.person.student),
    yearAdds: NO_ADDS,
    overCap: '0.00',
    capRemaining: null,
    steps: S ?? [],
    historyAfter: historyOut(h, h)
  }
}

const NO_ADDS: YearAdds = Object.freeze({
  capFund: '0.00',
  outpatientFund: '0.00',
  specialFund: '0.00',
  majorDiseaseFund: '0.00',
  catastrophicBase: '0.00',
  admissions: 0
}) as YearAdds

function yearAdds(h: NormalHistory, out: NormalHistory): YearAdds {
  let admissions = 0
  for (const a in out.admissions) admissions += out.admissions[a as CareArea] - h.admissions[a as CareArea]
  return {
    capFund: fmt(less(out.fundPaid, h.fundPaid)),
    outpatientFund: fmt(less(out.outpatientFundPaid, h.outpatientFundPaid)),
    specialFund: fmt(less(out.specialFundPaid, h.specialFundPaid)),
    majorDiseaseFund: fmt(less(out.majorDiseaseFundPaid, h.majorDiseaseFundPaid)),
    catastrophicBase: fmt(less(out.catastrophicBase, h.catastrophicBase)),
    admissions
  }
}

const HISTORY_MONEY = [
  'fundPaid',
  'outpatientFundPaid',
  'outpatientDeductibleMet',
  'specialFundPaid',
  'specialDeductibleMet',
  'majorDiseaseFundPaid',
  'catastrophicBase',
  'catastrophicPaid',
  'assistanceBase',
  'assistancePaid',
  'householdAccountBalance'
] as const

/** "1234.50" exactly as fmt would write it (two decimals) */
function canonical(s: string | null | undefined): boolean {
  return (
    typeof s === 'string' &&
    s.length > 3 &&
    s.charCodeAt(s.length - 3) === 46 &&
    (s.length === 4 || s.charCodeAt(0) !== 48 || s.charCodeAt(1) === 46)
  )
}

function historyOut(h: NormalHistory, before?: NormalHistory): FullClaimHistory {
  const prev = before?.strings
  const out = {
    admissions: { ...h.admissions },
    lastDeductible:
      h.lastDeductible === null
        ? null
        : prev && before!.lastDeductible === h.lastDeductible && canonical(prev.lastDeductible)
          ? prev.lastDeductible!
          : fmt(h.lastDeductible)
  } as FullClaimHistory
  // an amount that did not change keeps the string it came in with
  for (let i = 0; i < HISTORY_MONEY.length; i++) {
    const k = HISTORY_MONEY[i]
    const was = prev ? prev[k] : undefined
    out[k] = was !== undefined && before![k] === h[k] && canonical(was) ? was : fmt(h[k])
  }
  return out
}

/** The ratio after the continuous-years bonus and any referral penalty. */
function adjustRate(
  pol: CompiledPolicy,
  base: Dec,
  kind: ClaimKind,
  years: number,
  levelsSkipped: number,
  S: Steps
): Dec {
  let rate = base
  const b = pol.bonus
  if (b && b.kinds.has(kind) && years > 0) {
    const maxRate = need(b.maxRate)
    const raised = min(base.plus(need(b.perYear).times(years)), maxRate)
    const after = max(base, raised)
    if (S) {
      S.push({
        rule: 'continuous-years-bonus',
        label: after.gt(base)
          ? `连续参保 ${years} 年，报销比例由 ${pct(base)} 提高到 ${pct(after)}（最高 ${pct(maxRate)}）`
          : `连续参保 ${years} 年，但报销比例已达最高 ${pct(maxRate)}，不再提高`,
        params: { perYear: fmtRate(need(b.perYear)), maxRate: fmtRate(maxRate), years: String(years) },
        source: b.source
      })
    }
    rate = after
  }
  if (levelsSkipped > 0 && pol.referral) {
    const r = pol.referral
    const before = rate
    rate = penalised(r.mode, rate, need(r.penalty).times(levelsSkipped))
    if (S) S.push(penaltyStep(pol, levelsSkipped, `报销比例由 ${pct(before)} 降为 ${pct(rate)}`))
  }
  return rate
}

/**
 * A ratio after the referral penalty for `levels` tiers skipped (`total` = penalty × levels):
 * 'points' takes the points off, 'relative' scales the ratio by (1 − total). Never below 0:
 * a penalty can take away the whole ratio, never more (a payout is never negative).
 * The same rule for a single rate and for each band of a banded row.
 */
function penalised(mode: 'points' | 'relative', rate: Dec, total: Dec): Dec {
  const r = mode === 'points' ? rate.minus(total) : rate.times(ONE.minus(total))
  return r.isNeg() ? ZERO : r
}

function penaltyStep(pol: CompiledPolicy, levels: number, change: string): Step {
  const r = pol.referral!
  const p = need(r.penalty)
  return {
    rule: 'referral.penalty-ratio',
    label: `未办转诊、越过 ${levels} 级就医，${change}（${r.mode === 'points' ? `每级降 ${pct(p)}` : `每级按比例降 ${pct(p)}`}，最低 0%）`,
    params: { penaltyPerLevel: fmtRate(p), mode: r.mode, levels: String(levels) },
    source: r.source
  }
}

/** Fund share of `amount` under a rate row (single rate, bands, or patient flat fee). */
function applyRate(
  pol: CompiledPolicy,
  r: CompiledRate,
  amount: Dec,
  kind: ClaimKind,
  years: number,
  skipped: number,
  rowLabel: string,
  source: SourceRef,
  S: Steps
): { fund: Dec; ratio: Dec | null } {
  if (r.type === 'rate') {
    const base = need(r.rate)
    if (S)
      S.push({
        rule: `${kind}.ratio`,
        label: `报销比例 ${pct(base)}（${rowLabel}）`,
        params: { rate: fmtRate(base) },
        source
      })
    const rate = adjustRate(pol, base, kind, years, skipped, S)
    return { fund: amount.times(rate), ratio: rate }
  }
  if (r.type === 'bands') {
    let bands = r.bands
    if (skipped > 0 && pol.referral) {
      // the penalty lowers each band's own ratio (seed 000 C5 「報銷比例每跨一級降低」, C8 each band has its ratio)
      const mode = pol.referral.mode
      const total = need(pol.referral.penalty).times(skipped)
      bands = r.bands.map((b) => ({
        upTo: b.upTo,
        rate: 'missing' in b.rate ? b.rate : penalised(mode, b.rate, total)
      }))
      if (S) {
        const change = r.bands
          .map((b, i) =>
            'missing' in b.rate
              ? `${b.upTo ? `${fmt(b.upTo)} 元以内` : '以上'}（缺）`
              : `${pct(b.rate)} 降为 ${pct(bands[i].rate as Dec)}`
          )
          .join('，')
        S.push(penaltyStep(pol, skipped, `各段报销比例分别由 ${change}`))
      }
    }
    const fund = bandedAmount(bands, ZERO, amount)
    if (S) {
      S.push({
        rule: `${kind}.banded-ratio`,
        label: `按费用分段报销（${bands.map((b) => `${b.upTo ? `${fmt(b.upTo)} 元以内` : '以上'} ${figLabel(b.rate)}`).join('，')}），合计 ${fund.toFixed(4)} 元${skipped > 0 ? '（已按未转诊降低比例）' : ''}`,
        before: fmt(amount),
        source
      })
    }
    return { fund, ratio: null }
  }
  const flat = need(r.patientFlat)
  const fund = max(ZERO, amount.minus(flat))
  if (S) {
    S.push({
      rule: `${kind}.patient-flat`,
      label: `个人定额自付 ${yuan(min(flat, amount))}，其余由基金支付（${rowLabel}）`,
      before: fmt(amount),
      after: fmt(fund),
      params: { patientFlat: fmt(flat) },
      source
    })
  }
  return { fund, ratio: null }
}

export function settleClaim(
  policy: PolicyInput,
  claim: Claim,
  history: ClaimHistory | undefined,
  asOf: string,
  options?: CalcOptions
): Settlement {
  const day = checkAsOf(asOf)
  if (options?.steps === false) {
    try {
      return settleFen(policy, claim, history, day, options.resolve)
    } catch {
      // a claim the whole-fen path leaves, or refuses: settled or refused below, by the reference path
    }
  }
  const n = checkClaim(claim, day)
  const series = compileSeries(policy, options?.resolve)
  const sel = series[0].selection
  const versionDate = sel === 'admission' ? n.serviceDate : sel === 'discharge' ? n.dischargeDate : n.settlementDate
  const pol = selectVersion(series, versionDate)
  return settleWith(pol, n, checkHistory(history), versionDate, options?.steps !== false ? [] : null)
}

export function settleWith(
  pol: CompiledPolicy,
  n: NormalClaim,
  h: NormalHistory,
  versionDate: string,
  S: Steps
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
  }
  // Emergency rules (seed 001 Art.20): local outpatient rescue ending in death is settled
  // as inpatient; out-of-area emergencies are settled under the area the policy names.
  let kind: ClaimKind = c.kind
  let area: CareArea = c.area
  if (pol.emergency && c.emergency) {
    if (
      kind === 'outpatient' &&
      area === 'local' &&
      c.emergency.died &&
      pol.emergency.localOutpatientDeath === 'as-inpatient'
    ) {
      kind = 'inpatient'
      if (S)
        S.push({
          rule: 'emergency.as-inpatient',
          label: '门诊抢救无效死亡，急救费用按住院规定报销',
          source: pol.emergency.source
        })
    }
    if (area !== 'local' && area !== 'abroad' && area !== pol.emergency.outOfAreaAs) {
      area = pol.emergency.outOfAreaAs
      if (S)
        S.push({
          rule: 'emergency.out-of-area',
          label: `异地急诊，按${AREA_LABEL[area]}的规定报销`,
          source: pol.emergency.source
        })
    }
  }
  if (area === 'out-emergency' && pol.emergency && pol.emergency.outOfAreaAs !== 'out-emergency') {
    area = pol.emergency.outOfAreaAs
    if (S)
      S.push({
        rule: 'emergency.out-of-area',
        label: `异地急诊，按${AREA_LABEL[area]}的规定报销`,
        source: pol.emergency.source
      })
  }

  const ex = checkExclusions(pol, n, area, kind)
  if (ex) return excludedSettlement(pol, n, kind, versionDate, h, ex.code, ex.reason, ex.source, S)

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

  // ---- eligible cost (政策范围内费用)
  let eligible: Dec
  if (n.hasLines) {
    const el = pol.eligible
    let bFirst = ZERO
    let cFirst = n.classC
    if (el) {
      if (positive(n.classB)) bFirst = n.classB.times(need(el.classB))
      if (positive(n.classC)) cFirst = n.classC.times(need(el.classC))
    } else if (positive(n.classB) || positive(n.classC)) {
      throw new CalculatorError(
        'POLICY_FIGURE_MISSING',
        '账单里有乙类或丙类费用，但政策没有规定乙类、丙类的先行自付比例',
        '$.eligibleCost'
      )
    }
    eligible = toFen(n.classA.plus(n.classB).plus(n.classC).minus(bFirst).minus(cFirst))
    if (S) {
      S.push({
        rule: 'eligible-cost',
        label: `政策范围内费用 ${yuan(eligible)}（总费用 ${yuan(n.total)}，其中自费 ${yuan(n.selfPayLines)}、超限价 ${yuan(n.overLimit)}、乙类先行自付 ${yuan(toFen(bFirst))}、丙类自付 ${yuan(toFen(cFirst))}，四舍五入到分）`,
        before: fmt(n.total),
        after: fmt(eligible),
        params: el
          ? {
              classBFirstPayRate:
                typeof el.classB === 'object' && 'missing' in el.classB ? 'missing' : fmtRate(el.classB as Dec),
              classCFirstPayRate: 'missing' in el.classC ? 'missing' : fmtRate(el.classC as Dec)
            }
          : {},
        source: el?.source ?? pol.source
      })
    }
  } else {
    eligible = n.total
    if (S)
      S.push({
        rule: 'eligible-cost',
        label: `没有费用明细，总费用 ${yuan(n.total)} 全部按政策范围内费用计算`,
        before: fmt(n.total),
        after: fmt(eligible)
      })
  }
  const parts: Parts = {
    eligible,
    selfPaid: eligible === n.total ? ZERO : n.total.minus(eligible),
    deductible: ZERO,
    ratio: null,
    basicFund: ZERO,
    overCap: ZERO,
    capRemaining: null,
    catastrophic: ZERO,
    assistance: ZERO,
    householdAccount: ZERO
  }
  const out: NormalHistory = { ...h, admissions: { ...h.admissions }, strings: undefined }
  let civilAffairs = ZERO
  let fundBasis: Settlement['fundBasis'] = null

  // ---- basic fund
  const major = c.majorDisease !== undefined && pol.major ? pol.major : null
  if (c.majorDisease !== undefined && !pol.major) {
    throw new CalculatorError('NO_MATCHING_RULE', '本政策没有重大疾病专项规定', '$.majorDisease')
  }
  if (major) {
    if ('missing' in major.diseases) need(major.diseases as never)
    const label = (major.diseases as ReadonlyMap<string, string>).get(c.majorDisease!)
    if (label === undefined)
      throw new CalculatorError('NO_MATCHING_RULE', `「${c.majorDisease}」不在政策的重大疾病名单里`, '$.majorDisease')
    fundBasis = 'major-disease'
    const base = major.base === 'total' ? n.total : eligible
    const ded = major.deductible === null ? ZERO : min(need(major.deductible), base)
    const ratio = need(major.ratio)
    let fund = toFen(base.minus(ded).times(ratio))
    if (S) {
      S.push({
        rule: 'major-disease.fund',
        label: `重大疾病（${label}）：${major.base === 'total' ? '按实际总费用' : '按政策范围内费用'} ${yuan(base)}${positive(ded) ? ` 扣除起付线 ${yuan(ded)} 后` : ''}按 ${pct(ratio)} 报销，得 ${yuan(fund)}（四舍五入到分）`,
        before: fmt(base),
        after: fmt(fund),
        params: { ratio: fmtRate(ratio), base: major.base },
        source: major.source
      })
    }
    if (fund.gt(eligible)) {
      fund = eligible
      if (S)
        S.push({
          rule: 'major-disease.eligible-limit',
          label: `基金支付不超过政策范围内费用 ${yuan(eligible)}`,
          after: fmt(fund),
          source: major.source
        })
    }
    const cap = need(major.cap)
    if (cap !== null) {
      const remaining = max(ZERO, cap.minus(h.majorDiseaseFundPaid))
      const paid = min(fund, remaining)
      parts.overCap = fund.minus(paid)
      parts.capRemaining = remaining.minus(paid)
      if (S) {
        S.push({
          rule: 'major-disease.cap',
          label: `重大疾病年度封顶 ${yuan(cap)}，本年已支付 ${yuan(h.majorDiseaseFundPaid)}，本次支付 ${yuan(paid)}${positive(parts.overCap) ? `，超出封顶 ${yuan(parts.overCap)}` : ''}`,
          before: fmt(fund),
          after: fmt(paid),
          params: { cap: fmt(cap) },
          source: major.source
        })
      }
      fund = paid
    } else if (S) S.push({ rule: 'major-disease.cap', label: '重大疾病专项不设封顶线', source: major.source })
    parts.basicFund = fund
    parts.ratio = ratio
    parts.deductible = ded
    out.majorDiseaseFundPaid = h.majorDiseaseFundPaid.plus(fund)
    if (major.civilAffairsShare !== null) {
      const share = need(major.civilAffairsShare)
      civilAffairs = min(toFen(base.times(share)), n.total.minus(fund))
      if (S) {
        S.push({
          rule: 'major-disease.civil-affairs',
          label: `民政救济按 ${pct(share)} 再补助 ${yuan(civilAffairs)}（四舍五入到分）`,
          before: fmt(base),
          after: fmt(civilAffairs),
          params: { civilAffairsShare: fmtRate(share) },
          source: major.source
        })
      }
    }
    if (kind === 'inpatient') out.admissions[area] = h.admissions[area] + 1
  } else if (c.benchmark !== undefined && pol.benchmark) {
    const bp = pol.benchmark
    fundBasis = 'benchmark-price'
    let price: Dec
    let label = c.benchmark.disease
    if (bp.priceFrom === 'policy') {
      const entry = bp.prices.get(c.benchmark.disease)
      if (!entry)
        throw new CalculatorError(
          'NO_MATCHING_RULE',
          `「${c.benchmark.disease}」不在政策的按病种付费名单里`,
          '$.benchmark.disease'
        )
      price = need(entry.price)
      label = entry.label
    } else {
      if (c.benchmark.price === undefined)
        throw new CalculatorError('INVALID_INPUT', '按病种付费需要写明该病种的基准价格', '$.benchmark.price')
      price = new Money(c.benchmark.price)
    }
    const row = bp.shares.find((s) => s.value.list === c.benchmark!.list && matches(s.when, ctx))
    if (!row) {
      throw new CalculatorError(
        'UNKNOWN_INSTITUTION_LEVEL',
        `政策没有规定「${c.benchmark.list}」类病种在这家医院（${institutionLabel(c)}）的基金支付比例`,
        '$.benchmarkPrice.shares'
      )
    }
    const share = need(row.value.fundShare)
    let fund = toFen(price.times(share))
    if (S) {
      S.push({
        rule: 'benchmark-price.fund',
        label: `按病种付费（${label}）：基准价格 ${yuan(price)}，基金支付 ${pct(share)}，得 ${yuan(fund)}（与实际账单无关，四舍五入到分）`,
        before: fmt(price),
        after: fmt(fund),
        params: { price: fmt(price), fundShare: fmtRate(share), list: c.benchmark.list },
        source: bp.source
      })
    }
    if (fund.gt(eligible)) {
      fund = eligible
      if (S)
        S.push({
          rule: 'benchmark-price.eligible-limit',
          label: `基金支付不超过政策范围内费用 ${yuan(eligible)}`,
          after: fmt(fund),
          source: bp.source
        })
    }
    parts.ratio = share
    fund = applyAnnualCap(pol, kind, fund, h, out, parts, S)
    parts.basicFund = fund
    if (kind === 'inpatient') out.admissions[area] = h.admissions[area] + 1
  } else if (kind === 'inpatient') {
    const ip = pol.inpatient
    if (!ip)
      return excludedSettlement(pol, n, kind, versionDate, h, 'NOT_COVERED', '本政策没有住院报销规定', pol.source, S)
    fundBasis = 'deductible-ratio'
    const row = findRow(ip.deductible, ctx, '住院起付线')
    const base = need(row.value)
    // repeat-admission step-down (seed 001 Art.18: 依次降低100元, not below 100)
    const rep = ip.repeat
    let ded = base
    let nth = 1
    if (rep) {
      if (rep.counts === 'all') {
        for (const a in h.admissions) nth += h.admissions[a as CareArea]
      } else for (const a of rep.areas) nth += h.admissions[a]
      if (rep.areas.has(area) && nth > 1) {
        if (base.gt(rep.floor)) {
          if (rep.reading === 'from-base') ded = max(rep.floor, base.minus(rep.step.times(nth - 1)))
          else ded = h.lastDeductible === null ? base : max(rep.floor, min(base, h.lastDeductible.minus(rep.step)))
        }
      }
    }
    if (!rep || !rep.areas.has(area)) nth = h.admissions[area] + 1
    if (S) {
      S.push({
        rule: 'inpatient.deductible',
        label: `起付线 ${yuan(ded)}（${row.label ?? institutionLabel(c)}，${AREA_LABEL[area]}，本年第 ${nth} 次住院${ded.lt(base) ? `，由 ${yuan(base)} 逐次降低，最低 ${yuan(rep!.floor)}` : ''}${rep && !rep.areas.has(area) && nth > 1 ? '，这类住院多次也不降低' : ''}）`,
        params: rep
          ? { base: fmt(base), step: fmt(rep.step), floor: fmt(rep.floor), reading: rep.reading }
          : { base: fmt(base) },
        source: src(ip.deductible.source, ip.source)
      })
    }
    const skipped = referralLevelsSkipped(pol, c, kind, area, S)
    if (skipped > 0) {
      const inc = need(pol.referral!.deductibleIncrease)
      if (positive(inc)) {
        ded = ded.plus(inc)
        if (S)
          S.push({
            rule: 'referral.penalty-deductible',
            label: `未办转诊，起付线提高 ${yuan(inc)}，为 ${yuan(ded)}`,
            params: { deductibleIncrease: fmt(inc) },
            source: pol.referral!.source
          })
      }
    }
    const applied = min(ded, eligible)
    const above = eligible.minus(applied)
    if (S)
      S.push({
        rule: 'inpatient.deductible-applied',
        label: `政策范围内费用 ${yuan(eligible)} 扣除起付线 ${yuan(applied)}，剩 ${yuan(above)}`,
        before: fmt(eligible),
        after: fmt(above),
        source: src(ip.deductible.source, ip.source)
      })
    parts.deductible = applied
    const rrow = findRow(ip.ratio, ctx, '住院报销比例')
    const { fund: raw, ratio } = applyRate(
      pol,
      rrow.value,
      above,
      kind,
      years,
      skipped,
      S ? (rrow.label ?? `${group ? `${group.label}，` : ''}${institutionLabel(c)}`) : '',
      src(ip.ratio.source, ip.source),
      S
    )
    parts.ratio = ratio
    const rounded = toFen(raw)
    if (S)
      S.push({
        rule: 'rounding.fen',
        label: `基金应付 ${yuan(rounded)}（四舍五入到分）`,
        before: raw.toString(),
        after: fmt(rounded)
      })
    parts.basicFund = applyAnnualCap(pol, kind, rounded, h, out, parts, S)
    out.admissions[area] = h.admissions[area] + 1
    if (rep && rep.areas.has(area)) out.lastDeductible = ded
  } else if (kind === 'outpatient' && !pol.outpatient) {
    // no outpatient pooling: only the household account (seed 000 A4) can pay
    const ha = pol.householdAccount
    if (!ha || !ha.usableFor.has(kind) || !c.useHouseholdAccount) {
      return excludedSettlement(
        pol,
        n,
        kind,
        versionDate,
        h,
        'NOT_COVERED',
        '本政策没有门诊统筹，普通门诊费用基金不报销',
        pol.source,
        S
      )
    }
    if (S)
      S.push({
        rule: 'outpatient.no-pooling',
        label: '本政策没有门诊统筹，门诊费用只能用家庭账户支付',
        source: ha.source
      })
  } else if (kind === 'outpatient') {
    const op = pol.outpatient!
    fundBasis = 'deductible-ratio'
    const row = findRow(op.deductible, ctx, '门诊起付线')
    const D = need(row.value)
    const left = op.basis === 'annual' ? max(ZERO, less(D, h.outpatientDeductibleMet)) : D
    const applied = min(left, eligible)
    if (S) {
      S.push({
        rule: 'outpatient.deductible',
        label:
          op.basis === 'annual'
            ? `门诊年度起付线 ${yuan(D)}，本年已扣 ${yuan(h.outpatientDeductibleMet)}，本次扣 ${yuan(applied)}`
            : `门诊每次起付线 ${yuan(D)}，本次扣 ${yuan(applied)}`,
        before: fmt(eligible),
        after: fmt(eligible.minus(applied)),
        params: { deductible: fmt(D), basis: op.basis },
        source: src(op.deductible.source, op.source)
      })
    }
    parts.deductible = applied
    out.outpatientDeductibleMet =
      op.basis === 'annual' && !applied.isZero() ? h.outpatientDeductibleMet.plus(applied) : h.outpatientDeductibleMet
    const rrow = findRow(op.ratio, ctx, '门诊报销比例')
    const { fund: raw, ratio } = applyRate(
      pol,
      rrow.value,
      less(eligible, applied),
      kind,
      years,
      0,
      S ? (rrow.label ?? institutionLabel(c)) : '',
      src(op.ratio.source, op.source),
      S
    )
    parts.ratio = ratio
    let fund = toFen(raw)
    if (S)
      S.push({
        rule: 'rounding.fen',
        label: `基金应付 ${yuan(fund)}（四舍五入到分）`,
        before: raw.toString(),
        after: fmt(fund)
      })
    const perVisit = positive(fund) ? need(op.perVisitLimit) : null
    if (perVisit !== null && fund.gt(perVisit)) {
      if (S)
        S.push({
          rule: 'outpatient.per-visit-limit',
          label: `门诊每次最多报销 ${yuan(perVisit)}`,
          before: fmt(fund),
          after: fmt(perVisit),
          source: op.source
        })
      fund = perVisit
    }
    const annual = positive(fund) ? need(op.annualLimit) : null
    if (annual !== null) {
      const remaining = max(ZERO, annual.minus(h.outpatientFundPaid))
      const paid = min(fund, remaining)
      if (S) {
        S.push({
          rule: 'outpatient.annual-limit',
          label: `门诊年度限额 ${yuan(annual)}，本年已报 ${yuan(h.outpatientFundPaid)}，本次报 ${yuan(paid)}`,
          before: fmt(fund),
          after: fmt(paid),
          params: { annualLimit: fmt(annual) },
          source: op.source
        })
      }
      parts.overCap = fund.minus(paid)
      parts.capRemaining = remaining.minus(paid)
      fund = paid
    }
    parts.basicFund = fund
    out.outpatientFundPaid = fund.isZero() ? h.outpatientFundPaid : h.outpatientFundPaid.plus(fund)
  } else {
    const sp = pol.special
    if (!sp)
      return excludedSettlement(
        pol,
        n,
        kind,
        versionDate,
        h,
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
    if ('missing' in sp.diseases) need(sp.diseases as never)
    const label = (sp.diseases as ReadonlyMap<string, string>).get(sd.code)
    if (label === undefined)
      return excludedSettlement(
        pol,
        n,
        kind,
        versionDate,
        h,
        'SPECIAL_DISEASE_NOT_LISTED',
        `「${sd.code}」不在门诊特殊病种名单里`,
        sp.source,
        S
      )
    if (sp.requireApproval && !sd.approved) {
      return excludedSettlement(
        pol,
        n,
        kind,
        versionDate,
        h,
        'SPECIAL_DISEASE_NOT_APPROVED',
        `${label}还没有办理门诊特殊病种准入手续`,
        sp.source,
        S
      )
    }
    fundBasis = 'deductible-ratio'
    const row = findRow(sp.deductible, ctx, '门诊特殊病种起付线')
    const D = need(row.value)
    const left = max(ZERO, D.minus(h.specialDeductibleMet))
    const applied = min(left, eligible)
    if (S) {
      S.push({
        rule: 'special-outpatient.deductible',
        label: `${label}：门诊特殊病种年度起付线 ${yuan(D)}，本年已扣 ${yuan(h.specialDeductibleMet)}，本次扣 ${yuan(applied)}`,
        before: fmt(eligible),
        after: fmt(eligible.minus(applied)),
        params: { deductible: fmt(D) },
        source: src(sp.deductible.source, sp.source)
      })
    }
    parts.deductible = applied
    out.specialDeductibleMet = h.specialDeductibleMet.plus(applied)
    const rrow = findRow(sp.ratio, ctx, '门诊特殊病种报销比例')
    const { fund: raw, ratio } = applyRate(
      pol,
      rrow.value,
      eligible.minus(applied),
      kind,
      years,
      0,
      S ? (rrow.label ?? `${group ? `${group.label}，` : ''}${institutionLabel(c)}`) : '',
      src(sp.ratio.source, sp.source),
      S
    )
    parts.ratio = ratio
    let fund = toFen(raw)
    if (S)
      S.push({
        rule: 'rounding.fen',
        label: `基金应付 ${yuan(fund)}（四舍五入到分）`,
        before: raw.toString(),
        after: fmt(fund)
      })
    const lim = positive(fund) ? need(sp.annualLimit) : null
    if (lim !== null) {
      const remaining = max(ZERO, lim.minus(h.specialFundPaid))
      const paid = min(fund, remaining)
      if (S && paid.lt(fund))
        S.push({
          rule: 'special-outpatient.annual-limit',
          label: `门诊特殊病种年度限额 ${yuan(lim)}，本次最多报 ${yuan(paid)}`,
          before: fmt(fund),
          after: fmt(paid),
          source: sp.source
        })
      parts.overCap = fund.minus(paid)
      fund = paid
    }
    fund = applyAnnualCap(pol, kind, fund, h, out, parts, S)
    parts.basicFund = fund
    out.specialFundPaid = h.specialFundPaid.plus(fund)
  }

  // ---- catastrophic insurance (大病保险) on the year's in-policy self-pay above the threshold
  const inPolicySelfPay = less(eligible, parts.basicFund)
  const cat = pol.catastrophic
  if (cat && cat.kinds.has(kind) && !major) {
    const threshold = need(cat.threshold)
    const before = max(ZERO, h.catastrophicBase.minus(threshold))
    const after = max(ZERO, h.catastrophicBase.plus(inPolicySelfPay).minus(threshold))
    const raw = after.gt(before) ? bandedAmount(cat.bands, before, after.minus(before)) : ZERO
    let pay = toFen(raw)
    // the cap is needed only when something is payable
    const capAmt = positive(pay) ? need(cat.cap) : null
    if (capAmt !== null) pay = min(pay, max(ZERO, capAmt.minus(h.catastrophicPaid)))
    pay = min(pay, inPolicySelfPay)
    if (S) {
      S.push({
        rule: 'catastrophic',
        label: after.gt(before)
          ? `大病保险：本年政策范围内自付累计 ${yuan(h.catastrophicBase.plus(inPolicySelfPay))}，超过起付线 ${yuan(threshold)} 的部分分段报销，本次 ${yuan(pay)}（四舍五入到分）`
          : `大病保险：本年政策范围内自付累计 ${yuan(h.catastrophicBase.plus(inPolicySelfPay))}，未超过起付线 ${yuan(threshold)}，本次不报`,
        before: fmt(inPolicySelfPay),
        after: fmt(pay),
        params: {
          threshold: fmt(threshold),
          bands: cat.bands
            .map((b) => `${b.upTo ? fmt(b.upTo) : '以上'}:${'missing' in b.rate ? 'missing' : fmtRate(b.rate)}`)
            .join(','),
          ...(capAmt ? { cap: fmt(capAmt) } : {})
        },
        source: cat.source
      })
    }
    parts.catastrophic = pay
    out.catastrophicBase = h.catastrophicBase.plus(inPolicySelfPay)
    out.catastrophicPaid = h.catastrophicPaid.plus(pay)
  }

  // ---- medical assistance (医疗救助) for designated groups, on what is left of the in-policy self-pay
  parts.assistance = civilAffairs
  const as = pol.assistance
  if (as && as.kinds.has(kind)) {
    const groups = c.person.groups ?? []
    const rule = as.rules.find((r) => r.groups.some((g) => groups.includes(g)))
    if (rule) {
      const remaining = max(ZERO, inPolicySelfPay.minus(parts.catastrophic).minus(civilAffairs))
      const rate = need(rule.rate)
      const threshold = rule.threshold === null ? ZERO : need(rule.threshold)
      const baseBefore = h.assistanceBase
      const countable = max(ZERO, baseBefore.plus(remaining).minus(threshold)).minus(
        max(ZERO, baseBefore.minus(threshold))
      )
      let pay = toFen(countable.times(rate))
      const capAmt = positive(pay) ? need(rule.cap) : null
      if (capAmt !== null) pay = min(pay, max(ZERO, capAmt.minus(h.assistancePaid)))
      pay = min(pay, remaining)
      if (S) {
        S.push({
          rule: 'assistance',
          label: `医疗救助（${rule.label}）：剩余政策范围内自付 ${yuan(remaining)}${positive(threshold) ? `，年度起付 ${yuan(threshold)}` : ''}，按 ${pct(rate)} 救助 ${yuan(pay)}${capAmt ? `（年度最高 ${yuan(capAmt)}）` : ''}（四舍五入到分）`,
          before: fmt(remaining),
          after: fmt(pay),
          params: { rate: fmtRate(rate), threshold: fmt(threshold), ...(capAmt ? { cap: fmt(capAmt) } : {}) },
          source: as.source
        })
      }
      parts.assistance = civilAffairs.plus(pay)
      out.assistanceBase = baseBefore.plus(remaining)
      out.assistancePaid = h.assistancePaid.plus(pay)
    }
  }

  // ---- household account (家庭账户) pays what the patient still owes, if allowed and asked
  const ha = pol.householdAccount
  if (ha && c.useHouseholdAccount && ha.usableFor.has(kind) && positive(h.householdAccountBalance)) {
    const owed = less(less(less(n.total, parts.basicFund), parts.catastrophic), parts.assistance)
    const use = min(owed, h.householdAccountBalance)
    parts.householdAccount = use
    out.householdAccountBalance = h.householdAccountBalance.minus(use)
    if (S)
      S.push({
        rule: 'household-account',
        label: `家庭账户支付 ${yuan(use)}，余额 ${yuan(out.householdAccountBalance)}`,
        before: fmt(h.householdAccountBalance),
        after: fmt(out.householdAccountBalance),
        source: ha.source
      })
  }

  const patientPays = less(
    less(less(less(n.total, parts.basicFund), parts.catastrophic), parts.assistance),
    parts.householdAccount
  )
  if (S) {
    S.push({
      rule: 'patient-pays',
      label: `个人负担 ${yuan(patientPays)}（总费用 ${yuan(n.total)} − 基金 ${yuan(parts.basicFund)}${positive(parts.catastrophic) ? ` − 大病保险 ${yuan(parts.catastrophic)}` : ''}${positive(parts.assistance) ? ` − 医疗救助 ${yuan(parts.assistance)}` : ''}${positive(parts.householdAccount) ? ` − 家庭账户 ${yuan(parts.householdAccount)}` : ''}）`,
      before: fmt(n.total),
      after: fmt(patientPays)
    })
  }
  const paidAnything =
    positive(parts.basicFund) ||
    positive(parts.catastrophic) ||
    positive(parts.assistance) ||
    positive(parts.householdAccount)
  // never write a history the next claim could not read back: refuse this claim instead
  if (nearLimits(out)) checkHistoryAfter(out, DECIMAL_AMOUNTS)
  return {
    claimId: c.id,
    policyId: pol.id,
    policyVersion: pol.version,
    kind,
    versionDate,
    outcome: paidAnything ? 'paid' : 'nothing-payable',
    total: fmt(n.total),
    selfPaid: fmt(parts.selfPaid),
    eligible: fmt(eligible),
    deductible: fmt(parts.deductible),
    ratio: parts.ratio === null ? null : fmtRate(parts.ratio),
    basicFund: fmt(parts.basicFund),
    catastrophic: fmt(parts.catastrophic),
    assistance: fmt(parts.assistance),
    householdAccount: fmt(parts.householdAccount),
    patientPays: fmt(patientPays),
    insurancePaid: fmt(parts.basicFund.plus(parts.catastrophic).plus(parts.assistance)),
    fundBasis,
    coverageYear: coverageYearOf(pol, versionDate, c.person.student),
    yearAdds: yearAdds(h, out),
    overCap: fmt(parts.overCap),
    capRemaining: parts.capRemaining === null ? null : fmt(parts.capRemaining),
    steps: S ?? [],
    historyAfter: historyOut(out, h)
  }
}

/**
 * Whether checkHistoryAfter needs to look: some year total is at least 10^9 (its decimal
 * exponent, read without building a Decimal) or an area has more than 366 admissions. A
 * cheap pre-check on every claim; checkHistoryAfter itself decides.
 */
function nearLimits(h: NormalHistory): boolean {
  for (let i = 0; i < HISTORY_MONEY.length; i++) if (h[HISTORY_MONEY[i]].e >= 9) return true
  if (h.lastDeductible !== null && h.lastDeductible.e >= 9) return true
  for (const a in h.admissions) if (h.admissions[a as CareArea] > MAX_ADMISSIONS) return true
  return false
}

/** The basic fund's yearly cap across the claim kinds it covers; history counts towards it. */
function applyAnnualCap(
  pol: CompiledPolicy,
  kind: ClaimKind,
  fund: Dec,
  h: NormalHistory,
  out: NormalHistory,
  parts: Parts,
  S: Steps
): Dec {
  const cap = pol.cap
  if (!cap || !cap.kinds.has(kind)) return fund
  out.fundPaid = h.fundPaid.plus(fund)
  if (fund.isZero()) return fund
  const amount = need(cap.amount)
  if (amount === null) return fund
  const remaining = max(ZERO, amount.minus(h.fundPaid))
  const paid = min(fund, remaining)
  parts.overCap = parts.overCap.plus(fund.minus(paid))
  parts.capRemaining = remaining.minus(paid)
  out.fundPaid = h.fundPaid.plus(paid)
  if (S) {
    const aboveLabel =
      cap.above === 'catastrophic'
        ? '超出部分转大病保险'
        : cap.above === 'supplementary-insurance'
          ? '超出部分由大额医疗补充保险按规定支付'
          : '超出部分基金不支付'
    S.push({
      rule: 'annual-cap',
      label: paid.lt(fund)
        ? `年度封顶线 ${yuan(amount)}，本年已报 ${yuan(h.fundPaid)}，本次只能报 ${yuan(paid)}，${aboveLabel}${cap.aboveNote ? `（${cap.aboveNote}）` : ''}`
        : `年度封顶线 ${yuan(amount)}，本年已报 ${yuan(h.fundPaid)}，本次报 ${yuan(paid)} 后还剩 ${yuan(parts.capRemaining)}`,
      before: fmt(fund),
      after: fmt(paid),
      params: { cap: fmt(amount), above: cap.above },
      source: cap.source
    })
  }
  return paid
}
