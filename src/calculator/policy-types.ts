// Generated from src/calculator/policy-format.ts by `npm run generate:policy-format`: do not edit.
// The types of a policy document; src/calculator/types.ts re-exports them.

/** an amount in yuan, a string with at most two decimals: "1234.50" */
export type MoneyString = string
/** a rate between 0 and 1, a string with at most four decimals: "0.70" */
export type RateString = string
/** a date, "YYYY-MM-DD" */
export type IsoDate = string

export interface PolicyDocument {
  /** 格式说明：path of the JSON Schema, for editors */
  $schema?: string
  /** 编号：lower-case letters, digits and -; unique among shipped policies */
  id: string
  /** 标题：the policy’s title */
  title: string
  /** 演示数据：true for made-up figures: the app must say 演示 */
  demo?: boolean
  /** 行政区划代码：6-digit 行政区划代码 */
  regionCode: string
  /** 地区名称：region name */
  regionName: string
  /** 险种：`ncms` 新农合 or `resident` 城乡居民医保 */
  scheme: Scheme
  /** 版本：version label */
  version: string
  /** 生效日期：first day in force */
  effectiveFrom: IsoDate
  /** 失效日期：last day in force; null or absent = open-ended */
  effectiveTo?: IsoDate | null
  /** 基础政策：id of a baseline document this one overlays (sections deep-merged, lists replaced) */
  extends?: string
  /** 合并自：set by the calculator after resolving `extends`: the baselines merged in, nearest first */
  resolvedFrom?: string[]
  /** 版本选择：which date of a claim picks the version: admission 入院, discharge 出院, settlement 结算 */
  versionSelection: VersionSelection
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 备注：free text for readers */
  notes?: string[]
  /** 参保年度：admissions, deductibles met, caps and limits run per coverage year; a claim counts in the coverage year of the date that picks its version (students: their school year) */
  coverageYear: CoverageYearSection
  /** 人群分类：population groups for ratio tables (seed 001 Art.19) */
  populationGroups?: PopulationGroupsSection
  /** 缴费：contributions (缴费) */
  contribution?: ContributionSection
  /** 家庭账户：household account (家庭账户) */
  householdAccount?: HouseholdAccountSection
  /** 除外责任：exclusions and preconditions */
  exclusions?: ExclusionsSection
  /** 政策范围内费用：eligible cost from bill lines */
  eligibleCost?: EligibleCostSection
  /** 住院：inpatient care */
  inpatient?: InpatientSection
  /** 普通门诊：outpatient pooling (门诊统筹) */
  outpatient?: OutpatientSection
  /** 门诊特殊病种：special-disease outpatient care (门特) */
  specialOutpatient?: SpecialOutpatientSection
  /** 连续参保激励：continuous-contribution bonus; applies only where the ratio is a single rate */
  continuousYearsBonus?: ContinuousYearsBonusSection
  /** 转诊：referral penalty (转诊) */
  referral?: ReferralSection
  /** 急诊：emergency rules */
  emergency?: EmergencySection
  /** 年度封顶线：the basic fund’s annual cap */
  annualCap?: AnnualCapSection
  /** 重大疾病：major diseases (重大疾病专项救治) */
  majorDiseases?: MajorDiseasesSection
  /** 按病种付费：benchmark prices (单病种) */
  benchmarkPrice?: BenchmarkPriceSection
  /** 大病保险：catastrophic insurance (大病保险) */
  catastrophic?: CatastrophicSection
  /** 医疗救助：medical assistance (医疗救助) */
  assistance?: AssistanceSection
  /** 估算：estimates */
  estimate?: EstimateSection
}

export type Scheme = 'ncms' | 'resident'

export type VersionSelection = 'admission' | 'discharge' | 'settlement'

export interface SourceRef {
  /** 标题：document title */
  title: string
  /** 文号：document number */
  docNo?: string
  /** 条款：article or clause */
  clause?: string
  /** 网址：where to read it */
  url?: string
  /** 说明：a note, e.g. the quoted words */
  note?: string
}

export interface CoverageYearSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 年度起始日：first day of the coverage year (参保年度), "01-01" for the calendar year */
  startMonthDay: string
  /** 学生年度起始日：students’ coverage year, e.g. "09-01" (seed 001 Art.16); absent = same as everyone */
  studentStartMonthDay?: string
}

export interface PopulationGroupsSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 年龄计算日：age counted at 31 Dec of the year of care, or on the day of care */
  ageAt: 'year-end' | 'service-date'
  /** 人群：first match wins; the last one should match everybody */
  groups: PopulationGroupRule[]
}

export interface PopulationGroupRule {
  /** 编号：group id, used by table rows (`when.group`) */
  id: string
  /** 名称：group name */
  label: string
  /** 条件：who is in the group */
  when: PersonCondition
}

export interface PersonCondition {
  /** 学生：the person is (or is not) a student */
  student?: boolean
  /** 年龄小于：age below this */
  ageUnder?: number
  /** 年龄不小于：age at least this */
  ageAtLeast?: number
  /** 人员类别：the person belongs to at least one of these groups (低保 dibao, 五保 wubao, …) */
  groups?: string[]
  /** 任一条件：at least one of these alternatives holds */
  anyOf?: PersonCondition[]
}

export interface ContributionSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 年龄计算日：age for the category is counted at 31 Dec of the contribution year (seed 001 L501) */
  ageAt: 'year-end'
  /** 以户参保：all registered members must enrol together (seed 000 A5, seed 001 Art.10) */
  householdUnit: boolean
  /** 多类人员：a member in the groups of several subsidised rules: the first rule listed, or the one with the lowest personal share (required with subsidisedGroups) */
  subsidisedGroupChoice?: 'first-listed' | 'lowest-personal'
  /** 缴费类别：first match wins */
  categories: ContributionCategory[]
  /** 资助参保：reduced personal shares for subsidised groups (五保, 低保, 特困, 重度残疾, …) */
  subsidisedGroups?: SubsidisedGroupRule[]
  /** 财政分担：how the fiscal subsidy is split between levels; rows with the same `when` sum to 1 */
  subsidySplit?: SubsidySplitRow[]
  /** 征缴期：the collection window */
  collection?: {
    /** 开始：first day of the collection window (absent when the source gives only the last day) */
    from?: IsoDate
    /** 结束：last day of the collection window */
    to: IsoDate
    /** 截止日期：deadline */
    deadline?: IsoDate
    /** 说明：a note */
    note?: string
  }
  /** 等待期：waiting period after payment */
  waitingPeriod?: {
    /** 月数：full months after the payment month before benefits start */
    months: number
    /** 适用：`all`: always; `outside-collection`: only when paid outside the collection window */
    appliesTo: 'all' | 'outside-collection'
  }
  /** 补缴欠费：back-payment after a lapse */
  arrears?: {
    /** 有补助：false: back-payment is the full standard amount, no subsidy (seed 001 Art.12) */
    subsidised: boolean
    /** 等待月数：benefits start this many full months after the month the arrears are paid */
    waitingMonths: number
  }
  /** 新生儿：newborn enrolment */
  newborn?: {
    /** 出生后天数：enrolled within this many days of birth: covered from birth */
    enrolWithinDays: number
    /** 出生当年缴费：contribution for the birth year */
    birthYearContribution: 'waived' | 'full'
    /** 说明：a note */
    note?: string
  }
}

export interface ContributionCategory {
  /** 编号：category id */
  id: string
  /** 名称：category name */
  label: string
  /** 条件：who is in the category */
  when: PersonCondition
  /** 筹资标准：the funding standard per person */
  total: MoneyParam
  /** 个人缴费：what the person pays */
  personal: MoneyParam
  /** 财政补助：the fiscal subsidy */
  subsidy: MoneyParam
}

export interface MissingFigure {
  /** 缺少：always true */
  missing: true
  /** 说明：why the figure is missing (shown to the user) */
  note: string
}

/** an amount, or a missing figure */
export type MoneyParam = MoneyString | MissingFigure

export interface SubsidisedGroupRule {
  /** 编号：rule id */
  id: string
  /** 名称：rule name */
  label: string
  /** 人员类别：person groups this rule applies to (a person in any of them) */
  groups: string[]
  /** 各行：first row naming the person’s category is used */
  rows: SubsidisedGroupRow[]
}

export interface SubsidisedGroupRow {
  /** 缴费类别：contribution category id(s) this row is for; absent = every category */
  category?: string | string[]
  /** 个人缴费：what the person pays */
  personal: MoneyParam
  /** 财政补助：the fiscal subsidy */
  subsidy: MoneyParam
  /** 代缴：a department pays this part */
  paidBy?: PaidBy
}

export interface PaidBy {
  /** 代缴单位：payer id, e.g. civil-affairs 民政, family-planning 计生, employer */
  payer: string
  /** 名称：payer name */
  label: string
  /** 代缴金额：amount paid for the person */
  amount: MoneyString
}

export interface SubsidySplitRow {
  /** 出资方：payer id */
  payer: string
  /** 名称：payer name */
  label: string
  /** 分担比例：share of the subsidy */
  share: RateString
  /** 条件：optional condition, e.g. students of schools funded by other budgets */
  when?: {
    /** 学校经费来源：students of schools funded by the county or by other budgets */
    schoolFundedBy?: 'county' | 'other'
    /** 学生：students or not */
    student?: boolean
  }
}

export interface HouseholdAccountSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 记入比例：share of the personal contribution credited to the household account (seed 000 A4: 48 of 60) */
  shareOfPersonal: RateParam
  /** 可用于：claim kinds the account may pay for */
  usableFor: ClaimKind[]
  /** 年末余额：what is left in the account at the end of a coverage year: carries over to the next, or lapses (seed 000 A4 does not say) */
  balanceAtYearEnd: 'carries-over' | 'lapses'
}

/** a rate, or a missing figure */
export type RateParam = RateString | MissingFigure

export type ClaimKind = 'inpatient' | 'outpatient' | 'special-outpatient'

export interface ExclusionsSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 须定点：a non-designated institution without approval pays nothing */
  requireDesignated: boolean
  /** 不予报销的原因：causes the fund does not pay for */
  causes: Cause[]
  /** 第三方责任：accident with a liable third party */
  thirdPartyLiable: 'excluded' | 'covered'
  /** 无第三方的意外伤害：covered, excluded, or covered from an age (seed 000 B8: 65) */
  accidentWithoutThirdParty:
    | 'covered'
    | 'excluded'
    | {
        /** 起始年龄：covered from this age, inclusive (65週歲以上 includes 65) */
        coveredFromAge: number
        /** 年龄计算日：age counted on the day of care (週歲), or at 31 Dec of the year of care */
        ageAt: 'service-date' | 'year-end'
      }
  /** 不予报销的地点：care areas the fund does not pay for */
  areas: CareArea[]
}

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

export type CareArea = 'local' | 'out-referred' | 'out-filed' | 'out-unfiled' | 'out-emergency' | 'abroad'

export interface EligibleCostSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 乙类先行自付比例：乙类先行自付比例 */
  classBFirstPayRate: RateParam
  /** 丙类自付比例：丙类: share paid by the patient first ("1.00" = fully self-paid) */
  classCFirstPayRate: RateParam
}

export interface InpatientSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 起付线：deductible per admission */
  deductible: DeductibleTable
  /** 多次住院：repeat admissions (依次降低) */
  repeatAdmission?: RepeatAdmissionRule
  /** 报销比例：ratios */
  ratio: RateTable
}

export interface DeductibleTable {
  /** 出处：where the table comes from (else the section’s source) */
  source?: SourceRef
  /** 各行：first row whose condition holds is used */
  rows: DeductibleRow[]
}

export interface DeductibleRow {
  /** 适用条件：where the row applies */
  when: RowCondition
  /** 起付线：the deductible */
  amount: MoneyParam
  /** 名称：how the row is named in explanations */
  label?: string
}

export interface RowCondition {
  /** 医院编码：a named institution (its code in the county list) */
  code?: string | string[]
  /** 就医类型：claim kind */
  kind?: ClaimKind | ClaimKind[]
  /** 就医地点：where the care happened */
  area?: CareArea | CareArea[]
  /** 医院级别：一级/二级/三级 */
  level?: HospitalLevel | HospitalLevel[]
  /** 医院等次：甲/乙/丙等 */
  grade?: HospitalGrade | HospitalGrade[]
  /** 医院层级：村/乡镇/县/市/省 */
  tier?: InstitutionTier | InstitutionTier[]
  /** 医院性质：公立/民营 */
  ownership?: Ownership | Ownership[]
  /** 人群：population group id (populationGroups) */
  group?: string | string[]
}

export type HospitalLevel = 1 | 2 | 3

export type HospitalGrade = 'A' | 'B' | 'C'

export type InstitutionTier = 'village' | 'township' | 'county' | 'city' | 'provincial'

export type Ownership = 'public' | 'private'

export interface RepeatAdmissionRule {
  /** 每次降低：each further admission in the coverage year lowers the deductible by this amount */
  step: MoneyString
  /** 最低：never below this */
  floor: MoneyString
  /** 计算方式：`from-base`: n-th admission pays max(floor, base − step × (n − 1)); `from-previous`: max(floor, min(base, previous − step)) */
  reading: 'from-base' | 'from-previous'
  /** 适用地点：care areas where the step-down applies (seed 001: out-of-city referral is not reduced) */
  areas: CareArea[]
  /** 计数范围：which earlier admissions count towards n */
  counts: 'same-areas' | 'all'
}

export interface RateTable {
  /** 出处：where the table comes from (else the section’s source) */
  source?: SourceRef
  /** 各行：first row whose condition holds is used */
  rows: RateRow[]
}

/** 每一行必须且只能写 rate（比例）、bands（分段比例）或 patientFlat（个人定额）中的一种 */
export type RateRow =
  | {
      /** 适用条件：where the row applies */
      when: RowCondition
      /** 名称：how the row is named in explanations */
      label?: string
      /** 比例：a single ratio */
      rate: RateParam
    }
  | {
      /** 适用条件：where the row applies */
      when: RowCondition
      /** 名称：how the row is named in explanations */
      label?: string
      /** 分段比例：banded ratios (分段补偿) */
      bands: RateBand[]
    }
  | {
      /** 适用条件：where the row applies */
      when: RowCondition
      /** 名称：how the row is named in explanations */
      label?: string
      /** 个人定额：the patient pays this fixed amount, the fund the rest (包干) */
      patientFlat: MoneyParam
    }

export interface RateBand {
  /** 上限：upper edge of the band, inclusive; null = no upper edge */
  upTo: MoneyString | null
  /** 比例：the band’s rate */
  rate: RateParam
}

export interface OutpatientSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 起付方式：per-visit or yearly deductible */
  deductibleBasis: 'per-visit' | 'annual'
  /** 起付线：deductible */
  deductible: DeductibleTable
  /** 报销比例：ratios */
  ratio: RateTable
  /** 每次限额：most the fund pays a visit */
  perVisitLimit?: LimitParam
  /** 年度限额：most the fund pays a year */
  annualLimit: LimitParam
}

export interface NoLimit {
  /** 不设限额：always true */
  none: true
  /** 说明：why there is no limit */
  note?: string
}

/** a limit: an amount, a missing figure, or no limit */
export type LimitParam = MoneyString | MissingFigure | NoLimit

export interface SpecialOutpatientSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 病种：the listed diseases */
  diseases:
    | {
        /** 代码：disease code */
        code: string
        /** 名称：disease name */
        label: string
      }[]
    | MissingFigure
  /** 须准入：access approval (准入) is needed before the fund pays */
  requireApproval: boolean
  /** 适用地点：care areas where 门特 is paid (seed 001 Art.19: 本市定点 only); elsewhere the claim is not covered */
  areas: CareArea[]
  /** 起付线：yearly deductible (seed 001: 400 元/年) */
  deductible: DeductibleTable
  /** 报销比例：ratios */
  ratio: RateTable
  /** 年度限额：most the fund pays a year */
  annualLimit?: LimitParam
}

export interface ContinuousYearsBonusSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 每年提高：added to the ratio per full year of continuous contribution */
  perYear: RateParam
  /** 最高比例：the ratio never goes above this */
  maxRate: RateParam
  /** 适用就医类型：claim kinds the bonus applies to */
  kinds: ClaimKind[]
}

export interface ReferralSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 层级顺序：tiers from low to high */
  tierOrder: InstitutionTier[]
  /** 首诊层级：the tier a patient may use without referral approval */
  entryTier: InstitutionTier
  /** 每级降低：ratio drop per tier skipped without approval */
  penaltyPerLevel: RateParam
  /** 降低方式：`points`: ratio − penalty × levels; `relative`: ratio × (1 − penalty × levels) (seed 000 C5); never below 0 */
  mode: 'points' | 'relative'
  /** 起付线提高：added to the deductible when referral is skipped (seed 000 C5 gives no figure) */
  deductibleIncrease: MoneyParam
  /** 与连续参保激励的先后：the continuous-years bonus is added before the penalty is taken off, or after it (then capped at its maxRate) */
  order: 'bonus-then-penalty' | 'penalty-then-bonus'
  /** 适用就医类型：claim kinds the penalty applies to */
  kinds: ClaimKind[]
}

export interface EmergencySection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 本地门诊抢救无效死亡：in-area outpatient rescue where the patient died: settled as an inpatient claim (seed 001 Art.20) */
  localOutpatientDeath: 'as-inpatient' | 'as-outpatient'
  /** 异地门诊抢救无效死亡：out-of-area outpatient rescue where the patient died: settled as an inpatient claim under the outOfAreaAs rules (seed 001 Art.20, second half) */
  outOfAreaOutpatientDeath: 'as-inpatient' | 'as-outpatient'
  /** 异地急诊按：out-of-area emergency: settled under these area rules */
  outOfAreaAs: 'out-referred' | 'out-filed' | 'out-unfiled' | 'out-emergency'
}

export interface AnnualCapSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 封顶线：maximum the basic fund pays per person per coverage year */
  amount: LimitParam
  /** 计入的就医类型：claim kinds whose fund payments count towards it */
  kinds: ClaimKind[]
  /** 超出部分：what pays above the cap */
  above: 'catastrophic' | 'supplementary-insurance' | 'nothing'
  /** 说明：a note on what pays above the cap */
  aboveNote?: string
}

export interface MajorDiseasesSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 病种：the listed major diseases */
  diseases:
    | {
        /** 代码：disease code */
        code: string
        /** 名称：disease name */
        label: string
      }[]
    | MissingFigure
  /** 报销比例：fund ratio on the base */
  ratio: RateParam
  /** 计算基数：the base the ratio applies to: the whole bill or the eligible cost */
  base: 'total' | 'eligible'
  /** 起付线：deductible, or none */
  deductible: MoneyParam | NoLimit
  /** 民政救济比例：civil-affairs relief as a share of the same base (seed 000 A6: 20%) */
  civilAffairsShare?: RateParam
  /** 封顶线：own yearly cap for the fund part; the ordinary annual cap does not apply (seed 000 A7) */
  cap: LimitParam
  /** 适用就医类型：claim kinds the programme pays; a claim of another kind is settled under its kind’s ordinary rules */
  kinds: ClaimKind[]
  /** 就医类型限额：whether the claim kind’s own yearly limits (outpatient, 门特) still bind the major-disease fund */
  kindLimits: 'apply' | 'exempt'
  /** 大病保险：whether the in-policy self-pay left after the major-disease fund counts towards 大病保险 and is paid by it */
  catastrophic: 'included' | 'excluded'
}

export interface BenchmarkPriceSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 基准价格来源：where the disease’s benchmark price comes from */
  priceFrom: 'policy' | 'claim'
  /** 超出基准价格的部分：who bears the eligible cost above the benchmark price: the patient, or the institution (then the patient pays only their share of the price: seed 000 C11 「患者自付30%」) */
  overrun: 'patient' | 'institution'
  /** 基准价格：benchmark prices by disease */
  prices?: {
    /** 代码：disease code */
    code: string
    /** 名称：disease name */
    label: string
    /** 目录：the tiered-care list it is on */
    list: string
    /** 基准价格：the benchmark price */
    price: MoneyParam
  }[]
  /** 基金支付比例：fund share of the benchmark price, by disease list and institution */
  shares: {
    /** 目录：the disease list */
    list: string
    /** 适用条件：where the row applies */
    when: RowCondition
    /** 基金支付比例：fund share of the benchmark price */
    fundShare: RateParam
    /** 名称：how the row is named */
    label?: string
  }[]
}

export interface CatastrophicSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 起付线：yearly in-policy self-pay above this is paid in bands */
  threshold: MoneyParam
  /** 分段比例：bands over the amount above the threshold, cumulative in the year */
  bands: RateBand[]
  /** 封顶线：yearly cap */
  cap: LimitParam
  /** 适用就医类型：claim kinds it pays for */
  kinds: ClaimKind[]
  /** 赔付方式：`settlement`: paid in the same settlement (一站式); `separate-claim`: claimed from the insurer afterwards (seed 000 B9, C23), so the settlement counts the self-pay towards it and pays 0 */
  paidAt: 'settlement' | 'separate-claim'
}

export interface AssistanceSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 出资方：who pays, e.g. civil-affairs */
  payer: string
  /** 多类人员：a person in the groups of several rules: the first rule listed, or the one that pays most on this claim */
  ruleChoice: 'first-listed' | 'most-favourable'
  /** 救助规则：assistance rules by group */
  rules: AssistanceGroupRule[]
  /** 适用就医类型：claim kinds it pays for */
  kinds: ClaimKind[]
}

export interface AssistanceGroupRule {
  /** 编号：rule id */
  id: string
  /** 名称：rule name */
  label: string
  /** 人员类别：person groups it is for */
  groups: string[]
  /** 救助比例：share of the remaining in-policy self-pay */
  rate: RateParam
  /** 起付线：yearly self-pay below this is not assisted */
  threshold?: MoneyParam
  /** 封顶线：yearly cap */
  cap: LimitParam
}

export interface EstimateSection {
  /** 出处：where the section comes from: document title, number, clause */
  source: SourceRef
  /** 目录内比例：share of a rough bill assumed in-policy when the villager has no itemised bill */
  assumedEligibleShare: RateParam
}
