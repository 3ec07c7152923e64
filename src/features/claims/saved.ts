// Estimates the villager made, kept on the phone per member, so that once a real claim is
// settled its detail can show "估算 ¥A，实际 ¥B" and explain the difference from the steps.
import type { Estimate, EstimateAnswers } from '@/calculator'
import { createUserCache } from '@/services/cache'
import { nowIso } from '@/services/time'

export interface SavedEstimate {
  id: string
  personId: string
  /** ISO time the estimate was made */
  madeAt: string
  /** the day it was made for (YYYY-MM-DD, Beijing) */
  asOf: string
  answers: EstimateAnswers
  placeLabel: string
  result: Pick<
    Estimate,
    | 'policyId'
    | 'policyVersion'
    | 'kind'
    | 'total'
    | 'eligible'
    | 'deductible'
    | 'ratio'
    | 'basicFund'
    | 'catastrophic'
    | 'assistance'
    | 'householdAccount'
    | 'patientPays'
    | 'steps'
  >
}

/** key: personId; newest last, at most 10 per member */
export const savedEstimatesCache = createUserCache<SavedEstimate[]>({
  name: 'estimator.saved',
  version: 1,
  maxEntries: 20
})

export function saveEstimate(
  owner: string,
  personId: string,
  asOf: string,
  answers: EstimateAnswers,
  placeLabel: string,
  e: Estimate
): SavedEstimate {
  const {
    policyId,
    policyVersion,
    kind,
    total,
    eligible,
    deductible,
    ratio,
    basicFund,
    catastrophic,
    assistance,
    householdAccount,
    patientPays,
    steps
  } = e
  const saved: SavedEstimate = {
    id: `est-${Date.now().toString(36)}`,
    personId,
    madeAt: nowIso(),
    asOf,
    answers,
    placeLabel,
    result: {
      policyId,
      policyVersion,
      kind,
      total,
      eligible,
      deductible,
      ratio,
      basicFund,
      catastrophic,
      assistance,
      householdAccount,
      patientPays,
      steps
    }
  }
  const c = savedEstimatesCache.getState()
  const list = c.read(owner, personId)?.data ?? []
  c.put(owner, personId, [...list, saved].slice(-10))
  return saved
}

/** The latest estimate of the same kind made on or before the claim's admission. */
export function estimateForClaim(
  list: readonly SavedEstimate[] | null | undefined,
  claim: { kind: string; admissionDate: string }
): SavedEstimate | null {
  if (!list) return null
  const kind = claim.kind === 'chronic' ? 'special-outpatient' : claim.kind
  const fit = list.filter((s) => s.result.kind === kind && s.asOf <= claim.admissionDate)
  return fit.length ? fit[fit.length - 1] : null
}
