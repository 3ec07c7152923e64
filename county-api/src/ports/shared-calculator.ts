// The one module that talks to the shared calculator (src/calculator).
// Mapping decisions (the calculator API has no county-side notions, so they live here):
// - our person categories → the calculator's `groups` (disabled → severe-disability);
// - members already enrolled for the year → `enrolling: false` with an exempt reason, so a
//   household-unit policy does not refuse the rest of the household;
// - the demo policy ships for 2026 only: the demo county's 2024, 2025 and 2027 versions are the
//   same rules with their own dates and collection periods (demo data, marked as such).
import {
  DEMO_POLICY_ID,
  compareEstimate,
  estimate,
  fenToYuan,
  isCalculatorError,
  loadBundledPolicy,
  quoteContribution,
  settleClaim,
  yearSummary,
  yuanToFen,
  type Claim,
  type ClaimHistory,
  type Estimate,
  type EstimateAnswers,
  type ContributionQuote,
  type Member,
  type PolicyDocument,
  type Settlement
} from '../../../src/calculator'
import type { Category, Payer, Step } from '../../../src/contract'
import type { CalculatorPort, ClaimInput, PolicyRecord, QuoteResult, SettleResult } from './calculator'
import { ApiFailure } from '../errors'

/** A calculator refusal as an API error: no policy → POLICY_NOT_FOUND, anything else → 400 with its Chinese message. */
export function calculatorFailure(e: unknown): ApiFailure | null {
  if (!isCalculatorError(e)) return null
  if (e.code === 'NO_POLICY_FOR_DATE' || e.code === 'POLICY_NOT_FOUND')
    return new ApiFailure('POLICY_NOT_FOUND', { calculator: e.code })
  return new ApiFailure('BAD_REQUEST', { calculator: e.code }, e.message)
}

const GROUPS: Partial<Record<Category, string>> = {
  wubao: 'wubao',
  tekun: 'tekun',
  dibao: 'dibao',
  family_planning: 'family-planning',
  disabled: 'severe-disability',
  poverty: 'dibao-edge'
}

const PAYERS: Record<string, Payer> = {
  'civil-affairs': 'civil_affairs',
  'family-planning': 'family_planning',
  'disabled-federation': 'disabled_federation',
  'veterans-affairs': 'veterans_affairs',
  employer: 'employer'
}

function groupsOf(categories: Category[]): string[] {
  return categories.map((c) => GROUPS[c]).filter((g): g is string => g !== undefined)
}

/**
 * The documents a version cites, dated for its own year: the 2026 version's 演示县城乡居民医保2026年
 * 待遇演示方案 (演示医保发〔2025〕1号) is, for 2025, the 2025 方案 issued in 2024 — a 2025 claim
 * never cites the 2026 document.
 */
function citeOwnYear<T>(v: T, year: number): T {
  if (Array.isArray(v)) return v.map((x) => citeOwnYear(x, year)) as T
  if (!v || typeof v !== 'object') return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    if (k === 'source' && x && typeof x === 'object' && !Array.isArray(x)) {
      const src = { ...(x as { title?: string; docNo?: string }) }
      if (src.title) src.title = src.title.replace('2026年', `${year}年`)
      if (src.docNo) src.docNo = src.docNo.replace('〔2025〕', `〔${year - 1}〕`)
      out[k] = src
    } else out[k] = citeOwnYear(x, year)
  }
  return out as T
}

function yearVersion(base: PolicyDocument, year: number): PolicyDocument {
  const shift = (d: string) => `${Number(d.slice(0, 4)) + (year - 2026)}${d.slice(4)}`
  const con = base.contribution
  return {
    ...citeOwnYear(base, year),
    id: `${base.id.replace(/-2026$/, '')}-${year}`,
    title: base.title.replace('2026', String(year)),
    version: `${year}.1`,
    effectiveFrom: `${year}-01-01`,
    effectiveTo: `${year}-12-31`,
    notes: [...(base.notes ?? []), `演示数据：${year} 年版本沿用 2026 年演示方案的规则，只调整日期和缴费期。`],
    contribution: con && {
      ...con,
      collection: con.collection && {
        ...con.collection,
        ...(con.collection.from ? { from: shift(con.collection.from) } : {}),
        to: shift(con.collection.to),
        ...(con.collection.deadline ? { deadline: shift(con.collection.deadline) } : {})
      }
    }
  }
}

let cache: PolicyRecord[] | null = null

const seriesOf = new WeakMap<PolicyRecord[], PolicyDocument[]>()
function series(records: PolicyRecord[]): PolicyDocument[] {
  // The calculator caches a compiled series by array identity: hand it the same array every time.
  let docs = seriesOf.get(records)
  if (!docs) {
    docs = [...records]
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))
      .map((r) => r.document as PolicyDocument)
    seriesOf.set(records, docs)
  }
  return docs
}

/** See QuoteResult.collectionClosed: the policy's window, and whether it takes late payments. */
function collectionClosed(
  records: PolicyRecord[],
  q: ContributionQuote,
  paymentDate: string
): QuoteResult['collectionClosed'] {
  const c = q.collection
  if (!c || c.open) return null
  if (c.from !== null && paymentDate < c.from) return { from: c.from, to: c.to, reason: 'not_open_yet' }
  const doc = records.find((r) => r.version === q.policyVersion)?.document as PolicyDocument | undefined
  const takesLate =
    doc?.contribution?.waitingPeriod?.appliesTo === 'outside-collection' &&
    q.members.some((m) => m.benefitStart <= m.benefitEnd)
  return takesLate ? null : { from: c.from, to: c.to, reason: 'closed' }
}

function toSteps(
  steps: {
    rule: string
    label: string
    before?: string
    after?: string
    params?: Record<string, string>
    source?: unknown
  }[]
): Step[] {
  return steps.map((s) => ({ ...s })) as Step[]
}

export const calculator: CalculatorPort = {
  shippedPolicies() {
    if (!cache) {
      const base = loadBundledPolicy(DEMO_POLICY_ID)
      // one version a year from 2024 to the year after the current one (Beijing time), so the
      // demo county keeps a policy for the year being collected whenever it is started
      const last = Math.max(2027, new Date(Date.now() + 8 * 3600_000).getUTCFullYear() + 1)
      const years = Array.from({ length: last - 2024 + 1 }, (_, i) => 2024 + i)
      cache = years
        .map((y) => (y === 2026 ? base : yearVersion(base, y)))
        .map((d) => ({
          regionCode: d.regionCode,
          version: d.version,
          effectiveFrom: d.effectiveFrom,
          effectiveTo: d.effectiveTo ?? null,
          document: d
        }))
    }
    return cache
  },

  quote(records, members, year, asOf, paymentDate, opts): QuoteResult {
    const calcMembers: Member[] = members.map((m) => ({
      id: m.personId,
      birthDate: m.birthDate,
      student: m.categories.includes('student'),
      groups: groupsOf(m.categories),
      ...(m.alreadyEnrolled
        ? { enrolling: false, exemptReason: '本年度已参保' }
        : m.excludedReason
          ? { enrolling: false, exemptReason: m.excludedReason }
          : {}),
      ...(m.lapsedYears ? { lapsedYears: m.lapsedYears } : {})
    }))
    let q: ContributionQuote
    try {
      q = quoteContribution(series(records), { members: calcMembers, ...(paymentDate ? { paymentDate } : {}) }, asOf, {
        coverageYear: year,
        ...(opts?.steps === false ? { steps: false } : {})
      })
    } catch (e) {
      // "nobody left to pay for" is an answer, not an error
      if (isCalculatorError(e) && calcMembers.every((m) => m.enrolling === false)) {
        return {
          policyVersion: '',
          lines: [],
          totalFen: 0,
          payable: false,
          issues: [],
          steps: [],
          collectionPeriod: null,
          collectionClosed: null,
          raw: null
        }
      }
      throw e
    }
    return {
      policyVersion: q.policyVersion,
      lines: q.members.map((mq) => {
        const dueFen = yuanToFen(mq.due)
        return {
          personId: mq.memberId,
          payer: dueFen === 0 && mq.paidBy.length > 0 ? (PAYERS[mq.paidBy[0].payer] ?? 'civil_affairs') : 'self',
          categoryLabel: mq.categoryLabel,
          standardFen: yuanToFen(mq.standard),
          subsidyFen: yuanToFen(mq.subsidy),
          paidByOthersFen: mq.paidBy.reduce((sum, p) => sum + yuanToFen(p.amount), 0),
          arrearsFen: yuanToFen(mq.arrears),
          dueFen,
          benefitStart: mq.benefitStart,
          benefitEnd: mq.benefitEnd
        }
      }),
      totalFen: yuanToFen(q.due),
      payable: q.payable,
      issues: q.issues.map((i) => ({ code: i.code, message: i.message })),
      steps: toSteps(q.steps),
      collectionPeriod:
        q.collection && q.collection.from
          ? { start: q.collection.from, end: q.collection.to, open: q.collection.open }
          : null,
      collectionClosed: collectionClosed(records, q, paymentDate ?? asOf),
      raw: q
    }
  },

  settle(records, person, c: ClaimInput, history, asOf): SettleResult {
    const grade = c.institutionGrade.includes('甲')
      ? 'A'
      : c.institutionGrade.includes('乙')
        ? 'B'
        : c.institutionGrade.includes('丙')
          ? 'C'
          : undefined
    const level = c.institutionGrade.startsWith('三')
      ? 3
      : c.institutionGrade.startsWith('二')
        ? 2
        : c.institutionGrade.startsWith('一')
          ? 1
          : undefined
    const outside = c.outOfCounty ?? (c.institutionLevel === 'city' || c.institutionLevel === 'provincial')
    const claim: Claim = {
      id: c.claimId,
      kind: c.kind === 'chronic' ? 'special-outpatient' : c.kind,
      person: {
        birthDate: person.birthDate,
        student: person.categories.includes('student'),
        groups: groupsOf(person.categories),
        continuousYears: person.continuousYears,
        ...(person.enrolment
          ? {
              enrolment: {
                status: 'enrolled' as const,
                benefitStart: person.enrolment.benefitStart,
                benefitEnd: person.enrolment.benefitEnd
              }
            }
          : {})
      },
      institution: {
        designated: true,
        tier: c.institutionLevel,
        ownership: c.ownership,
        ...(level ? { level } : {}),
        ...(grade ? { grade } : {})
      },
      area: outside ? (c.referred ? 'out-referred' : 'out-unfiled') : 'local',
      ...(c.kind === 'inpatient'
        ? { admissionDate: c.admissionDate, dischargeDate: c.dischargeDate ?? c.admissionDate }
        : { serviceDate: c.admissionDate }),
      settlementDate: asOf,
      bill: {
        total: fenToYuan(c.totalFen),
        lines: [
          { class: 'A', amount: fenToYuan(c.totalFen - c.excludedFen) },
          ...(c.excludedFen > 0 ? [{ class: 'self-pay' as const, amount: fenToYuan(c.excludedFen) }] : [])
        ]
      },
      ...(outside ? { referral: { approved: c.referred } } : {}),
      ...(c.kind === 'chronic' && c.specialDisease
        ? { specialDisease: { code: c.specialDisease, approved: true } }
        : {})
    }
    const s: Settlement = settleClaim(series(records), claim, history as ClaimHistory | undefined, asOf)
    const payoutFen = yuanToFen(s.insurancePaid)
    return {
      policyVersion: s.policyVersion,
      eligibleFen: yuanToFen(s.eligible),
      payoutFen,
      selfFen: c.totalFen - payoutFen,
      steps: toSteps(s.steps),
      historyAfter: s.historyAfter,
      raw: s
    }
  },

  estimate(records, answers, asOf) {
    const e: Estimate = estimate(series(records), answers as EstimateAnswers, asOf)
    return {
      kind: e.kind,
      policyVersion: e.policyVersion,
      total: e.total,
      basicFund: e.basicFund,
      insurancePaid: e.insurancePaid,
      steps: toSteps(e.steps),
      raw: e
    }
  },

  compareEstimate(e, s) {
    return compareEstimate(e as Settlement, s as Settlement)
  },

  yearSummary(records, settlements, date, person) {
    try {
      return yearSummary(series(records), settlements as Settlement[], date, {
        student: person.categories.includes('student')
      })
    } catch (e) {
      // no claim that year and no policy in force then: nothing to sum, no limits to show
      if (isCalculatorError(e) && e.code === 'NO_POLICY_FOR_DATE' && settlements.length === 0) return null
      throw e
    }
  }
}
