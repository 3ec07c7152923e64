import type { ClaimList, Person } from '@/contract'
import { continuousYears, memberDefaults } from './defaults'

const e = (year: number, status: Person['enrolments'][number]['status']) => ({
  year,
  status,
  payer: null,
  amountPaid: null,
  coverageStart: null,
  coverageEnd: null,
  waitingPeriodEnd: null,
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

test("defaults: groups from categories, student flag, this year's stays and fund paid", () => {
  const list: ClaimList = {
    personId: 'p1',
    year: 2026,
    cap: '200000.00',
    capUsed: '999.00',
    capRemaining: '199001.00',
    claims: [
      {
        claimId: 'c1',
        personId: 'p1',
        year: 2026,
        kind: 'inpatient',
        institutionId: null,
        institutionName: 'x',
        admissionDate: '2026-02-01',
        dischargeDate: '2026-02-03',
        totalCost: '1000.00',
        eligibleCost: '1000.00',
        payout: '700.00',
        selfPaid: '300.00',
        stage: 'paid_out',
        timeline: [],
        policyVersion: '2026.1',
        settlement: null,
        steps: [
          {
            rule: 'catastrophic',
            label: '大病保险',
            before: '300.00',
            after: '0.00',
            params: { threshold: '15000.00' }
          },
          { rule: 'annual-cap', label: '年度封顶线', before: '700.00', after: '700.00', params: { cap: '200000.00' } }
        ]
      },
      {
        claimId: 'c2',
        personId: 'p1',
        year: 2026,
        kind: 'outpatient',
        institutionId: null,
        institutionName: 'y',
        admissionDate: '2026-03-01',
        dischargeDate: null,
        totalCost: '50.00',
        eligibleCost: '50.00',
        payout: '30.00',
        selfPaid: '20.00',
        stage: 'paid_out',
        timeline: [],
        policyVersion: '2026.1',
        settlement: null,
        steps: []
      }
    ]
  }
  expect(memberDefaults(person(['wubao', 'elderly', 'disabled'], [e(2025, 'enrolled')]), 2026, list)).toEqual({
    birthDate: '1948-03-01',
    student: false,
    groups: ['wubao'],
    continuousYears: 1,
    admissionsThisYear: 1,
    fundPaidThisYear: '700.00',
    // 大病保险 so far: the in-policy self-pay of this year's claims counts towards its threshold
    catastrophicBaseThisYear: '300.00',
    catastrophicPaidThisYear: '0.00'
  })
  expect(memberDefaults(person(['student'], []), 2026, null)).toEqual({
    birthDate: '1948-03-01',
    student: true,
    groups: [],
    continuousYears: 0
  })
  expect(memberDefaults(undefined, 2026)).toEqual({})
})
