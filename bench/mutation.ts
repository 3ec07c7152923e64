// Mutation testing of the calculator's money code (npm run bench:mutation): how many small
// wrong versions of the rules (mutants) the hand-computed cases kill. Every policies/*.cases.json
// case and every check of testing/pins.ts is run against each mutant; a mutant is killed when
// one fails (or throws, or runs too long). Prints `calculator mutation score: N % (target: ≥ 90 %)` and the survivors.
//
// Like StrykerJS, with mutation switching: each file is parsed with the TypeScript compiler
// and every mutant is written into one build, switched on by a global number, so the suite
// runs once per mutant without rebuilding. Mutated: the files that compute money (MUTATED),
// outside the code that only writes the explanation (an `if (S)` block, `S ? … : …`, template
// text; `withSteps` in the quote). Mutators: arithmetic (+ − × ÷), comparisons (boundary and negation), equality,
// logical (&& ||), conditions forced true and false, `!` removed, numeric literals, Math.min ↔
// Math.max, compound assignment (+= ↔ −=). Not mutated: module-level constants (evaluated once
// when the build loads, so a switched mutant there would never be on); a boundary swap that
// is the same at equality by its form (`x < y ? x : y`, `x > y ? x - y : 0`, `if (x > y) x = y`).
// Runner: one worker thread loads the build and runs the suite unmutated (it must pass, or
// there is no score); a mutant running over 5 s + 3 × its warm time has looped and is killed by
// time; every 50 mutants the suite runs unmutated again, and if it fails, a mutant left state
// behind, so that batch runs again one by one to find it. Documented in src/calculator/README.md.
//   npx tsx bench/mutation.ts [--file settle.ts] [--limit N]
import { buildSync } from 'esbuild'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import ts from 'typescript'
import { Worker } from 'worker_threads'
import { info, report } from './format'

const root = join(__dirname, '..')
const calc = join(root, 'src/calculator')
export const MUTATED = [
  'settle.ts',
  'amounts.ts',
  'contribution.ts',
  'rules.ts',
  'estimate.ts',
  'year-summary.ts',
  'money.ts',
  'dates.ts'
]
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}

export interface Mutant {
  id: number
  file: string
  line: number
  what: string
}

const K = ts.SyntaxKind
const SWAP: Partial<Record<ts.SyntaxKind, ts.SyntaxKind[]>> = {
  [K.PlusToken]: [K.MinusToken],
  [K.MinusToken]: [K.PlusToken],
  [K.AsteriskToken]: [K.SlashToken],
  [K.SlashToken]: [K.AsteriskToken],
  [K.PercentToken]: [K.AsteriskToken],
  [K.LessThanToken]: [K.LessThanEqualsToken, K.GreaterThanEqualsToken],
  [K.LessThanEqualsToken]: [K.LessThanToken, K.GreaterThanToken],
  [K.GreaterThanToken]: [K.GreaterThanEqualsToken, K.LessThanEqualsToken],
  [K.GreaterThanEqualsToken]: [K.GreaterThanToken, K.LessThanToken],
  [K.EqualsEqualsEqualsToken]: [K.ExclamationEqualsEqualsToken],
  [K.ExclamationEqualsEqualsToken]: [K.EqualsEqualsEqualsToken],
  [K.AmpersandAmpersandToken]: [K.BarBarToken],
  [K.BarBarToken]: [K.AmpersandAmpersandToken],
  [K.PlusEqualsToken]: [K.MinusEqualsToken],
  [K.MinusEqualsToken]: [K.PlusEqualsToken]
}

/** a statement or function marked `// mutation: not money — why` (text of the explanation, a pure speed-up) */
function marked(p: ts.Node): boolean {
  const sf = p.getSourceFile()
  const ranges = ts.getLeadingCommentRanges(sf.text, p.pos) ?? []
  return ranges.some((r) => sf.text.slice(r.pos, r.end).includes('mutation: not money'))
}

/** the explanation's code: steps are built only when S is given; labels are template text; marked code */
function explanation(n: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p; p = p.parent) {
    if (
      (ts.isStatement(p) || ts.isFunctionDeclaration(p) || ts.isClassElement(p) || ts.isArrowFunction(p)) &&
      marked(p)
    )
      return true
    if (ts.isTemplateExpression(p) || ts.isTypeNode(p) || ts.isImportDeclaration(p)) return true
    // a branch taken only when steps are written (the condition too: it only chooses what to write)
    if ((ts.isIfStatement(p) || ts.isConditionalExpression(p)) && /^\(?(S|withSteps)\b/.test(conditionText(p)))
      return true
  }
  return false
}
/** < ↔ <=, > ↔ >=: the swaps that differ only when the two sides are equal */
const BOUNDARY = new Set([
  `${K.LessThanToken}>${K.LessThanEqualsToken}`,
  `${K.LessThanEqualsToken}>${K.LessThanToken}`,
  `${K.GreaterThanToken}>${K.GreaterThanEqualsToken}`,
  `${K.GreaterThanEqualsToken}>${K.GreaterThanToken}`
])
function bare(n: ts.Node): string {
  while (ts.isParenthesizedExpression(n)) n = n.expression
  return n.getText()
}
/**
 * A comparison whose boundary swap cannot change anything: at equality both ways give the
 * same value (trivially equivalent mutants, as compilers prove them, left out rather than
 * counted as survivors): `x < y ? x : y` (min/max), `x > y ? x - y : 0`, and
 * `if (x > y) x = y` (beside steps).
 */
function equivalentAtEquality(cmp: ts.BinaryExpression): boolean {
  let top: ts.Node = cmp
  let p: ts.Node = cmp.parent
  while (ts.isParenthesizedExpression(p)) p = p.parent
  // `a && x > y` in an if: the body is what matters
  while (ts.isBinaryExpression(p) && p.operatorToken.kind === K.AmpersandAmpersandToken && p.right === top) {
    top = p
    p = p.parent
  }
  if (top !== cmp && !ts.isIfStatement(p)) return false
  const x = bare(cmp.left)
  const y = bare(cmp.right)
  if (ts.isConditionalExpression(p)) {
    const a = bare(p.whenTrue)
    const b = bare(p.whenFalse)
    if ((a === x && b === y) || (a === y && b === x)) return true
    const diff = new Set([`${x} - ${y}`, `${y} - ${x}`])
    return (a === '0' && diff.has(b)) || (b === '0' && diff.has(a))
  }
  if (ts.isIfStatement(p) && !p.elseStatement) {
    const body = ts.isBlock(p.thenStatement) ? [...p.thenStatement.statements] : [p.thenStatement]
    const money = body.filter((st) => !(ts.isIfStatement(st) && /^\(?S\b/.test(st.expression.getText())))
    if (money.length !== 1 || !ts.isExpressionStatement(money[0])) return false
    const e = money[0].expression
    return (
      ts.isBinaryExpression(e) &&
      e.operatorToken.kind === K.EqualsToken &&
      new Set([x, y]).has(bare(e.left)) &&
      new Set([x, y]).has(bare(e.right)) &&
      bare(e.left) !== bare(e.right)
    )
  }
  return false
}
function conditionText(p: ts.IfStatement | ts.ConditionalExpression): string {
  return (ts.isIfStatement(p) ? p.expression : p.condition).getText()
}

/** The instrumented text of a file and its mutants (ids from `next`). */
export function instrument(file: string, text: string, next: { id: number }, mutants: Mutant[]): string {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS)
  const add = (n: ts.Node, what: string): number => {
    const id = next.id++
    mutants.push({ id, file, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, what })
    return id
  }
  const isCondition = (n: ts.Node): boolean => {
    const p = n.parent
    return (
      !!p &&
      ((ts.isIfStatement(p) && p.expression === n) ||
        (ts.isConditionalExpression(p) && p.condition === n) ||
        (ts.isWhileStatement(p) && p.expression === n))
    )
  }
  /** the node's text with its children's texts replaced by theirs (each child instrumented) */
  const emitted = new Map<ts.Node, string>()
  function emit(n: ts.Node): string {
    const start = n.getStart(sf)
    let out = ''
    let at = start
    for (const c of n.getChildren(sf)) {
      const cs = c.getStart(sf)
      if (c.end <= start || cs < at) continue
      const t = emit(c)
      emitted.set(c, t)
      out += text.slice(at, cs) + t
      at = c.end
    }
    out += text.slice(at, n.end)
    return wrap(n, out)
  }
  /** a child's text as already instrumented (each mutant appears once) */
  const child = (c: ts.Node): string => emitted.get(c) ?? c.getText(sf)
  /** code run once, when the module loads (a module-level constant): a switched mutant there would never be on */
  const once = (n: ts.Node): boolean => {
    for (let p: ts.Node | undefined = n.parent; p; p = p.parent)
      if (ts.isFunctionLike(p) || ts.isClassLike(p)) return false
    return true
  }
  /** the node's variants, switched: `(M === 3 ? variant : M === 4 ? variant : original)` */
  function wrap(n: ts.Node, original: string): string {
    if (once(n)) return original
    // code without semicolons: a statement that now starts with "(" must not join the line before
    if (ts.isExpressionStatement(n) && original.startsWith('(')) return `{ ${original} }`
    // `if (S)`, `S ? … : …`: whether steps are written, not money
    if (explanation(n) || /^(S|withSteps)\b/.test(n.getText(sf))) return original
    const variants: [number, string][] = []
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind
      const left = child(n.left)
      const right = child(n.right)
      for (const to of SWAP[op] ?? []) {
        // string building (a + "…") is text, not money
        if ((op === K.PlusToken || op === K.PlusEqualsToken) && (isText(n.left) || isText(n.right))) continue
        if (BOUNDARY.has(`${op}>${to}`) && equivalentAtEquality(n)) continue
        variants.push([
          add(n, `${ts.tokenToString(op)} → ${ts.tokenToString(to)}`),
          `${left} ${ts.tokenToString(to)} ${right}`
        ])
      }
    } else if (ts.isPrefixUnaryExpression(n) && n.operator === K.ExclamationToken) {
      variants.push([add(n, '! removed'), child(n.operand)])
    } else if (ts.isNumericLiteral(n) && !ts.isPropertyAssignment(n.parent) && !ts.isEnumMember(n.parent)) {
      const v = Number(n.text.replace(/_/g, ''))
      variants.push([add(n, `${n.text} → ${v === 0 ? 1 : v + 1}`), String(v === 0 ? 1 : v + 1)])
      if (v !== 0) variants.push([add(n, `${n.text} → 0`), '0'])
    } else if (
      ts.isPropertyAccessExpression(n) &&
      n.expression.getText(sf) === 'Math' &&
      (n.name.text === 'min' || n.name.text === 'max')
    ) {
      variants.push([
        add(n, `Math.${n.name.text} → Math.${n.name.text === 'min' ? 'max' : 'min'}`),
        `Math.${n.name.text === 'min' ? 'max' : 'min'}`
      ])
    }
    if (isCondition(n)) {
      variants.push([add(n, 'condition → true'), 'true'])
      variants.push([add(n, 'condition → false'), 'false'])
    }
    if (!variants.length) return original
    // an assignment target or a declaration name is never wrapped (only expressions reach here)
    return `(${variants.map(([id, v]) => `globalThis.__mutant === ${id} ? (${v}) : `).join('')}(${original}))`
  }
  return emit(sf)
}
function isText(n: ts.Node): boolean {
  return ts.isStringLiteral(n) || ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)
}

/** Build the instrumented calculator and the case runner into one file; returns it and the mutants. */
export function build(only?: string): { dir: string; bundle: string; mutants: Mutant[] } {
  const dir = mkdtempSync(join(tmpdir(), 'xqyb-mutation-'))
  cpSync(calc, join(dir, 'calculator'), { recursive: true })
  const mutants: Mutant[] = []
  const next = { id: 1 }
  for (const f of MUTATED) {
    if (only && f !== only) continue
    const text = readFileSync(join(calc, f), 'utf8')
    writeFileSync(join(dir, 'calculator', f), instrument(f, text, next, mutants))
  }
  writeFileSync(
    join(dir, 'entry.ts'),
    [
      "import { bundledPolicies } from './calculator/policies'",
      "import { checkPolicyCase } from './calculator/cases'",
      "import { pinCases } from './calculator/testing/pin-suite'",
      "import { PINS } from './calculator/testing/pins'",
      "export { resetCalculatorMemos } from './calculator/memo'",
      `const cases = pinCases(${JSON.stringify(join(calc, 'policies'))})`,
      '/** the first failing case, or null when all pass */',
      'export function run(): string | null {',
      '  for (const p of PINS) {',
      '    try { p.run() } catch (e) { return `pins: ${p.name}: ${String(e)}` }',
      '  }',
      '  for (const c of cases) {',
      '    const p = bundledPolicies[c.policy]',
      '    let problems: string[]',
      '    try { problems = checkPolicyCase(p, c.case) } catch (e) { return `${c.file}: ${c.case.name}: threw ${String(e)}` }',
      '    if (problems.length) return `${c.file}: ${c.case.name}: ${problems[0]}`',
      '  }',
      '  return null',
      '}',
      'export const count = cases.length'
    ].join('\n')
  )
  const bundle = join(dir, 'suite.cjs')
  buildSync({
    entryPoints: [join(dir, 'entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    logLevel: 'error',
    // fs and path are the suite's (reading the cases), not the calculator's
    external: ['fs', 'path']
  })
  return { dir, bundle, mutants }
}

/**
 * The worker: loads the suite once and runs it unmutated, three times (so that loading and compiling are
 * not counted against the first mutant's time, and every cached compiled policy is the true
 * one); says how long that took and whether it passed, then runs the suite for each mutant id
 * it is sent (0: no mutant, to check that a mutant left nothing behind).
 */
const WORKER = `
const { parentPort, workerData } = require('worker_threads')
globalThis.__mutant = 0
const suite = require(workerData.bundle)
const unmutated = () => { try { return suite.run() } catch (e) { return 'threw ' + String(e) } }
// the first run compiles; the faster of two more is the time a mutant's run is measured against
// (the faster: a moment of load on the shared machine does not stretch every loop's timeout)
let base = unmutated()
let ms = Infinity
for (let i = 0; i < 2 && base === null; i++) {
  const t0 = Date.now()
  base = unmutated()
  ms = Math.min(ms, Date.now() - t0)
}
parentPort.postMessage({ ready: true, ms: base === null ? ms : 0, failed: base })
parentPort.on('message', (id) => {
  // a memo filled under the last mutant (or none) must not answer for this one
  suite.resetCalculatorMemos()
  globalThis.__mutant = id
  let failed
  try { failed = suite.run() } catch (e) { failed = 'threw ' + String(e) }
  globalThis.__mutant = 0
  parentPort.postMessage({ id, failed })
})
`
/** how often (in mutants) a worker runs the suite unmutated to check no mutant changed what later ones see */
const CHECK_EVERY = 50

type Outcome = { failed: string | null } | { lost: string }

/** A worker with the suite loaded; `ms` is how long the unmutated suite took in it. */
async function startWorker(bundle: string): Promise<{ w: Worker; ms: number; failed: string | null }> {
  const w = new Worker(WORKER, { eval: true, workerData: { bundle } })
  return new Promise((resolve, reject) => {
    // by name: removeAllListeners() would also drop the worker's own (its port would never start)
    const off = listen(w, {
      message: (m: { ms: number; failed: string | null }) => {
        off()
        resolve({ w, ms: m.ms, failed: m.failed })
      },
      error: (e: Error) => {
        off()
        reject(new Error(`the suite did not load: ${e.message}`))
      },
      exit: (code: number) => {
        off()
        reject(new Error(`the suite's worker stopped while loading (exit ${code})`))
      }
    })
  })
}

/** Listen to a worker's message, error and exit; returns what stops listening. */
function listen(
  w: Worker,
  on: {
    message: (m: { ms: number; failed: string | null }) => void
    error: (e: Error) => void
    exit: (code: number) => void
  }
): () => void {
  w.on('message', on.message)
  w.on('error', on.error)
  w.on('exit', on.exit)
  return () => {
    w.off('message', on.message)
    w.off('error', on.error)
    w.off('exit', on.exit)
  }
}

/** Run the suite with mutant `id` in `w`; a loop (past `timeout` ms), a crash or an exit loses the worker. */
function runOne(w: Worker, id: number, timeout: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const finish = (o: Outcome) => {
      clearTimeout(timer)
      off()
      resolve(o)
    }
    const timer = setTimeout(() => finish({ lost: 'timed out' }), timeout)
    const off = listen(w, {
      message: (m: { failed: string | null }) => finish({ failed: m.failed }),
      error: (e) => finish({ lost: `worker crashed: ${e.message}` }),
      exit: (code) => finish({ lost: `worker stopped (exit ${code})` })
    })
    w.postMessage(id)
  })
}

/**
 * Each mutant's first failure (null: it survived). Mutants run one after another in one worker
 * (the machine is shared); a mutant that loops or crashes is killed and the worker replaced.
 * Every CHECK_EVERY mutants the suite runs unmutated: if it then fails, a mutant changed state
 * that later runs share, so that batch is run again, one mutant per fresh check, to find it.
 */
export async function runMutants(
  bundle: string,
  ids: number[],
  progress: (done: number) => void = () => {}
): Promise<{ results: Map<number, string | null>; timeout: number }> {
  const results = new Map<number, string | null>()
  let current = await startWorker(bundle)
  if (current.failed !== null) {
    await current.w.terminate()
    throw new Error(`the cases fail without any mutant: ${current.failed}`)
  }
  // generous against a loaded machine, short against a loop: like StrykerJS's timeoutMS + timeoutFactor
  const timeout = 5000 + 3 * current.ms
  const fresh = async () => {
    void current.w.terminate()
    current = await startWorker(bundle)
  }
  /** runs `batch`, then checks; false when the check failed (results of the batch not kept) */
  const runBatch = async (batch: number[]): Promise<boolean> => {
    const got = new Map<number, string | null>()
    for (const id of batch) {
      const o = await runOne(current.w, id, timeout)
      if ('lost' in o) {
        got.set(id, o.lost)
        await fresh()
      } else got.set(id, o.failed)
    }
    const check = await runOne(current.w, 0, timeout)
    if ('lost' in check || check.failed !== null) {
      await fresh()
      return false
    }
    for (const [id, r] of got) results.set(id, r)
    return true
  }
  for (let i = 0; i < ids.length; i += CHECK_EVERY) {
    const batch = ids.slice(i, i + CHECK_EVERY)
    if (!(await runBatch(batch)))
      for (const id of batch) {
        // a mutant after which the unmutated suite fails changed behaviour: killed; the others keep their own result
        if (!(await runBatch([id]))) results.set(id, 'changed state that later runs share')
      }
    progress(Math.min(i + CHECK_EVERY, ids.length))
  }
  void current.w.terminate()
  return { results, timeout }
}

async function main(): Promise<void> {
  const t0 = Date.now()
  const only = arg('file')
  if (only !== undefined && !MUTATED.includes(only)) throw new Error(`--file: one of ${MUTATED.join(', ')}`)
  const limit = arg('limit') === undefined ? Infinity : Number(arg('limit'))
  if (!(limit >= 1)) throw new Error('--limit: a number of mutants, at least 1')
  const { dir, bundle, mutants } = build(only)
  try {
    const chosen = mutants.slice(0, limit)
    const { results, timeout } = await runMutants(
      bundle,
      chosen.map((m) => m.id),
      (done) => {
        if (done % 200 < CHECK_EVERY || done === chosen.length)
          process.stderr.write(`  ${done}/${chosen.length} mutants\n`)
      }
    )
    const survived = (m: Mutant) => results.get(m.id) === null
    const survivors = chosen.filter(survived)
    console.log(info('calculator mutants', chosen.length, 'mutants', 0))
    for (const f of MUTATED) {
      const mine = chosen.filter((m) => m.file === f)
      if (!mine.length) continue
      const killed = mine.filter((m) => !survived(m)).length
      console.log(info(`calculator mutants killed in ${f} (of ${mine.length})`, (100 * killed) / mine.length, '%', 1))
    }
    const timedOut = chosen.filter((m) => results.get(m.id) === 'timed out').length
    console.log(info(`calculator mutants killed by time (over ${timeout} ms)`, timedOut, 'mutants', 0))
    console.log(info('calculator mutation run time', (Date.now() - t0) / 1000, 's', 0))
    if (survivors.length) {
      console.log('surviving mutants (no case told them apart):')
      for (const m of survivors) console.log(`  ${m.file}:${m.line}  ${m.what}`)
    }
    const ok = report([
      {
        name: 'calculator mutation score',
        value: (100 * (chosen.length - survivors.length)) / Math.max(1, chosen.length),
        unit: '%',
        kind: 'min',
        target: 90,
        digits: 1
      }
    ])
    process.exitCode = ok ? 0 : 1
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (require.main === module)
  main().catch((e: Error) => {
    console.error(`bench:mutation: ${e.message}`)
    process.exitCode = 1
  })
