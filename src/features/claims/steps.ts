// One shape for settlement steps, whichever side produced them: the county API stores
// the calculator's steps as contract Steps (`ruleId`), an estimate made in the app has
// the calculator's own Steps (`rule`). Amounts stay decimal strings.
export interface SourceInfo {
  title: string
  docNo?: string
  clause?: string
  note?: string
}

export interface FlowStep {
  ruleId: string
  label: string
  before?: string
  after?: string
  amount?: string
  params: Record<string, string>
  source?: SourceInfo
}

/**
 * A step as the calculator writes it (`rule`) or as an older county API stored it
 * (`ruleId`, `amount`), described structurally so this module imports neither side.
 */
export interface AnyStep {
  rule?: string
  ruleId?: string
  label: string
  before?: string
  after?: string
  amount?: string
  params?: unknown
  source?: unknown
}

function toSource(s: unknown): SourceInfo | undefined {
  if (typeof s !== 'object' || s === null) return undefined
  const o = s as Record<string, unknown>
  if (typeof o.title !== 'string' || o.title === '') return undefined
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
  return { title: o.title, docNo: str(o.docNo), clause: str(o.clause), note: str(o.note) }
}

function toParams(p: unknown): Record<string, string> {
  if (typeof p !== 'object' || p === null) return {}
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v)
  }
  return out
}

const MONEY_RE = /^-?\d+(\.\d+)?$/
const money = (v: unknown): string | undefined => (typeof v === 'string' && MONEY_RE.test(v) ? v : undefined)

export function normalizeStep(s: AnyStep): FlowStep {
  return {
    ruleId: s.rule ?? s.ruleId ?? 'unknown',
    label: typeof s.label === 'string' ? s.label : '',
    before: money(s.before),
    after: money(s.after),
    amount: money(s.amount),
    params: toParams(s.params),
    source: toSource(s.source)
  }
}

export function normalizeSteps(steps: readonly AnyStep[]): FlowStep[] {
  return steps.map(normalizeStep)
}

/** "演示方案 第十四条（演示医保发〔2025〕1号）" */
export function sourceText(s: SourceInfo | undefined): string {
  if (!s) return ''
  return `${s.title}${s.clause ? ` ${s.clause}` : ''}${s.docNo ? `（${s.docNo}）` : ''}`
}
