// The estimate form refuses what cannot be estimated, field by field, in plain Chinese,
// and turns good answers into the calculator's input with the member's own defaults.
import { bundledPolicies, DEMO_POLICY_ID, estimate } from '@/calculator'
import { checkAmount, policyFacts, validateEstimateForm, type EstimateFormInput } from './form'

const doc = bundledPolicies[DEMO_POLICY_ID]
const facts = policyFacts(doc)
const base: EstimateFormInput = {
  place: 'county',
  inpatient: true,
  amount: '8000',
  referral: true,
  admissionsThisYear: '',
  specialDisease: ''
}

function errorsOf(input: Partial<EstimateFormInput>) {
  const r = validateEstimateForm({ ...base, ...input }, facts)
  if (r.ok) throw new Error('expected errors')
  return r.errors
}

test.each([
  ['', 'AMOUNT_EMPTY', '请填写大概要花多少钱'],
  ['   ', 'AMOUNT_EMPTY', '请填写大概要花多少钱'],
  ['-500', 'AMOUNT_NEGATIVE', '花费不能是负数'],
  ['abc', 'AMOUNT_NOT_A_NUMBER', '花费只能填数字，例如 8000 或 8000.50'],
  ['NaN', 'AMOUNT_NOT_A_NUMBER', '花费只能填数字，例如 8000 或 8000.50'],
  ['8000.123', 'AMOUNT_TOO_MANY_DECIMALS', '花费最多填到分（小数点后两位）'],
  ['1e5', 'AMOUNT_NOT_A_NUMBER', '花费只能填数字，例如 8000 或 8000.50'],
  ['50000000', 'AMOUNT_ABSURD', '花费太大了（超过 500 万元），请检查是不是多填了 0'],
  ['99999999999999999999', 'AMOUNT_ABSURD', '花费太大了（超过 500 万元），请检查是不是多填了 0'],
  ['0', 'AMOUNT_ZERO', '花费要大于 0 元'],
  ['0.00', 'AMOUNT_ZERO', '花费要大于 0 元']
])('amount %p is refused as %s', (amount, code, message) => {
  const errs = errorsOf({ amount })
  expect(errs).toEqual([{ field: 'amount', code, message }])
})

test('amounts typed on a Chinese keyboard are read correctly', () => {
  expect(checkAmount('８０００')).toEqual({ ok: true, value: '8000.00' })
  expect(checkAmount('¥12,000.5')).toEqual({ ok: true, value: '12000.50' })
  expect(checkAmount('3000元')).toEqual({ ok: true, value: '3000.00' })
})

test('no place chosen, or a level the policy does not know, is refused with a Chinese message', () => {
  expect(errorsOf({ place: null })).toEqual([
    { field: 'place', code: 'PLACE_EMPTY', message: '请选择去哪一级医院，或在定点医院名单里找一家' }
  ])
  expect(errorsOf({ place: 'clinic-on-the-moon' })[0]).toMatchObject({ field: 'place', code: 'PLACE_UNKNOWN' })
  // a policy that has no rules for provincial hospitals does not know that level
  const narrow = policyFacts({
    inpatient: { deductible: { rows: [{ when: { tier: 'township' } }] }, ratio: { rows: [] } }
  })
  const r = validateEstimateForm({ ...base, place: 'provincial' }, narrow)
  expect(r.ok).toBe(false)
  expect(!r.ok && r.errors[0]).toEqual({
    field: 'place',
    code: 'PLACE_UNKNOWN',
    message: '现行政策里没有「省医院」这一级医院的报销规定，请换一个医院等级，或问村医'
  })
})

test('several problems are all reported at once', () => {
  const errs = errorsOf({ amount: '-1', place: null, admissionsThisYear: '两次', specialDisease: 'flu' })
  expect(errs.map((e) => e.code).sort()).toEqual([
    'ADMISSIONS_INVALID',
    'AMOUNT_NEGATIVE',
    'DISEASE_UNKNOWN',
    'PLACE_EMPTY'
  ])
})

test('good answers become calculator input with the member defaults, and the calculator accepts them', () => {
  const r = validateEstimateForm({ ...base, amount: '12000.5', admissionsThisYear: '1', referral: false }, facts, {
    birthDate: '1960-05-01',
    groups: ['dibao'],
    continuousYears: 4,
    admissionsThisYear: 0,
    fundPaidThisYear: '1200.00'
  })
  expect(r).toEqual({
    ok: true,
    answers: {
      kind: 'inpatient',
      institution: { tier: 'county' },
      area: 'local',
      billAmount: '12000.50',
      birthDate: '1960-05-01',
      groups: ['dibao'],
      continuousYears: 4,
      fundPaidThisYear: '1200.00',
      admissionsThisYear: 1,
      referralApproved: false
    }
  })
  if (!r.ok) return
  const e = estimate(doc, r.answers, '2026-11-01')
  expect(e.total).toBe('12000.50')
})

test('an institution picked from the list brings its level and grade; outpatient special disease becomes its own kind', () => {
  const r = validateEstimateForm(
    {
      ...base,
      place: null,
      inpatient: false,
      specialDisease: 'diabetes',
      institution: {
        institutionId: 'i-1',
        name: '石桥镇中心卫生院',
        level: 'township',
        grade: '一级甲等',
        ownership: 'public'
      }
    },
    facts
  )
  expect(r.ok && r.answers).toMatchObject({
    kind: 'special-outpatient',
    specialDisease: 'diabetes',
    institution: { tier: 'township', level: 1, grade: 'A', name: '石桥镇中心卫生院', ownership: 'public' }
  })
})

test('out of province: filed or not decides the area, and referral is not asked', () => {
  const r = validateEstimateForm({ ...base, place: 'out-of-province', filedOutOfArea: true, referral: false }, facts)
  expect(r.ok && r.answers).toMatchObject({ area: 'out-filed' })
  expect(r.ok && 'referralApproved' in r.answers).toBe(false)
  const u = validateEstimateForm({ ...base, place: 'out-of-province', filedOutOfArea: false }, facts)
  expect(u.ok && u.answers.area).toBe('out-unfiled')
})
