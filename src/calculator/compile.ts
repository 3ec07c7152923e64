// Compile a policy once: resolve `extends`, validate, read every amount into whole fen and
// every rate into rate units (amounts.ts), and keep the result in a WeakMap keyed by the
// document object, so settling a claim never re-reads strings or re-validates.
import { CalculatorError, PolicyFigureMissingError, PolicyInvalidError } from './errors'
import { moneyFen, rateUnits } from './amounts'
import { bundledPolicies } from './policies'
import { resolvePolicy, type PolicyResolver } from './resolve'
import type {
  CareArea,
  ClaimKind,
  LimitParam,
  MoneyParam,
  PersonCondition,
  PolicyDocument,
  PolicyInput,
  PolicyOverlay,
  RateParam,
  RateRow,
  RowCondition,
  SourceRef,
  VersionSelection
} from './types'
import { validatePolicy } from './validate'

/** A figure the policy marks as missing; using it throws POLICY_FIGURE_MISSING. */
export interface MissingRef {
  readonly missing: true
  readonly path: string
  readonly note: string
}
/** an amount in fen or a rate in rate units, or a figure the policy lacks */
export type Fig = number | MissingRef
/** null = no limit */
export type Limit = number | MissingRef | null

export function isMissing(f: unknown): f is MissingRef {
  return typeof f === 'object' && f !== null && (f as MissingRef).missing === true
}

/** The figure, or POLICY_FIGURE_MISSING: called only where the claim needs it. */
export function need(f: Fig): number
export function need(f: Limit): number | null
export function need(f: Fig | Limit): number | null {
  if (typeof f === 'object' && f !== null) throw new PolicyFigureMissingError(f.path, f.note)
  return f
}

interface CompiledCondition {
  code?: readonly string[]
  kind?: readonly string[]
  area?: readonly string[]
  level?: readonly number[]
  grade?: readonly string[]
  tier?: readonly string[]
  ownership?: readonly string[]
  group?: readonly string[]
}
export interface MatchContext {
  code?: string
  kind: ClaimKind
  area: CareArea
  level?: number
  grade?: string
  tier?: string
  ownership?: string
  group: string | null
}
interface CompiledRow<T> {
  when: CompiledCondition
  value: T
  label?: string
  path: string
}
export type CompiledRate =
  | { type: 'rate'; rate: Fig }
  | { type: 'bands'; bands: { upTo: number | null; rate: Fig }[] }
  | { type: 'flat'; patientFlat: Fig }

export interface CompiledTable<T> {
  rows: CompiledRow<T>[]
  source: SourceRef
  path: string
}

export interface CompiledPolicy {
  doc: PolicyDocument
  id: string
  version: string
  from: string
  to: string | null
  selection: VersionSelection
  source: SourceRef
  coverageStart: string
  studentCoverageStart: string | null
  coverageSource: SourceRef
  groups: {
    ageAt: 'year-end' | 'service-date'
    list: { id: string; label: string; when: PersonCondition }[]
    source: SourceRef
  } | null
  householdAccount: {
    share: Fig
    usableFor: ReadonlySet<ClaimKind>
    balanceAtYearEnd: 'carries-over' | 'lapses'
    source: SourceRef
  } | null
  exclusions: PolicyDocument['exclusions'] | null
  eligible: { classB: Fig; classC: Fig; source: SourceRef } | null
  inpatient: {
    source: SourceRef
    deductible: CompiledTable<Fig>
    ratio: CompiledTable<CompiledRate>
    repeat: {
      step: number
      floor: number
      reading: 'from-base' | 'from-previous'
      areas: ReadonlySet<CareArea>
      counts: 'same-areas' | 'all'
    } | null
  } | null
  outpatient: {
    source: SourceRef
    basis: 'per-visit' | 'annual'
    deductible: CompiledTable<Fig>
    ratio: CompiledTable<CompiledRate>
    perVisitLimit: Limit
    annualLimit: Limit
  } | null
  special: {
    source: SourceRef
    diseases: ReadonlyMap<string, string> | MissingRef
    requireApproval: boolean
    areas: ReadonlySet<CareArea>
    deductible: CompiledTable<Fig>
    ratio: CompiledTable<CompiledRate>
    annualLimit: Limit
  } | null
  bonus: { perYear: Fig; maxRate: Fig; kinds: ReadonlySet<ClaimKind>; source: SourceRef } | null
  referral: {
    source: SourceRef
    rank: ReadonlyMap<string, number>
    entryTier: string
    penalty: Fig
    mode: 'points' | 'relative'
    deductibleIncrease: Fig
    order: 'bonus-then-penalty' | 'penalty-then-bonus'
    kinds: ReadonlySet<ClaimKind>
  } | null
  emergency: PolicyDocument['emergency'] | null
  cap: { amount: Limit; kinds: ReadonlySet<ClaimKind>; above: string; aboveNote?: string; source: SourceRef } | null
  major: {
    source: SourceRef
    diseases: ReadonlyMap<string, string> | MissingRef
    ratio: Fig
    base: 'total' | 'eligible'
    deductible: Limit
    civilAffairsShare: Fig | null
    cap: Limit
    kinds: ReadonlySet<ClaimKind>
    kindLimits: 'apply' | 'exempt'
    catastrophic: 'included' | 'excluded'
  } | null
  benchmark: {
    source: SourceRef
    priceFrom: 'policy' | 'claim'
    overrun: 'patient' | 'institution'
    prices: ReadonlyMap<string, { label: string; list: string; price: Fig }>
    shares: CompiledRow<{ list: string; fundShare: Fig }>[]
  } | null
  catastrophic: {
    source: SourceRef
    threshold: Fig
    bands: { upTo: number | null; rate: Fig }[]
    cap: Limit
    kinds: ReadonlySet<ClaimKind>
    paidAt: 'settlement' | 'separate-claim'
  } | null
  assistance: {
    source: SourceRef
    payer: string
    ruleChoice: 'first-listed' | 'most-favourable'
    rules: {
      id: string
      label: string
      groups: readonly string[]
      rate: Fig
      threshold: Fig | null
      cap: Limit
      path: string
    }[]
    kinds: ReadonlySet<ClaimKind>
  } | null
  estimateShare: Fig | null
  estimateSource: SourceRef | null
}

function money(v: MoneyParam, path: string): Fig {
  if (typeof v === 'string') return moneyFen(v)
  return { missing: true, path, note: v.note }
}
function rate(v: RateParam, path: string): Fig {
  if (typeof v === 'string') return rateUnits(v)
  return { missing: true, path, note: v.note }
}
function limit(v: LimitParam, path: string): Limit {
  if (typeof v === 'string') return moneyFen(v)
  if ('none' in v) return null
  return { missing: true, path, note: v.note }
}
function arr<T>(v: T | T[] | undefined): readonly T[] | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? v : [v]
}
function cond(w: RowCondition): CompiledCondition {
  const c: CompiledCondition = {}
  if (w.code !== undefined) c.code = arr(w.code)
  if (w.kind !== undefined) c.kind = arr(w.kind)
  if (w.area !== undefined) c.area = arr(w.area)
  if (w.level !== undefined) c.level = arr(w.level)
  if (w.grade !== undefined) c.grade = arr(w.grade)
  if (w.tier !== undefined) c.tier = arr(w.tier)
  if (w.ownership !== undefined) c.ownership = arr(w.ownership)
  if (w.group !== undefined) c.group = arr(w.group)
  return c
}
function rateValue(r: RateRow, path: string): CompiledRate {
  if ('rate' in r) return { type: 'rate', rate: rate(r.rate, `${path}.rate`) }
  if ('bands' in r) {
    return {
      type: 'bands',
      bands: r.bands.map((b, i) => ({
        upTo: b.upTo === null ? null : moneyFen(b.upTo),
        rate: rate(b.rate, `${path}.bands[${i}].rate`)
      }))
    }
  }
  return { type: 'flat', patientFlat: money(r.patientFlat, `${path}.patientFlat`) }
}
function deductibleTable(
  t: { rows: { when: RowCondition; amount: MoneyParam; label?: string }[]; source?: SourceRef },
  src: SourceRef,
  path: string
): CompiledTable<Fig> {
  return {
    source: t.source ?? src,
    path,
    rows: t.rows.map((r, i) => ({
      when: cond(r.when),
      value: money(r.amount, `${path}.rows[${i}].amount`),
      label: r.label,
      path: `${path}.rows[${i}]`
    }))
  }
}
function rateTable(
  t: { rows: RateRow[]; source?: SourceRef },
  src: SourceRef,
  path: string
): CompiledTable<CompiledRate> {
  return {
    source: t.source ?? src,
    path,
    rows: t.rows.map((r, i) => ({
      when: cond(r.when),
      value: rateValue(r, `${path}.rows[${i}]`),
      label: r.label,
      path: `${path}.rows[${i}]`
    }))
  }
}
function diseaseMap(
  v: { code: string; label: string }[] | { missing: true; note: string },
  path: string
): ReadonlyMap<string, string> | MissingRef {
  if (!Array.isArray(v)) return { missing: true, path, note: v.note }
  return new Map(v.map((d) => [d.code, d.label]))
}

export function matches(c: CompiledCondition, ctx: MatchContext): boolean {
  if (c.code && (ctx.code === undefined || !c.code.includes(ctx.code))) return false
  if (c.kind && !c.kind.includes(ctx.kind)) return false
  if (c.area && !c.area.includes(ctx.area)) return false
  if (c.level && (ctx.level === undefined || !c.level.includes(ctx.level))) return false
  if (c.grade && (ctx.grade === undefined || !c.grade.includes(ctx.grade))) return false
  if (c.tier && (ctx.tier === undefined || !c.tier.includes(ctx.tier))) return false
  if (c.ownership && (ctx.ownership === undefined || !c.ownership.includes(ctx.ownership))) return false
  if (c.group && (ctx.group === null || !c.group.includes(ctx.group))) return false
  return true
}

/** The first row whose condition holds; a table without a matching row cannot settle the claim. */
export function findRow<T>(t: CompiledTable<T>, ctx: MatchContext, what: string): CompiledRow<T> {
  for (let i = 0; i < t.rows.length; i++) if (matches(t.rows[i].when, ctx)) return t.rows[i]
  const inst = [
    ctx.level ? `${ctx.level}级` : '',
    ctx.grade ? `${{ A: '甲', B: '乙', C: '丙' }[ctx.grade]}等` : '',
    ctx.tier ? TIER_LABEL[ctx.tier] : ''
  ]
    .filter(Boolean)
    .join('')
  throw new CalculatorError(
    'UNKNOWN_INSTITUTION_LEVEL',
    `政策的${what}里没有适用于这家医院（${inst || '未写等级'}，${AREA_LABEL[ctx.area]}）的规定，请确认医院等级`,
    t.path
  )
}

export const TIER_LABEL: Record<string, string> = {
  village: '村卫生室',
  township: '乡镇卫生院',
  county: '县级医院',
  city: '市级医院',
  provincial: '省级医院'
}
export const AREA_LABEL: Record<CareArea, string> = {
  local: '本地就医',
  'out-referred': '转外就医',
  'out-filed': '异地就医（已备案）',
  'out-unfiled': '异地就医（未备案）',
  'out-emergency': '异地急诊',
  abroad: '境外就医'
}

function compileResolved(doc: PolicyDocument): CompiledPolicy {
  const problems = validatePolicy(doc)
  if (problems.length) throw new PolicyInvalidError(doc.id ?? '?', problems)
  const src = doc.source
  const ip = doc.inpatient
  const op = doc.outpatient
  const sp = doc.specialOutpatient
  const ref = doc.referral
  const md = doc.majorDiseases
  const bp = doc.benchmarkPrice
  const cat = doc.catastrophic
  const as = doc.assistance
  return {
    doc,
    id: doc.id,
    version: doc.version,
    from: doc.effectiveFrom,
    to: doc.effectiveTo ?? null,
    selection: doc.versionSelection,
    source: src,
    coverageStart: doc.coverageYear.startMonthDay,
    coverageSource: doc.coverageYear.source,
    studentCoverageStart: doc.coverageYear.studentStartMonthDay ?? null,
    groups: doc.populationGroups
      ? { ageAt: doc.populationGroups.ageAt, list: doc.populationGroups.groups, source: doc.populationGroups.source }
      : null,
    householdAccount: doc.householdAccount
      ? {
          share: rate(doc.householdAccount.shareOfPersonal, '$.householdAccount.shareOfPersonal'),
          usableFor: new Set(doc.householdAccount.usableFor),
          balanceAtYearEnd: doc.householdAccount.balanceAtYearEnd,
          source: doc.householdAccount.source
        }
      : null,
    exclusions: doc.exclusions ?? null,
    eligible: doc.eligibleCost
      ? {
          classB: rate(doc.eligibleCost.classBFirstPayRate, '$.eligibleCost.classBFirstPayRate'),
          classC: rate(doc.eligibleCost.classCFirstPayRate, '$.eligibleCost.classCFirstPayRate'),
          source: doc.eligibleCost.source
        }
      : null,
    inpatient: ip
      ? {
          source: ip.source,
          deductible: deductibleTable(ip.deductible, ip.source, '$.inpatient.deductible'),
          ratio: rateTable(ip.ratio, ip.source, '$.inpatient.ratio'),
          repeat: ip.repeatAdmission
            ? {
                step: moneyFen(ip.repeatAdmission.step),
                floor: moneyFen(ip.repeatAdmission.floor),
                reading: ip.repeatAdmission.reading,
                areas: new Set(ip.repeatAdmission.areas),
                counts: ip.repeatAdmission.counts
              }
            : null
        }
      : null,
    outpatient: op
      ? {
          source: op.source,
          basis: op.deductibleBasis,
          deductible: deductibleTable(op.deductible, op.source, '$.outpatient.deductible'),
          ratio: rateTable(op.ratio, op.source, '$.outpatient.ratio'),
          perVisitLimit: op.perVisitLimit === undefined ? null : limit(op.perVisitLimit, '$.outpatient.perVisitLimit'),
          annualLimit: limit(op.annualLimit, '$.outpatient.annualLimit')
        }
      : null,
    special: sp
      ? {
          source: sp.source,
          diseases: diseaseMap(sp.diseases, '$.specialOutpatient.diseases'),
          requireApproval: sp.requireApproval,
          areas: new Set(sp.areas),
          deductible: deductibleTable(sp.deductible, sp.source, '$.specialOutpatient.deductible'),
          ratio: rateTable(sp.ratio, sp.source, '$.specialOutpatient.ratio'),
          annualLimit: sp.annualLimit === undefined ? null : limit(sp.annualLimit, '$.specialOutpatient.annualLimit')
        }
      : null,
    bonus: doc.continuousYearsBonus
      ? {
          perYear: rate(doc.continuousYearsBonus.perYear, '$.continuousYearsBonus.perYear'),
          maxRate: rate(doc.continuousYearsBonus.maxRate, '$.continuousYearsBonus.maxRate'),
          kinds: new Set(doc.continuousYearsBonus.kinds),
          source: doc.continuousYearsBonus.source
        }
      : null,
    referral: ref
      ? {
          source: ref.source,
          rank: new Map(ref.tierOrder.map((t, i) => [t, i])),
          entryTier: ref.entryTier,
          penalty: rate(ref.penaltyPerLevel, '$.referral.penaltyPerLevel'),
          mode: ref.mode,
          deductibleIncrease: money(ref.deductibleIncrease, '$.referral.deductibleIncrease'),
          order: ref.order,
          kinds: new Set(ref.kinds)
        }
      : null,
    emergency: doc.emergency ?? null,
    cap: doc.annualCap
      ? {
          amount: limit(doc.annualCap.amount, '$.annualCap.amount'),
          kinds: new Set(doc.annualCap.kinds),
          above: doc.annualCap.above,
          aboveNote: doc.annualCap.aboveNote,
          source: doc.annualCap.source
        }
      : null,
    major: md
      ? {
          source: md.source,
          diseases: diseaseMap(md.diseases, '$.majorDiseases.diseases'),
          ratio: rate(md.ratio, '$.majorDiseases.ratio'),
          base: md.base,
          deductible: limit(md.deductible, '$.majorDiseases.deductible'),
          civilAffairsShare:
            md.civilAffairsShare === undefined ? null : rate(md.civilAffairsShare, '$.majorDiseases.civilAffairsShare'),
          cap: limit(md.cap, '$.majorDiseases.cap'),
          kinds: new Set(md.kinds),
          kindLimits: md.kindLimits,
          catastrophic: md.catastrophic
        }
      : null,
    benchmark: bp
      ? {
          source: bp.source,
          priceFrom: bp.priceFrom,
          overrun: bp.overrun,
          prices: new Map(
            (bp.prices ?? []).map((x, i) => [
              x.code,
              { label: x.label, list: x.list, price: money(x.price, `$.benchmarkPrice.prices[${i}].price`) }
            ])
          ),
          shares: bp.shares.map((s, i) => ({
            when: cond(s.when),
            value: { list: s.list, fundShare: rate(s.fundShare, `$.benchmarkPrice.shares[${i}].fundShare`) },
            label: s.label,
            path: `$.benchmarkPrice.shares[${i}]`
          }))
        }
      : null,
    catastrophic: cat
      ? {
          source: cat.source,
          threshold: money(cat.threshold, '$.catastrophic.threshold'),
          bands: cat.bands.map((b, i) => ({
            upTo: b.upTo === null ? null : moneyFen(b.upTo),
            rate: rate(b.rate, `$.catastrophic.bands[${i}].rate`)
          })),
          cap: limit(cat.cap, '$.catastrophic.cap'),
          kinds: new Set(cat.kinds),
          paidAt: cat.paidAt
        }
      : null,
    assistance: as
      ? {
          source: as.source,
          payer: as.payer,
          ruleChoice: as.ruleChoice,
          rules: as.rules.map((r, i) => ({
            id: r.id,
            label: r.label,
            groups: r.groups,
            rate: rate(r.rate, `$.assistance.rules[${i}].rate`),
            threshold: r.threshold === undefined ? null : money(r.threshold, `$.assistance.rules[${i}].threshold`),
            cap: limit(r.cap, `$.assistance.rules[${i}].cap`),
            path: `$.assistance.rules[${i}]`
          })),
          kinds: new Set(as.kinds)
        }
      : null,
    estimateShare: doc.estimate ? rate(doc.estimate.assumedEligibleShare, '$.estimate.assumedEligibleShare') : null,
    estimateSource: doc.estimate?.source ?? null
  }
}

const cache = new WeakMap<object, CompiledPolicy>()
const seriesCache = new WeakMap<object, CompiledPolicy[]>()

const bundledResolver: PolicyResolver = (id) => bundledPolicies[id]

/** Resolve, validate and compile one document (cached per document object). */
export function compilePolicy(
  doc: PolicyDocument | PolicyOverlay,
  resolve: PolicyResolver = bundledResolver
): CompiledPolicy {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new CalculatorError('POLICY_INVALID', '政策文件应当是一个 JSON 对象', '$')
  }
  const hit = cache.get(doc)
  if (hit) return hit
  const compiled = compileResolved(resolvePolicy(doc, resolve))
  cache.set(doc, compiled)
  return compiled
}

/** Compile one document or a series of versions; versions of a series must agree on region, scheme and version selection. */
export function compileSeries(input: PolicyInput, resolve: PolicyResolver = bundledResolver): CompiledPolicy[] {
  if (!Array.isArray(input)) return [compilePolicy(input as PolicyDocument, resolve)]
  const hit = seriesCache.get(input)
  if (hit) return hit
  if (input.length === 0) throw new CalculatorError('POLICY_NOT_FOUND', '没有提供任何政策文件', '$')
  const list = (input as readonly (PolicyDocument | PolicyOverlay)[]).map((d) => compilePolicy(d, resolve))
  const first = list[0]
  for (const c of list) {
    if (
      c.doc.regionCode !== first.doc.regionCode ||
      c.doc.scheme !== first.doc.scheme ||
      c.selection !== first.selection
    ) {
      throw new CalculatorError(
        'POLICY_INVALID',
        `同一组政策的地区、险种和版本选择方式必须一致：「${first.id}」与「${c.id}」不一致`,
        '$'
      )
    }
  }
  const sorted = [...list].sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0))
  seriesCache.set(input, sorted)
  return sorted
}

/** The version in force on `date`: latest effectiveFrom ≤ date, not past its effectiveTo. */
export function selectVersion(series: CompiledPolicy[], date: string): CompiledPolicy {
  for (const c of series) {
    if (c.from <= date) {
      if (c.to !== null && date > c.to) break
      return c
    }
  }
  const p = series[0]
  throw new CalculatorError(
    'NO_POLICY_FOR_DATE',
    `${date} 没有适用的政策（「${p.doc.regionName}」已有政策的有效期不包括这一天）`,
    '$'
  )
}
