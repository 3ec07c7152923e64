// Estimate vs actual: the differences are found from the two sets of steps, each with a
// plain sentence, and nothing is reported when the estimate was right.
import { bundledPolicies, DEMO_POLICY_ID, estimate, settleClaim } from '@/calculator'
import { explainDifference } from './compare'

const policy = bundledPolicies[DEMO_POLICY_ID]
const person = { birthDate: '1965-06-01', continuousYears: 0 }

test('an estimate at the county hospital vs the real stay with an itemised bill and a second admission', () => {
  const est = estimate(
    policy,
    {
      kind: 'inpatient',
      institution: { tier: 'county' },
      billAmount: '10000.00',
      birthDate: person.birthDate,
      continuousYears: 0,
      admissionsThisYear: 0
    },
    '2026-05-01'
  )
  const actual = settleClaim(
    policy,
    {
      kind: 'inpatient',
      area: 'local',
      person,
      institution: { designated: true, tier: 'county' },
      admissionDate: '2026-05-03',
      dischargeDate: '2026-05-09',
      bill: {
        total: '12000.00',
        lines: [
          { class: 'A', amount: '9000.00' },
          { class: 'B', amount: '2000.00' },
          { class: 'self-pay', amount: '1000.00' }
        ]
      }
    },
    { admissions: { local: 1 } },
    '2026-06-01'
  )
  const r = explainDifference(est.steps, actual.steps)
  expect(r.estimated.total).toBe('10000.00')
  expect(r.actual.total).toBe('12000.00')
  expect(r.actual.basicFund).toBe(actual.basicFund)
  expect(r.estimated.basicFund).toBe(est.basicFund)
  expect(r.differences.map((d) => d.key)).toEqual(['total', 'eligible', 'deductible', 'basicFund'])
  expect(r.differences[0].sentence).toBe('实际总费用 ¥12,000.00，估算时填的是 ¥10,000.00。')
  expect(r.differences[2]).toMatchObject({ estimated: '600.00', actual: '500.00' })
})

test('when the estimate matches the settlement there is nothing to explain', () => {
  const answers = {
    kind: 'inpatient' as const,
    institution: { tier: 'township' as const },
    billAmount: '5000.00',
    birthDate: person.birthDate
  }
  const a = estimate(policy, answers, '2026-05-01')
  const b = estimate(policy, answers, '2026-05-01')
  expect(explainDifference(a.steps, b.steps).differences).toEqual([])
})
