// The mutation benchmark (bench/mutation.ts) itself: what it mutates and leaves out, that a
// switched build runs as the original until a mutant is switched on, and that its runner
// counts a failure, a loop, a crash and a mutant that leaves state behind the way it says.
import { spawnSync } from 'child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import ts from 'typescript'
import { instrument, type Mutant, runMutants } from './mutation'
import { CHILD_MS, TEST_MS } from './test-limits'

const SOURCE = `
export function pay(total: number, deductible: number, S?: string[]): number {
  const over = total > deductible ? total - deductible : 0
  if (S) S.push(\`起付线 \${deductible}，超过 \${total - deductible}\`)
  return Math.min(over * 0.7, 1000)
}
// mutation: not money — the explanation's wording
export function label(n: number): string {
  return n > 1 ? 'many' : 'one'
}
`

/** the instrumented source, loaded as a module: its exports and its mutants */
function load(): { pay: (t: number, d: number) => number; label: (n: number) => string; mutants: Mutant[] } {
  const mutants: Mutant[] = []
  const text = instrument('pay.ts', SOURCE, { id: 1 }, mutants)
  const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText
  const exports: Record<string, unknown> = {}
  new Function('exports', js)(exports)
  return { ...(exports as { pay: (t: number, d: number) => number; label: (n: number) => string }), mutants }
}
const g = globalThis as { __mutant?: number }
afterEach(() => {
  g.__mutant = 0
})

test('mutates the money, leaves out the explanation, marked code and equivalent boundary swaps', () => {
  const { mutants } = load()
  const what = mutants.map((m) => `${m.line} ${m.what}`).sort()
  expect(what).toEqual(
    [
      // `total > deductible ? total - deductible : 0`: > → >= is the same at equality, left out
      '3 > → <=',
      '3 condition → true',
      '3 condition → false',
      '3 - → +',
      '3 0 → 1',
      '5 Math.min → Math.max',
      '5 * → /',
      '5 0.7 → 1.7',
      '5 0.7 → 0',
      '5 1000 → 1001',
      '5 1000 → 0'
    ].sort()
  )
})

test('the switched build runs as the original with no mutant on; every mutant here changes a payment', () => {
  const { pay, label, mutants } = load()
  const bills: [number, number][] = [
    [50, 100],
    [100, 100],
    [200, 100],
    [3000, 0]
  ]
  g.__mutant = 0
  const original = bills.map(([t, d]) => pay(t, d))
  expect(original).toEqual([0, 0, 70, 1000])
  expect([label(1), label(2)]).toEqual(['one', 'many'])
  for (const m of mutants) {
    g.__mutant = m.id
    expect([m.what, bills.map(([t, d]) => pay(t, d))]).not.toEqual([m.what, original])
  }
})

test('the runner: a failing case and a throw kill, a loop is killed by time, a mutant that leaves state behind is found', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xqyb-mutation-test-'))
  try {
    // a stand-in for the suite: mutant 1 fails a case, 2 loops, 3 survives, 4 throws outside
    // any case, 5 passes but breaks every later run, 6 survives (after 5 in the same batch),
    // 7 fills a memo and survives, 8 survives only if 7's memo was emptied before it ran
    const bundle = join(dir, 'suite.cjs')
    writeFileSync(
      bundle,
      `let broken = false
      let memo = null
      exports.resetCalculatorMemos = () => { memo = null }
      exports.run = () => {
        const m = globalThis.__mutant
        if (broken) return 'broken by an earlier mutant'
        if (memo !== null) return 'answered from a memo filled under mutant ' + memo
        if (m === 7) memo = 7
        if (m === 1) return 'case 1: expected 70.00, got 0.00'
        if (m === 2) for (;;) {}
        if (m === 4) throw new Error('no such figure')
        if (m === 5) broken = true
        return null
      }`
    )
    const { results, timeout } = await runMutants(bundle, [1, 2, 3, 4, 5, 6, 7, 8])
    expect(timeout).toBeGreaterThanOrEqual(5000)
    expect(Object.fromEntries(results)).toEqual({
      1: 'case 1: expected 70.00, got 0.00',
      2: 'timed out',
      3: null,
      4: 'threw Error: no such figure',
      5: 'changed state that later runs share',
      6: null,
      7: null,
      8: null
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)

test('refuses to score when the suite fails without any mutant', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xqyb-mutation-test-'))
  try {
    const bundle = join(dir, 'suite.cjs')
    writeFileSync(
      bundle,
      `exports.resetCalculatorMemos = () => {}
      exports.run = () => 'case 1: expected 70.00, got 0.00'`
    )
    await expect(runMutants(bundle, [1])).rejects.toThrow('the cases fail without any mutant: case 1')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test(
  'npm run bench:mutation prints its figures in the bench line format, the score last',
  () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'mutation.ts'), '--file', 'money.ts', '--limit', '30'],
      { cwd: join(__dirname, '..'), encoding: 'utf8', timeout: CHILD_MS }
    )
    const figures = r.stdout.split('\n').filter((l) => l.includes('(target:'))
    expect(figures).toEqual([
      'calculator mutants: 30 mutants (target: none) met',
      expect.stringMatching(/^calculator mutants killed in money\.ts \(of 30\): \d+\.\d % \(target: none\) met$/),
      expect.stringMatching(/^calculator mutants killed by time \(over \d+ ms\): \d+ mutants \(target: none\) met$/),
      expect.stringMatching(/^calculator mutation run time: \d+ s \(target: none\) met$/),
      expect.stringMatching(/^calculator mutation score: \d+\.\d % \(target: ≥ 90 %\) (met|MISSED)$/)
    ])
    expect(r.status).toBe(figures[4].endsWith(' met') ? 0 : 1)
  },
  TEST_MS
)
