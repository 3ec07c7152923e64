import {
  compareYuan,
  DEMO_POLICY_ID,
  insurancePaid,
  loadBundledPolicy,
  settleClaim,
  subtractYuan,
  yearSummary,
  type Claim as CalcClaim,
  type FullClaimHistory,
  type Settlement
} from '@/calculator'
import type { Claim, ClaimList, Person } from '@/contract'
import { continuousYears, memberDefaults } from './defaults'

const demo = loadBundledPolicy(DEMO_POLICY_ID)

const e = (year: number, status: Person['enrolments'][number]['status']) => ({
  year,
  status,
  payer: null,
  amountPaid: null,
  coverageStart: null,
  coverageEnd: null,
  waitingPeriodEnd: null,
  benefitStart: null,
  benefitEnd: null,
  orderId: null
})
const person = (categories: Person['categories'], enrolments: Person['enrolments']): Person => ({
  personId: 'p1',
  name: '李秀英',
  idNumber: '9901**********0021',
  idNumberMasked: true,
  sex: 'female',
  birthDate: '1948-03-01',
  relation: '本人',
  categories,
  phone: null,
  isHead: true,
  enrolments
})

test('continuous years count back from last year and stop at the first gap', () => {
  expect(
    continuousYears(
      person([], [e(2022, 'enrolled'), e(2024, 'enrolled'), e(2025, 'enrolled'), e(2026, 'enrolled')]),
      2026
    )
  ).toBe(2)
  expect(continuousYears(person([], [e(2025, 'lapsed'), e(2026, 'enrolled')]), 2026)).toBe(0)
})

/** This year's claims as the county lists them: settled in order by the calculator itself. */
function settledList(claims: CalcClaim[]): { list: ClaimList; last: Settlement } {
  let h: FullClaimHistory | undefined
  let last: Settlement | undefined
  const out: Claim[] = claims.map((c, i) => {
    const s = settleClaim(demo, c, h, '2026-12-01')
    h = s.historyAfter
    last = s
    return {
      claimId: `c${i}`,
      personId: 'p1',
      personName: '王建国',
      year: 2026,
      kind: c.kind === 'inpatient' ? 'inpatient' : 'outpatient',
      institutionId: null,
      institutionName: 'x',
      admissionDate: c.admissionDate ?? c.serviceDate!,
      dischargeDate: c.dischargeDate ?? null,
      totalCost: s.total,
      eligibleCost: s.eligible,
      payout: insurancePaid(s),
      selfPaid: subtractYuan(s.total, insurancePaid(s)),
      stage: 'paid_out',
      timeline: [],
      policyVersion: s.policyVersion,
      steps: s.steps,
      settlement: s
    }
  })
  return {
    // what the county sends: the list with its year summary (the calculator's yearSummary)
    list: {
      personId: 'p1',
      year: 2026,
      cap: null,
      capUsed: '0.00',
      capRemaining: null,
      summary: yearSummary(
        demo,
        out.map((c) => c.settlement!),
        '2026-11-20'
      ),
      claims: out
    },
    last: last!
  }
}

test("defaults: groups from categories, student flag, and this year so far from the calculator's year summary", () => {
  const who = { birthDate: '1948-03-01', continuousYears: 1 }
  const { list, last } = settledList([
    {
      kind: 'inpatient',
      area: 'local',
      person: who,
      institution: { designated: true, tier: 'county' },
      admissionDate: '2026-02-01',
      dischargeDate: '2026-02-03',
      bill: { total: '30000.00' }
    },
    {
      kind: 'outpatient',
      area: 'local',
      person: who,
      institution: { designated: true, tier: 'township' },
      serviceDate: '2026-03-01',
      bill: { total: '50.00' }
    }
  ])
  const year = yearSummary(
    demo,
    list.claims.map((c) => c.settlement!),
    '2026-11-20'
  )
  const d = memberDefaults(person(['wubao', 'elderly', 'disabled'], [e(2025, 'enrolled')]), 2026, list)
  expect(d).toEqual({
    birthDate: '1948-03-01',
    student: false,
    groups: ['wubao'],
    continuousYears: 1,
    admissionsThisYear: 1,
    fundPaidThisYear: year.annualCap!.used,
    catastrophicBaseThisYear: year.catastrophicLayer!.base,
    catastrophicPaidThisYear: year.catastrophicLayer!.paid
  })
  // the same figures the calculator carried from claim to claim
  expect(d.fundPaidThisYear).toBe(last.historyAfter.fundPaid)
  expect(d.catastrophicBaseThisYear).toBe(last.historyAfter.catastrophicBase)
  expect(compareYuan(d.fundPaidThisYear!, '0.00')).toBe(1)
  // without the county's summary there is no year so far: the estimate says it assumed none
  expect(memberDefaults(person([], []), 2026, { ...list, summary: null })).not.toHaveProperty('fundPaidThisYear')
  expect(memberDefaults(person([], []), 2027, list)).not.toHaveProperty('fundPaidThisYear')
  expect(memberDefaults(person(['student'], []), 2026, null)).toEqual({
    birthDate: '1948-03-01',
    student: true,
    groups: [],
    continuousYears: 0
  })
  expect(memberDefaults(undefined, 2026)).toEqual({})
})
