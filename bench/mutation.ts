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
//   npx tsx bench/mutation.ts [--file settle.ts] [--limit N]
import { buildSync } from 'esbuild'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs'
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
/** a mutant running this long (ms) has looped: killed */
const TIMEOUT = 5000

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
function instrument(file: string, text: string, next: { id: number }, mutants: Mutant[]): string {
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
function build(only?: string): { bundle: string; mutants: Mutant[] } {
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
  return { bundle, mutants }
}

/** The worker: loads the suite once, runs it for each mutant it is sent. */
const WORKER = `
const { parentPort, workerData } = require('worker_threads')
globalThis.__mutant = 0
const suite = require(workerData.bundle)
// once without a mutant, so that loading and compiling are not counted against the first mutant's time
suite.run()
parentPort.postMessage({ ready: true })
parentPort.on('message', (id) => {
  globalThis.__mutant = id
  let failed
  try { failed = suite.run() } catch (e) { failed = 'threw ' + String(e) }
  parentPort.postMessage({ id, failed })
})
`

async function runAll(bundle: string, mutants: Mutant[]): Promise<Map<number, string | null>> {
  const results = new Map<number, string | null>()
  let i = 0
  const start = () => new Worker(WORKER, { eval: true, workerData: { bundle } })
  while (i < mutants.length) {
    const w = start()
    await new Promise<void>((done) => {
      let timer: NodeJS.Timeout | null = null
      const send = () => {
        if (i >= mutants.length) {
          void w.terminate().then(() => done())
          return
        }
        const id = mutants[i].id
        timer = setTimeout(() => {
          // looped: killed by time
          results.set(id, 'timed out')
          i++
          void w.terminate().then(() => done())
        }, TIMEOUT)
        w.postMessage(id)
      }
      w.on('message', (m: { id: number; failed: string | null; ready?: true }) => {
        if (m.ready) return send()
        if (timer) clearTimeout(timer)
        results.set(m.id, m.failed)
        i++
        if (i % 200 === 0) process.stderr.write(`  ${i}/${mutants.length} mutants\n`)
        send()
      })
      w.on('error', (e) => {
        if (timer) clearTimeout(timer)
        results.set(mutants[i].id, `worker error ${e.message}`)
        i++
        done()
      })
    })
  }
  return results
}

async function main(): Promise<void> {
  const t0 = Date.now()
  const { bundle, mutants } = build(arg('file'))
  const limit = arg('limit') ? Number(arg('limit')) : mutants.length
  const chosen = mutants.slice(0, limit)
  // the suite passes without mutants, or the score means nothing
  const base = await runAll(bundle, [{ id: 0, file: '-', line: 0, what: 'none' }])
  if (base.get(0) !== null) {
    console.error(`the cases fail without any mutant: ${base.get(0)}`)
    process.exitCode = 1
    return
  }
  const results = await runAll(bundle, chosen)
  const survivors = chosen.filter((m) => results.get(m.id) === null)
  const killed = chosen.length - survivors.length
  const byFile = new Map<string, [number, number]>()
  for (const m of chosen) {
    const [k, n] = byFile.get(m.file) ?? [0, 0]
    byFile.set(m.file, [k + (results.get(m.id) === null ? 0 : 1), n + 1])
  }
  console.log(info('calculator mutants', chosen.length, 'mutants', 0))
  for (const [f, [k, n]] of byFile)
    console.log(info(`calculator mutants killed in ${f}`, (100 * k) / n, `% of ${n}`, 1))
  console.log(info('calculator mutation run time', (Date.now() - t0) / 1000, 's', 0))
  if (survivors.length) {
    console.log('surviving mutants (no case told them apart):')
    for (const m of survivors) console.log(`  ${m.file}:${m.line}  ${m.what}`)
  }
  const ok = report([
    {
      name: 'calculator mutation score',
      value: (100 * killed) / Math.max(1, chosen.length),
      unit: '%',
      kind: 'min',
      target: 90,
      digits: 1
    }
  ])
  process.exitCode = ok ? 0 : 1
}

if (require.main === module) void main()
