import Taro from '@tarojs/taro'
import { clearAllUserCaches, createUserCache } from './cache'

interface Doc {
  idNumber: string
  amount: string
}
const cache = createUserCache<Doc>({
  name: 'test-docs',
  version: 2,
  scrub: (d) => ({ ...d, idNumber: `${d.idNumber.slice(0, 3)}***` }),
  migrate: (persisted, version) => (version === 1 ? { owner: (persisted as { user: string }).user, entries: {} } : null)
})

beforeEach(() => cache.getState().clear())

test('entries belong to one user and are never read by another', () => {
  cache.getState().put('u1', 'h1', { idNumber: '110101199003071234', amount: '1.00' }, '2026-11-23T10:00:00+08:00')
  expect(cache.getState().read('u1', 'h1')).toEqual({
    data: { idNumber: '110101199003071234', amount: '1.00' },
    asOf: '2026-11-23T10:00:00+08:00'
  })
  expect(cache.getState().read('u2', 'h1')).toBeNull()
  expect(cache.getState().read(null, 'h1')).toBeNull()
  cache.getState().put('u2', 'h9', { idNumber: '1', amount: '2.00' })
  expect(cache.getState().read('u1', 'h1')).toBeNull() // the other user's entries were dropped
})

test('what is written to storage is scrubbed (no full ID numbers)', () => {
  cache.getState().put('u1', 'h1', { idNumber: '110101199003071234', amount: '1.00' })
  const stored = String(Taro.getStorageSync('xqyb.cache.test-docs'))
  expect(stored).toContain('"version":2')
  expect(stored).toContain('110***')
  expect(stored).not.toContain('110101199003071234')
})

test('sign-out clears every cache', () => {
  cache.getState().put('u1', 'h1', { idNumber: 'x', amount: '1.00' })
  clearAllUserCaches()
  expect(cache.getState().read('u1', 'h1')).toBeNull()
  expect(String(Taro.getStorageSync('xqyb.cache.test-docs'))).not.toContain('1.00')
})

test('an older persisted version is migrated, an unknown one dropped', async () => {
  Taro.setStorageSync('xqyb.cache.test-docs', JSON.stringify({ state: { user: 'u7' }, version: 1 }))
  await cache.persist.rehydrate()
  expect(cache.getState().owner).toBe('u7')
  Taro.setStorageSync('xqyb.cache.test-docs', JSON.stringify({ state: { weird: true }, version: 0 }))
  await cache.persist.rehydrate()
  expect(cache.getState().owner).toBeNull()
  expect(cache.getState().entries).toEqual({})
})
