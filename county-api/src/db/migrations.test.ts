import Database from 'better-sqlite3'
import { migrate } from './index'
import { MIGRATIONS } from './migrations'

/** A database as it was at `version`, with foreign keys on like openDb. */
function dbAt(version: number): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  for (let v = 0; v < version; v++) {
    const m = MIGRATIONS[v]
    db.exec(typeof m === 'string' ? m : m.sql)
  }
  db.pragma(`user_version = ${version}`)
  return db
}

test('migration 6 (nullable id_number) keeps every person and what points at them, and foreign keys stay on', () => {
  const db = dbAt(5)
  db.exec(`
    INSERT INTO households (id, region_code, township, village, head_person_id) VALUES ('h1', '999901', '镇', '村', 'p1');
    INSERT INTO persons (id, household_id, name, id_number, sex, birth_date, relation, categories) VALUES
      ('p1', 'h1', '王建国', '999901197405011234', 'male', '1974-05-01', '户主', '["ordinary"]'),
      ('p2', 'h1', '阿依古丽·买买提', '999901199903021235', 'female', '1999-03-02', '儿媳', '["ordinary"]');
    INSERT INTO enrolments (person_id, year, status) VALUES ('p1', 2027, 'unpaid'), ('p2', 2027, 'unpaid');
    INSERT INTO users (id, role, person_id, display_name, created_at) VALUES ('u1', 'villager', 'p1', '王建国', 0);
  `)
  migrate(db)
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  expect(db.prepare('SELECT id, name, id_number, birth_certificate_number FROM persons ORDER BY id').all()).toEqual([
    { id: 'p1', name: '王建国', id_number: '999901197405011234', birth_certificate_number: null },
    { id: 'p2', name: '阿依古丽·买买提', id_number: '999901199903021235', birth_certificate_number: null }
  ])
  expect(db.pragma('foreign_key_check')).toEqual([])
  // enrolments and users still point at persons: a dangling reference is refused
  expect(() =>
    db.prepare(`INSERT INTO enrolments (person_id, year, status) VALUES ('nobody', 2027, 'unpaid')`).run()
  ).toThrow(/FOREIGN KEY/)
  // a newborn by birth certificate; neither number at all is refused; numbers stay unique
  db.prepare(
    `INSERT INTO persons (id, household_id, name, sex, birth_date, relation, categories, birth_certificate_number) VALUES ('p3', 'h1', '王小满', 'female', '2026-10-02', '孙女', '["ordinary"]', 'P440123456')`
  ).run()
  expect(() =>
    db
      .prepare(
        `INSERT INTO persons (id, household_id, name, sex, birth_date, relation, categories) VALUES ('p4', 'h1', '无名', 'female', '2026-10-02', '孙女', '["ordinary"]')`
      )
      .run()
  ).toThrow(/CHECK/)
  expect(() =>
    db
      .prepare(
        `INSERT INTO persons (id, household_id, name, sex, birth_date, relation, categories, birth_certificate_number) VALUES ('p5', 'h1', '重号', 'female', '2026-10-02', '孙女', '["ordinary"]', 'P440123456')`
      )
      .run()
  ).toThrow(/UNIQUE/)
  expect(
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'persons_household'`).get()
  ).toBeTruthy()
})

test('a rebuild that would break a foreign key is rolled back, not half applied', () => {
  const db = dbAt(5)
  db.exec(`
    INSERT INTO households (id, region_code, township, village, head_person_id) VALUES ('h1', '999901', '镇', '村', 'p1');
    INSERT INTO persons (id, household_id, name, id_number, sex, birth_date, relation, categories) VALUES ('p1', 'h1', '王建国', '999901197405011234', 'male', '1974-05-01', '户主', '["ordinary"]');
  `)
  // an enrolment whose person is gone (possible only with foreign keys off at the time)
  db.pragma('foreign_keys = OFF')
  db.exec(`INSERT INTO enrolments (person_id, year, status) VALUES ('ghost', 2027, 'unpaid')`)
  db.pragma('foreign_keys = ON')
  expect(() => migrate(db)).toThrow(/migration 6: 1 rows break a foreign key/)
  expect(db.pragma('user_version', { simple: true })).toBe(5)
  expect(db.prepare('SELECT COUNT(*) AS n FROM persons').get()).toEqual({ n: 1 })
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
})

test("migration 8 drops the seed's copies of the annual cap (the calculator counts it), nothing else", () => {
  const db = dbAt(7)
  db.exec(`INSERT INTO meta (key, value) VALUES ('cap_fen_2026', '15000000'), ('cap_fen_2027', '15000000'),
    ('capfen', 'x'), ('receipt_seq_2027', '12'), ('seeded', '{}')`)
  migrate(db)
  expect(db.prepare('SELECT key FROM meta ORDER BY key').all()).toEqual([
    { key: 'capfen' },
    { key: 'receipt_seq_2027' },
    { key: 'seeded' }
  ])
})
