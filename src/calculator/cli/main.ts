// xqyb-calc: the calculator for county staff. Node is allowed here (outside the pure core).
//   xqyb-calc policies | validate | quote | settle | compare   (each with --help)
// Every option and CSV column is known or refused, a required value left out is an error
// naming it, messages are plain Chinese with 1-based rows; nothing that changes money is
// defaulted. POLICY is a shipped policy id or a path to a JSON file (several comma-separated
// = the versions of one region).
import { createWriteStream, existsSync, readFileSync } from 'fs'
import { dirname, extname, join, resolve as resolvePath } from 'path'
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
  type Household,
  type PolicyDocument,
  type PolicyInput,
  type PolicyOverlay
} from '../index'
import { helpOf, parseOptions, UsageError, type CommandSpec } from './args'
import { ACTUAL_COLUMNS, compareBatch, settleBatch, type BatchSetup, type Output } from './batch'
import { CellError, CLAIM_COLUMNS } from './columns'
import { EncodingError, type Encoding } from './csv'
import { locate } from './locate'

export interface Io {
  out: (s: string) => void
  err: (s: string) => void
  cwd: string
  /** milliseconds, for progress lines (tests pass a fixed clock) */
  now?: () => number
  /** where output files go (tests may keep them in memory); defaults to the file system */
  openOut?: (path: string) => Output & { close(): Promise<void> }
}

const POLICY = {
  value: true,
  placeholder: 'P',
  help: '政策：内置政策编号，或 JSON 文件路径；逗号分隔多个表示同一地区的多个版本'
}
const AS_OF = {
  value: true,
  placeholder: '日期',
  help: '计算日期，如 2026-12-31；不写时用今天（北京时间），并在屏幕上说明'
}
const HELP = { value: false, help: '显示这一命令的说明' }
const ENCODING = {
  value: true,
  placeholder: '编码',
  help: 'utf8 或 gbk（即 gb18030）；不写时自动识别：UTF-8，否则按 Excel 的 GBK 读'
}

const COMMANDS: Record<string, CommandSpec> = {
  policies: { summary: '列出内置政策', usage: 'xqyb-calc policies', options: { help: HELP } },
  validate: {
    summary: '检查政策文件，列出每一处错误（行号从 1 起，写明是哪一行）',
    usage: 'xqyb-calc validate 政策文件或编号...',
    positional: 'POLICY',
    options: { help: HELP }
  },
  quote: {
    summary: '计算一户人家某个参保年度要交多少钱、谁来交、从哪天起能报销',
    usage: 'xqyb-calc quote --policy P --household 家庭.json --year 年度 [--as-of 日期] [--paid-on 日期] [--no-steps]',
    options: {
      policy: POLICY,
      household: { value: true, placeholder: '文件', help: '家庭成员 JSON 文件（格式见 docs/policy-format.md §4）' },
      year: { value: true, placeholder: '年度', help: '要缴费的参保年度，如 2027（必须写：征缴期里交的是下一年度）' },
      'paid-on': { value: true, placeholder: '日期', help: '缴费日期；不写时用计算日期' },
      'as-of': AS_OF,
      'no-steps': { value: false, help: '不输出计算步骤' },
      help: HELP
    },
    more: '结果里每位成员的 enrolment 就是缴费后的参保记录：把它写进报销申请的 person.enrolment，结算时自动推算等待期。'
  },
  settle: {
    summary: '结算一份报销申请，或批量结算一个文件（CSV 或 JSON Lines）',
    usage: [
      'xqyb-calc settle --policy P --claim 申请.json [--history 记录.json] [--as-of 日期] [--no-steps]',
      '       xqyb-calc settle --policy P --batch 文件.csv|文件.jsonl [--out 结果.csv|结果.jsonl] [--as-of 日期] [--no-steps] [--encoding utf8|gbk]'
    ].join('\n'),
    options: {
      policy: POLICY,
      claim: { value: true, placeholder: '文件', help: '一份报销申请（JSON）' },
      history: {
        value: true,
        placeholder: '文件',
        help: '这个人本参保年度已有的累计（JSON，上次结算的 historyAfter）'
      },
      enrolment: {
        value: true,
        placeholder: '文件',
        help: '参保记录（quote 结果里的 enrolment，或整个 quote 结果加 --member），代替申请里的 person.enrolment'
      },
      member: { value: true, placeholder: '编号', help: '从 quote 结果里取哪位成员的参保记录' },
      batch: {
        value: true,
        placeholder: '文件',
        help: '批量结算：.csv（列名见 --help columns）或 .jsonl（每行一份申请）'
      },
      out: { value: true, placeholder: '文件', help: '批量结果写到 .csv 或 .jsonl 文件；不写时输出到屏幕' },
      encoding: ENCODING,
      'as-of': AS_OF,
      'no-steps': { value: false, help: '不生成计算步骤（批量结算快得多）' },
      help: HELP
    },
    more: '同一参保人（参保人编号）的就医记录按参保年度累计：12月和1月的住院属于两个年度。批量结算严格检查：政策要用到而申请没有写的信息（是否转诊、就医原因、连续参保年数、人员类别……）按错误报告，不会默认。'
  },
  compare: {
    summary: '并行比对：用计算器重算县里过去的结算，按规则报告哪里不同、差多少',
    usage: 'xqyb-calc compare --policy P --batch 过去的结算.csv [--out 差异.csv] [--as-of 日期] [--encoding utf8|gbk]',
    options: {
      policy: POLICY,
      batch: { value: true, placeholder: '文件', help: '理赔数据（列同 settle）加上实际支付的列' },
      out: { value: true, placeholder: '文件', help: '每一项差异写到 .csv 或 .jsonl 文件' },
      encoding: ENCODING,
      'as-of': AS_OF,
      help: HELP
    },
    more: `实际支付的列（至少一列）：${ACTUAL_COLUMNS.map((c) => c.names[0]).join('、')}。全部一致时退出码为 0，有差异或无法比对的行时为 1。`
  }
}

const USAGE = [
  '用法：xqyb-calc 命令 [选项]',
  '',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`),
  '',
  '每个命令都有说明：xqyb-calc 命令 --help（例如 xqyb-calc settle --help）。',
  '日期写成 2026-03-15；金额写成 1200.00（元，最多两位小数）。'
].join('\n')

function columnsHelp(): string {
  return [
    'CSV 列名（中文或英文都可以，值也可以写中文）：',
    ...CLAIM_COLUMNS.map((c) => `  ${c.names.join(' / ').padEnd(36)}${c.doc}`)
  ].join('\n')
}

function todayShanghai(): string {
  // the CLI is outside the pure core, so it may read the clock
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit'
  }).format(new Date())
}

/** A JSON file, or an error in plain Chinese with the line and column of a syntax error. */
function readJson(path: string, what: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`找不到${what}文件：${path}`)
    throw e
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new CalculatorError('INVALID_INPUT', `${what}文件 ${path} 不是有效的 JSON：${jsonWhere(e as Error, text)}`)
  }
}

/** "第 12 行第 5 列附近" from a JSON.parse error (Node gives a character position). */
function jsonWhere(e: Error, text: string): string {
  const m = /position (\d+)/.exec(e.message)
  if (!m) return /Unexpected end/.test(e.message) ? '文件不完整（缺少结尾的 } 或 ]）' : '格式不对'
  const pos = Number(m[1])
  const before = text.slice(0, pos)
  const line = before.split('\n').length
  const col = pos - before.lastIndexOf('\n')
  const near = text.slice(pos, pos + 12).split('\n')[0]
  return `第 ${line} 行第 ${col} 列附近有错（「${near}」）：可能少了逗号、引号或括号，或多了一个逗号`
}

/** A policy id or file; `extends` is looked up among shipped policies, then files beside it. */
function loadPolicyArg(arg: string, cwd: string): PolicyDocument | PolicyOverlay {
  if (bundledPolicies[arg]) return bundledPolicies[arg]
  const path = resolvePath(cwd, arg)
  if (!existsSync(path))
    throw new CalculatorError('POLICY_NOT_FOUND', `找不到政策「${arg}」（既不是内置政策编号，也不是文件）`)
  return readJson(path, '政策') as PolicyDocument
}
function resolverFor(cwd: string, arg: string) {
  const dir = dirname(resolvePath(cwd, arg))
  return (id: string): PolicyDocument | PolicyOverlay | undefined => {
    if (bundledPolicies[id]) return bundledPolicies[id]
    try {
      return readJson(join(dir, `${id}.json`), '政策') as PolicyDocument
    } catch {
      return undefined
    }
  }
}
function loadPolicyInput(arg: string | true | undefined, cwd: string) {
  if (typeof arg !== 'string') throw new UsageError('请用 --policy 指定政策（内置编号或 JSON 文件）')
  const parts = arg.split(',')
  const docs = parts.map((p) => loadPolicyArg(p, cwd))
  return { input: (docs.length === 1 ? docs[0] : docs) as PolicyInput, resolve: resolverFor(cwd, parts[0]) }
}

function asOfOf(opts: Record<string, string | true>, io: Io): string {
  if (typeof opts['as-of'] === 'string') return opts['as-of']
  const today = todayShanghai()
  io.err(`计算日期：${today}（没有写 --as-of，用今天，北京时间）`)
  return today
}

function need(opts: Record<string, string | true>, name: string, what: string): string {
  const v = opts[name]
  if (typeof v !== 'string') throw new UsageError(`请用 --${name} 指定${what}`)
  return v
}

function formatOf(path: string, what: string): 'csv' | 'jsonl' {
  const e = extname(path).toLowerCase()
  if (e === '.csv') return 'csv'
  if (e === '.jsonl' || e === '.ndjson') return 'jsonl'
  throw new UsageError(`${what}只能是 .csv 或 .jsonl 文件：${path}`)
}

function encodingOf(opts: Record<string, string | true>): Encoding | 'auto' {
  const e = opts.encoding
  if (e === undefined) return 'auto'
  if (e === 'utf8' || e === 'utf-8') return 'utf8'
  if (e === 'gbk' || e === 'gb18030' || e === 'gb2312') return 'gb18030'
  throw new UsageError(`--encoding 只能是 utf8 或 gbk：${String(e)}`)
}

/** bytes of output kept before they go to the file */
const OUT_BUFFER = 1 << 20

/**
 * A file written through a buffer: each row is encoded into it as UTF-8 as it comes, and a
 * full buffer goes to the file (a county-year's rows joined into long strings first cost
 * a third of the batch's time in building, flattening and then encoding them).
 */
function fileOutput(path: string): Output & { close(): Promise<void> } {
  const stream = createWriteStream(path)
  let buf = Buffer.allocUnsafe(OUT_BUFFER)
  let used = 0
  const send = (data: Buffer | string): Promise<void> | undefined =>
    stream.write(data) ? undefined : new Promise<void>((ok) => stream.once('drain', () => ok()))
  const flush = (): Promise<void> | undefined => {
    if (used === 0) return undefined
    const full = buf.subarray(0, used)
    buf = Buffer.allocUnsafe(OUT_BUFFER)
    used = 0
    return send(full)
  }
  return {
    write: (text) => {
      // a UTF-16 unit is at most 3 bytes of UTF-8
      const wait = buf.length - used < text.length * 3 ? flush() : undefined
      if (text.length * 3 > buf.length) return wait ? wait.then(() => send(text)) : send(text)
      used += buf.write(text, used)
      return wait
    },
    close: async () => {
      await flush()
      await new Promise<void>((ok, ko) => stream.end((e?: Error | null) => (e ? ko(e) : ok())))
    }
  }
}

function cmdValidate(paths: string[], io: Io): number {
  if (paths.length === 0) throw new UsageError('请给出要检查的政策文件或编号')
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
        for (const pr of problems) io.out(`  ${locate(resolved, pr.path)}：${pr.message}    [${pr.path}]`)
      }
    } catch (e) {
      bad++
      io.out(`✗ ${p}：${(e as Error).message}`)
    }
  }
  return bad ? 1 : 0
}

function cmdQuote(opts: Record<string, string | true>, io: Io): number {
  const { input, resolve } = loadPolicyInput(opts.policy, io.cwd)
  const household = readJson(resolvePath(io.cwd, need(opts, 'household', '家庭成员 JSON 文件')), '家庭') as Household
  const yearText = need(opts, 'year', '要缴费的参保年度（例如 --year 2027）')
  if (!/^\d{4}$/.test(yearText)) throw new UsageError(`--year 应当是四位年份：${yearText}`)
  const asOf = asOfOf(opts, io)
  const paidOn = typeof opts['paid-on'] === 'string' ? opts['paid-on'] : undefined
  const q = quoteContribution(input, paidOn ? { ...household, paymentDate: paidOn } : household, asOf, {
    resolve,
    coverageYear: Number(yearText),
    steps: opts['no-steps'] !== true
  })
  io.out(JSON.stringify(q, null, 2))
  return 0
}

function cmdSettleOne(opts: Record<string, string | true>, io: Io): number {
  const { input, resolve } = loadPolicyInput(opts.policy, io.cwd)
  const claim = readJson(
    resolvePath(io.cwd, need(opts, 'claim', '报销申请 JSON 文件（或用 --batch 批量结算）')),
    '报销申请'
  ) as Claim
  const history =
    typeof opts.history === 'string'
      ? (readJson(resolvePath(io.cwd, opts.history), '累计记录') as ClaimHistory)
      : undefined
  if (typeof opts.member === 'string' && typeof opts.enrolment !== 'string')
    throw new UsageError('--member 要和 --enrolment 一起用')
  if (typeof opts.enrolment === 'string') {
    const rec = readJson(resolvePath(io.cwd, opts.enrolment), '参保记录') as Record<string, unknown>
    let enrolment = rec
    if (Array.isArray(rec.members)) {
      const id = need(opts, 'member', '要用 quote 结果里哪位成员的参保记录（--member 编号）')
      const m = (rec.members as { memberId: string; enrolment: unknown }[]).find((x) => x.memberId === id)
      if (!m) throw new UsageError(`quote 结果里没有编号为「${id}」的成员`)
      enrolment = m.enrolment as Record<string, unknown>
    }
    if (claim && typeof claim === 'object' && claim.person && typeof claim.person === 'object')
      claim.person = { ...claim.person, enrolment: enrolment as never }
  }
  const s = settleClaim(input, claim, history, asOfOf(opts, io), { resolve, steps: opts['no-steps'] !== true })
  io.out(JSON.stringify(s, null, 2))
  return 0
}

async function batchSetup(opts: Record<string, string | true>, io: Io, command: string) {
  const { input, resolve } = loadPolicyInput(opts.policy, io.cwd)
  const path = resolvePath(io.cwd, need(opts, 'batch', '要结算的文件'))
  const format = formatOf(path, '--batch 文件')
  const outPath = typeof opts.out === 'string' ? resolvePath(io.cwd, opts.out) : null
  const outFormat = outPath ? formatOf(outPath, '--out 文件') : command === 'compare' ? 'csv' : format
  if (!existsSync(path)) throw new UsageError(`找不到要结算的文件：${path}`)
  const file = outPath ? (io.openOut ?? fileOutput)(outPath) : null
  const lines: string[] = []
  const out: Output = file ?? {
    write: (text) => {
      // to the screen, line by line
      lines.push(text)
      if (lines.length > 64) flushScreen(lines, io)
    }
  }
  const setup: BatchSetup = {
    input,
    resolve,
    asOf: asOfOf(opts, io),
    path,
    format,
    encoding: encodingOf(opts),
    out,
    outFormat,
    err: io.err,
    now: io.now ?? (() => Date.now())
  }
  return {
    setup,
    done: async () => {
      flushScreen(lines, io)
      if (file) await file.close()
    },
    toScreen: !file
  }
}

function flushScreen(lines: string[], io: Io): void {
  const text = lines.join('').replace(/^\uFEFF/, '')
  lines.length = 0
  if (text) io.out(text.replace(/\n$/, ''))
}

async function cmdSettleBatch(opts: Record<string, string | true>, io: Io): Promise<number> {
  if (typeof opts.claim === 'string' || typeof opts.history === 'string' || typeof opts.enrolment === 'string')
    throw new UsageError('--batch 不能和 --claim、--history、--enrolment 一起用（批量文件里每行自带参保记录）')
  const b = await batchSetup(opts, io, 'settle')
  try {
    const r = await settleBatch(b.setup, opts['no-steps'] !== true)
    io.err(`共 ${r.rows} 行，成功 ${r.rows - r.failed} 行，失败 ${r.failed} 行`)
    return r.failed ? 1 : 0
  } finally {
    await b.done()
  }
}

async function cmdCompare(opts: Record<string, string | true>, io: Io): Promise<number> {
  const b = await batchSetup(opts, io, 'compare')
  const setup = b.toScreen ? { ...b.setup, out: { write: () => undefined } } : b.setup
  try {
    const r = await compareBatch(setup)
    for (const l of r.report) io.out(l)
    return r.failed || r.differing ? 1 : 0
  } finally {
    await b.done()
  }
}

/** Runs one command; resolves to the exit code (0 ok, 1 a problem with the data, 2 a usage error). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv
  if (cmd === undefined || cmd === 'help' || cmd === '--help') {
    if (rest[0] === 'columns') io.out(columnsHelp())
    else if (rest[0] && COMMANDS[rest[0]]) io.out(helpOf(rest[0], COMMANDS[rest[0]]))
    else io.out(USAGE)
    return 0
  }
  const spec = COMMANDS[cmd]
  if (!spec) {
    io.err(`不认识的命令「${cmd}」`)
    io.out(USAGE)
    return 2
  }
  try {
    if (rest[0] === '--help' || rest[0] === 'help') {
      io.out(rest[1] === 'columns' ? columnsHelp() : helpOf(cmd, spec))
      return 0
    }
    const { opts, pos } = parseOptions(rest, spec, cmd)
    if (opts.help === true) {
      io.out(helpOf(cmd, spec))
      return 0
    }
    switch (cmd) {
      case 'policies':
        for (const p of listBundledPolicies())
          io.out(
            `${p.id}\t${p.regionCode} ${p.regionName}\t${p.scheme}\t${p.effectiveFrom}~${p.effectiveTo ?? ''}\t${p.demo ? '[演示] ' : ''}${p.title}`
          )
        return 0
      case 'validate':
        return cmdValidate(pos, io)
      case 'quote':
        return cmdQuote(opts, io)
      case 'settle':
        return typeof opts.batch === 'string' ? await cmdSettleBatch(opts, io) : cmdSettleOne(opts, io)
      default:
        return await cmdCompare(opts, io)
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`用法错误：${e.message}`)
      return 2
    }
    if (e instanceof PolicyInvalidError) {
      io.err(`错误（${e.code}）：政策文件有 ${e.problems.length} 处错误`)
      for (const p of e.problems) io.err(`  ${p.path}  ${p.message}`)
      return 1
    }
    if (e instanceof CellError) {
      io.err(`错误：${e.message}`)
      return 1
    }
    if (e instanceof CalculatorError) {
      io.err(`错误（${e.code}）：${e.message}${e.path ? `  [${e.path}]` : ''}`)
      return 1
    }
    if (e instanceof EncodingError) {
      io.err(`错误：${e.message}`)
      return 1
    }
    throw e
  }
}

/** Entry for cli/xqyb-calc.js. */
export function main(): void {
  // output piped into a command that stops reading (head): end quietly
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  })
  void runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    cwd: process.cwd()
  }).then((code) => {
    process.exitCode = code
  })
}

if (require.main === module) main()
