// Batch settling and the parallel run (compare), streamed: rows are read, settled and
// written one chunk at a time, so memory holds the people's coverage-year histories (about a
// kilobyte a person) and one chunk of rows, whatever the file's size. A person's claims
// accumulate in their coverage year (a December stay and a January stay are two years);
// progress goes to stderr for long runs; a bad row is named (1-based line, its id and the
// column) and the rest go on.
import type { NormalHistory } from '../input'
import { settleInBatch } from '../settle'
import {
  CalculatorError,
  claimCoverageYear,
  type Claim,
  type PolicyDocument,
  type PolicyInput,
  type PolicyOverlay,
  type Settlement
} from '../index'
import { CellError, columnOfPath, headerIndex, rowReader, zhOf } from './columns'
import { CsvReader, csvLine, esc, readText, type Encoding } from './csv'

export interface Output {
  write(text: string): void | Promise<void>
}

export interface BatchSetup {
  input: PolicyInput
  resolve: (id: string) => PolicyDocument | PolicyOverlay | undefined
  asOf: string
  path: string
  format: 'csv' | 'jsonl'
  encoding: Encoding | 'auto'
  out: Output
  outFormat: 'csv' | 'jsonl'
  err: (s: string) => void
  /** milliseconds; the clock is read only for progress lines */
  now: () => number
}

/** A row that could not be turned into a claim or settled. */
interface RowFailure {
  code: string
  message: string
  column: string | null
}

function failureOf(e: unknown): RowFailure {
  if (e instanceof CellError) return { code: 'INVALID_INPUT', message: e.message, column: e.column }
  if (e instanceof CalculatorError) return { code: e.code, message: e.message, column: columnOfPath(e.path) }
  return { code: 'INTERNAL', message: `内部错误：${(e as Error).message}`, column: null }
}

/**
 * Each person's coverage years, in whole fen: the latest one, and earlier ones only when a
 * file goes back to them (a row of an earlier year after a later one).
 */
class Histories {
  private latest = new Map<string, NormalHistory>()
  private older = new Map<string, Map<string, NormalHistory>>()
  private readonly opts: { resolve: BatchSetup['resolve']; steps: boolean; strict: true }

  constructor(
    private readonly s: BatchSetup,
    steps: boolean
  ) {
    this.opts = { resolve: s.resolve, steps, strict: true }
  }

  settle(claim: Claim): Settlement {
    const s = this.s
    const opts = this.opts
    const person = claim.person.id!
    const cur = this.latest.get(person)
    let r: { settlement: Settlement; after: NormalHistory }
    try {
      r = settleInBatch(s.input, claim, cur, s.asOf, opts)
    } catch (e) {
      // a claim of an earlier coverage year than the person's latest: settle it in its own year
      if (!(e instanceof CalculatorError) || e.path !== '$history.coverageYear') throw e
      const year = claimCoverageYear(s.input, claim, s.asOf, { resolve: s.resolve }).start
      r = settleInBatch(s.input, claim, this.older.get(person)?.get(year), s.asOf, opts)
    }
    const after = r.after
    const year = after.coverageYear!
    if (!cur || year >= cur.coverageYear!) {
      if (cur && year > cur.coverageYear!) {
        let m = this.older.get(person)
        if (!m) this.older.set(person, (m = new Map()))
        m.set(cur.coverageYear!, cur)
      }
      this.latest.set(person, after)
    } else this.older.get(person)!.set(year, after)
    return r.settlement
  }
}

interface Row {
  line: number
  /** the row's claim id and person id as written (named in messages even when the row is refused) */
  id?: string
  person?: string
  claim?: Claim
  /** the raw cells, for compare's actual columns */
  cells?: string[]
  failure?: RowFailure
}

/** The rows of a CSV or JSON Lines file, a chunk at a time. `extra` names columns beyond the claim's (compare). */
async function* rowsOf(
  s: BatchSetup,
  extra: readonly { key: string; names: string[] }[] = []
): AsyncGenerator<{ rows: Row[]; extraIndex: Map<string, number> }> {
  let extraIndex = new Map<string, number>()
  if (s.format === 'jsonl') {
    let rest = ''
    let line = 0
    const toRows = (text: string, final: boolean): Row[] => {
      const parts = (rest + text).split('\n')
      rest = final ? '' : parts.pop()!
      const rows: Row[] = []
      for (const raw of parts) {
        line++
        const l = raw.replace(/\r$/, '')
        if (l.trim() === '') continue
        try {
          rows.push({ line, claim: JSON.parse(l) as Claim })
        } catch (e) {
          rows.push({
            line,
            failure: {
              code: 'INVALID_INPUT',
              message: `这一行不是有效的 JSON：${jsonProblem(e as Error, l)}`,
              column: null
            }
          })
        }
      }
      return rows
    }
    for await (const text of readText(s.path, s.encoding)) yield { rows: toRows(text, false), extraIndex }
    yield { rows: toRows('', true), extraIndex }
    return
  }
  const reader = new CsvReader()
  let idx: Map<string, number> | null = null
  let read: ((cells: string[]) => Claim) | null = null
  /** where the id and the person's id are (-1: no such column), found once from the header */
  let idAt = -1
  let personAt = -1
  let rows: Row[] = []
  const onRow = (cells: string[], line: number) => {
    if (idx === null) {
      // the header: claim columns, and the extra columns a command reads
      const claimCells: string[] = []
      const extras = new Map<string, number>()
      cells.forEach((h, i) => {
        const x = extra.find((c) => c.names.includes(h.trim()))
        if (x) extras.set(x.key, i)
        else claimCells[i] = h
      })
      const header = headerIndex(claimCells.map((h) => h ?? ''))
      idx = header
      idAt = header.get('id') ?? -1
      personAt = header.get('personId') ?? -1
      read = rowReader(header)
      extraIndex = extras
      return
    }
    if (cells.length === 1 && cells[0].trim() === '') return
    const cell = (i: number) => {
      const v = i < 0 ? '' : (cells[i] ?? '').trim()
      return v === '' ? undefined : v
    }
    const id = cell(idAt)
    const person = cell(personAt)
    try {
      rows.push({ line, id, person, cells, claim: read!(cells) })
    } catch (e) {
      rows.push({ line, id, person, cells, failure: failureOf(e) })
    }
  }
  for await (const text of readText(s.path, s.encoding)) {
    reader.push(text, onRow)
    yield { rows, extraIndex }
    rows = []
  }
  reader.end(onRow)
  if (idx === null) throw new CellError('', '文件是空的：第一行应当是列名')
  yield { rows, extraIndex }
}

function jsonProblem(e: Error, line: string): string {
  const m = /position (\d+)/.exec(e.message)
  return m
    ? `第 ${Number(m[1]) + 1} 个字符附近有错（${line.slice(Math.max(0, Number(m[1]) - 10), Number(m[1]) + 10)}）`
    : '格式不对'
}

// ---------------------------------------------------------------- settle --batch

const OUTCOME_ZH: Record<Settlement['outcome'], string> = {
  paid: '报销',
  'nothing-payable': '无可报销',
  excluded: '不予报销'
}

/** The result columns: key (JSON Lines), Chinese header (CSV). */
const RESULT: readonly [string, string][] = [
  ['line', '行号'],
  ['claimId', '编号'],
  ['personId', '参保人编号'],
  ['ok', '成功'],
  ['policyId', '政策'],
  ['policyVersion', '版本'],
  ['coverageYear', '参保年度'],
  ['outcome', '结算结果'],
  ['total', '总费用'],
  ['selfPaid', '自费'],
  ['eligible', '政策范围内费用'],
  ['deductible', '起付线'],
  ['ratio', '报销比例'],
  ['basicFund', '统筹基金'],
  ['catastrophic', '大病保险'],
  ['assistance', '医疗救助'],
  ['householdAccount', '家庭账户'],
  ['institutionBears', '医院承担'],
  ['patientPays', '个人负担'],
  ['insurancePaid', '医保报销合计'],
  ['overCap', '超出限额'],
  ['capRemaining', '限额剩余'],
  ['exclusion', '不予报销原因'],
  ['errorCode', '错误代码'],
  ['errorMessage', '错误说明'],
  ['steps', '计算过程']
]
const AMOUNTS = [
  'total',
  'selfPaid',
  'eligible',
  'deductible',
  'ratio',
  'basicFund',
  'catastrophic',
  'assistance',
  'householdAccount',
  'institutionBears',
  'patientPays',
  'insurancePaid',
  'overCap',
  'capRemaining'
] as const

function stepsSummary(s: Settlement): string {
  let out = ''
  for (const x of s.steps) {
    if (x.rule === 'policy.version' || x.rule === 'enrolment.assumed') continue
    out += (out ? '；' : '') + x.label
  }
  return out
}

/** What the batch settled. */
export interface BatchSummary {
  rows: number
  failed: number
}

class Progress {
  private readonly started: number
  private last: number
  constructor(private readonly s: BatchSetup) {
    this.started = s.now()
    this.last = this.started
  }
  tick(rows: number): void {
    const t = this.s.now()
    if (t - this.last >= 2000) {
      this.last = t
      this.s.err(
        `已处理 ${rows.toLocaleString('en-US')} 行（每秒约 ${Math.round((rows * 1000) / (t - this.started)).toLocaleString('en-US')} 行）……`
      )
    }
  }
}

/** How many row errors are named on stderr (all of them are in the output file). */
const SHOWN_ERRORS = 200

function rowLabel(r: Row): string {
  const id = r.claim?.id ?? r.id
  const person = r.claim?.person?.id ?? r.person
  const parts = [id ? `编号 ${id}` : '', person ? `参保人 ${person}` : ''].filter(Boolean).join('，')
  return `第 ${r.line} 行${parts ? `（${parts}）` : ''}`
}

function reportFailure(s: BatchSetup, r: Row, f: RowFailure, shown: { n: number }): void {
  if (shown.n++ < SHOWN_ERRORS)
    s.err(
      `${rowLabel(r)}：${f.message}${f.column && !f.message.includes(`「${f.column}」`) ? `（列「${f.column}」）` : ''}`
    )
}

export async function settleBatch(s: BatchSetup, steps: boolean): Promise<BatchSummary> {
  const histories = new Histories(s, steps)
  const cols = steps ? RESULT : RESULT.filter(([k]) => k !== 'steps')
  if (s.outFormat === 'csv') await s.out.write(`\uFEFF${csvLine(cols.map(([, zh]) => zh))}`)
  const progress = new Progress(s)
  const shown = { n: 0 }
  let rows = 0
  let failed = 0
  for await (const { rows: chunk } of rowsOf(s)) {
    for (const r of chunk) {
      rows++
      let st: Settlement | null = null
      let f = r.failure ?? null
      if (!f) {
        try {
          if (!r.claim || typeof r.claim !== 'object' || typeof r.claim.person !== 'object' || r.claim.person === null)
            throw new CalculatorError('INVALID_INPUT', '这一行不是一份报销申请（缺少参保人信息 person）', '$.person')
          if (typeof r.claim.person.id !== 'string' || r.claim.person.id === '')
            throw new CellError(zhOf('personId'), `「${zhOf('personId')}」没有填：同一个人的就医记录要按编号累计`)
          st = histories.settle(r.claim)
        } catch (e) {
          f = failureOf(e)
        }
      }
      if (f) {
        failed++
        reportFailure(s, r, f, shown)
      }
      // row by row: the output encodes each line as it comes (no long string to build and copy)
      const wait = s.out.write(resultLine(s, cols, r, st, f))
      if (wait) await wait
    }
    progress.tick(rows)
  }
  if (shown.n > SHOWN_ERRORS) s.err(`……另有 ${shown.n - SHOWN_ERRORS} 行有错误，见结果文件的「错误说明」`)
  return { rows, failed }
}

function resultLine(
  s: BatchSetup,
  cols: readonly [string, string][],
  r: Row,
  st: Settlement | null,
  f: RowFailure | null
): string {
  if (st && s.outFormat === 'csv') return csvSettled(r, st, cols.length === RESULT.length)
  const rec: Record<string, unknown> = {
    line: r.line,
    claimId: r.claim?.id ?? r.id ?? '',
    personId: r.claim?.person?.id ?? r.person ?? ''
  }
  if (st) {
    rec.ok = true
    rec.policyId = st.policyId
    rec.policyVersion = st.policyVersion
    rec.coverageYear = st.coverageYear.start
    rec.outcome = s.outFormat === 'csv' ? OUTCOME_ZH[st.outcome] : st.outcome
    for (const k of AMOUNTS) rec[k] = st[k] ?? ''
    rec.exclusion = st.exclusion ? (s.outFormat === 'csv' ? st.exclusion.reason : st.exclusion.code) : ''
    if (st.steps.length) rec.steps = stepsSummary(st)
  } else {
    rec.ok = false
    rec.errorCode = f!.code
    rec.errorMessage =
      f!.column && !f!.message.includes(`「${f!.column}」`) ? `${f!.message}（列「${f!.column}」）` : f!.message
  }
  if (s.outFormat === 'jsonl') {
    const o: Record<string, unknown> = {}
    for (const [k] of cols) if (rec[k] !== undefined) o[k] = rec[k]
    if (!st) o.error = { code: rec.errorCode, message: rec.errorMessage, column: f!.column }
    return `${JSON.stringify(o)}\n`
  }
  if (s.outFormat === 'csv') rec.ok = st ? '是' : '否'
  return csvLine(cols.map(([k]) => rec[k]))
}

/** A settled row as a CSV line, written straight from the settlement (the batch's hot path: one string a row). */
function csvSettled(r: Row, st: Settlement, steps: boolean): string {
  const id = r.claim?.id ?? r.id ?? ''
  const person = r.claim?.person?.id ?? r.person ?? ''
  return `${r.line},${esc(id)},${esc(person)},是,${esc(st.policyId)},${esc(st.policyVersion)},${st.coverageYear.start},${OUTCOME_ZH[st.outcome]},${st.total},${st.selfPaid},${st.eligible},${st.deductible},${st.ratio ?? ''},${st.basicFund},${st.catastrophic},${st.assistance},${st.householdAccount},${st.institutionBears},${st.patientPays},${st.insurancePaid},${st.overCap},${st.capRemaining ?? ''},${st.exclusion ? esc(st.exclusion.reason) : ''},,${steps ? `,${esc(stepsSummary(st))}` : ''}\n`
}

// ---------------------------------------------------------------- compare: a parallel run against past settlements

/** The county's actual figures: each compared with the calculator's, by part. */
export const ACTUAL_COLUMNS: readonly { key: keyof Settlement & string; names: string[]; zh: string }[] = [
  { key: 'eligible', names: ['实际政策范围内费用', 'actualEligible'], zh: '政策范围内费用' },
  { key: 'deductible', names: ['实际起付线', 'actualDeductible'], zh: '起付线' },
  { key: 'basicFund', names: ['实际统筹基金', '实际基本医保', 'actualBasicFund'], zh: '统筹基金' },
  { key: 'catastrophic', names: ['实际大病保险', 'actualCatastrophic'], zh: '大病保险' },
  { key: 'assistance', names: ['实际医疗救助', 'actualAssistance'], zh: '医疗救助' },
  { key: 'householdAccount', names: ['实际家庭账户', 'actualHouseholdAccount'], zh: '家庭账户' },
  { key: 'patientPays', names: ['实际个人负担', 'actualPatientPays'], zh: '个人负担' }
]

/** The rule of the settlement that decided a part (from its steps), for the report. */
function ruleFor(part: string, st: Settlement): string {
  const rules = st.steps.map((x) => x.rule)
  const has = (r: string) => rules.includes(r)
  const pick = (...rs: string[]) => rs.find(has) ?? rs[rs.length - 1]
  switch (part) {
    case 'eligible':
      return 'eligible-cost'
    case 'deductible':
      return pick('referral.penalty-deductible', `${st.kind}.deductible`)
    case 'basicFund': {
      if (st.exclusion) return `exclusion ${st.exclusion.code}`
      const cut = [
        'annual-cap',
        'outpatient.annual-limit',
        'outpatient.per-visit-limit',
        'special-outpatient.annual-limit',
        'major-disease.cap'
      ].find((r) =>
        st.steps.some((x) => x.rule === r && x.before !== undefined && x.after !== undefined && x.before !== x.after)
      )
      if (cut) return cut
      return pick(
        'major-disease.fund',
        'benchmark-price.fund',
        'referral.penalty-ratio',
        'continuous-years-bonus',
        `${st.kind}.banded-ratio`,
        `${st.kind}.patient-flat`,
        `${st.kind}.ratio`
      )
    }
    case 'catastrophic':
      return pick('catastrophic.separate-claim', 'catastrophic')
    case 'assistance':
      return pick('major-disease.civil-affairs', 'assistance')
    case 'householdAccount':
      return 'household-account'
    default:
      return 'patient-pays'
  }
}

const fenOf = (v: string): number | null => {
  const m = /^(-?)(0|[1-9]\d{0,12})(?:\.(\d{1,2}))?$/.exec(v.trim())
  if (!m) return null
  const f = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  return m[1] ? -f : f
}
const yuanOf = (f: number): string =>
  `${f < 0 ? '-' : ''}${Math.floor(Math.abs(f) / 100)}.${String(Math.abs(f) % 100).padStart(2, '0')}`

export interface CompareSummary extends BatchSummary {
  compared: number
  differing: number
  /** the report for people (Chinese), by part and by rule */
  report: string[]
}

/** `s.out` gets one line per difference (when --out is given); the report is returned. */
export async function compareBatch(s: BatchSetup): Promise<CompareSummary> {
  if (s.format !== 'csv') throw new CellError('', '比对只读 CSV 文件（理赔数据加上实际支付的各列）')
  const histories = new Histories(s, true)
  const byPart = new Map<string, { rows: number; sum: number; max: number }>()
  const byRule = new Map<string, { rows: number; sum: number }>()
  const examples: string[] = []
  const shown = { n: 0 }
  const progress = new Progress(s)
  let rows = 0
  let failed = 0
  let compared = 0
  let differing = 0
  let sawActual = false
  const outCols = ['行号', '编号', '参保人编号', '项目', '计算结果', '实际支付', '差额（计算−实际）', '规则']
  if (s.outFormat === 'csv') await s.out.write(`\uFEFF${csvLine(outCols)}`)
  for await (const { rows: chunk, extraIndex } of rowsOf(
    s,
    ACTUAL_COLUMNS.map((c) => ({ key: c.key, names: c.names }))
  )) {
    if (!sawActual && extraIndex.size === 0)
      throw new CellError(
        '',
        `比对文件要有实际支付的列，例如「实际统筹基金」「实际个人负担」（共 ${ACTUAL_COLUMNS.length} 种，见 xqyb-calc compare --help）`
      )
    sawActual = true
    let text = ''
    for (const r of chunk) {
      rows++
      let f = r.failure ?? null
      let st: Settlement | null = null
      if (!f) {
        try {
          if (!r.claim!.person.id)
            throw new CellError(zhOf('personId'), `「${zhOf('personId')}」没有填：同一个人的就医记录要按编号累计`)
          st = histories.settle(r.claim!)
        } catch (e) {
          f = failureOf(e)
        }
      }
      if (f || !st) {
        failed++
        reportFailure(s, r, f!, shown)
        continue
      }
      compared++
      let differs = false
      for (const c of ACTUAL_COLUMNS) {
        const i = extraIndex.get(c.key)
        if (i === undefined) continue
        const raw = (r.cells![i] ?? '').trim()
        if (raw === '') continue
        const actual = fenOf(raw)
        if (actual === null) {
          failed++
          reportFailure(
            s,
            r,
            { code: 'INVALID_AMOUNT', message: `「${c.names[0]}」不是有效金额：${raw}`, column: c.names[0] },
            shown
          )
          continue
        }
        const calc = fenOf(String(st[c.key]))!
        const diff = calc - actual
        if (diff === 0) continue
        differs = true
        const rule = ruleFor(c.key, st)
        const p = byPart.get(c.zh) ?? { rows: 0, sum: 0, max: 0 }
        p.rows++
        p.sum += diff
        p.max = Math.max(p.max, Math.abs(diff))
        byPart.set(c.zh, p)
        const rr = byRule.get(rule) ?? { rows: 0, sum: 0 }
        rr.rows++
        rr.sum += diff
        byRule.set(rule, rr)
        if (examples.length < 10)
          examples.push(
            `  ${rowLabel(r)} ${c.zh}：计算 ${yuanOf(calc)}，实际 ${yuanOf(actual)}，差 ${yuanOf(diff)}（规则 ${rule}）`
          )
        const rec = [
          r.line,
          r.claim!.id ?? '',
          r.claim!.person.id,
          c.zh,
          yuanOf(calc),
          yuanOf(actual),
          yuanOf(diff),
          rule
        ]
        text +=
          s.outFormat === 'csv'
            ? csvLine(rec)
            : `${JSON.stringify({ line: r.line, claimId: r.claim!.id ?? '', personId: r.claim!.person.id, part: c.key, calculated: yuanOf(calc), actual: yuanOf(actual), difference: yuanOf(diff), rule })}\n`
      }
      if (differs) differing++
    }
    if (text) await s.out.write(text)
    progress.tick(rows)
  }
  // the report, for people: how many agree, and where and by how much the others differ
  const lines = [
    `比对 ${compared} 条理赔（共 ${rows} 行，${failed} 行无法比对）：${compared - differing} 条完全一致，${differing} 条有差异。`
  ]
  if (byPart.size) {
    lines.push('按项目（差额 = 计算 − 实际）：')
    for (const [part, p] of byPart)
      lines.push(`  ${part}：${p.rows} 条不同，差额合计 ${yuanOf(p.sum)} 元，最大 ${yuanOf(p.max)} 元`)
    lines.push('按规则：')
    for (const [rule, p] of [...byRule].sort((a, b) => b[1].rows - a[1].rows))
      lines.push(`  ${rule}：${p.rows} 项不同，差额合计 ${yuanOf(p.sum)} 元`)
    lines.push('前几条差异：', ...examples)
  }
  return { rows, failed, compared, differing, report: lines }
}
