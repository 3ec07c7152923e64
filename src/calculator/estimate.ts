// estimate: the same engine as settleClaim, driven by what a villager knows. Every
// assumption it has to make is listed as a step (rule 'estimate.assumption').
import { compileSeries, need, selectVersion } from './compile'
import { isIsoDate, makeDate, yearOf } from './dates'
import { CalculatorError } from './errors'
import { checkAsOf, checkClaim, checkHistory } from './input'
import { CARE_AREAS, CLAIM_KINDS } from './policy-format'
import { fen2, mulRound, parseFen, pct, rateText, yuan } from './amounts'
import { settleWith } from './settle'
import type { BillLine, CalcOptions, Claim, ClaimHistory, Estimate, EstimateAnswers, PolicyInput, Step } from './types'

function assume(list: Step[], label: string, params?: Record<string, string>): void {
  list.push({ rule: 'estimate.assumption', label: `估算假设：${label}`, params })
}

export function estimate(policy: PolicyInput, answers: EstimateAnswers, asOf: string, options?: CalcOptions): Estimate {
  const day = checkAsOf(asOf)
  if (typeof answers !== 'object' || answers === null)
    throw new CalculatorError('INVALID_INPUT', '请填写估算需要的信息', '$')
  if (!CLAIM_KINDS.includes(answers.kind))
    throw new CalculatorError('INVALID_INPUT', '请选择住院、普通门诊或门诊特殊病种', '$.kind')
  if (typeof answers.institution !== 'object' || answers.institution === null)
    throw new CalculatorError('INVALID_INPUT', '请选择医院', '$.institution')
  const bill = parseFen(answers.billAmount, '$.billAmount', '大概花费')
  const date = answers.date ?? day
  if (!isIsoDate(date)) throw new CalculatorError('INVALID_DATE', '就医日期格式不对', '$.date')
  const series = compileSeries(policy, options?.resolve)
  const pol = selectVersion(series, date)
  const a: Step[] = []

  let birthDate = answers.birthDate
  if (birthDate === undefined) {
    if (answers.age !== undefined) {
      if (!Number.isInteger(answers.age) || answers.age < 0 || answers.age > 120)
        throw new CalculatorError('INVALID_INPUT', '年龄应当是 0 到 120 的整数', '$.age')
      // born on 1 Jan: exactly `age` full years on every date of this year
      birthDate = makeDate(yearOf(date) - answers.age, 1, 1)
    } else {
      birthDate = makeDate(yearOf(date) - 40, 1, 1)
      assume(a, '没有填写年龄，按 40 岁成年人计算')
    }
  }
  const designated = answers.institution.designated ?? true
  if (answers.institution.designated === undefined) assume(a, '按定点医疗机构计算')
  const area = answers.area ?? 'local'
  if (answers.area === undefined) assume(a, '按在本地（参保地）就医计算')
  if (!CARE_AREAS.includes(area)) throw new CalculatorError('INVALID_INPUT', '就医地点类型不对', '$.area')
  assume(a, '已参保、已过等待期，没有断保')

  let lines: BillLine[] | undefined
  if (pol.estimateShare) {
    const share = need(pol.estimateShare)
    const inScope = mulRound(bill, share)
    lines = [
      { class: 'A', amount: fen2(inScope) },
      { class: 'self-pay', amount: fen2(bill - inScope) }
    ]
    assume(a, `没有费用明细，按花费的 ${pct(share)}（${yuan(inScope)}）属于医保目录内计算，实际以医院结算为准`, {
      assumedEligibleShare: rateString(share)
    })
  } else {
    assume(a, '没有费用明细，按全部花费都属于医保目录内计算，实际报销可能更少')
  }
  let referral: Claim['referral']
  if (pol.referral && pol.referral.kinds.has(answers.kind) && area === 'local') {
    if (answers.referralApproved === undefined) assume(a, '按已办理转诊（或不需要转诊）计算')
    else referral = { approved: answers.referralApproved }
  }
  if (
    answers.admissionsThisYear !== undefined &&
    (!Number.isInteger(answers.admissionsThisYear) ||
      answers.admissionsThisYear < 0 ||
      answers.admissionsThisYear > 365)
  ) {
    throw new CalculatorError('INVALID_INPUT', '本年住院次数应当是 0 到 365 的整数', '$.admissionsThisYear')
  }
  if (answers.kind === 'inpatient' && answers.admissionsThisYear === undefined) assume(a, '按本年第一次住院计算')
  if (answers.fundPaidThisYear === undefined && pol.cap) assume(a, '按本年还没有报销过计算')
  if (answers.catastrophicBaseThisYear === undefined && pol.catastrophic && pol.catastrophic.kinds.has(answers.kind)) {
    assume(a, '大病保险按今年还没有别的自付费用计算（今年看病已经自付的钱没算进去，实际可能多报一些）')
  }
  const history: ClaimHistory = {
    admissions: { [area]: answers.admissionsThisYear ?? 0 },
    fundPaid: answers.fundPaidThisYear ?? '0.00',
    catastrophicBase: answers.catastrophicBaseThisYear,
    catastrophicPaid: answers.catastrophicPaidThisYear
  }
  if (answers.specialDisease !== undefined) assume(a, '门诊特殊病种已办理准入手续')
  const claim: Claim = {
    kind: answers.kind,
    person: { birthDate, student: answers.student, groups: answers.groups, continuousYears: answers.continuousYears },
    institution: { ...answers.institution, designated },
    area,
    admissionDate: date,
    dischargeDate: date,
    serviceDate: date,
    settlementDate: date,
    bill: { total: fen2(bill), lines },
    referral,
    majorDisease: answers.majorDisease,
    specialDisease: answers.specialDisease !== undefined ? { code: answers.specialDisease, approved: true } : undefined
  }
  const settleDay = date > day ? date : day
  const n = checkClaim(claim, settleDay)
  const h = checkHistory(history)
  const steps: Step[] = []
  const s = settleWith(pol, n, h, date, steps)
  // replace the settle-path enrolment note with the estimate's own assumption list; an estimate
  // has no discharge yet: its policy line names the day of care, not an 出院日期
  // mutation: not money — the explanation's steps
  const rest = s.steps
    .filter((x) => x.rule !== 'enrolment.assumed')
    .map((x) => (x.rule === 'policy.version' ? { ...x, label: x.label.replace(/^按[^（]*（/, '按看病日期（') } : x))
  return { ...s, steps: [...a, ...rest], assumptions: a }
}

/** a rate as decimal.js wrote it ("0.85", "0.7"): the estimate's params keep their text */
function rateString(r: number): string {
  const t = rateText(r)
  return t.replace(/0+$/, '').replace(/\.$/, '')
}
