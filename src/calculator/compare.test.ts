// The estimate and the settlement of the same stay side by side: the figures as each result has
// them, and only the ones that differ explained, each with the step that set it on either side.
import { compareEstimate } from './compare'
import { subtractYuan } from './money'
import { bundledPolicies, DEMO_POLICY_ID, estimate, settleClaim, type Claim, type PolicyDocument } from './index'

const demo = bundledPolicies[DEMO_POLICY_ID] as PolicyDocument
const stay = (over: Partial<Claim> = {}): Claim => ({
  kind: 'inpatient',
  person: { birthDate: '1970-01-01' },
  institution: { designated: true, tier: 'county' },
  area: 'local',
  admissionDate: '2026-03-01',
  dischargeDate: '2026-03-05',
  bill: { total: '8000.00' },
  ...over
})
const guess = (over: { billAmount?: string; tier?: 'county' | 'city' } = {}) =>
  estimate(
    demo,
    {
      kind: 'inpatient',
      institution: { tier: over.tier ?? 'county' },
      billAmount: over.billAmount ?? '8000.00',
      birthDate: '1970-01-01',
      date: '2026-03-01'
    },
    '2026-02-20'
  )

it('a larger bill than estimated: every figure that moved, with its change and both steps', () => {
  const e = guess({ billAmount: '5000.00' })
  const s = settleClaim(demo, stay(), undefined, '2026-03-10')
  const c = compareEstimate(e, s)
  expect(c.estimated.total).toBe('5000.00')
  expect(c.actual.total).toBe('8000.00')
  const total = c.differences.find((d) => d.figure === 'total')!
  expect(total.change).toBe('3000.00')
  expect(total.sentence).toBe('总费用：估算 5000.00元，实际 8000.00元。实际花费和估算时填的不一样。')
  const fund = c.differences.find((d) => d.figure === 'basicFund')!
  expect(fund.change).toBe(subtractYuan(s.basicFund, e.basicFund))
  expect(fund.actualStep).not.toBeNull()
  // nothing the two agree on is listed
  for (const d of c.differences) expect(d.estimated).not.toBe(d.actual)
  expect(c.differences.map((d) => d.figure)).not.toContain('deductible')
})

it('another hospital level than estimated: the deductible and the ratio are named with the steps that set them', () => {
  const e = guess({ tier: 'city' })
  const s = settleClaim(demo, stay(), undefined, '2026-03-10')
  const c = compareEstimate(e, s)
  const figures = c.differences.map((d) => d.figure)
  expect(figures).toEqual(expect.arrayContaining(['deductible', 'basicFund']))
  const ded = c.differences.find((d) => d.figure === 'deductible')!
  expect(ded.estimateStep).toMatch(/起付/)
  expect(ded.actualStep).toMatch(/起付/)
  expect(ded.change).toBe(subtractYuan(s.deductible, e.deductible))
})

it('the same stay as estimated: no difference to explain', () => {
  const s = settleClaim(demo, stay(), undefined, '2026-03-10')
  expect(compareEstimate(s, s).differences).toEqual([])
})
