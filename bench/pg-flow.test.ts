// A small sample of bench:pg-flow: the figures come out in the bench format, each flow is 19
// statements in 3 commits and no payment is lost or doubled. (Whether the throughput and latency
// targets hold is for `npx tsx bench/pg-flow.ts` on a quiet machine.)
import { spawnSync } from 'child_process'
import path from 'path'

test('pg-flow prints its figures: 19 statements and 3 commits a flow, nothing lost or duplicated', () => {
  const root = path.resolve(__dirname, '..')
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'bench/pg-flow.ts'), '--flows', '60', '--concurrency', '8', '--fast'],
    { cwd: root, encoding: 'utf8', timeout: 150_000 }
  )
  expect(r.stderr).toBe('')
  expect(r.stdout).toMatch(
    /^pg_flow\.fsync_off\.statements_per_flow: 19\.0 statements \(target: ≤ 20 statements\) met$/m
  )
  expect(r.stdout).toMatch(/^pg_flow\.fsync_off\.commits_per_flow: 3\.0 commits \(target: ≤ 3 commits\) met$/m)
  expect(r.stdout).toMatch(/^pg_flow\.fsync_off\.lost_or_duplicated: 0 payments \(target: ≤ 0 payments\) met$/m)
  for (const name of ['flows_per_second', 'flow_p99', 'flow_p50', 'node_cpu_per_flow', 'postgres_cpu_per_flow'])
    expect(r.stdout).toMatch(
      new RegExp(
        `^pg_flow\\.fsync_off\\.${name}: \\d+\\.\\d+ \\S+ \\(target: (none|[≤≥] [\\d.]+ \\S+)\\) (met|MISSED)$`,
        'm'
      )
    )
}, 180_000)
