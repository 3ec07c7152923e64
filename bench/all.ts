// npm run bench — every benchmark in turn; each prints `name: value unit (target: …) met|MISSED`.
// Ends with the count of figures met and missed (exit 1 if any missed or a benchmark failed).
// BENCH_ONLY=size,api runs a subset.
import { spawnSync } from 'child_process'
import { existsSync } from 'fs'
import path from 'path'

const root = path.resolve(__dirname, '..')
const ALL: Array<{ name: string; file: string; args?: string[] }> = [
  { name: 'size', file: 'bench/size.ts' },
  { name: 'calculator', file: 'bench/calculator.ts' },
  { name: 'fuzz-calculator', file: 'bench/fuzz-calculator.ts' },
  { name: 'mutation', file: 'bench/mutation.ts' },
  { name: 'api', file: 'bench/api.ts' },
  { name: 'soak-api', file: 'bench/soak-api.ts' },
  { name: 'fuzz-api', file: 'bench/fuzz-api.ts', args: ['--rounds', '5'] },
  { name: 'h5', file: 'bench/h5.ts' }
]
const only = process.env.BENCH_ONLY?.split(',')
let met = 0
let missed = 0
let failed = 0
for (const b of ALL) {
  if (only && !only.includes(b.name)) continue
  if (!existsSync(path.join(root, b.file))) {
    console.log(`\n== ${b.name}: ${b.file} not present, skipped`)
    continue
  }
  console.log(`\n== bench:${b.name}`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, b.file), ...(b.args ?? [])], {
    cwd: root,
    encoding: 'utf8'
  })
  process.stdout.write(r.stdout)
  if (r.stderr.trim()) process.stderr.write(r.stderr)
  for (const line of r.stdout.split('\n')) {
    if (/\(target: .*\) met$/.test(line)) met++
    if (/\(target: .*\) MISSED$/.test(line)) missed++
  }
  if (r.status !== 0 && !/MISSED/.test(r.stdout)) {
    failed++
    console.log(`bench:${b.name} failed (exit ${r.status})`)
  }
}
console.log(`\nbenchmarks: ${met} figures met, ${missed} missed, ${failed} benchmarks failed`)
process.exitCode = missed + failed === 0 ? 0 : 1
