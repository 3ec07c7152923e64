// "估算 ¥A，实际 ¥B，因为……": the earlier estimate next to the settled claim, with the
// difference explained figure by figure from the two sets of steps (same engine, same
// step kinds). Nothing is recomputed: each figure is read from its step.
import { compareYuan } from '@/calculator/money'
import { formatMoney } from '@/components/money'
import type { AnyStep } from './steps'
import { buildWaterfall, type Waterfall } from './waterfall'

export interface Figures {
  total: string | null
  eligible: string | null
  deductible: string | null
  /** base ratio as "70%" */
  ratio: string | null
  basicFund: string | null
  catastrophic: string | null
  assistance: string | null
  familyPays: string | null
}

export function figuresOf(w: Waterfall): Figures {
  const line = (rule: string, kind: string) => w.lines.find((l) => l.ruleId === rule && l.kind === kind)
  const eligible = w.lines.find(
    (l) => (l.ruleId === 'eligible-cost' || l.ruleId === 'eligible') && l.kind === 'subtotal'
  )
  const ded = w.lines.find((l) => /deductible(-applied)?$/.test(l.ruleId) && l.kind === 'minus')
  const ratio = w.lines.find((l) => l.kind === 'times' && l.rate)
  const payer = (id: string) => w.payers.find((p) => p.ruleId === id)?.amount ?? null
  return {
    total: w.total,
    eligible: eligible?.amount ?? line('total', 'start')?.amount ?? null,
    deductible: ded?.amount ?? null,
    ratio: ratio?.rate ?? null,
    basicFund: payer('basic-fund'),
    catastrophic: payer('catastrophic'),
    assistance: payer('assistance'),
    familyPays: w.familyPays
  }
}

export interface Difference {
  key: keyof Figures
  estimated: string | null
  actual: string | null
  sentence: string
}

const yuan = (v: string | null) => (v === null ? '没有' : `¥${formatMoney(v)}`)
const differs = (a: string | null, b: string | null) =>
  a === null || b === null ? a !== b : !/%$/.test(a) ? compareYuan(a, b) !== 0 : a !== b

export function explainDifference(
  estimateSteps: readonly AnyStep[],
  actualSteps: readonly AnyStep[]
): { estimated: Figures; actual: Figures; differences: Difference[] } {
  const e = figuresOf(buildWaterfall(estimateSteps))
  const a = figuresOf(buildWaterfall(actualSteps))
  const out: Difference[] = []
  const add = (key: keyof Figures, sentence: string) => {
    if (differs(e[key], a[key])) out.push({ key, estimated: e[key], actual: a[key], sentence })
  }
  add('total', `实际总费用 ${yuan(a.total)}，估算时填的是 ${yuan(e.total)}。`)
  add(
    'eligible',
    `实际政策范围内费用 ${yuan(a.eligible)}；估算时没有费用明细，按 ${yuan(e.eligible)} 算的。自费药、超限价和乙类先自付的部分要看医院的明细。`
  )
  add(
    'deductible',
    `实际扣的起付线 ${yuan(a.deductible)}，估算时按 ${yuan(e.deductible)}（医院等级、本年第几次住院或有没有转诊不同）。`
  )
  add('ratio', `实际报销比例 ${a.ratio ?? '没有'}，估算时按 ${e.ratio ?? '没有'}（医院等级或人员类别不同）。`)
  add(
    'catastrophic',
    `大病保险实际报了 ${yuan(a.catastrophic)}，估算时是 ${yuan(e.catastrophic)}（和全年自付累计有关）。`
  )
  add('assistance', `医疗救助实际 ${yuan(a.assistance)}，估算时是 ${yuan(e.assistance)}。`)
  add('basicFund', `所以基本医保实际报了 ${yuan(a.basicFund)}，估算是 ${yuan(e.basicFund)}。`)
  return { estimated: e, actual: a, differences: out }
}
