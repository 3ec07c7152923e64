import { hasScope } from '@/features/session/store'
import { toggleScope } from './scopes'

test('household members see everything; grantees only their scopes', () => {
  expect(hasScope({ relation: 'head', scopes: [] }, 'pay')).toBe(true)
  expect(hasScope({ relation: 'member', scopes: [] }, 'claims')).toBe(true)
  const grantee = { relation: 'grantee' as const, scopes: ['status' as const] }
  expect(hasScope(grantee, 'status')).toBe(true)
  expect(hasScope(grantee, 'claims')).toBe(false)
  expect(hasScope(grantee, 'pay')).toBe(false)
  expect(hasScope(null, 'status')).toBe(false)
})

test('choosing scopes keeps order and never leaves none', () => {
  expect(toggleScope(['status'], 'pay')).toEqual(['status', 'pay'])
  expect(toggleScope(['pay', 'status'], 'claims')).toEqual(['status', 'claims', 'pay'])
  expect(toggleScope(['status', 'pay'], 'status')).toEqual(['pay'])
  expect(toggleScope(['status'], 'status')).toEqual(['status'])
})
