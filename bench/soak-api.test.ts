// A ten-second soak at a low rate: the progress lines and the figures come out in the bench
// format and every flow succeeds. (Whether the targets hold is for `npm run bench:soak-api`.)
import { spawnSync } from 'child_process'
import path from 'path'

test('soak-api prints interval lines and the four figures, with no errors', () => {
  const root = path.resolve(__dirname, '..')
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'bench/soak-api.ts'), '--seconds', '10', '--rate', '10', '--interval', '5'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 150_000
    }
  )
  const out = `${r.stdout}\n${r.stderr}`
  const progress = r.stdout.split('\n').filter((l) => l.startsWith('soak-api t='))
  expect(progress).toHaveLength(2)
  for (const l of progress) {
    expect(l).toMatch(
      /^soak-api t=\d+s: \d+\.\d flows\/s, request p50 \d+\.\d ms p99 \d+\.\d ms, flow p99 \d+\.\d ms, rss \d+\.\d MB, heap \d+\.\d MB, errors 0$/
    )
  }
  const figure = (name: string) =>
    new RegExp(`^soak-api\\.${name}: -?\\d+(\\.\\d+)? \\S+ \\(target: [≤≥] [\\d.]+ \\S+\\) (met|MISSED)$`, 'm')
  for (const name of ['rss_growth', 'p99_drift', 'errors', 'flows_per_second']) expect(r.stdout).toMatch(figure(name))
  expect(r.stdout).toMatch(/^soak-api\.errors: 0 errors \(target: ≤ 0 errors\) met$/m)
  expect(out).not.toMatch(/flow error|ran out of households/)
}, 180_000)
