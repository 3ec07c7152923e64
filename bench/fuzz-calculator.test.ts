// Runs the calculator fuzzer (bench/fuzz-calculator.ts) on 2,000 claims on every `npm test`:
// no invariant violated, every figure in the bench line format. With --fault (one fen too
// many charged on bills of 1000.00 or more) it must find the violation, shrink it to the
// smallest failing bill and fail the run, so the fuzz is shown able to fail.
import { spawnSync } from 'child_process'
import path from 'path'
import { CHILD_MS, TEST_MS } from './test-limits'

const root = path.resolve(__dirname, '..')
function fuzz(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'bench/fuzz-calculator.ts'), '--claims', '2000', ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: CHILD_MS
    }
  )
  return { stdout: r.stdout, out: `${r.stdout}\n${r.stderr}`, status: r.status }
}
// bench/format.ts: `name: value unit (target: none|≤ n unit|≥ n unit) met|MISSED`
const FIGURE = /^[^:]+: -?\d+(\.\d+)? \S.* \(target: (none|[≤≥] -?\d+(\.\d+)? \S.*)\) (met|MISSED)$/

test(
  '2,000 generated claims over every bundled policy: no invariant violated',
  () => {
    const r = fuzz()
    expect(r.out).toMatch(/^fuzz-calculator claims: \d+ claims \(target: ≥ 2000 claims\) met$/m)
    expect(r.out).toMatch(/^fuzz-calculator violations: 0 claims \(target: ≤ 0 claims\) met$/m)
    const figures = r.stdout.split('\n').filter((l) => l.includes('(target:'))
    expect(figures.length).toBe(8)
    for (const l of figures) expect(l).toMatch(FIGURE)
    expect(r.out).not.toMatch(/MISSED/)
    expect(r.status).toBe(0)
  },
  TEST_MS
)

test(
  'a violation is found, shrunk to a counterexample, and fails the run',
  () => {
    const r = fuzz('--fault')
    expect(r.out).toMatch(/^fuzz-calculator violations: [1-9]\d* claims \(target: ≤ 0 claims\) MISSED$/m)
    expect(r.out).toMatch(/violations by invariant: parts add up to the total \d+/)
    expect(r.out).toMatch(/shrunk counterexample/)
    // shrunk to the fault's boundary: the smallest bill it corrupts
    expect(r.out).toMatch(/"total": "1000\.00"/)
    expect(r.status).toBe(1)
  },
  TEST_MS
)
