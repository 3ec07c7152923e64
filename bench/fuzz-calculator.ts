// Fuzzes the shared calculator with 1,000,000 generated claims (issue #9): people's years
// of claims (src/calculator/testing/arbitraries.ts) under every bundled policy and series,
// as shipped and with missing figures filled, each person's history carried from claim to
// claim. Every claim is settled without steps twice and with steps once, and checked:
//   refused only with a CalculatorError, the same one with and without steps, and never because
//   of a history the calculator wrote (each historyAfter is read back by the next claim); deterministic;
//   the same settlement with and without steps; amounts are "x.yy" strings; nothing negative;
//   parts add up to the total; eligible + self-paid = total; fund + catastrophic + assistance
//   ≤ eligible; excluded pays nothing and says why; the outcome says whether anything was
//   paid; the history counts the claim within its coverage year (accumulated amounts never go
//   down, the household account drops by what it paid, one more admission per stay; a claim
//   of a later coverage year starts from zero, the account balance carried over or not as the
//   policy says); the annual cap, the outpatient and special-outpatient limits and the
//   catastrophic, major-disease and assistance caps are never exceeded over the coverage year;
//   insurancePaid = fund + catastrophic + assistance.
// All violations are counted; the first failing batch is run again so that fast-check
// shrinks the failing year, which is printed, and the exit code is 1.
// `npx tsx bench/fuzz-calculator.ts [--claims N] [--seed S]`; run by `npm run bench`, and with
// 2,000 claims by bench/fuzz-calculator.test.ts. `--fault` corrupts one amount on purpose
// (for that test: it proves a violation is found, shrunk and fails the run).
import fc from 'fast-check'
import {
  CalculatorError,
  settleClaim,
  type ClaimHistory,
  type PolicyDocument,
  type Settlement
} from '../src/calculator'
import {
  bundledTargets,
  fen,
  personYearArb,
  type PersonYear,
  type PolicyTarget
} from '../src/calculator/testing/arbitraries'
import { info, report } from './format'

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : d
}
const CLAIMS = arg('claims', 1_000_000)
const SEED = arg('seed', 20261123)
const FAULT = process.argv.includes('--fault')
/** person-years per fast-check run of a batch (a batch is one seed, replayable) */
const BATCH = 5_000

// at most 13 digits before the point (real amounts have 9), so whole fen stay below 2^53
const MONEY = /^-?(0|[1-9]\d{0,12})\.\d\d$/
/** 0.70, 0.595, 1.00 (fmtRate); a relative referral penalty can leave eight decimals */
const RATE = /^(0\.\d{2,8}|1\.00)$/
/** a checked "x.yy" string as whole fen (an exact integer) */
const f = (s: string): number => Number(s.replace('.', ''))
const HISTORY_MONEY = [
  'fundPaid',
  'outpatientFundPaid',
  'outpatientDeductibleMet',
  'specialFundPaid',
  'specialDeductibleMet',
  'majorDiseaseFundPaid',
  'catastrophicBase',
  'catastrophicPaid',
  'assistanceBase',
  'assistancePaid',
  'householdAccountBalance'
] as const

type Result = { ok: true; s: Settlement } | { ok: false; error: unknown }
function attempt(run: () => Settlement): Result {
  try {
    return { ok: true, s: run() }
  } catch (error) {
    return { ok: false, error }
  }
}
const refusal = (r: Result) =>
  r.ok
    ? 'settled'
    : r.error instanceof CalculatorError
      ? `${r.error.code}: ${r.error.message}`
      : `crash: ${String(r.error)}`

// --fault: the patient is charged one fen too many on bills of 1000.00 or more
const settle: typeof settleClaim = FAULT
  ? (...a) => {
      const s = settleClaim(...a)
      return f(s.total) >= 100_000 ? { ...s, patientPays: fen(f(s.patientPays) + 1) } : s
    }
  : settleClaim

interface Violation {
  rule: string
  claim: number
  detail: string
}
interface Tally {
  claims: number
  outcomes: Record<string, number>
  refused: Record<string, number>
}

/** The limit a policy figure sets, in fen, or null when it sets none (no limit, or the figure is missing). */
const limitOf = (v: unknown): number | null => (typeof v === 'string' ? f(v) : null)

/** Settle a person's year and check every claim; returns the violations (empty when all hold). */
function checkYear(t: PolicyTarget, y: PersonYear, tally: Tally | null): Violation[] {
  const out: Violation[] = []
  const versions = new Map<string, PolicyDocument>(t.docs.map((d) => [d.id, d]))
  let h: ClaimHistory | undefined = y.history
  // h is a historyAfter the calculator wrote (not the generated starting history)
  let produced = false
  for (let i = 0; i < y.claims.length; i++) {
    const c = y.claims[i]
    const bad = (rule: string, detail: string) => out.push({ rule, claim: i, detail })
    const fast = attempt(() => settle(t.input, c, h, y.asOf, { steps: false }))
    const again = attempt(() => settle(t.input, c, h, y.asOf, { steps: false }))
    const full = attempt(() => settle(t.input, c, h, y.asOf))
    if (tally) tally.claims++
    if (!fast.ok || !again.ok || !full.ok) {
      const why = [fast, again, full].map(refusal)
      if (why.some((w) => w.startsWith('crash')))
        bad(
          'refused only with a CalculatorError',
          why.find((w) => w.startsWith('crash'))!
        )
      else if (why[0] !== why[1] || why[0] !== why[2])
        bad('the same refusal with and without steps, every time', why.join(' | '))
      else if (produced && ((fast as { error: CalculatorError }).error.path ?? '').startsWith('$history.'))
        bad('a history the calculator wrote is read back', why[0])
      else if (tally)
        tally.refused[(fast as { error: CalculatorError }).error.code] =
          (tally.refused[(fast as { error: CalculatorError }).error.code] ?? 0) + 1
      continue
    }
    const s = fast.s
    const json = JSON.stringify(s)
    if (JSON.stringify(again.s) !== json) bad('deterministic', `${json} then ${JSON.stringify(again.s)}`)
    if (JSON.stringify({ ...full.s, steps: [] }) !== json)
      bad('the same settlement with and without steps', `${json} vs ${JSON.stringify({ ...full.s, steps: [] })}`)
    if (full.s.steps.length === 0) bad('with steps, steps explain the settlement', 'no steps')
    if (tally) tally.outcomes[s.outcome] = (tally.outcomes[s.outcome] ?? 0) + 1
    checkSettlement(
      c.bill.total,
      s.fundBasis === 'major-disease',
      c.person.groups ?? [],
      h,
      s,
      versions.get(s.policyId),
      bad
    )
    h = s.historyAfter
    produced = true
  }
  return out
}

function checkSettlement(
  billTotal: string,
  major: boolean,
  groups: string[],
  before: ClaimHistory | undefined,
  s: Settlement,
  doc: PolicyDocument | undefined,
  bad: (rule: string, detail: string) => void
): void {
  const a = s.historyAfter
  const amounts: [string, string | null][] = [
    ['total', s.total],
    ['selfPaid', s.selfPaid],
    ['eligible', s.eligible],
    ['deductible', s.deductible],
    ['basicFund', s.basicFund],
    ['catastrophic', s.catastrophic],
    ['assistance', s.assistance],
    ['householdAccount', s.householdAccount],
    ['patientPays', s.patientPays],
    ['overCap', s.overCap],
    ['capRemaining', s.capRemaining],
    ['historyAfter.lastDeductible', a.lastDeductible],
    ...HISTORY_MONEY.map((k): [string, string] => [`historyAfter.${k}`, a[k]])
  ]
  let formatted = true
  for (const [k, v] of amounts) {
    if (v === null && (k === 'capRemaining' || k === 'historyAfter.lastDeductible')) continue
    if (typeof v !== 'string' || !MONEY.test(v)) {
      bad('amounts are money strings with two decimals', `${k} = ${JSON.stringify(v)}`)
      formatted = false
    } else if (v.startsWith('-')) bad('nothing negative', `${k} = ${v}`)
  }
  if (!formatted) return
  if (!doc) return bad('settled under a version of the policy given', s.policyId)
  if (s.ratio !== null && !RATE.test(s.ratio)) bad('the ratio is a rate from 0 to 1', s.ratio)
  const total = f(s.total)
  const [fund, cat, assist, account, patient, eligible, institution] = [
    s.basicFund,
    s.catastrophic,
    s.assistance,
    s.householdAccount,
    s.patientPays,
    s.eligible,
    s.institutionBears
  ].map(f)
  if (s.total !== billTotal) bad('the total is the bill total', `${s.total} vs ${billTotal}`)
  if (fund + cat + assist + account + institution + patient !== total)
    bad(
      'parts add up to the total',
      `${s.basicFund} + ${s.catastrophic} + ${s.assistance} + ${s.householdAccount} + ${s.institutionBears} + ${s.patientPays} ≠ ${s.total}`
    )
  if (f(s.insurancePaid) !== fund + cat + assist)
    bad('insurancePaid = fund + catastrophic + assistance', `${s.insurancePaid}`)
  if (eligible + f(s.selfPaid) !== total)
    bad('eligible + self-paid = total', `${s.eligible} + ${s.selfPaid} ≠ ${s.total}`)
  // major-disease civil-affairs relief may be on the whole bill (seed 000), so it is left out there
  if (fund + cat + (major ? 0 : assist) > eligible)
    bad(
      'fund + catastrophic + assistance ≤ eligible',
      `${s.basicFund} + ${s.catastrophic} + ${s.assistance} > ${s.eligible}`
    )
  if (s.outcome === 'excluded') {
    if (!s.exclusion || fund + cat + assist + account !== 0 || s.patientPays !== s.total)
      bad(
        'an excluded claim pays nothing and says why',
        JSON.stringify({
          exclusion: s.exclusion,
          paid: [s.basicFund, s.catastrophic, s.assistance, s.householdAccount]
        })
      )
  } else if (s.exclusion) bad('only an excluded claim has an exclusion', JSON.stringify(s.exclusion))
  else if ((s.outcome === 'paid') !== fund + cat + assist + account > 0)
    bad('the outcome says whether anything was paid', s.outcome)

  // the history counts this claim, within its coverage year: a later year starts from zero
  if (before?.coverageYear !== undefined && before.coverageYear !== a.coverageYear) {
    if (before.coverageYear > a.coverageYear)
      bad('a person’s coverage years move forward', `${before.coverageYear} → ${a.coverageYear}`)
    const carried = doc.householdAccount?.balanceAtYearEnd === 'carries-over'
    before = { householdAccountBalance: carried ? before.householdAccountBalance : '0.00' }
  }
  if (a.coverageYear !== s.coverageYear.start)
    bad('the history is the claim’s coverage year', `${a.coverageYear} vs ${s.coverageYear.start}`)
  const b = (k: (typeof HISTORY_MONEY)[number]) => f(before?.[k] ?? '0.00')
  for (const k of HISTORY_MONEY) {
    if (k !== 'householdAccountBalance' && f(a[k]) < b(k))
      bad('accumulated amounts never go down', `${k}: ${before?.[k] ?? '0.00'} → ${a[k]}`)
  }
  if (f(a.householdAccountBalance) !== b('householdAccountBalance') - account)
    bad(
      'the household account drops by what it paid',
      `${before?.householdAccountBalance ?? '0.00'} − ${s.householdAccount} ≠ ${a.householdAccountBalance}`
    )
  if (f(a.catastrophicPaid) !== b('catastrophicPaid') + cat)
    bad(
      'the history counts catastrophic payments',
      `${before?.catastrophicPaid ?? '0.00'} + ${s.catastrophic} ≠ ${a.catastrophicPaid}`
    )
  const stays = (x: ClaimHistory['admissions']) => Object.values(x ?? {}).reduce((n, v) => n + (v ?? 0), 0)
  const added = stays(a.admissions) - stays(before?.admissions)
  if (added !== (s.kind === 'inpatient' && s.outcome !== 'excluded' ? 1 : 0))
    bad('one more admission per settled stay', `${added} added for a settled ${s.kind} claim (${s.outcome})`)

  // caps and limits over the person's year (after paying anything, the year's total is within them)
  const cap = doc.annualCap
  const covered = !major && cap !== undefined && cap.kinds.includes(s.kind)
  if (f(a.fundPaid) !== b('fundPaid') + (covered ? fund : 0))
    bad(
      'the history counts the fund towards the annual cap',
      `${before?.fundPaid ?? '0.00'} → ${a.fundPaid} after ${s.basicFund}`
    )
  const limits: [string, boolean, unknown, string][] = [
    ['annual cap', covered && fund > 0, cap?.amount, a.fundPaid],
    [
      'outpatient annual limit',
      !major && s.kind === 'outpatient' && fund > 0,
      doc.outpatient?.annualLimit,
      a.outpatientFundPaid
    ],
    [
      'special-outpatient annual limit',
      !major && s.kind === 'special-outpatient' && fund > 0,
      doc.specialOutpatient?.annualLimit,
      a.specialFundPaid
    ],
    ['major-disease cap', major && fund > 0, doc.majorDiseases?.cap, a.majorDiseaseFundPaid],
    ['catastrophic cap', cat > 0, doc.catastrophic?.cap, a.catastrophicPaid],
    [
      'assistance cap',
      !major && assist > 0,
      doc.assistance?.rules.find((r) => r.groups.some((g) => groups.includes(g)))?.cap,
      a.assistancePaid
    ]
  ]
  for (const [name, applies, figure, year] of limits) {
    const lim = limitOf(figure)
    if (applies && lim !== null && f(year) > lim)
      bad(`the ${name} is never exceeded`, `${year} paid this year, ${String(figure)} allowed`)
  }
}

function main(): void {
  const targets = bundledTargets()
  const yearArb = fc
    .integer({ min: 0, max: targets.length - 1 })
    .chain((i) => personYearArb(targets[i]).map((y) => ({ target: i, ...y })))
  const tally: Tally = { claims: 0, outcomes: {}, refused: {} }
  const found: (Violation & { target: string })[] = []
  let firstBad: number | null = null
  let years = 0
  let claimsWithViolations = 0
  const started = process.hrtime.bigint()
  const c0 = process.cpuUsage()
  for (let batch = 0; tally.claims < CLAIMS; batch++) {
    // about 6.5 claims a year: enough runs to reach the count, in replayable batches
    const runs = Math.max(1, Math.min(BATCH, Math.ceil((CLAIMS - tally.claims) / 6)))
    fc.check(
      fc.property(yearArb, (y) => {
        if (tally.claims >= CLAIMS) return true
        years++
        const v = checkYear(targets[y.target], y, tally)
        if (v.length > 0 && firstBad === null) firstBad = batch
        claimsWithViolations += new Set(v.map((x) => x.claim)).size
        for (const x of v) found.push({ ...x, target: targets[y.target].name })
        return true
      }),
      { seed: SEED + batch, numRuns: runs }
    )
  }
  const wall = Number(process.hrtime.bigint() - started) / 1e9
  const u = process.cpuUsage(c0)
  const cpu = (u.user + u.system) / 1e6

  const o = tally.outcomes
  const refused = Object.values(tally.refused).reduce((n, x) => n + x, 0)
  console.log(
    info(
      'fuzz-calculator policy targets (bundled policies and series, as shipped and filled)',
      targets.length,
      'targets',
      0
    )
  )
  console.log(info('fuzz-calculator person-years', years, 'years', 0))
  console.log(
    info(
      'fuzz-calculator claims paid/nothing payable/excluded/refused',
      o.paid ?? 0,
      `paid, ${o['nothing-payable'] ?? 0} nothing payable, ${o.excluded ?? 0} excluded, ${refused} refused with a typed error`,
      0
    )
  )
  console.log(info('fuzz-calculator wall time', wall, 's', 1))
  console.log(
    info(
      'fuzz-calculator throughput (3 settlements and the checks per claim, wall clock)',
      tally.claims / wall,
      'claims/s',
      0
    )
  )
  console.log(info('fuzz-calculator throughput (CPU time)', tally.claims / cpu, 'claims/s', 0))
  const ok = report([
    { name: 'fuzz-calculator claims', value: tally.claims, unit: 'claims', kind: 'min', target: CLAIMS, digits: 0 },
    {
      name: 'fuzz-calculator violations',
      value: claimsWithViolations,
      unit: 'claims',
      kind: 'max',
      target: 0,
      digits: 0
    }
  ])
  console.log(
    `  seed ${SEED}, refusals by code: ${
      Object.entries(tally.refused)
        .sort((x, y) => y[1] - x[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'
    }`
  )
  if (found.length > 0) {
    const byRule = new Map<string, number>()
    for (const v of found) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1)
    console.log(`  violations by invariant: ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}`)
    for (const v of found.slice(0, 10))
      console.log(`  ${v.target}, claim ${v.claim + 1}: ${v.rule}: ${v.detail.slice(0, 300)}`)
    // run the first failing batch again, failing this time, so fast-check shrinks the year
    const details = fc.check(
      fc.property(yearArb, (y) => checkYear(targets[y.target], y, null).length === 0),
      { seed: SEED + firstBad!, numRuns: BATCH }
    )
    if (details.failed && details.counterexample) {
      const [y] = details.counterexample
      console.log(
        `\nshrunk counterexample (seed ${details.seed}, path ${details.counterexamplePath}, ${details.numShrinks} shrinks), policy ${targets[y.target].name}:`
      )
      console.log(JSON.stringify({ person: y.person, history: y.history, claims: y.claims, asOf: y.asOf }, null, 2))
      for (const v of checkYear(targets[y.target], y, null))
        console.log(`  claim ${v.claim + 1}: ${v.rule}: ${v.detail}`)
    }
  }
  process.exitCode = ok ? 0 : 1
}

main()
