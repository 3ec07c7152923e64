// The in-memory limits' store (issue 15): a flood of new keys (25,000 addresses or numbers) used
// to grow a Map without end (+31 MB); the store keeps at most its cap, forgetting the oldest.
import { BoundedStore, waitText } from './limits'

const incr = (s: BoundedStore, key: string, windowMs = 60_000) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    s.incr(key, (err, res) => (err ? reject(err) : resolve(res)), windowMs)
  )

test('holds at most its cap of keys, however many arrive, and forgets the oldest first', async () => {
  const store = new BoundedStore({ cache: 100 })
  for (let i = 0; i < 25_000; i++) await incr(store, `key-${i}`)
  expect(store.size).toBe(100)
  // the newest are still counted; the first one was forgotten (it starts again at 1)
  expect((await incr(store, 'key-24999')).current).toBe(2)
  expect((await incr(store, 'key-0')).current).toBe(1)
})

test('counts one key within its window, and starts again after it', async () => {
  const store = new BoundedStore({ cache: 10 })
  expect((await incr(store, 'a', 60_000)).current).toBe(1)
  expect((await incr(store, 'a', 60_000)).current).toBe(2)
  // a window of 0 ms has always passed: a new window
  expect((await incr(store, 'a', 0)).current).toBe(1)
})

test('says how long to wait in plain words', () => {
  expect(waitText(12)).toBe('12秒')
  expect(waitText(61)).toBe('2分钟')
  expect(waitText(3599)).toBe('60分钟')
  expect(waitText(3600)).toBe('1小时')
  expect(waitText(3601)).toBe('2小时')
})
