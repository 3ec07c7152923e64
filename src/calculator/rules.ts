// Who the claim is for and whether the fund pays at all: population group, preconditions
// and exclusions, referral levels skipped, the coverage year (settle.ts, the quote, the year summary).
import { AREA_LABEL, type CompiledPolicy } from './compile'
import { addDays, ageAtYearEnd, ageOn, coverageYearStart, yearOf } from './dates'
import { CalculatorError } from './errors'
import { memo } from './memo'
import type { CareArea, Claim, ClaimKind, CoverageYearSpan, ExclusionCode, Person, SourceRef, Step } from './types'

/** Which population group (e.g. students and minors vs others) the person belongs to. */
export function populationGroup(
  pol: CompiledPolicy,
  person: Person,
  serviceDate: string
): { id: string; label: string } | null {
  if (!pol.groups) return null
  const age =
    pol.groups.ageAt === 'year-end'
      ? ageAtYearEnd(person.birthDate, yearOf(serviceDate))
      : ageOn(person.birthDate, serviceDate)
  for (const g of pol.groups.list) if (personMatches(g.when, person, age)) return g
  throw new CalculatorError('NO_MATCHING_RULE', '政策的人群分类没有覆盖这位参保人', '$.populationGroups')
}

export function personMatches(
  w: { student?: boolean; ageUnder?: number; ageAtLeast?: number; groups?: string[]; anyOf?: unknown[] },
  p: { student?: boolean; groups?: string[] },
  age: number
): boolean {
  if (w.student !== undefined && (p.student === true) !== w.student) return false
  if (w.ageUnder !== undefined && !(age < w.ageUnder)) return false
  if (w.ageAtLeast !== undefined && !(age >= w.ageAtLeast)) return false
  if (w.groups !== undefined && !(p.groups ?? []).some((g) => w.groups!.includes(g))) return false
  if (w.anyOf !== undefined && !(w.anyOf as (typeof w)[]).some((alt) => personMatches(alt, p, age))) return false
  return true
}

/** Preconditions and exclusions; returns the reason when the fund pays nothing. */
export function checkExclusions(
  pol: CompiledPolicy,
  n: { claim: Claim; serviceDate: string; benefitStart?: string; benefitEnd?: string },
  area: CareArea,
  kind: ClaimKind
): { code: ExclusionCode; reason: string; source: SourceRef } | null {
  const c = n.claim
  const e = c.person.enrolment
  const base = pol.source
  if (e) {
    if (e.status === 'not-enrolled') return { code: 'NOT_ENROLLED', reason: '就医时没有参保', source: base }
    if (e.status === 'lapsed')
      return { code: 'LAPSED', reason: '就医时处于断保期间，断保期间的费用不报销', source: base }
    const start = n.benefitStart ?? e.benefitStart
    const end = n.benefitEnd ?? e.benefitEnd
    if (start !== undefined && n.serviceDate < start) {
      return { code: 'WAITING_PERIOD', reason: `还在等待期内，${start} 起才能报销`, source: base }
    }
    if (end !== undefined && n.serviceDate > end)
      return { code: 'COVERAGE_ENDED', reason: `待遇已于 ${end} 结束`, source: base }
  }
  const x = pol.exclusions
  if (!x) return null
  if (x.areas.includes(area))
    return { code: 'EXCLUDED_AREA', reason: `${AREA_LABEL[area]}的费用不在报销范围内`, source: x.source }
  if (
    x.requireDesignated &&
    !c.institution.designated &&
    !c.institution.approved &&
    c.area !== 'out-emergency' &&
    !c.emergency
  ) {
    return { code: 'NON_DESIGNATED', reason: '在非定点医疗机构就医且未经批准', source: x.source }
  }
  const cause = c.cause ?? 'illness'
  if (x.causes.includes(cause))
    return { code: 'EXCLUDED_CAUSE', reason: `${CAUSE_LABEL[cause] ?? cause}的费用不予报销`, source: x.source }
  if (cause === 'accident' || cause === 'medical-accident') {
    if (c.thirdPartyLiable === true) {
      if (x.thirdPartyLiable === 'excluded')
        return { code: 'THIRD_PARTY_LIABLE', reason: '有第三方责任人，应由责任方赔付', source: x.source }
    } else if (cause === 'accident') {
      const rule = x.accidentWithoutThirdParty
      if (rule === 'excluded') return { code: 'EXCLUDED_CAUSE', reason: '意外伤害不在报销范围内', source: x.source }
      if (typeof rule === 'object') {
        const age =
          rule.ageAt === 'year-end'
            ? ageAtYearEnd(c.person.birthDate, yearOf(n.serviceDate))
            : ageOn(c.person.birthDate, n.serviceDate)
        if (age < rule.coveredFromAge) {
          return {
            code: 'EXCLUDED_CAUSE',
            reason: `意外伤害只对${rule.ageAt === 'year-end' ? '当年年底满' : ''} ${rule.coveredFromAge} 周岁以上、无第三方责任的参保人按普通疾病报销`,
            source: x.source
          }
        }
      }
    }
  }
  void kind
  return null
}

const CAUSE_LABEL: Record<string, string> = {
  'self-harm': '自杀、自残',
  fight: '打架斗殴',
  drunkenness: '酗酒',
  drugs: '吸毒',
  crime: '违法犯罪',
  'medical-accident': '医疗事故',
  childbirth: '生育',
  'family-planning': '计划生育手术',
  cosmetic: '美容整形',
  'other-violation': '违反规定'
}

/** Tiers skipped without referral approval (seed 000 C5); 0 when no penalty applies. */
export function referralLevelsSkipped(
  pol: CompiledPolicy,
  c: Claim,
  kind: ClaimKind,
  area: CareArea,
  S: Step[] | null
): number {
  const r = pol.referral
  if (!r || !r.kinds.has(kind) || area !== 'local' || c.emergency) return 0
  if (c.referral === undefined || c.referral.approved) return 0
  const tier = c.institution.tier
  if (tier === undefined)
    throw new CalculatorError(
      'UNKNOWN_INSTITUTION_LEVEL',
      '计算未转诊的降低比例需要知道医院层级（村、乡、县、市、省）',
      '$.institution.tier'
    )
  const at = r.rank.get(tier)
  const entry = r.rank.get(c.referral.expectedTier ?? r.entryTier)
  if (at === undefined || entry === undefined) return 0
  const skipped = at - entry
  if (S && skipped <= 0) S.push({ rule: 'referral.not-needed', label: '在首诊层级就医，不需要转诊', source: r.source })
  return skipped > 0 ? skipped : 0
}

/** The coverage year containing `date` for this person: students by the school year when the policy has one. */
export function coverageYearOf(pol: CompiledPolicy, date: string, student: boolean | undefined): CoverageYearSpan {
  const first = student === true && pol.studentCoverageStart !== null ? pol.studentCoverageStart : pol.coverageStart
  return spanOf(date, first)
}

/** year's first day "MM-DD" → date → its coverage year (frozen: settlements share them) */
const SPANS = memo<string, Map<string, CoverageYearSpan>>()
// mutation: not money — a memo of coverageYearSpan (a county-year has a few hundred dates; emptied between mutants)
function spanOf(date: string, first: string): CoverageYearSpan {
  let byDate = SPANS.get(first)
  if (byDate === undefined) SPANS.set(first, (byDate = new Map()))
  let span = byDate.get(date)
  if (span === undefined) {
    if (byDate.size >= 10_000) byDate.clear()
    span = Object.freeze(coverageYearSpan(date, first))
    byDate.set(date, span)
  }
  return span
}
function coverageYearSpan(date: string, first: string): CoverageYearSpan {
  const start = coverageYearStart(date, first)
  return { start, end: addDays(`${String(yearOf(start) + 1).padStart(4, '0')}${start.slice(4)}`, -1) }
}
