// npm run bench:size — builds the mini-program and prints the size of the main package,
// each subpackage and the total, against our budget (WeChat's hard cap is 2 MB main).
import { spawnSync } from 'child_process'
import path from 'path'
import { report, type Figure } from './format'
import { BUDGET, measureWeapp } from './weapp-size'

const root = path.resolve(__dirname, '..')
if (!process.argv.includes('--no-build')) {
  const t0 = Date.now()
  const r = spawnSync(path.join(root, 'node_modules/.bin/taro'), ['build', '--type', 'weapp'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production' }
  })
  if (r.status !== 0) {
    console.error('build:weapp failed')
    process.exit(1)
  }
  console.log(`build:weapp time: ${((Date.now() - t0) / 1000).toFixed(1)} s (target: none) met`)
}
const sizes = measureWeapp(path.join(root, 'dist/weapp'))
const kb = (b: number) => b / 1024
const figures: Figure[] = [
  { name: 'weapp main package', value: kb(sizes.main.bytes), unit: 'KB', kind: 'max', target: BUDGET.mainKB },
  ...sizes.subpackages.map((s): Figure => ({
    name: `weapp subpackage ${s.name}`,
    value: kb(s.bytes),
    unit: 'KB',
    kind: 'max',
    target: BUDGET.subpackageKB
  })),
  { name: 'weapp total', value: kb(sizes.totalBytes), unit: 'KB', kind: 'max', target: BUDGET.totalKB }
]
const ok = report(figures)
console.log('largest files in the main package:')
for (const f of sizes.main.files.slice(0, 5)) console.log(`  ${f.file} ${(f.bytes / 1024).toFixed(1)} KB`)
process.exitCode = ok ? 0 : 1
