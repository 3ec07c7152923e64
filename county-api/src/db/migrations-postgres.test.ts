// The PostgreSQL schema is SQLite's after all its migrations: every table with the same columns
// (names, nullability, kinds of type), every index by name and by what it covers, every foreign key.
import type Database from 'better-sqlite3'
import { testPostgres } from '../testing/pg-cluster'
import { openDb, sqliteHandle } from '.'
import { migratePostgres, POSTGRES_BASE_VERSION, postgresMigrations } from './migrations-postgres'
import type { Db } from './port'
import { openPostgresDb } from './postgres'

let pgTest: Awaited<ReturnType<typeof testPostgres>>
let pgDb: Db
let sqliteDb: Db
let sqlite: Database.Database

beforeAll(async () => {
  pgTest = await testPostgres()
  pgDb = await openPostgresDb(await pgTest.createDatabase(), { poolSize: 2 })
  await migratePostgres(pgDb)
  sqliteDb = openDb(':memory:')
  sqlite = sqliteHandle(sqliteDb)!
}, 60_000)

afterAll(async () => {
  await sqliteDb?.close()
  await pgDb?.close()
  await pgTest?.stop()
})

interface Column {
  table: string
  name: string
  notNull: boolean
  type: string
}

function sqliteTables(): string[] {
  return (
    sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[]
  ).map((r) => r.name)
}

function sqliteColumns(): Column[] {
  return sqliteTables().flatMap((table) =>
    (sqlite.pragma(`table_info(${table})`) as { name: string; notnull: number; pk: number; type: string }[]).map(
      // a PRIMARY KEY column may hold NULL in SQLite (a historical quirk); PostgreSQL's never does,
      // and no row here has one
      (c) => ({ table, name: c.name, notNull: c.notnull === 1 || c.pk > 0, type: c.type })
    )
  )
}

async function postgresColumns(): Promise<Column[]> {
  return pgDb.all<Column>(
    `SELECT table_name AS "table", column_name AS name, is_nullable = 'NO' AS "notNull", data_type AS type
     FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
     ORDER BY table_name, ordinal_position`
  )
}

/** An index as what it covers: `table(a,b) unique partial`, and its name when it was given one. */
function signature(table: string, columns: string, unique: boolean, partial: boolean): string {
  return `${table}(${columns})${unique ? ' unique' : ''}${partial ? ' partial' : ''}`
}

function sqliteIndexes(): { signatures: string[]; named: string[] } {
  const signatures: string[] = []
  const named: string[] = []
  for (const table of sqliteTables()) {
    const list = sqlite.pragma(`index_list(${table})`) as {
      name: string
      unique: number
      origin: string
      partial: number
    }[]
    for (const ix of list) {
      const cols = (sqlite.pragma(`index_info(${ix.name})`) as { seqno: number; name: string }[])
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => c.name)
      signatures.push(signature(table, cols.join(','), ix.unique === 1, ix.partial === 1))
      if (ix.origin === 'c') named.push(ix.name)
    }
    // INTEGER PRIMARY KEY is the rowid itself in SQLite: unique without an index of its own
    const rowidKey = (sqlite.pragma(`table_info(${table})`) as { name: string; pk: number; type: string }[]).filter(
      (c) => c.pk > 0
    )
    if (rowidKey.length === 1 && rowidKey[0].type === 'INTEGER' && !list.some((ix) => ix.origin === 'pk'))
      signatures.push(signature(table, rowidKey[0].name, true, false))
  }
  return { signatures: signatures.sort(), named: named.sort() }
}

async function postgresIndexes(): Promise<{ signatures: string[]; named: string[] }> {
  const rows = await pgDb.all<{
    table: string
    name: string
    columns: string
    unique: boolean
    partial: boolean
    constraint: boolean
  }>(
    `SELECT t.relname AS "table", i.relname AS name, ix.indisunique AS "unique", ix.indpred IS NOT NULL AS partial,
       EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid) AS "constraint",
       array_to_string(ARRAY(
         SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',') AS columns
     FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND t.relname <> 'schema_migrations'`
  )
  return {
    signatures: rows.map((r) => signature(r.table, r.columns, r.unique, r.partial)).sort(),
    named: rows
      .filter((r) => !r.constraint)
      .map((r) => r.name)
      .sort()
  }
}

describe('the PostgreSQL schema matches SQLite after every migration', () => {
  it('has the same tables and columns: names, nullability, kinds of type', async () => {
    const lite = sqliteColumns()
    const pg = await postgresColumns()
    const shape = (c: Column) => `${c.table}.${c.name}${c.notNull ? ' NOT NULL' : ''}`
    expect(pg.map(shape).sort()).toEqual(lite.map(shape).sort())
    const pgType = new Map(pg.map((c) => [`${c.table}.${c.name}`, c.type]))
    const expected: Record<string, string[]> = {
      INTEGER: ['integer', 'bigint'],
      BIGINT: ['bigint'],
      TEXT: ['text'],
      BLOB: ['bytea']
    }
    for (const c of lite) {
      const key = `${c.table}.${c.name}`
      expect([key, expected[c.type]]).toEqual([key, expect.arrayContaining([pgType.get(key)])])
      // epoch milliseconds and fen do not fit PostgreSQL's 32-bit INTEGER
      if (c.type === 'INTEGER' && /(^at|_at|_fen)$/.test(c.name))
        expect([key, pgType.get(key)]).toEqual([key, 'bigint'])
    }
  })

  it('has every index, by name and by what it covers (unique, partial)', async () => {
    const lite = sqliteIndexes()
    const pg = await postgresIndexes()
    expect(pg.named).toEqual(lite.named)
    expect(pg.signatures).toEqual(lite.signatures)
    expect(lite.named).toContain('orders_one_open')
  })

  it('has every foreign key', async () => {
    const lite = sqliteTables()
      .flatMap((table) =>
        (sqlite.pragma(`foreign_key_list(${table})`) as { table: string; from: string; to: string }[]).map(
          (fk) => `${table}.${fk.from} -> ${fk.table}.${fk.to}`
        )
      )
      .sort()
    const pg = (
      await pgDb.all<{ fk: string }>(
        `SELECT cl.relname || '.' || a.attname || ' -> ' || rt.relname || '.' || ra.attname AS fk
         FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class rt ON rt.oid = c.confrelid
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
         WHERE c.contype = 'f'`
      )
    )
      .map((r) => r.fk)
      .sort()
    expect(pg).toEqual(lite)
    expect(lite.length).toBeGreaterThan(20)
  })
})

describe('migratePostgres', () => {
  it('four processes starting together: all succeed, the schema is applied once', async () => {
    const url = await pgTest.createDatabase()
    const processes = await Promise.all([1, 2, 3, 4].map(() => openPostgresDb(url, { poolSize: 1 })))
    try {
      const applied = await Promise.all(processes.map((db) => migratePostgres(db)))
      expect(applied.map((a) => a.length).sort()).toEqual([0, 0, 0, postgresMigrations().length])
      const rows = await processes[0].all('SELECT version FROM schema_migrations ORDER BY version')
      expect(rows).toEqual(postgresMigrations().map((m) => ({ version: m.version })))
      expect(rows[0]).toEqual({ version: POSTGRES_BASE_VERSION })
      expect(await migratePostgres(processes[0])).toEqual([])
    } finally {
      await Promise.all(processes.map((db) => db.close()))
    }
  }, 60_000)

  it('applies only the entries a database has not had yet, in one transaction with them', async () => {
    const later = [...postgresMigrations(), { version: 99, sql: 'ALTER TABLE meta ADD COLUMN note TEXT' }]
    expect(await migratePostgres(pgDb, later)).toEqual([99])
    expect(await pgDb.get('SELECT note FROM meta LIMIT 1')).toBeUndefined()
    // a failing entry leaves nothing of itself behind, not even its version
    const broken = [
      ...later,
      { version: 100, sql: 'ALTER TABLE meta ADD COLUMN other TEXT; SELECT nonsense FROM nowhere' }
    ]
    await expect(migratePostgres(pgDb, broken)).rejects.toThrow(/nowhere/)
    expect(await pgDb.get('SELECT version FROM schema_migrations WHERE version = 100')).toBeUndefined()
    await expect(pgDb.get('SELECT other FROM meta')).rejects.toThrow(/other/)
  })

  it('receipt numbers come from receipt_seq, as numbers', async () => {
    const a = await pgDb.get<{ n: number }>(`SELECT nextval('receipt_seq') AS n`)
    const b = await pgDb.get<{ n: number }>(`SELECT nextval('receipt_seq') AS n`)
    expect(typeof a?.n).toBe('number')
    expect(b?.n).toBe((a?.n ?? 0) + 1)
  })
})
