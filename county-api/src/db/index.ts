import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { MIGRATIONS } from './migrations'

export type DB = Database.Database

/** Opens (creating the folder and file if needed), sets WAL and migrates. */
export function openDb(dbPath: string): DB {
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true })
  const db = new Database(dbPath)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL') // WAL + NORMAL: durable across process crashes (SIGKILL); fsync at checkpoints; the payment notify's commit: transactDurably
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.pragma('cache_size = -32000') // 32 MB page cache: the whole demo county stays in memory
  db.pragma('temp_store = MEMORY')
  migrate(db)
  cacheStatements(db)
  return db
}

/**
 * What the database has been asked since it was opened (bench:api prints it per payment flow):
 * statements run (each run/get/all/iterate of a prepared statement, and each pragma) and commits
 * (a top-level transaction, or a write outside one, which SQLite commits on its own).
 */
export interface DbCounts {
  statements: number
  commits: number
}

const counts = new WeakMap<DB, DbCounts>()

export function dbCounts(db: DB): DbCounts {
  return { ...(counts.get(db) ?? { statements: 0, commits: 0 }) }
}

/**
 * Handlers prepare their SQL inline; compiling it once per text keeps that cheap. Each statement
 * is counted when it runs (one increment: cheap enough to stay on).
 */
function cacheStatements(db: DB): void {
  const c: DbCounts = { statements: 0, commits: 0 }
  counts.set(db, c)
  const prepare = db.prepare.bind(db)
  const cache = new Map<string, Database.Statement>()
  db.prepare = ((sql: string) => {
    let st = cache.get(sql)
    if (!st) {
      st = countRuns(db, prepare(sql), c)
      cache.set(sql, st)
    }
    return st
  }) as DB['prepare']
  const pragma = db.pragma.bind(db)
  db.pragma = ((source: string, options?: Database.PragmaOptions) => {
    c.statements++
    return pragma(source, options)
  }) as DB['pragma']
}

function countRuns(db: DB, st: Database.Statement, c: DbCounts): Database.Statement {
  const { run, get, all, iterate } = st
  const writes = !st.readonly
  const counted = <F extends (...args: never[]) => unknown>(f: F): F =>
    ((...args: never[]) => {
      c.statements++
      if (writes && !db.inTransaction) c.commits++
      return f.apply(st, args)
    }) as F
  st.run = counted(run)
  st.get = counted(get)
  st.all = counted(all)
  st.iterate = counted(iterate)
  return st
}

const runners = new WeakMap<DB, (fn: () => unknown) => unknown>()

/**
 * `db.transaction(fn).immediate()` without building a new transaction function per call (better-sqlite3
 * makes four wrappers and defines their properties each time): one wrapper per database runs
 * `fn`, with the same BEGIN/COMMIT, ROLLBACK on a throw, and a savepoint when nested.
 */
export function transact<T>(db: DB, fn: () => T): T {
  let run = runners.get(db)
  // BEGIN IMMEDIATE: the write lock is taken (or waited for, busy_timeout) before the first read,
  // so a transaction that reads then writes never fails with SQLITE_BUSY when another process
  // (a second worker, COUNTY_API_WORKERS) committed in between.
  if (!run) runners.set(db, (run = db.transaction((f: () => unknown) => f()).immediate))
  const c = counts.get(db)
  if (c && !db.inTransaction) c.commits++ // (a rolled-back one too: it cost the same until then)
  return run(fn) as T
}

/**
 * transact(), and the commit is on the disk before it returns (issue 15, durability): for the
 * writes the server acknowledges to someone who will not ask again (the provider's payment
 * notify). WAL + synchronous=NORMAL survives a process crash but can lose the last commits on
 * power loss; FULL syncs the WAL at this commit. Measured cost: docs/county-api.md (security model).
 */
export function transactDurably<T>(db: DB, fn: () => T): T {
  // (SQLite changes the level between transactions only: inside one — the simulated provider
  // delivers its notify within its own commit — the enclosing commit decides)
  if (db.memory || db.inTransaction) return transact(db, fn)
  db.pragma('synchronous = FULL')
  try {
    return transact(db, fn)
  } finally {
    db.pragma('synchronous = NORMAL')
  }
}

export function migrate(db: DB): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let v = current; v < MIGRATIONS.length; v++) {
    const m = MIGRATIONS[v]
    const sql = typeof m === 'string' ? m : m.sql
    const rebuild = typeof m !== 'string' && m.rebuildsReferencedTable
    const fkOn = db.pragma('foreign_keys', { simple: true }) === 1
    // SQLite's table rebuild: foreign keys off around the transaction, checked before commit
    if (rebuild && fkOn) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        db.exec(sql)
        if (rebuild) {
          const broken = db.pragma('foreign_key_check') as unknown[]
          if (broken.length) throw new Error(`migration ${v + 1}: ${broken.length} rows break a foreign key`)
        }
        db.pragma(`user_version = ${v + 1}`)
      })()
    } finally {
      if (rebuild && fkOn) db.pragma('foreign_keys = ON')
    }
  }
}

export function getMeta(db: DB, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
  return row?.value
}

export function setMeta(db: DB, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value
  )
}
