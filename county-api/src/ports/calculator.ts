// Calculator port: what the server needs from the shared calculator. Every quote, settlement and
// year summary goes through shared-calculator.ts, which implements this interface. (Money text is
// converted by the calculator's money module, src/calculator/money.ts, imported where needed: the
// project's one fen↔yuan conversion.)
import type { Category, ClaimYearSummary as YearSummary, Payer, Step } from '../../../src/contract'
import type { EstimateComparison } from '../../../src/calculator'

export interface PolicyRecord {
  regionCode: string
  version: string
  effectiveFrom: string
  effectiveTo: string | null
  /** The calculator's policy document, as stored and served (the exact one used to settle). */
  document: unknown
}

export interface QuoteMember {
  personId: string
  birthDate: string
  categories: Category[]
  /** Already paid (or otherwise enrolled) for the year: not part of this payment. */
  alreadyEnrolled: boolean
  /** Not payable now for another reason (e.g. pending review). */
  excludedReason?: string
  /** Whole years missed since the last contribution (断保). */
  lapsedYears?: number
}

interface QuoteLineResult {
  personId: string
  payer: Payer
  categoryLabel: string
  standardFen: number
  subsidyFen: number
  paidByOthersFen: number
  arrearsFen: number
  dueFen: number
  benefitStart: string
  benefitEnd: string
}

export interface QuoteResult {
  policyVersion: string
  lines: QuoteLineResult[]
  totalFen: number
  payable: boolean
  issues: { code: string; message: string }[]
  steps: Step[]
  collectionPeriod: { start: string; end: string; open: boolean } | null
  /**
   * Set when the county takes no payment for the year on this date: the collection window has
   * not opened yet, or it is over and the policy takes no late payments (a waiting period for
   * payments outside the window) or a late one would start no benefit within the year.
   */
  collectionClosed: { from: string | null; to: string; reason: 'not_open_yet' | 'closed' } | null
  /** The calculator's own result object (ContributionQuote), passed to the app as is. */
  raw: unknown
}

export interface ClaimInput {
  claimId: string
  kind: 'inpatient' | 'outpatient' | 'chronic'
  institutionLevel: 'village' | 'township' | 'county' | 'city' | 'provincial'
  institutionGrade: string
  ownership: 'public' | 'private'
  admissionDate: string
  dischargeDate: string | null
  totalFen: number
  /** Part of the bill outside the catalogue (not reimbursable). */
  excludedFen: number
  referred: boolean
  /** Chronic (门诊特殊病种) claims: the approved disease code from the policy. */
  specialDisease?: string
  /**
   * Where the care was, when the county knows it (a bill claimed back by hand says whether it was
   * outside the county); otherwise read from the level: a city or provincial hospital is outside.
   */
  outOfCounty?: boolean
}

export interface SettleResult {
  policyVersion: string
  eligibleFen: number
  /** What insurance paid (the calculator's one definition: basic fund + 大病保险 + 医疗救助). */
  payoutFen: number
  /** The rest of the bill: the patient's and the household account's part. */
  selfFen: number
  steps: Step[]
  /** Opaque: pass to the next settle() of the same person and year. */
  historyAfter: unknown
  /** The calculator's Settlement object, stored and served as is. */
  raw: unknown
}

interface SettlePerson {
  birthDate: string
  categories: Category[]
  continuousYears: number
  /** The county's enrolment record for the claim's year (benefit dates after any waiting period). */
  enrolment?: { benefitStart: string; benefitEnd: string }
}

export interface EstimateResult {
  kind: string
  policyVersion: string
  total: string
  basicFund: string
  insurancePaid: string
  steps: Step[]
  /** the calculator's Estimate, kept as is */
  raw: unknown
}

export interface CalculatorPort {
  /** Policies for the demo county (the calculator's shipped demo policy and its yearly versions). */
  shippedPolicies(): PolicyRecord[]
  /** `steps: false`: the figures only (no explanation steps), for callers that show none. */
  quote(
    series: PolicyRecord[],
    members: QuoteMember[],
    year: number,
    asOf: string,
    paymentDate?: string,
    opts?: { steps?: boolean }
  ): QuoteResult
  settle(series: PolicyRecord[], person: SettlePerson, claim: ClaimInput, history: unknown, asOf: string): SettleResult
  /**
   * The calculator's year summary of the person's coverage year containing `date`, summed from
   * their stored settlements (SettleResult.raw, in any order; other years' are left out): totals,
   * deductibles, the annual cap, the outpatient limit, 大病保险. null when no claim was settled
   * and no policy is in force for that date.
   */
  /** The calculator's estimate (its Estimate object) of what a villager told about a stay. */
  estimate(series: PolicyRecord[], answers: unknown, asOf: string): EstimateResult
  /** An estimate and the settlement of the same stay compared figure by figure (the calculator's compareEstimate). */
  compareEstimate(estimate: unknown, settlement: unknown): EstimateComparison
  yearSummary(
    series: PolicyRecord[],
    settlements: unknown[],
    date: string,
    person: { categories: Category[] }
  ): YearSummary | null
}
