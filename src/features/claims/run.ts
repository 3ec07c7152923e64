// Runs the shared calculator in the app, on the cached policy document (works offline).
// ONLY the claims subpackage imports this file, so the calculator stays out of the main package.
import {
  estimate,
  insurancePaid,
  isCalculatorError,
  subtractYuan,
  settleClaim,
  type Estimate,
  type EstimateAnswers,
  type InstitutionTier,
  type PolicyDocument
} from '@/calculator'

export type RunResult = { ok: true; estimate: Estimate } | { ok: false; code: string; message: string }

export function runEstimate(policy: unknown, answers: EstimateAnswers, asOf: string): RunResult {
  try {
    return { ok: true, estimate: estimate(policy as PolicyDocument, answers, asOf) }
  } catch (e) {
    if (isCalculatorError(e)) return { ok: false, code: e.code, message: e.message }
    return { ok: false, code: 'INTERNAL', message: '估算出错了，请稍后再试' }
  }
}

export interface LowerLevelComparison {
  tier: InstitutionTier
  estimate: Estimate
  /** how much more the insurance would pay there (decimal string, > 0) */
  more: string
}

const LOWER: Partial<Record<InstitutionTier, InstitutionTier>> = {
  county: 'township',
  city: 'township',
  provincial: 'township'
}

/**
 * "At 乡镇卫生院 you would get ¥X more": the same stay estimated at the township health
 * centre, for inpatient stays above that level in the home county. Null when it would not pay more.
 */
export function compareLowerLevel(
  policy: unknown,
  answers: EstimateAnswers,
  asOf: string,
  base: Estimate
): LowerLevelComparison | null {
  const tier = answers.institution.tier
  if (answers.kind !== 'inpatient' || (answers.area ?? 'local') !== 'local' || !tier || !LOWER[tier]) return null
  const lower = LOWER[tier] as InstitutionTier
  const r = runEstimate(policy, { ...answers, institution: { tier: lower }, referralApproved: undefined }, asOf)
  if (!r.ok) return null
  const more = subtractYuan(insurancePaid(r.estimate), insurancePaid(base))
  return more.startsWith('-') || more === '0.00' ? null : { tier: lower, estimate: r.estimate, more }
}

/** The deductible and ratio a member gets at an institution of this level: a nominal stay, settled by the calculator. */
export function termsAt(
  policy: unknown,
  inst: { tier: InstitutionTier; level?: 1 | 2 | 3; grade?: 'A' | 'B' | 'C'; ownership?: 'public' | 'private' },
  member: { birthDate: string; student?: boolean; groups?: string[]; continuousYears?: number },
  asOf: string
): { deductible: string; ratio: string | null } | null {
  try {
    const s = settleClaim(
      policy as PolicyDocument,
      {
        kind: 'inpatient',
        area: 'local',
        person: member,
        institution: { designated: true, ...inst },
        admissionDate: asOf,
        dischargeDate: asOf,
        bill: { total: '10000.00' }
      },
      undefined,
      asOf,
      { steps: false }
    )
    return { deductible: s.deductible, ratio: s.ratio }
  } catch {
    return null
  }
}

export type { Estimate, EstimateAnswers }
