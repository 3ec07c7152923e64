// Policy cases as data (OpenFisca-style tests): `<policy-id>.cases.json` beside each policy.
// The calculator tests run them (same inputs, same expected amounts to the fen).
import { compilePolicy } from './compile'
import { quoteContribution } from './contribution'
import { isCalculatorError } from './errors'
import { estimate } from './estimate'
import { bundledPolicies } from './policies'
import { deepMerge } from './resolve'
import { addDays, yearOf } from './dates'
import { yuanToFen } from './money'
import { settleClaim, settleInBatch } from './settle'
import { checkHistory } from './input'
import { yearSummary } from './year-summary'
import type {
  Claim,
  ClaimHistory,
  ContributionQuote,
  EstimateAnswers,
  Household,
  PolicyDocument,
  PolicyInput,
  PolicyOverlay,
  Settlement
} from './types'

interface CaseBase {
  name: string
  /** where the expected figures come from (seed note section, or "own") */
  from?: string
  asOf: string
  /** run against this shipped policy instead of the file's */
  policy?: string
  /** run against these shipped versions as a series (e.g. a mid-year rule change) */
  series?: string[]
  /** deep-merged into the (resolved) policy for this case only, e.g. to supply a figure the source lacks; null removes a section */
  policyPatch?: Record<string, unknown>
  /** the CalculatorError code the case must produce instead of a result */
  expectError?: string
  expect?: unknown
}
export type PolicyCase =
  | (CaseBase & { type: 'settle'; claim: Claim; history?: ClaimHistory })
  | (CaseBase & { type: 'settle-sequence'; claims: Claim[]; history?: ClaimHistory; expect?: unknown[] })
  | (CaseBase & { type: 'quote'; household: Household; coverageYear?: number })
  | (CaseBase & { type: 'estimate'; answers: EstimateAnswers })
  /** settle the claims in turn, then the person's year summary on `date` */
  | (CaseBase & {
      type: 'year-summary'
      claims: Claim[]
      history?: ClaimHistory
      date: string
      student?: boolean
    })

export interface PolicyCasesFile {
  policy: string
  cases: PolicyCase[]
}

function patched(
  doc: PolicyDocument | PolicyOverlay,
  patch: Record<string, unknown> | undefined
): PolicyDocument | PolicyOverlay {
  if (!patch) return doc
  return deepMerge(compilePolicy(doc).doc, { ...patch, id: `${doc.id}-patched` }) as PolicyDocument
}

/** A settlement with the history it was given, and how to settle it again (the batch path without steps). */
interface Settled {
  h: ClaimHistory | undefined
  s: Settlement
  again: () => ReturnType<typeof settleInBatch>
}

/** Run one case; returns the actual result (or `{ error: code }`); `settled` gets each settlement with the history it was given. */
function runPolicyCase(
  policy: PolicyDocument | PolicyOverlay,
  c: PolicyCase,
  settled: Settled[],
  quoted: (() => string[])[],
  lookup: Readonly<Record<string, PolicyDocument | PolicyOverlay>> = bundledPolicies
): unknown {
  const settle = (claim: Claim, h: ClaimHistory | undefined): Settlement => {
    const s = settleClaim(pol, claim, h, c.asOf)
    const p = pol
    settled.push({ h, s, again: () => settleInBatch(p, claim, checkHistory(h), c.asOf, { steps: false }) })
    return s
  }
  let pol: PolicyInput
  if (c.series) {
    pol = c.series.map((id) => {
      const d = lookup[id]
      if (!d) throw new Error(`case "${c.name}": no policy ${id}`)
      return patched(d, c.policyPatch)
    })
  } else if (c.policy) {
    const d = lookup[c.policy]
    if (!d) throw new Error(`case "${c.name}": no policy ${c.policy}`)
    pol = patched(d, c.policyPatch)
  } else pol = patched(policy, c.policyPatch)
  try {
    switch (c.type) {
      case 'settle':
        return settle(c.claim, c.history)
      case 'settle-sequence': {
        let h: ClaimHistory | undefined = c.history
        return c.claims.map((claim) => {
          const s = settle(claim, h)
          h = s.historyAfter
          return s
        })
      }
      case 'quote': {
        const q = quoteContribution(pol, c.household, c.asOf, { coverageYear: c.coverageYear })
        const p = pol
        quoted.push(() => {
          // without steps: the same quote but for the steps (one rule in both modes)
          const again = quoteContribution(p, c.household, c.asOf, { coverageYear: c.coverageYear, steps: false })
          const strip = (x: ContributionQuote) =>
            JSON.stringify({ ...x, steps: undefined, members: x.members.map((m) => ({ ...m, steps: undefined })) })
          const out: string[] = []
          if (q.steps.length === 0 || q.members.some((m) => m.steps.length === 0))
            out.push('invariant: steps were asked for and none were written')
          if (again.steps.length !== 0 || again.members.some((m) => m.steps.length !== 0))
            out.push('invariant: steps were not asked for and were written')
          if (strip(again) !== strip(q)) out.push(`invariant: the quote without steps differs: ${strip(again)}`)
          return out
        })
        return q
      }
      case 'estimate':
        return estimate(pol, c.answers, c.asOf)
      case 'year-summary': {
        let h: ClaimHistory | undefined = c.history
        const all = c.claims.map((claim) => {
          const s = settle(claim, h)
          h = s.historyAfter
          return s
        })
        return yearSummary(pol, all, c.date, { student: c.student })
      }
    }
  } catch (e) {
    if (isCalculatorError(e)) return { error: e.code, message: e.message }
    throw e
  }
  return undefined
}

/** Every place where `actual` differs from the (partial) `expected`; empty = the case passes. */
function diffExpected(actual: unknown, expected: unknown, path = '$'): string[] {
  if (expected === null || typeof expected !== 'object') {
    return actual === expected ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`]
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${JSON.stringify(actual)}`]
    // a list is expected whole: as many items, each (partially) as given
    const out: string[] =
      actual.length === expected.length ? [] : [`${path}: expected ${expected.length} items, got ${actual.length}`]
    expected.forEach((e, i) => out.push(...diffExpected(actual[i], e, `${path}[${i}]`)))
    return out
  }
  if (actual === null || typeof actual !== 'object')
    return [`${path}: expected an object, got ${JSON.stringify(actual)}`]
  const out: string[] = []
  for (const [k, v] of Object.entries(expected as Record<string, unknown>))
    out.push(...diffExpected((actual as Record<string, unknown>)[k], v, `${path}.${k}`))
  return out
}

const HISTORY_TOTALS = [
  ['fundPaid', 'capFund'],
  ['outpatientFundPaid', 'outpatientFund'],
  ['specialFundPaid', 'specialFund'],
  ['majorDiseaseFundPaid', 'majorDiseaseFund'],
  ['catastrophicBase', 'catastrophicBase']
] as const

/**
 * What holds for every settlement, whatever the policy: the parts add up to the total,
 * insurance paid is its three parts, the history is the claim's coverage year and grows by
 * what `yearAdds` says, the account drops by what it paid, the outcome says what happened.
 */
function invariants(h: ClaimHistory | undefined, s: Settlement): string[] {
  const out: string[] = []
  const f = (v: string | null | undefined) => (v === null || v === undefined ? 0 : yuanToFen(v))
  const say = (ok: boolean, what: string) => {
    if (!ok) out.push(`invariant: ${what} (${s.claimId ?? s.kind})`)
  }
  const [fund, cat, assist, account, institution, patient] = [
    s.basicFund,
    s.catastrophic,
    s.assistance,
    s.householdAccount,
    s.institutionBears,
    s.patientPays
  ].map(f)
  say(fund + cat + assist + account + institution + patient === f(s.total), 'the parts add up to the total')
  say(f(s.insurancePaid) === fund + cat + assist, 'insurancePaid = fund + 大病保险 + 医疗救助')
  say(f(s.eligible) + f(s.selfPaid) === f(s.total), 'eligible + self-paid = total')
  say(s.historyAfter.coverageYear === s.coverageYear.start, 'the history is the claim’s coverage year')
  say(
    s.coverageYear.end === addDays(`${String(yearOf(s.coverageYear.start) + 1)}${s.coverageYear.start.slice(4)}`, -1),
    'a coverage year is a year'
  )
  // a history of another (earlier) year does not count
  const same = h !== undefined && (h.coverageYear === undefined || h.coverageYear === s.coverageYear.start)
  const before = (k: keyof ClaimHistory) => (same ? f(h![k] as string | undefined) : 0)
  for (const [hk, ak] of HISTORY_TOTALS)
    say(f(s.historyAfter[hk]) - before(hk) === f(s.yearAdds[ak]), `yearAdds.${ak} is what ${hk} grew by`)
  const stays = (a: ClaimHistory['admissions']) => Object.values(a ?? {}).reduce((n: number, v) => n + (v ?? 0), 0)
  say(
    stays(s.historyAfter.admissions) - (same ? stays(h!.admissions) : 0) === s.yearAdds.admissions,
    'yearAdds.admissions'
  )
  if (same)
    say(
      f(s.historyAfter.householdAccountBalance) === f(h!.householdAccountBalance) - account,
      'the account drops by what it paid'
    )
  if (s.outcome === 'excluded') {
    say(
      s.exclusion !== undefined && fund + cat + assist + account + institution === 0 && s.fundBasis === null,
      'excluded pays nothing, says why'
    )
    say(s.yearAdds.admissions === 0, 'an excluded stay is not counted')
  } else {
    say(s.exclusion === undefined, 'only an excluded claim has an exclusion')
    say((s.outcome === 'paid') === fund + cat + assist + account > 0, 'the outcome says whether anything was paid')
  }
  return out
}

/**
 * Settled again the batch's way, without steps (what the CLI does): the same settlement but
 * for the steps, and the same history after in whole fen. One engine in both modes.
 */
function sameWithoutSteps(x: Settled): string[] {
  const { settlement, after } = x.again()
  const out: string[] = []
  if (x.s.steps.length === 0) out.push('invariant: steps were asked for and none were written')
  if (settlement.steps.length !== 0) out.push('invariant: steps were not asked for and were written')
  const strip = (s: Settlement) => JSON.stringify({ ...s, steps: undefined, historyAfter: undefined })
  if (strip(settlement) !== strip(x.s))
    out.push(`invariant: the batch without steps settles differently: ${strip(settlement)}`)
  if (JSON.stringify(after) !== JSON.stringify(checkHistory(x.s.historyAfter)))
    out.push(`invariant: the batch's history after differs: ${JSON.stringify(after)}`)
  return out
}

export function checkPolicyCase(policy: PolicyDocument | PolicyOverlay, c: PolicyCase): string[] {
  const settled: Settled[] = []
  const quoted: (() => string[])[] = []
  const actual = runPolicyCase(policy, c, settled, quoted)
  const broken = [
    ...settled.flatMap((x) => [...invariants(x.h, x.s), ...sameWithoutSteps(x)]),
    ...quoted.flatMap((f) => f())
  ]
  if (broken.length) return broken
  if (c.expectError) {
    const code = (actual as { error?: string }).error
    return code === c.expectError ? [] : [`expected error ${c.expectError}, got ${code ? `error ${code}` : 'a result'}`]
  }
  if ((actual as { error?: string }).error)
    return [
      `unexpected error ${(actual as { error: string; message: string }).error}: ${(actual as { message: string }).message}`
    ]
  return diffExpected(actual, c.expect)
}
