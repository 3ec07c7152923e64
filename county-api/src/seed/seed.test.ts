import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { isValidIdNumber } from '../../../src/shared/id-number'
import type { Db } from '../db'
import { openTestDb } from '../testing/test-db'
import { makeClock } from '../clock'
import { configFromEnv } from '../config'
import { makeLogger } from '../log'
import { calculator } from '../ports/shared-calculator'
import { seedDemo } from '.'
import type { Ctx } from '../context'

async function seeded(households: number): Promise<Db> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'))
  const db = await openTestDb(path.join(dir, 'c.sqlite'))
  const ctx = {
    db,
    clock: makeClock(Date.parse('2026-11-20T10:00:00+08:00')),
    calc: calculator,
    config: configFromEnv({} as NodeJS.ProcessEnv),
    log: makeLogger('silent')
  } as unknown as Ctx
  await seedDemo(ctx, { households })
  return db
}

jest.setTimeout(60_000)

describe('demo county seed', () => {
  let db: Db
  beforeAll(async () => {
    db = await seeded(200)
  })
  afterAll(() => db.close())

  const all = async <T>(sql: string) => await db.all<T>(sql)
  const one = async <T>(sql: string) => (await db.get<T>(sql))!

  it('is deterministic: the same people and ID numbers every time', async () => {
    const other = await seeded(200)
    const q = 'SELECT id, name, id_number, birth_date, categories FROM persons ORDER BY id'
    expect(await other.all(q)).toEqual(await db.all(q))
    await other.close()
  })

  it('has valid, unique GB 11643 ID numbers, rare characters and middle-dot names', async () => {
    const people = await all<{ name: string; id_number: string }>('SELECT name, id_number FROM persons')
    expect(people.length).toBeGreaterThan(500)
    expect(people.every((p) => isValidIdNumber(p.id_number))).toBe(true)
    expect(new Set(people.map((p) => p.id_number)).size).toBe(people.length)
    expect(people.some((p) => p.name.includes('·'))).toBe(true)
    expect(people.some((p) => Array.from(p.name).some((c) => (c.codePointAt(0) as number) > 0xffff))).toBe(true)
  })

  it('covers every category, elderly-only households, a lapsed member, a pending review and a grant', async () => {
    const cats = new Set(
      (await all<{ categories: string }>('SELECT categories FROM persons')).flatMap(
        (r) => JSON.parse(r.categories) as string[]
      )
    )
    expect([...cats].sort()).toEqual([
      'dibao',
      'disabled',
      'elderly',
      'family_planning',
      'ordinary',
      'poverty',
      'student',
      'tekun',
      'wubao'
    ])
    const elderlyOnly = await one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM households h WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id AND p.categories NOT LIKE '%elderly%')`
    )
    expect(elderlyOnly.n).toBeGreaterThan(10)
    const statuses = (await all<{ status: string }>('SELECT DISTINCT status FROM enrolments'))
      .map((r) => r.status)
      .sort()
    expect(statuses).toEqual(['enrolled', 'lapsed', 'pending_review'])
    expect(
      (await one<{ n: number }>('SELECT COUNT(*) AS n FROM grants WHERE revoked_at IS NULL')).n
    ).toBeGreaterThanOrEqual(1)
  })

  it('has three years of contributions with receipts, ~500 calculator-settled claims, 30 institutions, 3 townships and 10 villages', async () => {
    expect(
      (await all<{ year: number }>(`SELECT DISTINCT year FROM orders WHERE status = 'confirmed' ORDER BY year`))
        .map((r) => r.year)
        .slice(0, 3)
    ).toEqual([2024, 2025, 2026])
    expect((await one<{ n: number }>(`SELECT COUNT(*) AS n FROM orders WHERE receipt_number IS NULL`)).n).toBe(0)
    const claims = await one<{ n: number; bad: number }>(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN payout_fen + self_fen <> total_fen THEN 1 ELSE 0 END) AS bad FROM claims`
    )
    expect(claims.n).toBeGreaterThanOrEqual(450)
    expect(claims.bad).toBe(0)
    expect(
      (
        await one<{ n: number }>(
          `SELECT COUNT(*) AS n FROM claims WHERE settlement IS NULL OR policy_version NOT LIKE '20__.1'`
        )
      ).n
    ).toBe(0)
    expect((await one<{ n: number }>('SELECT COUNT(*) AS n FROM institutions')).n).toBe(30)
    expect((await one<{ n: number }>('SELECT COUNT(DISTINCT township) AS n FROM households')).n).toBe(3)
    expect((await one<{ n: number }>('SELECT COUNT(DISTINCT village) AS n FROM households')).n).toBe(10)
  })

  it('treats each patient where they could have been: only women and children at the 妇幼保健院', async () => {
    const at = await all<{ sex: string; birth_date: string; admission_date: string }>(
      `SELECT p.sex, p.birth_date, c.admission_date FROM claims c JOIN persons p ON p.id = c.person_id JOIN institutions i ON i.id = c.institution_id WHERE i.name LIKE '%妇幼%'`
    )
    expect(at.length).toBeGreaterThan(0) // the hospital is in use, by the right patients
    // a man there is a boy (at most 14 by the calendar year)
    expect(
      at.every(
        (r) => r.sex === 'female' || Number(r.admission_date.slice(0, 4)) - Number(r.birth_date.slice(0, 4)) <= 14
      )
    ).toBe(true)
    // and every claim cites the documents of the version it was settled under (a 2025 claim the
    // 2025 方案; a stay from December to January the next year's, by its discharge date)
    const claims = await all<{ steps: string; policy_version: string }>('SELECT steps, policy_version FROM claims')
    for (const c of claims) {
      const year = Number(c.policy_version.slice(0, 4))
      const cited = (JSON.parse(c.steps) as { source?: { title: string } }[])
        .map((s) => s.source?.title ?? '')
        .join(' ')
      expect(cited).toContain(`${year}年`)
      for (const y of [2024, 2025, 2026].filter((x) => x !== year)) expect(cited).not.toContain(`${y}年`)
    }
  })

  it('stores money as integer fen, never REAL', async () => {
    for (const [table, col] of [
      ['orders', 'amount_fen'],
      ['claims', 'payout_fen'],
      ['enrolments', 'amount_fen']
    ]) {
      // SQLite: what each stored value is; PostgreSQL: the column's type (it holds nothing else)
      const types =
        db.engine === 'postgres'
          ? await all<{ t: string }>(
              `SELECT data_type AS t FROM information_schema.columns WHERE table_name = '${table}' AND column_name = '${col}'`
            )
          : await all<{ t: string }>(`SELECT DISTINCT typeof(${col}) AS t FROM ${table} WHERE ${col} IS NOT NULL`)
      expect(types.map((r) => r.t)).toEqual([db.engine === 'postgres' ? 'bigint' : 'integer'])
    }
  })
})
