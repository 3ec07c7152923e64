import demoPolicy from '@/calculator/policies/demo-county-2026.json'
import { collectionWindow, deadlineOf, policyFacts, waitingText } from './policy-facts'
import { quote } from './__fixtures__/data'

test('reads the calculator policy format', () => {
  const f = policyFacts(demoPolicy)
  expect(f).toMatchObject({
    householdUnit: true,
    waitingMonths: 3,
    waitingOnlyWhenLate: true,
    arrearsSubsidised: false,
    arrearsWaitingMonths: 3,
    deadline: '2025-12-31'
  })
  expect(waitingText(f)).toBe('3 个月（约 90 天）')
})

test('unknown shapes give nulls, never a guess', () => {
  const f = policyFacts({ something: 'else' })
  expect(f.householdUnit).toBeNull()
  expect(f.waitingMonths).toBeNull()
  expect(waitingText(f)).toBeNull()
  expect(policyFacts(null).arrearsSubsidised).toBeNull()
  expect(waitingText(policyFacts({ waitingDays: 90 }))).toBe('90 天')
})

test('the deadline: calculator result first, then the policy, then the window end', () => {
  const q = quote()
  expect(deadlineOf(q, null)).toBe('2025-12-31')
  expect(deadlineOf(q, { ...policyFacts({}), deadline: '2025-12-25' })).toBe('2025-12-25')
  expect(collectionWindow(q, '2025-08-30', null)).toEqual({ kind: 'before', daysToStart: 2 })
  expect(collectionWindow(q, '2025-12-31', null)).toEqual({ kind: 'open', daysLeft: 0 })
  expect(collectionWindow(q, '2026-01-02', null)).toEqual({ kind: 'closed', daysLate: 2 })
  expect(collectionWindow(quote({ collectionPeriod: null }), '2025-12-01', null)).toBeNull()
})
