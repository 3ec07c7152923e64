// Calculator throughput: a synthetic county-year of 150,000 mixed claims under the demo
// policy (seed 002's district: ~13万 outpatient visits and ~1.2万 admissions a year),
// settled in date order with each person's history carried forward; and estimate latency.
// Then the same county-year as a CSV file (Chinese columns) through the CLI, `xqyb-calc
// settle --batch`, as a county runs it: wall time and peak memory, steps off and on.
// Throughput and latency are measured in CPU time of this process, so other jobs on the
// shared 2-core machine do not distort them; wall-clock rates are printed for reference.
// Run: npm run bench:calculator
import { spawnSync } from 'child_process'
import { buildSync } from 'esbuild'
import { mkdtempSync, statSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import {
  fenToYuan,
  estimate,
  loadBundledPolicy,
  settleClaim,
  type Claim,
  type ClaimHistory,
  type EstimateAnswers
} from '../src/calculator'
import { info, report, type Figure } from './format'

// The same calculator bundled into one module, as webpack ships it in the app: tsx's
// per-module wrappers (export getters on every call into money.ts, dates.ts…) cost ~40%
// on this path, so both figures are printed.
const benchDir = mkdtempSync(join(tmpdir(), 'xqyb-bench-'))
const bundlePath = join(benchDir, 'calculator.cjs')
buildSync({
  entryPoints: [join(__dirname, '../src/calculator/index.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundlePath,
  logLevel: 'error'
})
// eslint-disable-next-line @typescript-eslint/no-var-requires
const bundled = require(bundlePath) as typeof import('../src/calculator')

const policy = loadBundledPolicy('demo-county-2026')
const ASOF = '2026-12-31'

function rng(seed: number): () => number {
  // mulberry32: deterministic, so every run settles the same claims
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = rng(20260101)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
/** whole fen → "yuan.fen" string: the calculator's one conversion */
const yuanOf = fenToYuan
const pad = (n: number) => String(n).padStart(2, '0')

// estimate latency first, on a fresh heap (the year of claims below is large)
const answers: EstimateAnswers[] = Array.from({ length: 20_000 }, () => ({
  kind: pick(['inpatient', 'inpatient', 'outpatient', 'special-outpatient'] as const),
  institution: { tier: pick(['village', 'township', 'county', 'city', 'provincial'] as const) },
  billAmount: yuanOf(5_000 + Math.floor(rand() * 8_000_000)),
  age: Math.floor(rand() * 90),
  admissionsThisYear: Math.floor(rand() * 3),
  referralApproved: rand() < 0.8,
  specialDisease: undefined
}))
for (const a of answers) if (a.kind === 'special-outpatient') a.specialDisease = 'diabetes'
for (let i = 0; i < 2000; i++) estimate(policy, answers[i], '2026-06-01')
const lat: number[] = []
for (const a of answers) {
  const c0 = process.cpuUsage()
  estimate(policy, a, '2026-06-01')
  const u = process.cpuUsage(c0)
  lat.push((u.user + u.system) / 1000)
}
lat.sort((a, b) => a - b)
const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]

const PEOPLE = 50_000
const people = Array.from({ length: PEOPLE }, (_, i) => ({
  id: `P${i}`,
  birthDate: `${1930 + Math.floor(rand() * 95)}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`,
  continuousYears: Math.floor(rand() * 12),
  groups: rand() < 0.06 ? [pick(['dibao', 'tekun', 'dibao-edge'])] : [],
  student: rand() < 0.12
}))

function makeClaim(i: number): Claim {
  const p = people[Math.floor(rand() * PEOPLE)]
  const month = 1 + Math.floor(rand() * 12)
  const day = `2026-${pad(month)}-${pad(1 + Math.floor(rand() * 28))}`
  const r = rand()
  const person = {
    id: p.id,
    birthDate: p.birthDate,
    continuousYears: p.continuousYears,
    groups: p.groups,
    student: p.student
  }
  if (r < 0.08) {
    // bill built in whole fen (integers), then written as yuan strings
    const total = 150_000 + Math.floor(rand() * rand() * 12_000_000)
    const a = Math.floor(total * 0.8)
    const b = Math.floor(total * 0.15)
    return {
      id: `C${i}`,
      kind: 'inpatient',
      person,
      institution: {
        designated: true,
        tier: pick(['township', 'township', 'county', 'county', 'city', 'provincial'] as const)
      },
      area: rand() < 0.9 ? 'local' : pick(['out-referred', 'out-filed', 'out-unfiled'] as const),
      admissionDate: day,
      dischargeDate: day,
      bill: {
        total: yuanOf(total),
        lines: [
          { class: 'A', amount: yuanOf(a) },
          { class: 'B', amount: yuanOf(b) },
          { class: 'self-pay', amount: yuanOf(total - a - b) }
        ]
      },
      referral: rand() < 0.2 ? { approved: rand() < 0.5 } : undefined
    }
  }
  if (r < 0.13) {
    return {
      id: `C${i}`,
      kind: 'special-outpatient',
      person,
      institution: { designated: true, tier: pick(['township', 'county'] as const) },
      area: 'local',
      serviceDate: day,
      bill: { total: yuanOf(10_000 + Math.floor(rand() * 300_000)) },
      specialDisease: { code: pick(['hypertension', 'diabetes', 'uraemia']), approved: true }
    }
  }
  return {
    id: `C${i}`,
    kind: 'outpatient',
    person,
    institution: { designated: true, tier: pick(['village', 'village', 'township', 'county'] as const) },
    area: 'local',
    serviceDate: day,
    bill: { total: yuanOf(800 + Math.floor(rand() * rand() * 40_000)) },
    useHouseholdAccount: rand() < 0.3 ? true : undefined
  }
}

const N = 150_000
const claims = Array.from({ length: N }, (_, i) => makeClaim(i)).sort((a, b) =>
  (a.dischargeDate ?? a.serviceDate)! < (b.dischargeDate ?? b.serviceDate)! ? -1 : 1
)
// each claim copied in date order, so that the year lies in memory in the order it is settled (as
// a county's claims arrive, each just read): sorting alone leaves them where they were generated,
// and the settle loop would then time the machine's cache misses more than the calculator
for (let i = 0; i < N; i++) claims[i] = structuredClone(claims[i])
const kinds = claims.reduce<Record<string, number>>((m, c) => ((m[c.kind] = (m[c.kind] ?? 0) + 1), m), {})

/** CPU seconds of this process (user + system): other jobs on the shared machine do not count */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1e6
}

/**
 * Each claim's person as a slot number, worked out before the clock starts: the harness
 * carries each person's history in an array slot, not a Map keyed by id, so that what is
 * timed is the calculator settling claims and not the bench's own bookkeeping.
 */
const slotOf = new Map(people.map((p, i) => [p.id, i]))
const personSlot = Int32Array.from(claims, (c) => slotOf.get(c.person.id!)!)

function settleAll(
  steps: boolean,
  settle: typeof settleClaim = settleClaim
): { seconds: number; wall: number; failed: number; fund: number } {
  const histories: (ClaimHistory | undefined)[] = new Array<ClaimHistory | undefined>(PEOPLE).fill(undefined)
  const options = { steps }
  let failed = 0
  let fund = 0
  const t0 = process.hrtime.bigint()
  const c0 = process.cpuUsage()
  for (let i = 0; i < N; i++) {
    const slot = personSlot[i]
    try {
      const s = settle(policy, claims[i], histories[slot], ASOF, options)
      histories[slot] = s.historyAfter
      fund += s.basicFund.length
    } catch {
      failed++
    }
  }
  return { seconds: cpuSeconds(c0), wall: Number(process.hrtime.bigint() - t0) / 1e9, failed, fund }
}

// warm up the JIT on a fifth of the year (both modes), then measure the whole year
for (let i = 0; i < 30_000; i++) settleClaim(policy, claims[i], undefined, ASOF, { steps: i % 2 === 0 })
const noSteps = settleAll(false)
const withSteps = settleAll(true)
for (let i = 0; i < 30_000; i++) bundled.settleClaim(policy, claims[i], undefined, ASOF, { steps: i % 2 === 0 })
const noStepsBundled = settleAll(false, bundled.settleClaim)

console.log(info('calculator claims settled', N, 'claims', 0))
console.log(
  info(
    'calculator claims inpatient/outpatient/special',
    kinds.inpatient,
    `admissions, ${kinds.outpatient} outpatient, ${kinds['special-outpatient']} special`,
    0
  )
)
console.log(info('calculator claims refused (typed errors)', noSteps.failed, 'claims', 0))
console.log(info('calculator settle without steps, wall clock', N / noSteps.wall, 'claims/s', 0))
console.log(info('calculator settle with steps, wall clock', N / withSteps.wall, 'claims/s', 0))
// ---- the county-year as a CSV file through the CLI, as county staff run it (src/calculator/cli/xqyb-calc.js)
const cliPath = join(__dirname, '../src/calculator/cli/xqyb-calc.js')
const TIER_ZH: Record<string, string> = { village: '村', township: '乡镇', county: '县', city: '市', provincial: '省' }
const AREA_ZH: Record<string, string> = {
  local: '本地',
  'out-referred': '转外就医',
  'out-filed': '异地已备案',
  'out-unfiled': '异地未备案'
}
const KIND_ZH: Record<string, string> = { inpatient: '住院', outpatient: '门诊', 'special-outpatient': '门特' }
const GROUP_ZH: Record<string, string> = { dibao: '低保', tekun: '特困', 'dibao-edge': '低保边缘' }
const yes = (b: boolean | undefined) => (b ? '是' : '否')
function csvRow(c: Claim): string {
  const lines = c.bill.lines ?? []
  const amount = (cls: string) => lines.find((l) => l.class === cls)?.amount ?? ''
  const p = c.person
  return [
    c.id,
    p.id,
    KIND_ZH[c.kind],
    AREA_ZH[c.area],
    p.birthDate,
    yes(p.student),
    p.groups?.length ? p.groups.map((g) => GROUP_ZH[g]).join('；') : '无',
    p.continuousYears,
    '已参保',
    '是',
    TIER_ZH[c.institution.tier!],
    c.admissionDate ?? '',
    c.dischargeDate ?? '',
    c.serviceDate ?? '',
    c.bill.total,
    amount('A'),
    amount('B'),
    amount('self-pay'),
    // the bench's claims without a referral record went to their entry tier or were approved
    c.kind === 'inpatient' ? yes(c.referral ? c.referral.approved : true) : '',
    '疾病',
    c.specialDisease?.code ?? '',
    c.specialDisease ? yes(c.specialDisease.approved) : '',
    c.kind === 'outpatient' ? yes(c.useHouseholdAccount) : ''
  ].join(',')
}
const csvPath = join(benchDir, 'county-year.csv')
writeFileSync(
  csvPath,
  [
    '编号,参保人编号,类型,就医地点,出生日期,学生,人员类别,连续参保年数,参保状态,定点,医院层级,入院日期,出院日期,就诊日期,总费用,甲类,乙类,自费,已办转诊,就医原因,门特病种,门特已准入,使用家庭账户',
    ...claims.map(csvRow)
  ].join('\n') + '\n'
)
const preload = join(benchDir, 'max-rss.cjs')
writeFileSync(
  preload,
  "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('max-rss-kb ' + u.maxRSS + ' cpu-us ' + (u.userCPUTime + u.systemCPUTime) + '\\n') })\n"
)
function cliRun(steps: boolean): { wall: number; cpu: number; mb: number; failed: number; outMb: number } {
  const out = join(benchDir, `results-${steps ? 'steps' : 'no-steps'}.csv`)
  const args = [cliPath, 'settle', '--policy', 'demo-county-2026', '--batch', csvPath, '--out', out, '--as-of', ASOF]
  const t0 = process.hrtime.bigint()
  // every node the CLI runs in reports its peak memory (NODE_OPTIONS reaches any it starts)
  const r = spawnSync(process.execPath, steps ? args : [...args, '--no-steps'], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--require=${preload}` }
  })
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  const rss = [...r.stderr.matchAll(/max-rss-kb (\d+)/g)].map((m) => Number(m[1]))
  // CPU seconds of every node the CLI ran in: on the shared machine the wall time also counts others' jobs
  const cpu = [...r.stderr.matchAll(/cpu-us (\d+)/g)].reduce((t, m) => t + Number(m[1]), 0) / 1e6
  const failed = /失败 (\d+) 行/.exec(r.stderr)
  if (rss.length < 1 || !failed) throw new Error(`the CLI did not finish: ${r.stderr.slice(-500)}`)
  return { wall, cpu, mb: Math.max(...rss) / 1024, failed: Number(failed[1]), outMb: statSync(out).size / 1024 / 1024 }
}
// once so that the launcher's bundle is built (and cached), then measured
cliRun(false)
const cliOff = cliRun(false)
const cliOn = cliRun(true)
console.log(info('calculator CLI batch input', statSync(csvPath).size / 1024 / 1024, 'MB CSV', 1))
console.log(info('calculator CLI batch rows refused', cliOff.failed, 'rows', 0))
console.log(info('calculator CLI batch CPU time, steps off/on', cliOff.cpu, `s / ${cliOn.cpu.toFixed(2)} s`, 2))
console.log(info('calculator CLI batch output, steps off/on', cliOff.outMb, `MB / ${cliOn.outMb.toFixed(1)} MB`, 1))
console.log(info('calculator CLI batch peak memory, steps on', cliOn.mb, 'MB', 0))

const ok = report([
  {
    name: 'calculator settle without steps',
    value: N / noSteps.seconds,
    unit: 'claims/s',
    kind: 'min',
    target: 100_000,
    digits: 0
  },
  {
    name: 'calculator settle without steps (bundled, as shipped in the app)',
    value: N / noStepsBundled.seconds,
    unit: 'claims/s',
    kind: 'min',
    target: 100_000,
    digits: 0
  },
  {
    name: 'calculator settle with steps',
    value: N / withSteps.seconds,
    unit: 'claims/s',
    kind: 'min',
    target: 30_000,
    digits: 0
  },
  { name: 'calculator estimate median', value: q(0.5), unit: 'ms', kind: 'max', target: 1, digits: 3 },
  {
    name: 'calculator CLI batch of 150,000 CSV claims, steps off, wall time',
    value: cliOff.wall,
    unit: 's',
    kind: 'max',
    target: 2,
    digits: 2
  },
  {
    name: 'calculator CLI batch of 150,000 CSV claims, steps off, peak memory',
    value: cliOff.mb,
    unit: 'MB',
    kind: 'max',
    target: 300,
    digits: 0
  },
  {
    name: 'calculator CLI batch of 150,000 CSV claims, steps on, wall time',
    value: cliOn.wall,
    unit: 's',
    kind: 'max',
    target: 8,
    digits: 2
  },
  { name: 'calculator estimate p99', value: q(0.99), unit: 'ms', kind: 'max', target: 1, digits: 3 }
] satisfies Figure[])
process.exitCode = ok ? 0 : 1
