// The cheap limits counted in the database (several processes), on the test's engine.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Db } from './db'
import { countInWindow, purgeRateCounts } from './shared-limits'
import { openTestDb } from './testing/test-db'

let db: Db
beforeAll(async () => {
  db = await openTestDb(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'limits-')), 'c.sqlite'))
})
afterAll(() => db?.close())

test('counts tries of a key within a fixed window, then starts again; keys and limits apart', async () => {
  const t = 2_000_000
  const minute = 60_000
  expect(await countInWindow(db, 'signIn#0', '1.2.3.4', t, minute)).toEqual({ current: 1, ttl: minute })
  expect(await countInWindow(db, 'signIn#0', '1.2.3.4', t + 1000, minute)).toEqual({ current: 2, ttl: minute - 1000 })
  expect(await countInWindow(db, 'signIn#0', '5.6.7.8', t + 1000, minute)).toEqual({ current: 1, ttl: minute })
  expect(await countInWindow(db, 'binding#0', '1.2.3.4', t + 1000, minute)).toEqual({ current: 1, ttl: minute })
  // the window ended: a new one from this try
  expect(await countInWindow(db, 'signIn#0', '1.2.3.4', t + minute, minute)).toEqual({ current: 1, ttl: minute })
})

test('tries at the same moment are each counted once (no lost update)', async () => {
  const t = 3_000_000
  const counts = await Promise.all(
    Array.from({ length: 8 }, () => countInWindow(db, 'race#0', 'k', t, 60_000).then((c) => c.current))
  )
  expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
})

test('ended windows are forgotten by the purge', async () => {
  await countInWindow(db, 'old#0', 'k', 1000, 60_000)
  await purgeRateCounts(db, 2000)
  expect(await db.all(`SELECT key FROM rate_counts WHERE limit_name = 'old#0'`)).toEqual([])
})
