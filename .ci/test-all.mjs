#!/usr/bin/env node
// `npm test`: every check the project has, in one run, ending with one plain line
// `N passed, N failed` (totals over every part) after each runner's own summary.
//   typecheck (tsc over app, calculator, contract, server, tests) · lint (with import boundaries)
//   format (Prettier: `npm run format` writes it) · knip (no unused file, export or dependency)
//   build:weapp + build:h5 (the weapp and browser tests run against the built output)
//   jest: node (calculator, contract, county API), node-pg (county API on a throwaway PostgreSQL
//         cluster: needs PostgreSQL, `.ci/run` installs it), app (components), weapp (built
//         mini-program), browser (h5 build + county API in Debian chromium)
// SKIP_BUILD=1 reuses dist/ (for quick local runs); CI always builds.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const results = []

function step(name, cmd, args, env = {}) {
  const started = Date.now()
  console.log(`\n── ${name}: ${[path.basename(cmd), ...args].join(' ')}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const ok = r.status === 0
  results.push({ name, ok, seconds })
  console.log(`── ${name}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s`)
  return ok
}

const t0 = Date.now()
step('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])
step('lint', bin('eslint'), [
  '--no-error-on-unmatched-pattern',
  '--ext',
  '.ts,.tsx,.js,.mjs',
  'src',
  'county-api',
  'e2e',
  'bench',
  'config',
  '.ci'
])
step('format', bin('prettier'), ['--check', '--log-level', 'warn', '.'])
step('unused exports and dependencies', bin('knip'), ['--no-progress', '--no-config-hints'])
if (process.env.SKIP_BUILD !== '1' || !existsSync(path.join(root, 'dist/weapp/app.js'))) {
  step('build:weapp', bin('taro'), ['build', '--type', 'weapp'], { NODE_ENV: 'production' })
}
if (process.env.SKIP_BUILD !== '1' || !existsSync(path.join(root, 'dist/h5/index.html'))) {
  step('build:h5', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })
}

mkdirSync(path.join(root, '.tmp'), { recursive: true })
const jestJson = path.join(root, '.tmp', 'jest-results.json')
rmSync(jestJson, { force: true })
const jestStarted = Date.now()
console.log('\n── jest: node, node-pg, app, weapp, browser projects')
const jest = spawnSync(bin('jest'), ['--ci', '--json', `--outputFile=${jestJson}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' }
})
let jestPassed = 0
let jestFailed = 0
if (existsSync(jestJson)) {
  const report = JSON.parse(readFileSync(jestJson, 'utf8'))
  jestPassed = report.numPassedTests
  // a suite that fails to load (syntax error, missing chromium in beforeAll) counts as a failure too
  jestFailed = report.numFailedTests + report.numRuntimeErrorTestSuites
  if (report.numTotalTests === 0) {
    jestFailed += 1
    console.log('jest ran no test: counted as a failure')
  }
} else {
  jestFailed = 1
}
console.log(
  `── jest: ${jest.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - jestStarted) / 1000).toFixed(1)} s`
)
if (jest.status !== 0 && jestFailed === 0) jestFailed = 1

const checksPassed = results.filter((r) => r.ok).length
const checksFailed = results.length - checksPassed
console.log('\nSummary')
for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds} s)`)
console.log(`  ${jestFailed === 0 ? 'ok    ' : 'FAILED'} jest: ${jestPassed} passed, ${jestFailed} failed`)
console.log(`  wall time ${((Date.now() - t0) / 1000).toFixed(1)} s`)
const passed = jestPassed + checksPassed
const failed = jestFailed + checksFailed
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
