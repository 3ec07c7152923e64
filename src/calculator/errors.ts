import type { ValidationProblem } from './types'

export type CalculatorErrorCode =
  | 'INVALID_AMOUNT'
  | 'INVALID_DATE'
  | 'INVALID_INPUT'
  | 'UNKNOWN_INSTITUTION_LEVEL'
  | 'NO_MATCHING_RULE'
  | 'POLICY_INVALID'
  | 'POLICY_NOT_FOUND'
  | 'POLICY_FIGURE_MISSING'
  | 'DATE_OUT_OF_RANGE'
  | 'NO_POLICY_FOR_DATE'
  /** settling the claim would take a year total of the history past 10 亿元 (or a 367th admission) */
  | 'YEAR_TOTAL_OUT_OF_RANGE'

/** Every refusal of the calculator: a code for programs, a plain Chinese message for people. */
export class CalculatorError extends Error {
  readonly code: CalculatorErrorCode
  /** JSON path of the offending input or policy field, when there is one */
  readonly path?: string
  constructor(code: CalculatorErrorCode, message: string, path?: string) {
    super(message)
    this.name = 'CalculatorError'
    this.code = code
    this.path = path
    Object.setPrototypeOf(this, new.target.prototype)
  }
}

/** The policy document breaks the format; `problems` lists every one with its JSON path. */
export class PolicyInvalidError extends CalculatorError {
  readonly problems: ValidationProblem[]
  constructor(policyId: string, problems: ValidationProblem[]) {
    super(
      'POLICY_INVALID',
      `政策文件「${policyId}」有 ${problems.length} 处错误：${problems
        .slice(0, 3)
        .map((p) => `${p.path} ${p.message}`)
        .join('；')}${problems.length > 3 ? '……' : ''}`
    )
    this.name = 'PolicyInvalidError'
    this.problems = problems
  }
}

/** The claim needs a figure the policy marks as missing (the source does not give it). */
export class PolicyFigureMissingError extends CalculatorError {
  readonly note: string
  constructor(path: string, note: string) {
    super('POLICY_FIGURE_MISSING', `政策里缺少这项数字（${note}），无法计算，请向县医保部门确认`, path)
    this.name = 'PolicyFigureMissingError'
    this.note = note
  }
}

export function isCalculatorError(e: unknown): e is CalculatorError {
  return e instanceof CalculatorError
}

/** A short, safe rendering of a bad input value for an error message (never throws). */
export function show(v: unknown): string {
  try {
    const s = typeof v === 'string' ? v : JSON.stringify(v)
    return s === undefined ? typeof v : s.length > 40 ? `${s.slice(0, 40)}…` : s
  } catch {
    return typeof v
  }
}
