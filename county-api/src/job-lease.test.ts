// The background jobs' lease on the test's engine (SQLite file; PostgreSQL in the node-pg project).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Db } from './db'
import { releaseLease, takeLease } from './job-lease'
import { openTestDb } from './testing/test-db'

let db: Db
beforeAll(async () => {
  db = await openTestDb(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lease-')), 'c.sqlite'))
})
afterAll(() => db?.close())

test('one holder at a time; renewed by its holder; taken by another once it runs out or is given back', async () => {
  const t = 1_000_000
  expect(await takeLease(db, 'jobs', t, 15_000, 'A')).toBe(true)
  expect(await takeLease(db, 'jobs', t + 1, 15_000, 'B')).toBe(false)
  // A renews: B still waits past A's first term
  expect(await takeLease(db, 'jobs', t + 10_000, 15_000, 'A')).toBe(true)
  expect(await takeLease(db, 'jobs', t + 16_000, 15_000, 'B')).toBe(false)
  // A stops renewing (it died): B takes over when the lease runs out
  expect(await takeLease(db, 'jobs', t + 25_000, 15_000, 'B')).toBe(true)
  expect(await takeLease(db, 'jobs', t + 26_000, 15_000, 'A')).toBe(false)
  // a lease of another name is another lease
  expect(await takeLease(db, 'other', t + 26_000, 15_000, 'A')).toBe(true)
  // B gives it back: A may take it at once
  await releaseLease(db, 'jobs', 'B')
  expect(await takeLease(db, 'jobs', t + 27_000, 15_000, 'A')).toBe(true)
  // giving back a lease one does not hold changes nothing
  await releaseLease(db, 'jobs', 'B')
  expect(await takeLease(db, 'jobs', t + 28_000, 15_000, 'B')).toBe(false)
})

test('a holder on this machine whose process is gone leaves the lease at once (restart after a crash)', async () => {
  const t = 9_000_000
  const dead = `${os.hostname()}:2147483646:dead`
  const living = `${os.hostname()}:${process.ppid}:alive`
  expect(await takeLease(db, 'after-crash', t, 15_000, dead)).toBe(true)
  expect(await takeLease(db, 'after-crash', t + 1, 15_000)).toBe(true)
  // a living process keeps its lease until it runs out; so does one on another machine
  expect(await takeLease(db, 'alive', t, 15_000, living)).toBe(true)
  expect(await takeLease(db, 'alive', t + 1, 15_000)).toBe(false)
  expect(await takeLease(db, 'elsewhere', t, 15_000, 'other-host:2147483646:x')).toBe(true)
  expect(await takeLease(db, 'elsewhere', t + 1, 15_000)).toBe(false)
})

test('two processes asking at the same moment: exactly one gets it', async () => {
  const t = 5_000_000
  const answers = await Promise.all(['P1', 'P2', 'P3'].map((h) => takeLease(db, 'race', t, 15_000, h)))
  expect(answers.filter(Boolean)).toHaveLength(1)
})
