import Database from 'better-sqlite3'
import { isForeignKeyViolation, isUniqueViolation } from './errors'

function thrownBy(f: () => unknown): unknown {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error('did not throw')
}

describe('constraint errors from SQLite (PostgreSQL: postgres.test.ts)', () => {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  db.exec(`CREATE TABLE p (id TEXT PRIMARY KEY, code TEXT UNIQUE);
           CREATE TABLE c (id TEXT PRIMARY KEY, p_id TEXT REFERENCES p(id))`)
  db.prepare(`INSERT INTO p VALUES ('a', 'x')`).run()

  it('a UNIQUE column and a PRIMARY KEY are unique violations, not foreign key ones', () => {
    for (const sql of [`INSERT INTO p VALUES ('b', 'x')`, `INSERT INTO p VALUES ('a', 'y')`]) {
      const e = thrownBy(() => db.prepare(sql).run())
      expect(isUniqueViolation(e)).toBe(true)
      expect(isForeignKeyViolation(e)).toBe(false)
    }
  })

  it('a missing parent is a foreign key violation', () => {
    const e = thrownBy(() => db.prepare(`INSERT INTO c VALUES ('c1', 'nobody')`).run())
    expect(isForeignKeyViolation(e)).toBe(true)
    expect(isUniqueViolation(e)).toBe(false)
  })

  it('anything else is neither', () => {
    for (const e of [new Error('x'), null, 'SQLITE_CONSTRAINT_UNIQUE', { code: 42 }]) {
      expect(isUniqueViolation(e)).toBe(false)
      expect(isForeignKeyViolation(e)).toBe(false)
    }
  })
})
