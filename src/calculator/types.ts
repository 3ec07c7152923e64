// Public types of the shared calculator. Amounts and rates are strings at every
// boundary ("1234.50", "0.70"); dates are ISO "YYYY-MM-DD" strings.
// Field names are English; the glossary (Chinese ⇄ identifier) is in README.md.
// The policy document's types are generated from its one definition (policy-format.ts)
// into policy-types.ts; the rest (claims, results, households) are here.
import type {
  CareArea,
  Cause,
  ClaimKind,
  HospitalGrade,
  HospitalLevel,
  InstitutionTier,
  IsoDate,
  MoneyString,
  Ownership,
  PaidBy,
  PolicyDocument,
  RateString,
  SourceRef
} from './policy-types'

export type * from './policy-types'

/** A document as written, possibly partial because it extends a baseline. */
export type PolicyOverlay = Partial<PolicyDocument> & { id: string; extends: string }

// ---------------------------------------------------------------- claims

/** The payment that enrolled a person: what a quote (MemberQuote.enrolment) and its payment produce. */
export interface EnrolmentPayment {
  /** the coverage year paid for */
  coverageYear: number
  /** the day it was paid */
  paidOn: IsoDate
  /** years of arrears paid with it after a lapse (0 or absent: none) */
  lapsedYears?: number
}
export interface Enrolment {
  status: 'enrolled' | 'not-enrolled' | 'lapsed'
  /** first day benefits apply (after the waiting period); give this, or `paid` and let the calculator work it out */
  benefitStart?: IsoDate
  benefitEnd?: IsoDate
  /** the enrolment record: benefit start and end are computed from it by the policy's rules */
  paid?: EnrolmentPayment
}
export interface Person {
  id?: string
  birthDate: IsoDate
  student?: boolean
  /** subsidised or special groups: wubao 五保, dibao 低保, tekun 特困, severe-disability 重度残疾, dibao-edge 低保边缘, youfu 优抚, family-planning 计生 */
  groups?: string[]
  /** full years of continuous contribution before this year */
  continuousYears?: number
  /** absent: the county system has checked enrolment (stated as a step) */
  enrolment?: Enrolment
}
export interface Institution {
  code?: string
  name?: string
  /** 定点医疗机构 */
  designated: boolean
  /** treatment at a non-designated institution approved by the agency */
  approved?: boolean
  level?: HospitalLevel
  grade?: HospitalGrade
  tier?: InstitutionTier
  ownership?: Ownership
}
/** 甲/乙/丙 catalogue classes, fully self-paid items (自费) */
export type BillLineClass = 'A' | 'B' | 'C' | 'self-pay'
export interface BillLine {
  class: BillLineClass
  amount: MoneyString
  /** part of the amount above the price limit (超限价), paid by the patient */
  overLimit?: MoneyString
  label?: string
}
export interface Claim {
  id?: string
  kind: ClaimKind
  person: Person
  institution: Institution
  area: CareArea
  /** inpatient: admission and discharge; outpatient: serviceDate */
  admissionDate?: IsoDate
  dischargeDate?: IsoDate
  serviceDate?: IsoDate
  /** date the claim is settled; defaults to asOf */
  settlementDate?: IsoDate
  /** the bill; without lines the whole total counts as class A */
  bill: { total: MoneyString; lines?: BillLine[] }
  referral?: { approved: boolean; expectedTier?: InstitutionTier }
  emergency?: { died?: boolean }
  cause?: Cause
  thirdPartyLiable?: boolean
  /** code on the policy's major-disease list */
  majorDisease?: string
  specialDisease?: { code: string; approved: boolean }
  benchmark?: { disease: string; list: string; price?: MoneyString }
  /** pay the patient's share from the household account if the policy allows */
  useHouseholdAccount?: boolean
}

/**
 * The person's coverage year so far. Every field is optional and defaults to zero.
 * Amounts are year totals (sums of bills), each up to 10 亿元, not one bill's 1 亿
 * (docs/policy-format.md §4); every `historyAfter` the calculator returns is within that
 * and is accepted back.
 */
export interface ClaimHistory {
  /** first day of the coverage year these totals belong to (every historyAfter says it); absent: the claim's own year */
  coverageYear?: IsoDate
  /** admissions already settled this coverage year, by area (each 0–366) */
  admissions?: Partial<Record<CareArea, number>>
  /** deductible of the last in-area admission (for the 'from-previous' reading) */
  lastDeductible?: MoneyString | null
  /** basic fund paid towards the annual cap */
  fundPaid?: MoneyString
  outpatientFundPaid?: MoneyString
  outpatientDeductibleMet?: MoneyString
  specialFundPaid?: MoneyString
  specialDeductibleMet?: MoneyString
  majorDiseaseFundPaid?: MoneyString
  /** in-policy self-pay so far (towards the catastrophic threshold) */
  catastrophicBase?: MoneyString
  catastrophicPaid?: MoneyString
  assistanceBase?: MoneyString
  assistancePaid?: MoneyString
  householdAccountBalance?: MoneyString
}
export type FullClaimHistory = Required<Omit<ClaimHistory, 'admissions' | 'lastDeductible'>> & {
  admissions: Record<CareArea, number>
  lastDeductible: MoneyString | null
}

// ---------------------------------------------------------------- results

export interface Step {
  /** rule id, e.g. 'inpatient.deductible' */
  rule: string
  /** plain Chinese for villagers */
  label: string
  before?: MoneyString
  after?: MoneyString
  /** policy values used, as strings */
  params?: Record<string, string>
  source?: SourceRef
}

export type ExclusionCode =
  | 'NOT_ENROLLED'
  | 'LAPSED'
  | 'WAITING_PERIOD'
  | 'COVERAGE_ENDED'
  | 'NON_DESIGNATED'
  | 'EXCLUDED_CAUSE'
  | 'THIRD_PARTY_LIABLE'
  | 'EXCLUDED_AREA'
  | 'SPECIAL_DISEASE_NOT_APPROVED'
  | 'SPECIAL_DISEASE_NOT_LISTED'
  | 'NOT_COVERED'

/** A coverage year (参保年度): first and last day. */
export interface CoverageYearSpan {
  start: IsoDate
  end: IsoDate
}

/** What one claim adds to the person's coverage-year totals; a year summary sums these. */
export interface YearAdds {
  /** basic fund counted towards the annual cap (封顶线) */
  capFund: MoneyString
  /** basic fund counted towards the general-outpatient yearly limit */
  outpatientFund: MoneyString
  /** basic fund counted towards the 门特 yearly limit */
  specialFund: MoneyString
  /** major-disease fund (its own cap) */
  majorDiseaseFund: MoneyString
  /** in-policy self-pay counted towards the 大病保险 threshold */
  catastrophicBase: MoneyString
  /** inpatient admissions counted (0 or 1) */
  admissions: number
}

export interface Settlement {
  claimId?: string
  policyId: string
  policyVersion: string
  kind: ClaimKind
  /** the date that picked the policy version */
  versionDate: IsoDate
  outcome: 'paid' | 'nothing-payable' | 'excluded'
  exclusion?: { code: ExclusionCode; reason: string }
  /** 总费用 */
  total: MoneyString
  /** 自费: fully self-paid, out-of-scope, first self-pay parts */
  selfPaid: MoneyString
  /** 政策范围内费用 */
  eligible: MoneyString
  /** 起付线 applied */
  deductible: MoneyString
  /** 报销比例 applied (after bonus and penalties); null where no single ratio applies */
  ratio: RateString | null
  /** 基本医保统筹基金 */
  basicFund: MoneyString
  /** 大病保险 */
  catastrophic: MoneyString
  /** 医疗救助 and civil-affairs relief */
  assistance: MoneyString
  /** 家庭账户 */
  householdAccount: MoneyString
  /** 医院承担: the eligible cost above a benchmark price, when the policy has the institution bear it (else "0.00") */
  institutionBears: MoneyString
  /** 个人负担: the residual, so all parts add up to total exactly */
  patientPays: MoneyString
  /**
   * What insurance paid (医保报销): basicFund + catastrophic + assistance. Not the household
   * account, which is the family's own money: total = insurancePaid + householdAccount +
   * institutionBears + patientPays.
   */
  insurancePaid: MoneyString
  /** which rule set the basic fund's amount: ordinary deductible × ratio, major disease, benchmark price; null when the fund had nothing to settle */
  fundBasis: 'deductible-ratio' | 'major-disease' | 'benchmark-price' | null
  /** the coverage year the claim counts in (by the date that picks the policy version; students by their school year) */
  coverageYear: CoverageYearSpan
  /** what this claim adds to the coverage year's totals (historyAfter − history) */
  yearAdds: YearAdds
  /** fund share cut off by the cap */
  overCap: MoneyString
  /** cap left after this claim; null when there is no cap */
  capRemaining: MoneyString | null
  steps: Step[]
  historyAfter: FullClaimHistory
}

export interface Estimate extends Settlement {
  /** assumptions the estimate made (also present in steps) */
  assumptions: Step[]
}

// ---------------------------------------------------------------- contributions

export interface Member {
  id: string
  name?: string
  birthDate: IsoDate
  student?: boolean
  schoolFundedBy?: 'county' | 'other'
  groups?: string[]
  /** false: this member is not being paid for now */
  enrolling?: boolean
  /** covered elsewhere (e.g. employee insurance), so not required to enrol with the household */
  exemptReason?: string
  /** whole years missed since the last contribution (断保) */
  lapsedYears?: number
}
export interface Household {
  id?: string
  members: Member[]
  /** date the payment is made; defaults to asOf */
  paymentDate?: IsoDate
}
export interface MemberQuote {
  memberId: string
  category: string
  categoryLabel: string
  /** subsidised-group rule applied, if any */
  subsidisedGroup: string | null
  standard: MoneyString
  subsidy: MoneyString
  personal: MoneyString
  paidBy: PaidBy[]
  subsidySplit: { payer: string; label: string; amount: MoneyString }[]
  householdAccountCredit: MoneyString
  /** back-payment for lapsed years, no subsidy */
  arrears: MoneyString
  /** personal + arrears: what the household pays for this member now */
  due: MoneyString
  benefitStart: IsoDate
  benefitEnd: IsoDate
  /** goes to the pooled fund (统筹基金): standard − householdAccountCredit */
  pooled: MoneyString
  /** the enrolment record once this quote is paid on `paid.paidOn` (give it to settleClaim as person.enrolment) */
  enrolment: { status: 'enrolled'; paid: EnrolmentPayment }
  steps: Step[]
}
export interface ContributionQuote {
  policyId: string
  policyVersion: string
  coverageYear: number
  members: MemberQuote[]
  standard: MoneyString
  subsidy: MoneyString
  paidByOthers: MoneyString
  personal: MoneyString
  arrears: MoneyString
  /** what the household pays now */
  due: MoneyString
  householdAccountCredit: MoneyString
  /** goes to the pooled fund (统筹基金): standard − householdAccountCredit, all members */
  pooled: MoneyString
  collection: { from: IsoDate | null; to: IsoDate; deadline: IsoDate | null; open: boolean } | null
  /** false when the payment must not be taken (e.g. part of the household) */
  payable: boolean
  issues: { code: 'HOUSEHOLD_INCOMPLETE' | 'OUTSIDE_COLLECTION'; message: string; memberIds?: string[] }[]
  steps: Step[]
}

// ---------------------------------------------------------------- estimate

export interface EstimateAnswers {
  kind: ClaimKind
  institution: Omit<Institution, 'designated'> & { designated?: boolean }
  area?: CareArea
  /** rough bill in yuan */
  billAmount: MoneyString
  /** admissions already this coverage year (inpatient) */
  admissionsThisYear?: number
  referralApproved?: boolean
  birthDate?: IsoDate
  age?: number
  student?: boolean
  groups?: string[]
  continuousYears?: number
  fundPaidThisYear?: MoneyString
  /** in-policy self-pay already this year (towards the 大病保险 threshold), and what 大病保险 paid */
  catastrophicBaseThisYear?: MoneyString
  catastrophicPaidThisYear?: MoneyString
  /** date of care; defaults to asOf */
  date?: IsoDate
  majorDisease?: string
  specialDisease?: string
}

// ---------------------------------------------------------------- options

export interface CalcOptions {
  /** false: skip building steps (faster batch settling); default true */
  steps?: boolean
  /**
   * true: refuse (INVALID_INPUT, naming the field) a claim that leaves out a fact a rule of
   * this policy needs (referral approval, cause, third party, continuous years, student,
   * groups, enrolment…) instead of settling it as if the fact were "no". The county CLI
   * settles strictly; estimates never do (they list their assumptions).
   */
  strict?: boolean
  /** look up baseline documents for `extends`; defaults to the bundled policies */
  resolve?: (id: string) => PolicyDocument | PolicyOverlay | undefined
}

/** One policy document or several versions of the same region and scheme. */
export type PolicyInput = PolicyDocument | PolicyOverlay | readonly (PolicyDocument | PolicyOverlay)[]

export interface ValidationProblem {
  path: string
  message: string
}
