// Turns a settlement's steps into the lines of the claim-detail waterfall. Nothing here
// applies a rule: every amount is one the calculator wrote into a step (before/after),
// or the gap between the two figures of one step (what that step took away).
import { addYuan, compareYuan, ratePercent, subtractYuan } from '@/calculator/money'
import { normalizeSteps, sourceText, type AnyStep, type FlowStep } from './steps'

export type LineKind =
  /** 总费用: where the waterfall starts */
  | 'start'
  /** an amount taken away (自费, 起付线, over a limit) */
  | 'minus'
  /** what is left after the lines above */
  | 'subtotal'
  /** the ratio applied */
  | 'times'
  /** a rule that explains the next figure (why this deductible, bonus, penalty) */
  | 'why'
  /** someone other than the family pays this amount (fund, 大病保险, 救助, 家庭账户) */
  | 'payer'
  /** what the family paid */
  | 'result'
  /** context: policy version, assumptions, emergency handling, unknown steps */
  | 'note'

export interface WaterfallLine {
  key: string
  ruleId: string
  kind: LineKind
  /** short plain-Chinese name of the line */
  title: string
  /** decimal string, always ≥ 0; the sign comes from the kind */
  amount?: string
  /** ratio lines: "70%" */
  rate?: string
  /** one sentence from the calculator: why */
  reason: string
  /** policy document the rule comes from */
  source: string
  /** 大病保险 band by band */
  bands?: { upTo: string | null; rate: string }[]
}

export interface Waterfall {
  lines: WaterfallLine[]
  total: string | null
  /** who paid: every payer line and the family's share; they add up to `total` */
  payers: { ruleId: string; title: string; amount: string }[]
  familyPays: string | null
  /** the step of the policy version, for the "按哪份政策" line */
  policy: { version?: string; policyId?: string; text: string } | null
  excluded: boolean
}

const FUND_STEP = new Set([
  'rounding.fen',
  'inpatient.patient-flat',
  'outpatient.patient-flat',
  'special-outpatient.patient-flat',
  'outpatient.per-visit-limit',
  'outpatient.annual-limit',
  'special-outpatient.annual-limit',
  'annual-cap',
  'major-disease.fund',
  'major-disease.eligible-limit',
  'major-disease.cap',
  'benchmark-price.fund',
  'benchmark-price.eligible-limit'
])

const LIMIT_TITLE: Record<string, string> = {
  'annual-cap': '年度封顶线',
  'outpatient.per-visit-limit': '门诊每次限额',
  'outpatient.annual-limit': '门诊年度限额',
  'special-outpatient.annual-limit': '门诊特殊病种年度限额',
  'major-disease.cap': '重大疾病封顶线',
  'major-disease.eligible-limit': '不超过政策范围内费用',
  'benchmark-price.eligible-limit': '不超过政策范围内费用'
}

/** What one step took away (its before − after), when it took something. */
function gap(before: string | undefined, after: string | undefined): string | null {
  if (before === undefined || after === undefined) return null
  return compareYuan(before, after) > 0 ? subtractYuan(before, after) : null
}

function parseBands(s: string | undefined): { upTo: string | null; rate: string }[] | undefined {
  if (!s) return undefined
  const out: { upTo: string | null; rate: string }[] = []
  for (const part of s.split(',')) {
    const [upTo, rate] = part.split(':')
    if (!rate) return undefined
    out.push({ upTo: /^\d/.test(upTo) ? upTo : null, rate })
  }
  return out
}

export function buildWaterfall(rawSteps: readonly AnyStep[]): Waterfall {
  const steps = normalizeSteps(rawSteps)
  const lines: WaterfallLine[] = []
  const payers: Waterfall['payers'] = []
  let total: string | null = null
  let familyPays: string | null = null
  let policy: Waterfall['policy'] = null
  let excluded = false
  /** last figure the basic fund reached; flushed as a payer line when the fund part ends */
  let fund: { amount: string; step: FlowStep } | null = null
  let fundDone = false

  const push = (s: FlowStep, kind: LineKind, title: string, extra: Partial<WaterfallLine> = {}) => {
    lines.push({
      key: `${lines.length}-${s.ruleId}`,
      ruleId: s.ruleId,
      kind,
      title,
      reason: s.label,
      source: sourceText(s.source),
      ...extra
    })
  }
  const flushFund = () => {
    if (fund && !fundDone) {
      fundDone = true
      lines.push({
        key: `${lines.length}-basic-fund`,
        ruleId: 'basic-fund',
        kind: 'payer',
        title: '基本医保统筹基金付',
        amount: fund.amount,
        reason: '按上面的比例和限额算出，由基本医保统筹基金支付。',
        source: sourceText(fund.step.source)
      })
      payers.push({ ruleId: 'basic-fund', title: '基本医保', amount: fund.amount })
    }
  }

  for (const s of steps) {
    const r = s.ruleId
    if (r === 'policy.version') {
      policy = { version: s.params.version, policyId: s.params.policyId, text: s.label }
      push(s, 'note', '按哪份政策算')
    } else if (
      r === 'enrolment.assumed' ||
      r.startsWith('emergency.') ||
      r === 'referral.not-needed' ||
      r.startsWith('estimate.')
    ) {
      push(
        s,
        'note',
        r === 'enrolment.assumed'
          ? '参保状态'
          : r.startsWith('estimate.')
            ? '估算的假设'
            : r === 'referral.not-needed'
              ? '转诊'
              : '急诊'
      )
    } else if (r === 'exclusion') {
      excluded = true
      if (s.before !== undefined && total === null) {
        total = s.before
        lines.push({
          key: `${lines.length}-total`,
          ruleId: 'total',
          kind: 'start',
          title: '总费用',
          amount: s.before,
          reason: '这次看病一共花的钱。',
          source: ''
        })
      }
      push(s, 'minus', '不予报销', { amount: s.before })
    } else if (r === 'eligible-cost' || r === 'eligible') {
      if (s.before !== undefined && total === null) {
        total = s.before
        lines.push({
          key: `${lines.length}-total`,
          ruleId: 'total',
          kind: 'start',
          title: '总费用',
          amount: s.before,
          reason: '这次看病一共花的钱。',
          source: ''
        })
      }
      const cut = gap(s.before, s.after)
      if (cut) push(s, 'minus', '不在报销范围的钱（全自费、超限价、乙类先自付）', { amount: cut })
      if (s.after !== undefined)
        push(s, 'subtotal', '政策范围内费用', { amount: s.after, reason: cut ? '能按比例报销的部分。' : s.label })
    } else if (r === 'inpatient.deductible') {
      push(s, 'why', '起付线为什么是这么多')
    } else if (r === 'referral.penalty-deductible') {
      push(s, 'why', '没办转诊，起付线提高')
    } else if (
      r === 'inpatient.deductible-applied' ||
      r === 'outpatient.deductible' ||
      r === 'special-outpatient.deductible'
    ) {
      const cut = gap(s.before, s.after) ?? '0.00'
      push(s, 'minus', '扣起付线（自己先付的部分）', { amount: cut })
      if (s.after !== undefined)
        push(s, 'subtotal', '扣完起付线剩下', { amount: s.after, reason: '这部分按比例报销。' })
    } else if (/\.ratio$/.test(r)) {
      push(s, 'times', '报销比例', { rate: s.params.rate ? ratePercent(s.params.rate) : undefined })
    } else if (r === 'continuous-years-bonus') {
      push(s, 'why', '连续参保，比例提高')
    } else if (r === 'referral.penalty-ratio') {
      push(s, 'why', '没办转诊，比例降低')
    } else if (/\.banded-ratio$/.test(r)) {
      push(s, 'times', '分段报销', { amount: s.before })
    } else if (FUND_STEP.has(r)) {
      if (/patient-flat$/.test(r)) {
        push(s, 'minus', '每次自己付的固定金额', { amount: s.params.patientFlat })
      } else if (r === 'rounding.fen') {
        push(s, 'subtotal', '基本医保应付', { amount: s.after })
      } else if (r === 'major-disease.fund' || r === 'benchmark-price.fund') {
        push(s, 'subtotal', r === 'major-disease.fund' ? '重大疾病专项报销' : '按病种付费', { amount: s.after })
      } else {
        const cut = gap(s.before, s.after)
        if (cut) push(s, 'minus', `超过${LIMIT_TITLE[r]}，这部分不报`, { amount: cut })
        else push(s, 'why', LIMIT_TITLE[r] ?? '限额')
      }
      const figure: string | undefined = s.after ?? (fund ? fund.amount : undefined)
      if (figure !== undefined) fund = { amount: figure, step: s }
    } else if (r === 'major-disease.civil-affairs') {
      flushFund()
      push(s, 'payer', '民政救济付', { amount: s.after })
      if (s.after) payers.push({ ruleId: r, title: '民政救济', amount: s.after })
    } else if (r === 'catastrophic') {
      flushFund()
      push(s, 'payer', '大病保险付', { amount: s.after ?? '0.00', bands: parseBands(s.params.bands) })
      payers.push({ ruleId: r, title: '大病保险', amount: s.after ?? '0.00' })
    } else if (r === 'assistance') {
      flushFund()
      push(s, 'payer', '医疗救助付', { amount: s.after ?? '0.00' })
      payers.push({ ruleId: r, title: '医疗救助', amount: s.after ?? '0.00' })
    } else if (r === 'household-account') {
      flushFund()
      const used = gap(s.before, s.after) ?? '0.00'
      push(s, 'payer', '家庭账户付', { amount: used })
      payers.push({ ruleId: r, title: '家庭账户', amount: used })
    } else if (r === 'patient-pays') {
      flushFund()
      familyPays = s.after ?? null
      if (total === null && s.before !== undefined) total = s.before
      push(s, 'result', '您家自己付', { amount: s.after })
    } else if (r === 'cap' || r === 'outpatient.ratio-amount') {
      push(s, 'note', '限额')
    } else {
      // a step this screen has no special layout for is still shown, never dropped
      push(s, 'note', '说明', { amount: s.amount ?? s.after })
    }
  }
  flushFund()
  return { lines, total, payers, familyPays, policy, excluded }
}

/** Sum of everything that paid (fund, 大病, 救助, account) plus the family: equals the total. */
export function sumOfPayers(w: Waterfall): string {
  return addYuan(...w.payers.map((p) => p.amount), ...(w.familyPays ? [w.familyPays] : []))
}
