// Checks on claim and history input. Bad input is refused with a typed error and a
// plain Chinese message; nothing here guesses.
import { CalculatorError, show } from './errors'
import { isIsoDate, parseDate } from './dates'
import { fen2, MAX_YEAR_FEN, parseFen, parseYearTotalFen } from './amounts'
import { CARE_AREAS, CAUSES, CLAIM_KINDS, TIERS } from './policy-format'
import type { BillLineClass, CareArea, Claim, ClaimHistory, HospitalGrade } from './types'

const GRADES: readonly HospitalGrade[] = ['A', 'B', 'C']
const LINE_CLASSES: readonly BillLineClass[] = ['A', 'B', 'C', 'self-pay']
const MAX_LINES = 5000

export interface NormalClaim {
  claim: Claim
  total: number
  classA: number
  classB: number
  classC: number
  selfPayLines: number
  overLimit: number
  hasLines: boolean
  /** admission date (inpatient) or service date (outpatient) */
  serviceDate: string
  dischargeDate: string
  settlementDate: string
  /** benefit period worked out from the enrolment record (Enrolment.paid), else undefined */
  benefitStart?: string
  benefitEnd?: string
}

// optional claim fields checked by type (module constants: checkClaim runs for every claim)
// the optional fields of a claim, each read by name (a loop over their names costs a keyed read each, every claim)
function objectField(v: unknown, key: string): void {
  if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v)))
    bad(`「${key}」应当是一个对象`, `$.${key}`)
}
function booleanField(v: unknown, key: string): void {
  if (v !== undefined && typeof v !== 'boolean') bad(`「${key}」只能是 true 或 false`, `$.${key}`)
}
function stringField(v: unknown, key: string): void {
  if (v !== undefined && typeof v !== 'string') bad(`「${key}」应当是文字`, `$.${key}`)
}

function bad(message: string, path: string): never {
  throw new CalculatorError('INVALID_INPUT', message, path)
}

export function checkClaim(claim: Claim, asOf: string): NormalClaim {
  if (typeof claim !== 'object' || claim === null) bad('报销申请应当是一个对象', '$')
  if (!CLAIM_KINDS.includes(claim.kind))
    bad(
      `就医类型只能是住院、普通门诊或门诊特殊病种（inpatient/outpatient/special-outpatient），收到：${show(claim.kind)}`,
      '$.kind'
    )
  if (!CARE_AREAS.includes(claim.area)) bad(`就医地点类型不对：${show(claim.area)}`, '$.area')
  const person = claim.person
  if (typeof person !== 'object' || person === null) bad('缺少参保人信息', '$.person')
  parseDate(person.birthDate, '$.person.birthDate', '出生日期')
  if (person.student !== undefined && typeof person.student !== 'boolean')
    bad('是否学生只能是 true 或 false', '$.person.student')
  const en = person.enrolment
  if (en !== undefined) {
    if (typeof en !== 'object' || en === null || !['enrolled', 'not-enrolled', 'lapsed'].includes(en.status))
      bad('参保状态只能是 enrolled、not-enrolled 或 lapsed', '$.person.enrolment.status')
    if (en.benefitStart !== undefined) parseDate(en.benefitStart, '$.person.enrolment.benefitStart', '待遇开始日期')
    if (en.benefitEnd !== undefined) parseDate(en.benefitEnd, '$.person.enrolment.benefitEnd', '待遇结束日期')
    if (en.paid !== undefined) {
      const p = en.paid
      if (typeof p !== 'object' || p === null) bad('缴费记录应当是一个对象', '$.person.enrolment.paid')
      if (en.status !== 'enrolled') bad('有缴费记录的参保状态应当是 enrolled', '$.person.enrolment.status')
      if (en.benefitStart !== undefined || en.benefitEnd !== undefined)
        bad('待遇日期由缴费记录推算，不要同时填写 benefitStart/benefitEnd', '$.person.enrolment')
      if (!Number.isInteger(p.coverageYear) || p.coverageYear < 1900 || p.coverageYear > 2100)
        bad('缴费记录的参保年度应当是 1900 到 2100 的年份', '$.person.enrolment.paid.coverageYear')
      parseDate(p.paidOn, '$.person.enrolment.paid.paidOn', '缴费日期')
      if (p.lapsedYears !== undefined && (!Number.isInteger(p.lapsedYears) || p.lapsedYears < 0 || p.lapsedYears > 30))
        bad('补缴的断保年数应当是 0 到 30 的整数', '$.person.enrolment.paid.lapsedYears')
    }
  }
  if (
    person.continuousYears !== undefined &&
    (!Number.isInteger(person.continuousYears) || person.continuousYears < 0 || person.continuousYears > 100)
  ) {
    bad('连续参保年数应当是 0 到 100 之间的整数', '$.person.continuousYears')
  }
  if (
    person.groups !== undefined &&
    (!Array.isArray(person.groups) || person.groups.some((g) => typeof g !== 'string'))
  )
    bad('人员类别应当是文字列表', '$.person.groups')
  const inst = claim.institution
  if (typeof inst !== 'object' || inst === null) bad('缺少医院信息', '$.institution')
  if (inst.approved !== undefined && typeof inst.approved !== 'boolean')
    bad('是否经批准只能是 true 或 false', '$.institution.approved')
  if (inst.code !== undefined && typeof inst.code !== 'string') bad('医院编码应当是文字', '$.institution.code')
  if (typeof inst.designated !== 'boolean')
    bad('请说明是不是定点医疗机构（designated: true/false）', '$.institution.designated')
  if (inst.level !== undefined && inst.level !== 1 && inst.level !== 2 && inst.level !== 3) {
    throw new CalculatorError(
      'UNKNOWN_INSTITUTION_LEVEL',
      `医院等级只能是一级、二级或三级（1/2/3），收到：${show(inst.level)}`,
      '$.institution.level'
    )
  }
  if (inst.grade !== undefined && !GRADES.includes(inst.grade)) {
    throw new CalculatorError(
      'UNKNOWN_INSTITUTION_LEVEL',
      `医院等次只能是甲、乙、丙（A/B/C），收到：${show(inst.grade)}`,
      '$.institution.grade'
    )
  }
  if (inst.tier !== undefined && !TIERS.includes(inst.tier)) {
    throw new CalculatorError(
      'UNKNOWN_INSTITUTION_LEVEL',
      `医院层级只能是村、乡镇、县、市、省（village/township/county/city/provincial），收到：${show(inst.tier)}`,
      '$.institution.tier'
    )
  }
  if (inst.ownership !== undefined && inst.ownership !== 'public' && inst.ownership !== 'private')
    bad('医院性质只能是公立或民营（public/private）', '$.institution.ownership')

  let serviceDate: string
  let dischargeDate: string
  if (claim.kind === 'inpatient') {
    serviceDate = parseDate(claim.admissionDate, '$.admissionDate', '入院日期')
    dischargeDate = parseDate(claim.dischargeDate, '$.dischargeDate', '出院日期')
    if (dischargeDate < serviceDate)
      throw new CalculatorError(
        'INVALID_DATE',
        `出院日期 ${dischargeDate} 早于入院日期 ${serviceDate}`,
        '$.dischargeDate'
      )
  } else {
    serviceDate = parseDate(claim.serviceDate ?? claim.admissionDate, '$.serviceDate', '就诊日期')
    dischargeDate =
      claim.dischargeDate !== undefined ? parseDate(claim.dischargeDate, '$.dischargeDate', '结束日期') : serviceDate
  }
  const settlementDate =
    claim.settlementDate !== undefined ? parseDate(claim.settlementDate, '$.settlementDate', '结算日期') : asOf
  if (serviceDate < person.birthDate)
    throw new CalculatorError('INVALID_DATE', '就诊日期早于出生日期', '$.person.birthDate')
  if (dischargeDate > asOf)
    throw new CalculatorError(
      'DATE_OUT_OF_RANGE',
      `${claim.kind === 'inpatient' ? '出院' : '就诊'}日期 ${dischargeDate} 晚于计算日期 ${asOf}，还不能结算`,
      '$.dischargeDate'
    )
  if (settlementDate > asOf)
    throw new CalculatorError(
      'DATE_OUT_OF_RANGE',
      `结算日期 ${settlementDate} 晚于计算日期 ${asOf}`,
      '$.settlementDate'
    )
  if (settlementDate < dischargeDate)
    throw new CalculatorError(
      'INVALID_DATE',
      `结算日期 ${settlementDate} 早于出院（就诊）日期 ${dischargeDate}`,
      '$.settlementDate'
    )

  if (typeof claim.bill !== 'object' || claim.bill === null) bad('缺少费用信息（bill）', '$.bill')
  const total = parseFen(claim.bill.total, '$.bill.total', '总费用')
  let classA = 0
  let classB = 0
  let classC = 0
  let selfPayLines = 0
  let overLimit = 0
  const lines = claim.bill.lines
  const hasLines = lines !== undefined
  if (lines !== undefined) {
    if (!Array.isArray(lines)) bad('费用明细应当是列表', '$.bill.lines')
    if (lines.length > MAX_LINES) bad(`费用明细超过 ${MAX_LINES} 行，请先按类别汇总`, '$.bill.lines')
    let sum = 0
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]
      const p = `$.bill.lines[${i}]`
      if (typeof l !== 'object' || l === null || !LINE_CLASSES.includes(l.class))
        bad('费用类别只能是甲类、乙类、丙类或自费（A/B/C/self-pay）', `${p}.class`)
      const amt = parseFen(l.amount, `${p}.amount`, '费用')
      sum += amt
      let over = 0
      if (l.overLimit !== undefined) {
        over = parseFen(l.overLimit, `${p}.overLimit`, '超限价部分')
        if (over > amt) bad('超限价部分不能大于这一项的金额', `${p}.overLimit`)
      }
      overLimit += over
      const net = amt - over
      if (l.class === 'A') classA += net
      else if (l.class === 'B') classB += net
      else if (l.class === 'C') classC += net
      else selfPayLines += net
    }
    if (sum !== total) bad(`费用明细合计 ${fen2(sum)} 元，与总费用 ${fen2(total)} 元不一致`, '$.bill.lines')
  } else {
    classA = total
  }
  objectField(claim.referral, 'referral')
  objectField(claim.emergency, 'emergency')
  objectField(claim.benchmark, 'benchmark')
  objectField(claim.specialDisease, 'specialDisease')
  booleanField(claim.thirdPartyLiable, 'thirdPartyLiable')
  booleanField(claim.useHouseholdAccount, 'useHouseholdAccount')
  stringField(claim.id, 'id')
  stringField(claim.majorDisease, 'majorDisease')
  stringField(claim.cause, 'cause')
  if (claim.cause !== undefined && !CAUSES.includes(claim.cause)) bad(`不认识的就医原因：${claim.cause}`, '$.cause')
  if (claim.emergency !== undefined && claim.emergency.died !== undefined && typeof claim.emergency.died !== 'boolean')
    bad('emergency.died 只能是 true 或 false', '$.emergency.died')
  if (
    claim.specialDisease !== undefined &&
    (typeof claim.specialDisease.code !== 'string' || typeof claim.specialDisease.approved !== 'boolean')
  ) {
    bad('门诊特殊病种要写病种代码（code）和是否已准入（approved: true/false）', '$.specialDisease')
  }
  if (
    claim.benchmark !== undefined &&
    (typeof claim.benchmark.disease !== 'string' || typeof claim.benchmark.list !== 'string')
  ) {
    bad('按病种付费要写病种（disease）和病种目录（list）', '$.benchmark')
  }
  if (claim.referral !== undefined) {
    if (typeof claim.referral.approved !== 'boolean')
      bad('请说明是否办理了转诊（referral.approved: true/false）', '$.referral.approved')
    if (claim.referral.expectedTier !== undefined && !TIERS.includes(claim.referral.expectedTier))
      bad('应就诊层级不对', '$.referral.expectedTier')
  }
  if (claim.benchmark !== undefined && claim.benchmark.price !== undefined)
    parseFen(claim.benchmark.price, '$.benchmark.price', '基准价格')
  return {
    claim,
    total,
    classA,
    classB,
    classC,
    selfPayLines,
    overLimit,
    hasLines,
    serviceDate,
    dischargeDate,
    settlementDate
  }
}

export interface NormalHistory {
  /** first day of the coverage year these totals belong to; null: not said (the claim's own year) */
  coverageYear: string | null
  admissions: Record<CareArea, number>
  lastDeductible: number | null
  fundPaid: number
  outpatientFundPaid: number
  outpatientDeductibleMet: number
  specialFundPaid: number
  specialDeductibleMet: number
  majorDiseaseFundPaid: number
  catastrophicBase: number
  catastrophicPaid: number
  assistanceBase: number
  assistancePaid: number
  householdAccountBalance: number
}

const MONEY_KEYS = [
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
const MONEY_PATHS = MONEY_KEYS.map((k) => `$history.${k}`)
const MONEY_LABELS: Record<(typeof MONEY_KEYS)[number], string> = {
  fundPaid: '基本医保基金支付',
  outpatientFundPaid: '门诊统筹基金支付',
  outpatientDeductibleMet: '门诊已扣起付线',
  specialFundPaid: '门诊特殊病种基金支付',
  specialDeductibleMet: '门诊特殊病种已扣起付线',
  majorDiseaseFundPaid: '重大疾病专项基金支付',
  catastrophicBase: '政策范围内自付',
  catastrophicPaid: '大病保险支付',
  assistanceBase: '医疗救助计算的自付',
  assistancePaid: '医疗救助支付',
  householdAccountBalance: '家庭账户余额'
}
/** the most admissions a history may count in one area (one a day, a leap year) */
export const MAX_ADMISSIONS = 366

/** A history with nothing in it yet (for the coverage year `coverageYear`, or unsaid). */
export function freshHistory(coverageYear: string | null, householdAccountBalance = 0): NormalHistory {
  // one object shape for every history (settling a county-year builds 150,000 of them)
  return {
    coverageYear,
    admissions: { local: 0, 'out-referred': 0, 'out-filed': 0, 'out-unfiled': 0, 'out-emergency': 0, abroad: 0 },
    lastDeductible: null,
    fundPaid: 0,
    outpatientFundPaid: 0,
    outpatientDeductibleMet: 0,
    specialFundPaid: 0,
    specialDeductibleMet: 0,
    majorDiseaseFundPaid: 0,
    catastrophicBase: 0,
    catastrophicPaid: 0,
    assistanceBase: 0,
    assistancePaid: 0,
    householdAccountBalance
  }
}

/**
 * The person's coverage year so far: every field optional, defaulting to zero; amounts
 * read into whole fen.
 */
export function checkHistory(h: ClaimHistory | undefined): NormalHistory {
  const out = freshHistory(null)
  if (h === undefined || h === null) return out
  if (typeof h !== 'object') bad('本年度就医记录应当是一个对象', '$history')
  if (h.coverageYear !== undefined)
    out.coverageYear = parseDate(h.coverageYear, '$history.coverageYear', '参保年度起始日')
  // each read by name: a loop over the names costs a keyed read each, for every claim
  out.fundPaid = yearTotal(h.fundPaid, 0)
  out.outpatientFundPaid = yearTotal(h.outpatientFundPaid, 1)
  out.outpatientDeductibleMet = yearTotal(h.outpatientDeductibleMet, 2)
  out.specialFundPaid = yearTotal(h.specialFundPaid, 3)
  out.specialDeductibleMet = yearTotal(h.specialDeductibleMet, 4)
  out.majorDiseaseFundPaid = yearTotal(h.majorDiseaseFundPaid, 5)
  out.catastrophicBase = yearTotal(h.catastrophicBase, 6)
  out.catastrophicPaid = yearTotal(h.catastrophicPaid, 7)
  out.assistanceBase = yearTotal(h.assistanceBase, 8)
  out.assistancePaid = yearTotal(h.assistancePaid, 9)
  out.householdAccountBalance = yearTotal(h.householdAccountBalance, 10)
  // a deductible, but one with a referral increase can pass 1 亿 with a policy's largest figures: read as history
  if (h.lastDeductible !== undefined && h.lastDeductible !== null)
    out.lastDeductible = parseYearTotalFen(h.lastDeductible, '$history.lastDeductible', '上次起付线')
  if (h.admissions !== undefined) {
    if (typeof h.admissions !== 'object' || h.admissions === null)
      bad('住院次数应当按就医地点分别填写', '$history.admissions')
    const a = h.admissions as Record<string, unknown>
    // the usual history (the six areas, counts in range) read by name; anything else is checked key by key
    if (!readAdmissions(a, out.admissions)) {
      const keys = Object.keys(a)
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]
        const v = a[k]
        if (!CARE_AREAS.includes(k as CareArea)) bad(`不认识的就医地点：${k}`, `$history.admissions.${k}`)
        if (!isAdmissionCount(v))
          bad(`本年住院次数应当是 0 到 ${MAX_ADMISSIONS} 之间的整数`, `$history.admissions.${k}`)
        out.admissions[k as CareArea] = v
      }
    }
  }
  return out
}

/** A year total of a history (MONEY_KEYS[i]) in fen; absent: 0. */
function yearTotal(v: string | undefined, i: number): number {
  // most of a year's totals are nothing yet: "0.00" is read without the parser
  return v === undefined ? 0 : v === '0.00' ? 0 : parseYearTotalFen(v, MONEY_PATHS[i], '本年度累计金额')
}

/** An area's admissions this year: a whole number 0 … MAX_ADMISSIONS. */
function isAdmissionCount(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_ADMISSIONS
}

/** The six areas' counts read by name into `o`; false when a count is out of range or another key is there. */
function readAdmissions(a: Record<string, unknown>, o: Record<CareArea, number>): boolean {
  let known = 0
  let v = a.local
  if (v !== undefined) {
    if (!isAdmissionCount(v)) return false
    o.local = v
    known++
  }
  v = a['out-referred']
  if (v !== undefined) {
    if (!isAdmissionCount(v)) return false
    o['out-referred'] = v
    known++
  }
  v = a['out-filed']
  if (v !== undefined) {
    if (!isAdmissionCount(v)) return false
    o['out-filed'] = v
    known++
  }
  v = a['out-unfiled']
  if (v !== undefined) {
    if (!isAdmissionCount(v)) return false
    o['out-unfiled'] = v
    known++
  }
  v = a['out-emergency']
  if (v !== undefined) {
    if (!isAdmissionCount(v)) return false
    o['out-emergency'] = v
    known++
  }
  v = a.abroad
  if (v !== undefined) {
    if (!isAdmissionCount(v)) return false
    o.abroad = v
    known++
  }
  return Object.keys(a).length === known
}

/**
 * The history a settlement is about to return must be one checkHistory reads back: a claim
 * that would take a year total past 10 亿 (or an area's admissions past 366) is refused
 * here, at that claim, rather than written into a history the next claim could not use.
 */
export function checkHistoryAfter(h: NormalHistory): void {
  for (let i = 0; i < MONEY_KEYS.length; i++) {
    const k = MONEY_KEYS[i]
    if (h[k] > MAX_YEAR_FEN)
      yearTotalTooLarge(`本年度${MONEY_LABELS[k]}累计将达到 ${fen2(h[k])} 元`, `$historyAfter.${k}`)
  }
  if (h.lastDeductible !== null && h.lastDeductible > MAX_YEAR_FEN)
    yearTotalTooLarge(`起付线将达到 ${fen2(h.lastDeductible)} 元`, '$historyAfter.lastDeductible')
  for (let i = 0; i < CARE_AREAS.length; i++) {
    const a = CARE_AREAS[i]
    if (h.admissions[a] > MAX_ADMISSIONS) {
      throw new CalculatorError(
        'YEAR_TOTAL_OUT_OF_RANGE',
        `本次结算后本年住院次数将超过 ${MAX_ADMISSIONS} 次，不像真实记录，不能结算。请核对本年度的就医记录`,
        `$historyAfter.admissions.${a}`
      )
    }
  }
}
function yearTotalTooLarge(what: string, path: string): never {
  throw new CalculatorError(
    'YEAR_TOTAL_OUT_OF_RANGE',
    `本次结算后，${what}，超过年度累计上限 10 亿元，不能结算。请核对本年度的就医记录和这次的费用`,
    path
  )
}

export function checkAsOf(asOf: unknown): string {
  if (!isIsoDate(asOf)) return parseDate(asOf, '$asOf', '计算日期')
  return asOf
}
