// Quote → settle: the enrolment record a quote produces (paid on a day) goes on the claim,
// and the calculator works out when benefits start, by the same rule as the quote.
import {
  bundledPolicies,
  DEMO_POLICY_ID,
  loadBundledPolicy,
  quoteContribution,
  settleClaim,
  type Claim,
  type PolicyDocument
} from './index'

const demo = bundledPolicies[DEMO_POLICY_ID] as PolicyDocument
const stay = (day: string, person: Claim['person']): Claim => ({
  kind: 'inpatient',
  person,
  institution: { designated: true, tier: 'county' },
  area: 'local',
  admissionDate: day,
  dischargeDate: day,
  bill: { total: '5000.00' }
})

describe('a quote shows the pooled share and the household-account share', () => {
  it('demo adult: 1100 standard, 10% of the 400 personal to the household account, 1060 pooled', () => {
    const q = quoteContribution(demo, { members: [{ id: 'a', birthDate: '1980-05-01' }] }, '2025-10-20', {
      coverageYear: 2026
    })
    const m = q.members[0]
    expect([m.standard, m.personal, m.householdAccountCredit, m.pooled]).toEqual([
      '1100.00',
      '400.00',
      '40.00',
      '1060.00'
    ])
    expect([q.householdAccountCredit, q.pooled]).toEqual(['40.00', '1060.00'])
    expect(m.enrolment).toEqual({ status: 'enrolled', paid: { coverageYear: 2026, paidOn: '2025-10-20' } })
  })
})

describe('settle takes the enrolment record and computes the benefit start', () => {
  const person = { birthDate: '1980-05-01' }
  it('paid in the collection window: covered from 1 January', () => {
    const q = quoteContribution(demo, { members: [{ id: 'a', ...person }] }, '2025-10-20', { coverageYear: 2026 })
    const s = settleClaim(
      demo,
      stay('2026-01-05', { ...person, enrolment: q.members[0].enrolment }),
      undefined,
      '2026-12-31'
    )
    expect(s.outcome).toBe('paid')
    expect(s.steps.find((x) => x.rule === 'enrolment.paid')?.params).toMatchObject({
      benefitStart: '2026-01-01',
      benefitEnd: '2026-12-31'
    })
  })
  it('paid on 10 March, after the window: 3 full months after the payment month, so from 1 June', () => {
    const q = quoteContribution(demo, { members: [{ id: 'a', ...person }], paymentDate: '2026-03-10' }, '2026-03-10', {
      coverageYear: 2026
    })
    expect(q.members[0].benefitStart).toBe('2026-06-01')
    const enrolment = q.members[0].enrolment
    const may = settleClaim(demo, stay('2026-05-31', { ...person, enrolment }), undefined, '2026-12-31')
    expect([may.outcome, may.exclusion?.code, may.basicFund]).toEqual(['excluded', 'WAITING_PERIOD', '0.00'])
    const june = settleClaim(demo, stay('2026-06-01', { ...person, enrolment }), undefined, '2026-12-31')
    // (5000 − 600) × 80% = 3520
    expect([june.outcome, june.basicFund]).toEqual(['paid', '3520.00'])
  })
  it('Benxi: arrears for one lapsed year paid on 10 March 2008 → from 1 June 2008; a student by the school year', () => {
    const benxi = loadBundledPolicy('benxi-urban-resident-2008')
    const adult = { birthDate: '1970-01-01' }
    const q = quoteContribution(
      benxi,
      { members: [{ id: 'a', ...adult, lapsedYears: 1 }], paymentDate: '2008-03-10' },
      '2008-03-10',
      { coverageYear: 2008 }
    )
    expect(q.members[0].enrolment.paid).toEqual({ coverageYear: 2008, paidOn: '2008-03-10', lapsedYears: 1 })
    const claim = (day: string): Claim => ({
      ...stay(day, { ...adult, enrolment: q.members[0].enrolment }),
      institution: { designated: true, level: 1 }
    })
    expect(settleClaim(benxi, claim('2008-05-31'), undefined, '2008-12-31').exclusion?.code).toBe('WAITING_PERIOD')
    expect(settleClaim(benxi, claim('2008-06-01'), undefined, '2008-12-31').outcome).toBe('paid')
    const student = { birthDate: '1990-01-01', student: true }
    const sq = quoteContribution(
      benxi,
      { members: [{ id: 's', ...student, schoolFundedBy: 'county' }], paymentDate: '2008-09-10' },
      '2008-09-10',
      { coverageYear: 2008 }
    )
    const e = sq.members[0].enrolment
    const s = settleClaim(
      benxi,
      { ...stay('2008-12-01', { ...student, enrolment: e }), institution: { designated: true, level: 1 } },
      undefined,
      '2008-12-31'
    )
    expect(s.steps.find((x) => x.rule === 'enrolment.paid')?.params).toMatchObject({
      benefitStart: '2008-09-01',
      benefitEnd: '2009-08-31'
    })
  })
  it('refuses a record with dates typed in as well, or a bad one', () => {
    const bad = (enrolment: unknown) => {
      try {
        settleClaim(demo, stay('2026-06-01', { ...person, enrolment } as never), undefined, '2026-12-31')
        return 'settled'
      } catch (e) {
        return (e as { code: string; path: string }).path
      }
    }
    expect(
      bad({ status: 'enrolled', benefitStart: '2026-01-01', paid: { coverageYear: 2026, paidOn: '2026-01-01' } })
    ).toBe('$.person.enrolment')
    expect(bad({ status: 'enrolled', paid: { coverageYear: 2026, paidOn: '2026-13-01' } })).toBe(
      '$.person.enrolment.paid.paidOn'
    )
    expect(bad({ status: 'lapsed', paid: { coverageYear: 2026, paidOn: '2026-01-01' } })).toBe(
      '$.person.enrolment.status'
    )
  })
})
