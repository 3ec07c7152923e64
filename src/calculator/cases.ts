// Policy cases as data (OpenFisca-style tests): `<policy-id>.cases.json` beside each policy.
// The calculator tests run them, and so can the county API's tests (same inputs, same
// expected amounts to the fen).
import { quoteContribution } from './contribution'
import { isCalculatorError } from './errors'
import { estimate } from './estimate'
import { deepMerge } from './resolve'
import { settleClaim } from './settle'
import type { Claim, ClaimHistory, EstimateAnswers, Household, PolicyDocument, PolicyInput } from './types'

interface CaseBase {
  name: string
  /** where the expected figures come from (seed note section, or "own") */
  from?: string
  asOf: string
  /** deep-merged into the policy for this case only (e.g. to supply a figure the source lacks) */
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

export interface PolicyCasesFile {
  policy: string
  cases: PolicyCase[]
}

/** Run one case; returns the actual result (or `{ error: code }`). */
export function runPolicyCase(policy: PolicyDocument | PolicyInput, c: PolicyCase): unknown {
  const pol = c.policyPatch ? (deepMerge(policy, { ...c.policyPatch, id: `${(policy as PolicyDocument).id}-patched` }) as PolicyDocument) : policy
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
export function diffExpected(actual: unknown, expected: unknown, path = '$'): string[] {
  if (expected === null || typeof expected !== 'object') {
    return actual === expected ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`]
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${JSON.stringify(actual)}`]
    const out: string[] = []
    expected.forEach((e, i) => out.push(...diffExpected(actual[i], e, `${path}[${i}]`)))
    return out
  }
  if (actual === null || typeof actual !== 'object') return [`${path}: expected an object, got ${JSON.stringify(actual)}`]
  const out: string[] = []
  for (const [k, v] of Object.entries(expected as Record<string, unknown>)) out.push(...diffExpected((actual as Record<string, unknown>)[k], v, `${path}.${k}`))
  return out
}

export function checkPolicyCase(policy: PolicyDocument | PolicyInput, c: PolicyCase): string[] {
  const actual = runPolicyCase(policy, c)
  if (c.expectError) {
    const code = (actual as { error?: string }).error
    return code === c.expectError ? [] : [`expected error ${c.expectError}, got ${code ? `error ${code}` : 'a result'}`]
  }
  if ((actual as { error?: string }).error) return [`unexpected error ${(actual as { error: string; message: string }).error}: ${(actual as { message: string }).message}`]
  return diffExpected(actual, c.expect)
}
