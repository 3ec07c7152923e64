import {
  addYuan,
  compareYuan,
  DEMO_POLICY_ID,
  loadBundledPolicy,
  subtractYuan,
  type PolicyDocument
} from '@/calculator'
import { filingWorth, policyFor, yuanText } from './filing-worth'

const demo = loadBundledPolicy(DEMO_POLICY_ID)

test('filing is worth the difference between the filed and unfiled estimates of the same stay', () => {
  const w = filingWorth(demo, '2026-11-23')!
  expect(w).not.toBeNull()
  // demo county: out-of-area filed 60% above a 1500 deductible, unfiled 40% above 2000
  expect(w.filed).toMatchObject({ ratio: '0.60', deductible: '1500.00' })
  expect(w.unfiled).toMatchObject({ ratio: '0.40', deductible: '2000.00' })
  expect(compareYuan(w.filed.reimbursed, w.unfiled.reimbursed)).toBe(1)
  expect(w.worth).toBe(subtractYuan(w.filed.reimbursed, w.unfiled.reimbursed))
  // no household account in an out-of-area stay: insurance and the family share the whole bill
  expect(addYuan(w.filed.reimbursed, w.filed.patientPays)).toBe('10000.00')
  expect(addYuan(w.unfiled.reimbursed, w.unfiled.patientPays)).toBe('10000.00')
  expect(w.demo).toBe(true)
})

test('a policy that treats filed and unfiled alike makes filing worth nothing', () => {
  const same = JSON.parse(JSON.stringify(demo)) as PolicyDocument
  const ip = same.inpatient as unknown as {
    deductible: { rows: { when: { area?: unknown }; amount: string }[] }
    ratio: { rows: { when: { area?: unknown }; rate: string }[] }
  }
  for (const r of ip.deductible.rows) if (r.when.area === 'out-unfiled') r.amount = '1500.00'
  for (const r of ip.ratio.rows) if (r.when.area === 'out-unfiled') r.rate = '0.60'
  expect(filingWorth(same, '2026-11-23')?.worth).toBe('0.00')
})

test("no policy for the region: no figures rather than another county's", () => {
  expect(policyFor(null, '123456')).toBeNull()
  expect(policyFor(null, demo.regionCode)).not.toBeNull()
  expect(yuanText('1600.00')).toBe('1600 元')
  expect(yuanText('12.50')).toBe('12.50 元')
})
