// Public types of the shared calculator. Amounts and rates are strings at every
// boundary ("1234.50", "0.70"); dates are ISO "YYYY-MM-DD" strings.
// Field names are English; the glossary (Chinese ⇄ identifier) is in README.md.

export type MoneyString = string
export type RateString = string
export type IsoDate = string

/** A figure the source documents do not give. A claim that needs it is refused. */
export interface MissingFigure {
  missing: true
  note: string
}
export type MoneyParam = MoneyString | MissingFigure
export type RateParam = RateString | MissingFigure
/** An explicit "no cap" (e.g. seed 003: some counties lift the cap for major diseases). */
export interface NoLimit {
  none: true
  note?: string
}
export type LimitParam = MoneyString | MissingFigure | NoLimit

export interface SourceRef {
  title: string
  docNo?: string
  clause?: string
  url?: string
  note?: string
}

export type Scheme = 'ncms' | 'resident'
/** Which date of a claim picks the policy version (seed 000 C changed on 1 Aug). */
export type VersionSelection = 'admission' | 'discharge' | 'settlement'
/** 一级/二级/三级 */
export type HospitalLevel = 1 | 2 | 3
/** 甲/乙/丙 等 */
export type HospitalGrade = 'A' | 'B' | 'C'
/** 村/乡镇/县(区)/市/省 */
export type InstitutionTier = 'village' | 'township' | 'county' | 'city' | 'provincial'
/** 公立/民营 */
export type Ownership = 'public' | 'private'
/**
 * Where the care happened, relative to the pooling area (统筹地区):
 * local 本地; out-referred 转外就医(有转诊); out-filed 异地就医已备案;
 * out-unfiled 异地就医未备案; out-emergency 异地急诊; abroad 境外.
 */
export type CareArea = 'local' | 'out-referred' | 'out-filed' | 'out-unfiled' | 'out-emergency' | 'abroad'
/** inpatient 住院; outpatient 普通门诊(门诊统筹); special-outpatient 门诊特殊病种/慢病 */
export type ClaimKind = 'inpatient' | 'outpatient' | 'special-outpatient'
/** Why the person needed care; some causes are excluded by policy (seed 001 Art.25). */
export type Cause =
  | 'illness'
  | 'accident'
  | 'self-harm'
  | 'self-harm-mental-illness'
  | 'fight'
  | 'drunkenness'
  | 'drugs'
  | 'crime'
  | 'medical-accident'
  | 'childbirth'
  | 'family-planning'
  | 'cosmetic'
  | 'other-violation'

/** Conditions on a table row; a key that is absent matches anything; arrays mean "any of". */
export interface RowCondition {
  /** a named institution (its code in the county's list), e.g. a city People's Hospital */
  code?: string | string[]
  kind?: ClaimKind | ClaimKind[]
  area?: CareArea | CareArea[]
  level?: HospitalLevel | HospitalLevel[]
  grade?: HospitalGrade | HospitalGrade[]
  tier?: InstitutionTier | InstitutionTier[]
  ownership?: Ownership | Ownership[]
  /** population group id (see PolicyDocument.populationGroups) */
  group?: string | string[]
}

/** Conditions on a person. All given keys must hold; anyOf: at least one alternative holds. */
export interface PersonCondition {
  student?: boolean
  ageUnder?: number
  ageAtLeast?: number
  /** the person belongs to at least one of these groups (低保 dibao, 五保 wubao, …) */
  groups?: string[]
  anyOf?: PersonCondition[]
}

export interface RateBand {
  /** upper edge of the band, inclusive; null = no upper edge */
  upTo: MoneyString | null
  rate: RateParam
}

// ---------------------------------------------------------------- policy document

export interface PolicyDocument {
  $schema?: string
  id: string
  title: string
  /** true for made-up demo figures; the app must label them as such */
  demo?: boolean
  regionCode: string
  regionName: string
  scheme: Scheme
  version: string
  effectiveFrom: IsoDate
  effectiveTo?: IsoDate | null
  /** id of a baseline document this one overlays (sections are deep-merged, arrays replaced) */
  extends?: string
  /** set by the calculator after resolving `extends`: the baselines merged in, nearest first */
  resolvedFrom?: string[]
  versionSelection: VersionSelection
  source: SourceRef
  notes?: string[]
  coverageYear?: CoverageYearSection
  populationGroups?: PopulationGroupsSection
  contribution?: ContributionSection
  householdAccount?: HouseholdAccountSection
  exclusions?: ExclusionsSection
  eligibleCost?: EligibleCostSection
  inpatient?: InpatientSection
  outpatient?: OutpatientSection
  specialOutpatient?: SpecialOutpatientSection
  continuousYearsBonus?: ContinuousYearsBonusSection
  referral?: ReferralSection
  emergency?: EmergencySection
  annualCap?: AnnualCapSection
  majorDiseases?: MajorDiseasesSection
  benchmarkPrice?: BenchmarkPriceSection
  catastrophic?: CatastrophicSection
  assistance?: AssistanceSection
  estimate?: EstimateSection
}

/** A document as written, possibly partial because it extends a baseline. */
export type PolicyOverlay = Partial<PolicyDocument> & { id: string; extends: string }

export interface CoverageYearSection {
  source: SourceRef
  /** first day of the coverage year (参保年度), "01-01" for the calendar year */
  startMonthDay: string
  /** students' coverage year, e.g. "09-01" (seed 001 Art.16); absent = same as everyone */
  studentStartMonthDay?: string
}

export interface PopulationGroupRule {
  id: string
  label: string
  when: PersonCondition
}
export interface PopulationGroupsSection {
  source: SourceRef
  /** age is counted at 31 Dec of the coverage year, or on the date of service */
  ageAt: 'year-end' | 'service-date'
  /** first match wins; the last one should match everybody */
  groups: PopulationGroupRule[]
}

export interface ContributionCategory {
  id: string
  label: string
  when: PersonCondition
  total: MoneyParam
  personal: MoneyParam
  subsidy: MoneyParam
}
export interface PaidBy {
  /** payer id, e.g. civil-affairs 民政, family-planning 计生, employer */
  payer: string
  label: string
  amount: MoneyString
}
export interface SubsidisedGroupRow {
  /** contribution category id(s) this row is for; absent = every category */
  category?: string | string[]
  personal: MoneyParam
  subsidy: MoneyParam
  paidBy?: PaidBy
}
export interface SubsidisedGroupRule {
  id: string
  label: string
  /** person groups this rule applies to (a person in any of them) */
  groups: string[]
  rows: SubsidisedGroupRow[]
}
export interface SubsidySplitRow {
  payer: string
  label: string
  share: RateString
  /** optional condition, e.g. students of schools funded by other budgets */
  when?: { schoolFundedBy?: 'county' | 'other'; student?: boolean }
}
export interface ContributionSection {
  source: SourceRef
  /** age for the category is counted at 31 Dec of the contribution year (seed 001 L501) */
  ageAt: 'year-end'
  /** all registered members must enrol together (seed 000 A5, seed 001 Art.10) */
  householdUnit: boolean
  /** first match wins */
  categories: ContributionCategory[]
  subsidisedGroups?: SubsidisedGroupRule[]
  /** how the fiscal subsidy is split between levels; groups of rows with the same `when` sum to 1 */
  subsidySplit?: SubsidySplitRow[]
  /** collection window; `from` may be absent when the source gives only the last day */
  collection?: { from?: IsoDate; to: IsoDate; deadline?: IsoDate; note?: string }
  waitingPeriod?: {
    /** full months after the payment month before benefits start */
    months: number
    /** 'all': always; 'outside-collection': only when paid outside the collection window */
    appliesTo: 'all' | 'outside-collection'
  }
  arrears?: {
    /** false: back-payment is the full standard amount, no subsidy (seed 001 Art.12) */
    subsidised: boolean
    /** benefits start this many full months after the month the arrears are paid */
    waitingMonths: number
  }
  newborn?: {
    /** enrolled within this many days of birth: covered from birth */
    enrolWithinDays: number
    /** contribution for the birth year */
    birthYearContribution: 'waived' | 'full'
    note?: string
  }
}

export interface HouseholdAccountSection {
  source: SourceRef
  /** share of the personal contribution credited to the household account (seed 000 A4: 48 of 60) */
  shareOfPersonal: RateParam
  /** claim kinds the account may pay for */
  usableFor: ClaimKind[]
}

export interface ExclusionsSection {
  source: SourceRef
  /** non-designated institution without approval pays nothing */
  requireDesignated: boolean
  causes: Cause[]
  /** accident with a liable third party pays nothing */
  thirdPartyLiable: 'excluded' | 'covered'
  /** accident without a third party: covered, excluded, or covered from an age (seed 000 B8: 65) */
  accidentWithoutThirdParty: 'covered' | 'excluded' | { coveredFromAge: number }
  areas: CareArea[]
}

export interface EligibleCostSection {
  source: SourceRef
  /** 乙类先行自付比例 */
  classBFirstPayRate: RateParam
  /** 丙类: share paid by the patient first ("1.00" = fully self-paid) */
  classCFirstPayRate: RateParam
}

export interface DeductibleRow {
  when: RowCondition
  amount: MoneyParam
  label?: string
}
export interface RepeatAdmissionRule {
  /** each further admission in the coverage year lowers the deductible by this amount */
  step: MoneyString
  floor: MoneyString
  /**
   * 'from-base': n-th admission pays max(floor, base(level_n) − step × (n − 1));
   * 'from-previous': max(floor, min(base(level_n), previous deductible − step)).
   */
  reading: 'from-base' | 'from-previous'
  /** care areas where the step-down applies (seed 001: out-of-city referral is not reduced) */
  areas: CareArea[]
  /** which earlier admissions count towards n */
  counts: 'same-areas' | 'all'
}
export interface DeductibleTable {
  source?: SourceRef
  rows: DeductibleRow[]
}
export type RateRow =
  | { when: RowCondition; rate: RateParam; label?: string }
  | { when: RowCondition; bands: RateBand[]; label?: string }
  | { when: RowCondition; patientFlat: MoneyParam; label?: string }
export interface RateTable {
  source?: SourceRef
  rows: RateRow[]
}
export interface InpatientSection {
  source: SourceRef
  deductible: DeductibleTable
  repeatAdmission?: RepeatAdmissionRule
  ratio: RateTable
}
export interface OutpatientSection {
  source: SourceRef
  /** per-visit or yearly deductible */
  deductibleBasis: 'per-visit' | 'annual'
  deductible: DeductibleTable
  ratio: RateTable
  perVisitLimit?: LimitParam
  annualLimit: LimitParam
}
export interface SpecialOutpatientSection {
  source: SourceRef
  diseases: { code: string; label: string }[] | MissingFigure
  /** access approval (准入) is needed before the fund pays */
  requireApproval: boolean
  /** yearly deductible (seed 001: 400 元/年) */
  deductible: DeductibleTable
  ratio: RateTable
  annualLimit?: LimitParam
}
export interface ContinuousYearsBonusSection {
  source: SourceRef
  /** added to the ratio per full year of continuous contribution */
  perYear: RateParam
  /** the ratio never goes above this */
  maxRate: RateParam
  kinds: ClaimKind[]
  /** bonus applies only where the ratio is a single rate (not bands or flat fee) */
}
export interface ReferralSection {
  source: SourceRef
  /** tiers from low to high */
  tierOrder: InstitutionTier[]
  /** the tier a patient may use without referral approval */
  entryTier: InstitutionTier
  /** ratio drop per tier skipped without approval */
  penaltyPerLevel: RateParam
  /**
   * 'points': ratio − penalty × levels; 'relative': ratio × (1 − penalty × levels) (seed 000 C5).
   * Applied to a single rate or to each band's rate alike, and never below 0.
   */
  mode: 'points' | 'relative'
  /** added to the deductible when referral is skipped (seed 000 C5 gives no figure) */
  deductibleIncrease: MoneyParam
  kinds: ClaimKind[]
}
export interface EmergencySection {
  source: SourceRef
  /** in-area outpatient rescue where the patient died: settled as an inpatient claim (seed 001 Art.20) */
  localOutpatientDeath: 'as-inpatient' | 'as-outpatient'
  /** out-of-area emergency: settled under these area rules */
  outOfAreaAs: 'out-referred' | 'out-filed' | 'out-unfiled' | 'out-emergency'
}
export interface AnnualCapSection {
  source: SourceRef
  /** maximum the basic fund pays per person per coverage year */
  amount: LimitParam
  /** claim kinds whose fund payments count towards it */
  kinds: ClaimKind[]
  /** what pays above the cap */
  above: 'catastrophic' | 'supplementary-insurance' | 'nothing'
  aboveNote?: string
}
export interface MajorDiseasesSection {
  source: SourceRef
  diseases: { code: string; label: string }[] | MissingFigure
  /** fund ratio on the base */
  ratio: RateParam
  /** the base the ratio applies to: the whole bill or the eligible cost */
  base: 'total' | 'eligible'
  deductible: MoneyParam | NoLimit
  /** civil-affairs relief as a share of the same base (seed 000 A6: 20%) */
  civilAffairsShare?: RateParam
  /** own yearly cap for the fund part; the ordinary annual cap does not apply (seed 000 A7) */
  cap: LimitParam
}
export interface BenchmarkPriceSection {
  source: SourceRef
  /** where the disease's benchmark price comes from */
  priceFrom: 'policy' | 'claim'
  prices?: { code: string; label: string; list: string; price: MoneyParam }[]
  /** fund share of the benchmark price, by disease list and institution */
  shares: { list: string; when: RowCondition; fundShare: RateParam; label?: string }[]
}
export interface CatastrophicSection {
  source: SourceRef
  /** yearly in-policy self-pay above this is paid in bands */
  threshold: MoneyParam
  /** bands over the amount above the threshold, cumulative in the year */
  bands: RateBand[]
  cap: LimitParam
  kinds: ClaimKind[]
}
export interface AssistanceGroupRule {
  id: string
  label: string
  groups: string[]
  /** share of the remaining in-policy self-pay */
  rate: RateParam
  /** yearly self-pay below this is not assisted */
  threshold?: MoneyParam
  cap: LimitParam
}
export interface AssistanceSection {
  source: SourceRef
  payer: string
  rules: AssistanceGroupRule[]
  kinds: ClaimKind[]
}
export interface EstimateSection {
  source: SourceRef
  /** share of a rough bill assumed to be in-policy when the villager has no itemised bill */
  assumedEligibleShare: RateParam
}

// ---------------------------------------------------------------- claims

export interface Enrolment {
  status: 'enrolled' | 'not-enrolled' | 'lapsed'
  /** first day benefits apply (after the waiting period) */
  benefitStart?: IsoDate
  benefitEnd?: IsoDate
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
  /** 个人负担: the residual, so all parts add up to total exactly */
  patientPays: MoneyString
  /**
   * What insurance paid (医保报销): basicFund + catastrophic + assistance. Not the household
   * account, which is the family's own money: total = insurancePaid + householdAccount + patientPays.
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
  /** look up baseline documents for `extends`; defaults to the bundled policies */
  resolve?: (id: string) => PolicyDocument | PolicyOverlay | undefined
}

/** One policy document or several versions of the same region and scheme. */
export type PolicyInput = PolicyDocument | PolicyOverlay | readonly (PolicyDocument | PolicyOverlay)[]

export interface ValidationProblem {
  path: string
  message: string
}
