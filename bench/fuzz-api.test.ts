// Runs the county API input fuzzer (one round, fixed seed) on every `npm test`:
// no 500s, every rejection in the documented error shape, no bad payload accepted.
import { spawnSync } from 'child_process'
import path from 'path'
import { CHILD_MS, TEST_MS } from './test-limits'

test(
  'county API rejects every generated bad payload with the error shape, never a 500',
  () => {
    const root = path.resolve(__dirname, '..')
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/fuzz-api.ts'), '--rounds', '1'], {
      cwd: root,
      encoding: 'utf8',
      timeout: CHILD_MS
    })
    const out = `${r.stdout}\n${r.stderr}`
    expect(out).toMatch(/api fuzz 5xx answers: 0 answers .* met/)
    expect(out).not.toMatch(/MISSED/)
    expect(r.status).toBe(0)
  },
  TEST_MS
)
