// What the server needs from the shared calculator. Every use of src/calculator goes
// through calculator-port.ts, which implements this interface.
import type { Category, Payer, Step } from '../../../src/contract'

export interface PolicyRecord {
  regionCode: string
  version: string
  effectiveFrom: string
  effectiveTo: string | null
  document: unknown
}

export interface QuoteMember {
  personId: string
  birthDate: string
  categories: Category[]
  alreadyEnrolled: boolean
}

export interface QuoteLineResult {
  personId: string
  payer: Payer
  standardFen: number
  subsidyFen: number
  dueFen: number
}

export interface QuoteResult {
  lines: QuoteLineResult[]
  totalFen: number
  steps: Step[]
  collectionPeriod: { start: string; end: string }
}

export interface ClaimInput {
  claimId: string
  kind: 'inpatient' | 'outpatient' | 'chronic'
  institutionLevel: 'village' | 'township' | 'county' | 'city' | 'provincial'
  admissionDate: string
  dischargeDate: string | null
  totalFen: number
  /** Part of the bill outside the catalogue (not reimbursable). */
  excludedFen: number
  referred: boolean
}

export interface SettleResult {
  eligibleFen: number
  payoutFen: number
  selfFen: number
  capFen: number | null
  steps: Step[]
}

export interface SettledHistoryItem {
  claim: ClaimInput
  payoutFen: number
}

export interface CoverageResult {
  start: string
  end: string
  waitingEnd: string | null
}

export interface CalculatorPort {
  /** Policies shipped with the calculator, loaded into the database at seed time. */
  shippedPolicies(): PolicyRecord[]
  quote(policy: PolicyRecord, members: QuoteMember[], year: number, asOf: string): QuoteResult
  settle(policy: PolicyRecord, person: { birthDate: string; categories: Category[] }, claim: ClaimInput, history: SettledHistoryItem[], asOf: string): SettleResult
  /** Coverage dates for a contribution paid on `paidDate` for `year`. */
  coverage(policy: PolicyRecord, year: number, paidDate: string, continuous: boolean): CoverageResult
}
