// The year summary sums what the settlements carry; figures computed by hand from the demo
// policy (demo-county-2026.json: county 600 / city 1000 deductible, 80% / 65%, step-down
// 100 from the base, outpatient 60% at a township with 100 a visit and 600 a year, 大病保险
// above 15,000 at 60% up to 85,000).
import { deepMerge } from './resolve'
import {
  bundledPolicies,
  CalculatorError,
  DEMO_POLICY_ID,
  insurancePaid,
  loadBundledPolicy,
  settleClaim,
  yearSummary,
  type Claim,
  type ClaimHistory,
  type PolicyDocument,
  type Settlement
} from './index'

const demo = bundledPolicies[DEMO_POLICY_ID] as PolicyDocument
const person = { id: 'P1', birthDate: '1970-05-01' }
const inpatient = (over: Partial<Claim>): Claim => ({
  kind: 'inpatient',
  person,
  institution: { designated: true, tier: 'county' },
  area: 'local',
  bill: { total: '0.00' },
  ...over
})

function chain(policy: Parameters<typeof settleClaim>[0], claims: Claim[], asOf: string): Settlement[] {
  let h: ClaimHistory | undefined
  return claims.map((c) => {
    const s = settleClaim(policy, c, h, asOf)
    h = s.historyAfter
    return s
  })
}

describe('settlement: what insurance paid, and the coverage year', () => {
  it('carries insurancePaid = fund + 大病保险 + 医疗救助, and the household account apart', () => {
    const s = settleClaim(
      demo,
      {
        kind: 'outpatient',
        person,
        institution: { designated: true, tier: 'township' },
        area: 'local',
        serviceDate: '2026-04-10',
        bill: { total: '300.00' },
        useHouseholdAccount: true
      },
      { householdAccountBalance: '50.00' },
      '2026-12-31'
    )
    // 300 × 60% = 180, 100 a visit at most; the account pays 50 of the 200 left
    expect([s.basicFund, s.householdAccount, s.patientPays, s.insurancePaid]).toEqual([
      '100.00',
      '50.00',
      '150.00',
      '100.00'
    ])
    expect(insurancePaid(s)).toBe(s.insurancePaid)
    expect(s.coverageYear).toEqual({ start: '2026-01-01', end: '2026-12-31' })
    expect(s.yearAdds.outpatientFund).toBe('100.00')
  })

  it('a student counts in the school year, from the policy (Benxi: 1 Sep)', () => {
    const benxi = loadBundledPolicy('benxi-urban-resident-2008')
    const c: Claim = {
      kind: 'inpatient',
      person: { birthDate: '1990-01-01', student: true },
      institution: { designated: true, level: 1 },
      area: 'local',
      admissionDate: '2008-03-01',
      dischargeDate: '2008-03-05',
      bill: { total: '1000.00' }
    }
    expect(settleClaim(benxi, c, undefined, '2008-12-31').coverageYear).toEqual({
      start: '2007-09-01',
      end: '2008-08-31'
    })
    expect(
      settleClaim(benxi, { ...c, person: { birthDate: '1960-01-01' } }, undefined, '2008-12-31').coverageYear
    ).toEqual({
      start: '2008-01-01',
      end: '2008-12-31'
    })
  })
})

describe('yearSummary', () => {
  const claims: Claim[] = [
    // county, first admission: (5000 − 600) × 80% = 3520; self-pay 1480 towards 大病保险
    inpatient({ admissionDate: '2026-03-01', dischargeDate: '2026-03-05', bill: { total: '5000.00' } }),
    // township outpatient: 300 × 60% = 180, at most 100 a visit
    {
      kind: 'outpatient',
      person,
      institution: { designated: true, tier: 'township' },
      area: 'local',
      serviceDate: '2026-04-10',
      bill: { total: '300.00' }
    },
    // city, second admission: deductible 1000 − 100 = 900; (60000 − 900) × 65% = 38415;
    // self-pay 21585, the year's 23065 is 8065 above 15000: × 60% = 4839 from 大病保险
    inpatient({
      institution: { designated: true, tier: 'city' },
      admissionDate: '2026-06-01',
      dischargeDate: '2026-06-20',
      bill: { total: '60000.00' }
    })
  ]

  it('sums the year by hand', () => {
    const settled = chain(demo, claims, '2026-12-31')
    expect(settled.map((s) => [s.basicFund, s.catastrophic, s.patientPays])).toEqual([
      ['3520.00', '0.00', '1480.00'],
      ['100.00', '0.00', '200.00'],
      ['38415.00', '4839.00', '16746.00']
    ])
    const y = yearSummary(demo, settled, '2026-12-31')
    expect(y).toEqual({
      coverageYear: { start: '2026-01-01', end: '2026-12-31' },
      policyId: 'demo-county-2026',
      policyVersion: '2026.1',
      claims: 3,
      admissions: 2,
      total: '65300.00',
      insurancePaid: '46874.00',
      basicFund: '42035.00',
      catastrophic: '4839.00',
      assistance: '0.00',
      householdAccount: '0.00',
      patientPays: '18426.00',
      deductible: { inpatient: '1500.00', outpatient: '0.00', special: '0.00', total: '1500.00' },
      annualCap: { limit: '200000.00', used: '41935.00', left: '158065.00' },
      outpatientLimit: { limit: '600.00', used: '100.00', left: '500.00' },
      specialLimit: { limit: '30000.00', used: '0.00', left: '30000.00' },
      catastrophicLayer: { threshold: '15000.00', base: '23065.00', paid: '4839.00', toGo: '0.00' }
    })
  })

  it('leaves out claims of another coverage year, and a year with no claim shows the limits untouched', () => {
    const next = deepMerge(loadBundledPolicy(DEMO_POLICY_ID), {
      id: 'demo-county-2027',
      version: '2027.1',
      effectiveFrom: '2027-01-01',
      effectiveTo: '2027-12-31'
    }) as PolicyDocument
    const series = [demo, next]
    const settled = chain(series, claims, '2027-12-31')
    const later = settleClaim(
      series,
      inpatient({ admissionDate: '2027-01-03', dischargeDate: '2027-01-05', bill: { total: '1600.00' } }),
      undefined,
      '2027-12-31'
    )
    const y2027 = yearSummary(series, [...settled, later], '2027-06-01')
    expect([y2027.claims, y2027.basicFund, y2027.policyVersion]).toEqual([1, '800.00', '2027.1'])
    expect(y2027.annualCap).toEqual({ limit: '200000.00', used: '800.00', left: '199200.00' })
    expect(yearSummary(series, [...settled, later], '2026-02-01').claims).toBe(3)
    const empty = yearSummary(series, [], '2027-06-01')
    expect([empty.claims, empty.insurancePaid, empty.annualCap?.left]).toEqual([0, '0.00', '200000.00'])
  })

  it('says when a limit is a figure the policy lacks, and leaves out a layer the policy does not have', () => {
    const c = yearSummary(loadBundledPolicy('ganzhou-ncms-2014'), [], '2014-06-01')
    expect(c.catastrophicLayer).toEqual({
      threshold: null,
      base: '0.00',
      paid: '0.00',
      toGo: null,
      missingNote: expect.stringMatching(/\S/)
    })
    const a = yearSummary(loadBundledPolicy('seed000-a-county-2013'), [], '2013-06-01')
    expect(a.catastrophicLayer).toBeNull()
    expect(a.annualCap).toEqual({ limit: '60000.00', used: '0.00', left: '60000.00' })
  })

  it('refuses a settlement without its coverage year (an older result)', () => {
    const s = settleClaim(demo, claims[0], undefined, '2026-12-31')
    const old = { ...s } as Partial<Settlement>
    delete old.coverageYear
    expect(() => yearSummary(demo, [old as Settlement], '2026-12-31')).toThrow(CalculatorError)
  })
})
