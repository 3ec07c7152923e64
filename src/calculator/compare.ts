// An estimate next to the settlement of the same stay: both figures, and the difference explained
// rule by rule from the two results (the same engine made both, so their parts and steps match).
// Computed here, once: the county answers it with the claim and the app shows it as sent.
import { compareYuan, ratePercent, subtractYuan } from './money'
import type { Settlement, Step } from './types'

export type ComparedFigure =
  'total' | 'eligible' | 'deductible' | 'ratio' | 'catastrophic' | 'assistance' | 'basicFund' | 'patientPays'

export interface FigureDifference {
  figure: ComparedFigure
  estimated: string | null
  actual: string | null
  /** actual − estimated, for amounts ("-320.00"); null for the ratio */
  change: string | null
  /** the plain sentence: what differs and why it usually does */
  sentence: string
  /** the step of each result that set this figure (its label), when there is one */
  estimateStep: string | null
  actualStep: string | null
}

export interface EstimateComparison {
  estimated: Record<ComparedFigure, string | null>
  actual: Record<ComparedFigure, string | null>
  /** the figures that differ, in the order the settlement works them out */
  differences: FigureDifference[]
}

/** Which steps set a figure: their rule ids end with one of these. */
const RULES: Record<ComparedFigure, RegExp> = {
  total: /^$/,
  eligible: /(^|\.)(eligible-cost|eligible-limit)$/,
  deductible: /deductible(-applied)?$/,
  ratio: /(ratio|penalty-ratio|continuous-years-bonus)$/,
  catastrophic: /^catastrophic$/,
  assistance: /^assistance$|civil-affairs$/,
  basicFund: /(^|\.)(fund|annual-cap|annual-limit)$/,
  patientPays: /^patient-pays$/
}

const WHY: Record<ComparedFigure, string> = {
  total: '实际花费和估算时填的不一样',
  eligible: '估算时没有费用明细，按一般比例算医保目录内的部分；实际按医院的费用清单',
  deductible: '起付线看医院级别、这一年第几次住院、有没有转诊',
  ratio: '报销比例看医院级别、人员类别、连续参保年数和有没有转诊备案',
  catastrophic: '大病保险和这一年自付累计了多少有关',
  assistance: '医疗救助看人员类别和自付多少',
  basicFund: '上面这些不同，基本医保报的也就不同',
  patientPays: '所以自己负担的也不同'
}

const NAME: Record<ComparedFigure, string> = {
  total: '总费用',
  eligible: '政策范围内费用',
  deductible: '起付线',
  ratio: '报销比例',
  catastrophic: '大病保险',
  assistance: '医疗救助',
  basicFund: '基本医保',
  patientPays: '自己负担'
}

const ORDER: ComparedFigure[] = [
  'total',
  'eligible',
  'deductible',
  'ratio',
  'basicFund',
  'catastrophic',
  'assistance',
  'patientPays'
]

function figuresOf(s: Settlement): Record<ComparedFigure, string | null> {
  return {
    total: s.total,
    eligible: s.eligible,
    deductible: s.deductible,
    ratio: s.ratio,
    catastrophic: s.catastrophic,
    assistance: s.assistance,
    basicFund: s.basicFund,
    patientPays: s.patientPays
  }
}

function stepFor(steps: readonly Step[], figure: ComparedFigure): string | null {
  const hits = steps.filter((s) => RULES[figure].test(s.rule))
  return hits.length ? hits[hits.length - 1].label : null
}

const ratioText = (r: string | null) => (r === null ? '没有' : ratePercent(r))
const money = (v: string | null) => (v === null ? '没有' : `${v}元`)

export function compareEstimate(estimate: Settlement, actual: Settlement): EstimateComparison {
  const e = figuresOf(estimate)
  const a = figuresOf(actual)
  const differences: FigureDifference[] = []
  for (const figure of ORDER) {
    const x = e[figure]
    const y = a[figure]
    const same = x === null || y === null ? x === y : figure === 'ratio' ? x === y : compareYuan(x, y) === 0
    if (same) continue
    const isRatio = figure === 'ratio'
    const shown = isRatio ? ratioText : money
    differences.push({
      figure,
      estimated: x,
      actual: y,
      change: !isRatio && x !== null && y !== null ? subtractYuan(y, x) : null,
      sentence: `${NAME[figure]}：估算 ${shown(x)}，实际 ${shown(y)}。${WHY[figure]}。`,
      estimateStep: stepFor(estimate.steps, figure),
      actualStep: stepFor(actual.steps, figure)
    })
  }
  return { estimated: e, actual: a, differences }
}
