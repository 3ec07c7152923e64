// xqyb-calc: the calculator for county staff. Node is allowed here (outside the pure core).
//   xqyb-calc policies
//   xqyb-calc validate POLICY...
//   xqyb-calc quote  --policy P --household household.json [--as-of D] [--year N]
//   xqyb-calc settle --policy P --claim claim.json [--history h.json] [--as-of D] [--no-steps]
//   xqyb-calc settle --policy P --batch claims.jsonl|claims.csv [--out results.jsonl|.csv] [--as-of D]
// POLICY is a shipped policy id or a path to a JSON file (several comma-separated = a series).
import { readFileSync, writeFileSync } from 'fs'
import { basename, dirname, extname, join, resolve as resolvePath } from 'path'
import {
  bundledPolicies,
  CalculatorError,
  listBundledPolicies,
  PolicyInvalidError,
  quoteContribution,
  resolvePolicy,
  settleClaim,
  validatePolicy,
  type Claim,
  type ClaimHistory,
  type PolicyDocument,
  type PolicyInput,
  type PolicyOverlay,
  type Settlement
} from '../index'
import { claimFromCsvRow, parseCsv, toCsv } from './csv'

export interface Io {
  out: (s: string) => void
  err: (s: string) => void
  cwd: string
}

const USAGE = `用法（usage）:
  xqyb-calc policies                                   列出内置政策
  xqyb-calc validate POLICY...                         检查政策文件，列出每一处错误
  xqyb-calc quote  --policy P --household FILE [--as-of 日期] [--year 年度]
  xqyb-calc settle --policy P --claim FILE [--history FILE] [--as-of 日期] [--no-steps]
  xqyb-calc settle --policy P --batch FILE.jsonl|FILE.csv [--out FILE] [--as-of 日期]
POLICY 可以是内置政策编号，也可以是 JSON 文件路径；用逗号分隔多个表示同一地区的多个版本。
日期写成 2026-03-15；不写 --as-of 时用今天（北京时间）。`

function todayShanghai(): string {
  // the CLI is outside the pure core, so it may read the clock
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit'
  }).format(new Date())
}

function parseArgs(argv: string[]): { pos: string[]; opts: Record<string, string | true> } {
  const pos: string[] = []
  const opts: Record<string, string | true> = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a.startsWith('--')) {
      const key = a.slice(2)
      const next = argv[i + 1]
      if (next !== undefined && !next.startsWith('--') && !['no-steps', 'help'].includes(key)) {
        opts[key] = next
        i++
      } else opts[key] = true
    } else pos.push(a)
  }
  return { pos, opts }
}

function readJson(path: string): unknown {
  const text = readFileSync(path, 'utf8')
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new CalculatorError('INVALID_INPUT', `${path} 不是有效的 JSON：${(e as Error).message}`)
  }
}

/** A policy id or file; `extends` is looked up among shipped policies, then files beside it. */
function loadPolicyArg(arg: string, cwd: string): PolicyDocument | PolicyOverlay {
  if (bundledPolicies[arg]) return bundledPolicies[arg]
  const path = resolvePath(cwd, arg)
  let doc: unknown
  try {
    doc = readJson(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CalculatorError('POLICY_NOT_FOUND', `找不到政策「${arg}」（既不是内置政策编号，也不是文件）`)
    throw e
  }
  return doc as PolicyDocument
}
function resolverFor(cwd: string, arg: string) {
  const dir = dirname(resolvePath(cwd, arg))
  return (id: string): PolicyDocument | PolicyOverlay | undefined => {
    if (bundledPolicies[id]) return bundledPolicies[id]
    try {
      return readJson(join(dir, `${id}.json`)) as PolicyDocument
    } catch {
      return undefined
    }
  }
}
function loadPolicyInput(
  arg: string | true | undefined,
  cwd: string
): { input: PolicyInput; resolve: (id: string) => PolicyDocument | PolicyOverlay | undefined } {
  if (typeof arg !== 'string')
    throw new CalculatorError('INVALID_INPUT', '请用 --policy 指定政策（内置编号或 JSON 文件）')
  const parts = arg.split(',')
  const docs = parts.map((p) => loadPolicyArg(p, cwd))
  return { input: docs.length === 1 ? docs[0] : docs, resolve: resolverFor(cwd, parts[0]) }
}

function asOfOf(opts: Record<string, string | true>): string {
  return typeof opts['as-of'] === 'string' ? opts['as-of'] : todayShanghai()
}

function cmdValidate(paths: string[], io: Io): number {
  if (paths.length === 0) {
    io.err('请给出要检查的政策文件或编号')
    return 2
  }
  let bad = 0
  for (const p of paths) {
    try {
      const doc = loadPolicyArg(p, io.cwd)
      const resolved = resolvePolicy(doc, resolverFor(io.cwd, p))
      const problems = validatePolicy(resolved)
      if (problems.length === 0) io.out(`✓ ${p}：格式正确（${resolved.title}，${resolved.version}版）`)
      else {
        bad++
        io.out(`✗ ${p}：有 ${problems.length} 处错误`)
        for (const pr of problems) io.out(`  ${pr.path}  ${pr.message}`)
      }
    } catch (e) {
      bad++
      io.out(`✗ ${p}：${(e as Error).message}`)
    }
  }
  return bad ? 1 : 0
}

function stepsSummary(s: Settlement): string {
  return s.steps
    .filter((x) => x.rule !== 'policy.version' && x.rule !== 'enrolment.assumed')
    .map((x) => x.label)
    .join('；')
}

const RESULT_FIELDS = [
  'outcome',
  'total',
  'selfPaid',
  'eligible',
  'deductible',
  'ratio',
  'basicFund',
  'catastrophic',
  'assistance',
  'householdAccount',
  'patientPays',
  'overCap',
  'capRemaining'
] as const

interface BatchRow {
  line: number
  claim?: Claim
  error?: { code: string; message: string; path?: string }
}

function readBatch(path: string): { rows: BatchRow[]; format: 'jsonl' | 'csv' } {
  const text = readFileSync(path, 'utf8')
  if (extname(path).toLowerCase() === '.csv') {
    const table = parseCsv(text)
    const header = table[0] ?? []
    const rows: BatchRow[] = []
    for (let i = 1; i < table.length; i++) {
      const cells = table[i]
      if (cells.length === 1 && cells[0] === '') continue
      const line = i + 1
      try {
        rows.push({ line, claim: claimFromCsvRow(header, cells) })
      } catch (e) {
        rows.push({ line, error: errInfo(e) })
      }
    }
    return { rows, format: 'csv' }
  }
  const rows: BatchRow[] = []
  text.split(/\r?\n/).forEach((l, i) => {
    if (l.trim() === '') return
    try {
      rows.push({ line: i + 1, claim: JSON.parse(l) as Claim })
    } catch (e) {
      rows.push({
        line: i + 1,
        error: { code: 'INVALID_INPUT', message: `这一行不是有效的 JSON：${(e as Error).message}` }
      })
    }
  })
  return { rows, format: 'jsonl' }
}

function errInfo(e: unknown): { code: string; message: string; path?: string } {
  if (e instanceof CalculatorError) return { code: e.code, message: e.message, path: e.path }
  return { code: 'INTERNAL', message: (e as Error).message }
}

function cmdSettleBatch(opts: Record<string, string | true>, io: Io): number {
  const { input, resolve } = loadPolicyInput(opts.policy, io.cwd)
  const asOf = asOfOf(opts)
  const path = resolvePath(io.cwd, String(opts.batch))
  const { rows, format } = readBatch(path)
  const outFormat =
    typeof opts.out === 'string' ? (extname(opts.out).toLowerCase() === '.csv' ? 'csv' : 'jsonl') : format
  // each person's claims accumulate in file order: admissions, deductibles met, fund paid
  const histories = new Map<string, ClaimHistory>()
  const results: Record<string, unknown>[] = []
  let failed = 0
  for (const row of rows) {
    const base: Record<string, unknown> = { line: row.line }
    if (row.claim) {
      base.claimId = row.claim.id ?? ''
      base.personId = row.claim.person?.id ?? ''
    }
    if (row.error || !row.claim) {
      failed++
      results.push({ ...base, ok: false, error: row.error })
      io.err(`第 ${row.line} 行：${row.error?.message}`)
      continue
    }
    const key = row.claim.person?.id ?? `line-${row.line}`
    try {
      const s = settleClaim(input, row.claim, histories.get(key), asOf, { resolve })
      histories.set(key, s.historyAfter)
      const r: Record<string, unknown> = { ...base, ok: true, policyId: s.policyId, policyVersion: s.policyVersion }
      for (const f of RESULT_FIELDS) r[f] = s[f]
      r.exclusion = s.exclusion?.code ?? ''
      r.steps = stepsSummary(s)
      results.push(r)
    } catch (e) {
      failed++
      const info = errInfo(e)
      results.push({ ...base, ok: false, error: info })
      io.err(`第 ${row.line} 行：${info.message}`)
    }
  }
  let text: string
  if (outFormat === 'csv') {
    const cols = [
      'line',
      'claimId',
      'personId',
      'ok',
      'policyId',
      'policyVersion',
      ...RESULT_FIELDS,
      'exclusion',
      'errorCode',
      'errorMessage',
      'steps'
    ]
    text = toCsv(
      cols,
      results.map((r) => {
        const e = r.error as { code: string; message: string } | undefined
        return { ...r, errorCode: e?.code ?? '', errorMessage: e?.message ?? '' }
      })
    )
  } else text = results.map((r) => JSON.stringify(r)).join('\n') + '\n'
  if (typeof opts.out === 'string') writeFileSync(resolvePath(io.cwd, opts.out), text)
  else io.out(text.replace(/\n$/, ''))
  io.err(`共 ${rows.length} 条，成功 ${rows.length - failed} 条，失败 ${failed} 条（${basename(path)}）`)
  return failed ? 1 : 0
}

export function runCli(argv: string[], io: Io): number {
  const { pos, opts } = parseArgs(argv)
  const cmd = pos[0]
  try {
    switch (cmd) {
      case 'policies':
        for (const p of listBundledPolicies())
          io.out(
            `${p.id}\t${p.regionCode} ${p.regionName}\t${p.scheme}\t${p.effectiveFrom}~${p.effectiveTo ?? ''}\t${p.demo ? '[演示] ' : ''}${p.title}`
          )
        return 0
      case 'validate':
        return cmdValidate(pos.slice(1), io)
      case 'quote': {
        const { input, resolve } = loadPolicyInput(opts.policy, io.cwd)
        if (typeof opts.household !== 'string')
          throw new CalculatorError('INVALID_INPUT', '请用 --household 指定家庭成员 JSON 文件')
        const household = readJson(resolvePath(io.cwd, opts.household)) as Parameters<typeof quoteContribution>[1]
        const year = typeof opts.year === 'string' ? Number(opts.year) : undefined
        const q = quoteContribution(input, household, asOfOf(opts), {
          resolve,
          coverageYear: year,
          steps: opts['no-steps'] !== true
        })
        io.out(JSON.stringify(q, null, 2))
        return 0
      }
      case 'settle': {
        if (typeof opts.batch === 'string') return cmdSettleBatch(opts, io)
        const { input, resolve } = loadPolicyInput(opts.policy, io.cwd)
        if (typeof opts.claim !== 'string')
          throw new CalculatorError('INVALID_INPUT', '请用 --claim 指定报销申请 JSON 文件，或用 --batch 批量结算')
        const claim = readJson(resolvePath(io.cwd, opts.claim)) as Claim
        const history =
          typeof opts.history === 'string' ? (readJson(resolvePath(io.cwd, opts.history)) as ClaimHistory) : undefined
        const s = settleClaim(input, claim, history, asOfOf(opts), { resolve, steps: opts['no-steps'] !== true })
        io.out(JSON.stringify(s, null, 2))
        return 0
      }
      default:
        io.out(USAGE)
        return cmd === undefined || cmd === 'help' || opts.help === true ? 0 : 2
    }
  } catch (e) {
    if (e instanceof PolicyInvalidError) {
      io.err(`错误（${e.code}）：政策文件有 ${e.problems.length} 处错误`)
      for (const p of e.problems) io.err(`  ${p.path}  ${p.message}`)
      return 1
    }
    if (e instanceof CalculatorError) {
      io.err(`错误（${e.code}）：${e.message}${e.path ? `  [${e.path}]` : ''}`)
      return 1
    }
    throw e
  }
}

/** Entry for cli/xqyb-calc.js. */
export function main(): void {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    cwd: process.cwd()
  })
}

if (require.main === module) main()
