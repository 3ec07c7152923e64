import { DEMO_POLICY_ID, loadBundledPolicy, type PolicyDocument } from '@/calculator'
import { chronicWorth, listedDiseases } from './chronic-worth'

const demo = loadBundledPolicy(DEMO_POLICY_ID)

test('certifying a listed disease is worth what 门特 pays of a typical year, worked by hand', () => {
  const w = chronicWorth(demo, 'diabetes', '2026-11-23')!
  // demo policy: an estimate takes 85% of the bill as in the catalogue: 5000 × 0.85 = 4250;
  // 门特 (第十八条): 300 yuan deductible a year, then 65%: (4250 − 300) × 0.65 = 2567.50;
  // the family pays the rest: 5000 − 2567.50 = 2432.50
  expect(w).toMatchObject({ deductible: '300.00', ratio: '0.65', worth: '2567.50', patientPays: '2432.50' })
  expect(w.demo).toBe(true)
})

test('the diseases are the policy’s own list, in plain words', () => {
  expect(listedDiseases(demo)).toContainEqual({ code: 'diabetes', label: '糖尿病' })
  expect(listedDiseases(demo)).toHaveLength(5)
})

test('a policy paying 门特 without approval makes certification worth nothing; an unlisted disease has no figure', () => {
  const open = JSON.parse(JSON.stringify(demo)) as PolicyDocument
  open.specialOutpatient!.requireApproval = false
  expect(chronicWorth(open, 'diabetes', '2026-11-23')?.worth).toBe('0.00')
  expect(chronicWorth(demo, 'gout', '2026-11-23')?.worth).toBe('0.00')
})
