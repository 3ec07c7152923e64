// Policy cases as data (OpenFisca-style tests): `<policy-id>.cases.json` beside each policy.
// The calculator tests run them (same inputs, same expected amounts to the fen).
import { compilePolicy } from './compile'
import { quoteContribution } from './contribution'
import { isCalculatorError } from './errors'
import { estimate } from './estimate'
import { bundledPolicies } from './policies'
import { deepMerge } from './resolve'
import { settleClaim } from './settle'
import type {
  Claim,
  ClaimHistory,
  EstimateAnswers,
  Household,
  PolicyDocument,
  PolicyInput,
  PolicyOverlay
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
type PolicyCase =
  | (CaseBase & { type: 'settle'; claim: Claim; history?: ClaimHistory })
  | (CaseBase & { type: 'settle-sequence'; claims: Claim[]; history?: ClaimHistory; expect?: unknown[] })
  | (CaseBase & { type: 'quote'; household: Household; coverageYear?: number })
  | (CaseBase & { type: 'estimate'; answers: EstimateAnswers })

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

/** Run one case; returns the actual result (or `{ error: code }`). */
function runPolicyCase(
  policy: PolicyDocument | PolicyOverlay,
  c: PolicyCase,
  lookup: Readonly<Record<string, PolicyDocument | PolicyOverlay>> = bundledPolicies
): unknown {
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
        return settleClaim(pol, c.claim, c.history, c.asOf)
      case 'settle-sequence': {
        let h: ClaimHistory | undefined = c.history
        return c.claims.map((claim) => {
          const s = settleClaim(pol, claim, h, c.asOf)
          h = s.historyAfter
          return s
        })
      }
      case 'quote':
        return quoteContribution(pol, c.household, c.asOf, { coverageYear: c.coverageYear })
      case 'estimate':
        return estimate(pol, c.answers, c.asOf)
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
    const out: string[] = []
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

export function checkPolicyCase(policy: PolicyDocument | PolicyOverlay, c: PolicyCase): string[] {
  const actual = runPolicyCase(policy, c)
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
