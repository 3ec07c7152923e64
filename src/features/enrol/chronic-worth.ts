// What 门诊慢特病 certification is worth in yuan a year, from the shared calculator: a typical
// year's outpatient care for the disease estimated as a certified 门特 claim. Without the
// certification the policy's 门特 pays nothing (the calculator refuses an unapproved 门特 claim),
// so when the policy requires approval the certified figure is what certification adds.
import { estimate, insurancePaid, isCalculatorError, type PolicyDocument, type PolicyInput } from '@/calculator'

/** The typical year the figure is for (an assumption, shown on screen with the figure). */
const TYPICAL_YEAR = {
  billAmount: '5000.00',
  label: '一年在县医院门诊看这个病、拿药，总共花5000元'
} as const

export interface ListedDisease {
  code: string
  label: string
}

export interface ChronicWorth {
  /** how much more is reimbursed in the year once certified, yuan with two places */
  worth: string
  /** what the patient still pays of the typical year when certified */
  patientPays: string
  deductible: string
  ratio: string | null
  year: typeof TYPICAL_YEAR
  policyVersion: string
  demo: boolean
}

function docsOf(policy: PolicyInput): PolicyDocument[] {
  return (Array.isArray(policy) ? policy : [policy]) as PolicyDocument[]
}

/** The policy's listed special diseases (the newest version's list); empty when it lists none. */
export function listedDiseases(policy: PolicyInput): ListedDisease[] {
  const newest = [...docsOf(policy)].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0]
  const list = newest?.specialOutpatient?.diseases
  return Array.isArray(list) ? list.map((d) => ({ code: d.code, label: d.label })) : []
}

/** The yearly worth of certifying `diseaseCode`; null when the policy cannot answer. */
export function chronicWorth(policy: PolicyInput, diseaseCode: string, asOf: string): ChronicWorth | null {
  try {
    const e = estimate(
      policy,
      {
        kind: 'special-outpatient',
        institution: { designated: true, tier: 'county' },
        area: 'local',
        billAmount: TYPICAL_YEAR.billAmount,
        specialDisease: diseaseCode,
        age: 60
      },
      asOf
    )
    const docs = docsOf(policy)
    // a policy that pays 门特 without approval: certification adds nothing
    const needsApproval = docs.some((d) => d.specialOutpatient?.requireApproval === true)
    return {
      worth: needsApproval ? insurancePaid(e) : '0.00',
      patientPays: e.patientPays,
      deductible: e.deductible,
      ratio: e.ratio,
      year: TYPICAL_YEAR,
      policyVersion: e.policyVersion,
      demo: docs.some((d) => d.demo === true)
    }
  } catch (err) {
    if (isCalculatorError(err)) return null
    throw err
  }
}
