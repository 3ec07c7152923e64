// What out-of-area filing (异地就医备案) is worth in yuan, from the shared calculator: the same
// typical stay estimated as 'out-filed' and as 'out-unfiled' under the county's policy. The
// calculator is imported only here, inside the enrol subpackage, so it stays out of the main package.
import {
  bundledSeries,
  estimate,
  insurancePaid,
  isCalculatorError,
  subtractYuan,
  type PolicyDocument,
  type PolicyInput
} from '@/calculator'

/** The typical stay the figures are for (an assumption, shown on screen with the figures). */
const TYPICAL_STAY = {
  billAmount: '10000.00',
  label: '在外地的市级医院住院一次，总共花1万元'
} as const

export interface AreaFigures {
  /** 医保报销: the calculator's insurancePaid (basic fund + catastrophic + assistance) */
  reimbursed: string
  patientPays: string
  ratio: string | null
  deductible: string
}

export interface FilingWorth {
  filed: AreaFigures
  unfiled: AreaFigures
  /** how much more is reimbursed when filed, yuan with two places */
  worth: string
  stay: typeof TYPICAL_STAY
  policyVersion: string
  /** the policy is made-up demo figures */
  demo: boolean
}

/** Both estimates for the typical stay; null when the policy cannot answer (missing figure, no policy). */
export function filingWorth(policy: PolicyInput, asOf: string): FilingWorth | null {
  try {
    const run = (area: 'out-filed' | 'out-unfiled') =>
      estimate(
        policy,
        {
          kind: 'inpatient',
          institution: { designated: true, tier: 'city' },
          area,
          billAmount: TYPICAL_STAY.billAmount,
          age: 40
        },
        asOf
      )
    const f = run('out-filed')
    const u = run('out-unfiled')
    const figures = (e: typeof f): AreaFigures => ({
      reimbursed: insurancePaid(e),
      patientPays: e.patientPays,
      ratio: e.ratio,
      deductible: e.deductible
    })
    const filed = figures(f)
    const unfiled = figures(u)
    const docs = Array.isArray(policy) ? policy : [policy]
    return {
      filed,
      unfiled,
      worth: subtractYuan(filed.reimbursed, unfiled.reimbursed),
      stay: TYPICAL_STAY,
      policyVersion: f.policyVersion,
      demo: docs.some((d) => (d as PolicyDocument).demo === true)
    }
  } catch (e) {
    if (isCalculatorError(e)) return null
    throw e
  }
}

/** The policy the county sent, else the versions shipped with the app for that region. */
export function policyFor(countyDocument: unknown, regionCode: string): PolicyInput | null {
  if (countyDocument && typeof countyDocument === 'object') return countyDocument as PolicyDocument
  const shipped = bundledSeries(regionCode, 'resident')
  return shipped.length ? shipped : null
}

/** "1600.00" → "1600 元"; "1234.50" → "1234.50 元" */
export function yuanText(m: string): string {
  return `${m.endsWith('.00') ? m.slice(0, -3) : m} 元`
}
