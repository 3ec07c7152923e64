// The one module that talks to the shared calculator (src/calculator).
// PROVISIONAL: until src/calculator/index.ts lands this implements the port over a
// reference policy document kept here; it is replaced by calls to the calculator.
import Decimal from 'decimal.js'
import type { Category, Payer, Step } from '../../../src/contract'
import type { CalculatorPort, ClaimInput, CoverageResult, PolicyRecord, QuoteResult, SettleResult, SettledHistoryItem } from './port'

interface ProvisionalPolicy {
  note: string
  contribution: { standard: string; collection: { start: string; end: string }; subsidies: Record<string, { payer: Payer; share: string }> }
  inpatient: Record<string, { deductible: string; ratio: string }>
  outpatient: { ratio: string; annualLimit: string }
  cap: string
  waitingDays: number
}

const provisional: PolicyRecord = {
  regionCode: '990101',
  version: '2026.1-provisional',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-12-31',
  document: {
    note: 'provisional reference policy used until the shared calculator ships its demo county policy',
    contribution: {
      standard: '400.00',
      collection: { start: '2025-09-01', end: '2025-12-31' },
      subsidies: {
        wubao: { payer: 'civil_affairs', share: '1' }, tekun: { payer: 'civil_affairs', share: '1' },
        dibao: { payer: 'civil_affairs', share: '0.5' }, poverty: { payer: 'civil_affairs', share: '0.5' },
        family_planning: { payer: 'family_planning', share: '1' }
      }
    },
    inpatient: {
      village: { deductible: '100.00', ratio: '0.85' }, township: { deductible: '200.00', ratio: '0.80' },
      county: { deductible: '500.00', ratio: '0.70' }, city: { deductible: '800.00', ratio: '0.60' }, provincial: { deductible: '1200.00', ratio: '0.50' }
    },
    outpatient: { ratio: '0.50', annualLimit: '300.00' },
    cap: '150000.00',
    waitingDays: 90
  } satisfies ProvisionalPolicy
}

const fen = (yuan: string | Decimal) => new Decimal(yuan).mul(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
const yuan = (f: number | Decimal) => new Decimal(f).div(100).toFixed(2)

function forYear(year: number): PolicyRecord {
  return { ...provisional, version: `${year}.1-provisional`, effectiveFrom: `${year}-01-01`, effectiveTo: `${year}-12-31`,
    document: { ...(provisional.document as ProvisionalPolicy), contribution: { ...(provisional.document as ProvisionalPolicy).contribution, collection: { start: `${year - 1}-09-01`, end: `${year - 1}-12-31` } } } }
}

export const calculator: CalculatorPort = {
  shippedPolicies() {
    return [forYear(2024), forYear(2025), forYear(2026), forYear(2027)]
  },

  quote(policy, members, _year, _asOf): QuoteResult {
    const doc = policy.document as ProvisionalPolicy
    const standard = fen(doc.contribution.standard)
    const steps: Step[] = []
    const lines = members.map((m) => {
      const sub = m.categories.map((c: Category) => doc.contribution.subsidies[c]).filter(Boolean)
        .sort((a, b) => new Decimal(b.share).cmp(a.share))[0]
      const subsidyFen = sub ? fen(new Decimal(doc.contribution.standard).mul(sub.share)) : 0
      const dueFen = m.alreadyEnrolled ? 0 : standard - subsidyFen
      steps.push({ ruleId: 'contribution.member', label: '个人缴费', before: yuan(standard), after: yuan(dueFen), amount: yuan(subsidyFen) })
      return { personId: m.personId, payer: (sub && sub.share === '1' ? sub.payer : 'self') as Payer, standardFen: standard, subsidyFen, dueFen }
    })
    const totalFen = lines.reduce((s, l) => s + l.dueFen, 0)
    return { lines, totalFen, steps, collectionPeriod: doc.contribution.collection }
  },

  settle(policy, _person, claim: ClaimInput, history: SettledHistoryItem[]): SettleResult {
    const doc = policy.document as ProvisionalPolicy
    const capFen = fen(doc.cap)
    const usedFen = history.reduce((s, h) => s + h.payoutFen, 0)
    const eligibleFen = Math.max(0, claim.totalFen - claim.excludedFen)
    const steps: Step[] = [{ ruleId: 'eligible', label: '目录内费用', before: yuan(claim.totalFen), after: yuan(eligibleFen) }]
    let payout: Decimal
    if (claim.kind === 'outpatient') {
      payout = new Decimal(eligibleFen).mul(doc.outpatient.ratio)
      steps.push({ ruleId: 'outpatient.ratio', label: '门诊报销比例', amount: yuan(payout.toDecimalPlaces(0)), params: { ratio: doc.outpatient.ratio } })
    } else {
      const rule = doc.inpatient[claim.institutionLevel]
      const afterDeductible = Math.max(0, eligibleFen - fen(rule.deductible))
      steps.push({ ruleId: 'inpatient.deductible', label: '减去起付线', before: yuan(eligibleFen), after: yuan(afterDeductible), params: { deductible: rule.deductible } })
      payout = new Decimal(afterDeductible).mul(rule.ratio)
      steps.push({ ruleId: 'inpatient.ratio', label: '按比例报销', before: yuan(afterDeductible), after: yuan(payout.toDecimalPlaces(0)), params: { ratio: rule.ratio } })
    }
    let payoutFen = payout.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
    if (usedFen + payoutFen > capFen) {
      const capped = Math.max(0, capFen - usedFen)
      steps.push({ ruleId: 'cap', label: '年度封顶线', before: yuan(payoutFen), after: yuan(capped), params: { cap: doc.cap } })
      payoutFen = capped
    }
    return { eligibleFen, payoutFen, selfFen: claim.totalFen - payoutFen, capFen, steps }
  },

  coverage(policy, year, paidDate, continuous): CoverageResult {
    const doc = policy.document as ProvisionalPolicy
    const start = `${year}-01-01`
    const end = `${year}-12-31`
    const late = paidDate > doc.contribution.collection.end
    if (!late || continuous) return { start, end, waitingEnd: null }
    const waiting = new Date(Date.parse(`${paidDate}T00:00:00Z`) + doc.waitingDays * 86400000).toISOString().slice(0, 10)
    return { start, end, waitingEnd: waiting > start ? waiting : null }
  }
}
