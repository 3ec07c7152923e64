// The county API's data layer: the port (port.ts), the SQLite adapter (sqlite.ts, the default) and
// the helpers every module uses. Modules see only the port, so the same code runs on either engine.
import type { Ctx } from '../context'
import { migratePostgres } from './migrations-postgres'
import type { Db, TxOptions } from './port'
import { openPostgresDb } from './postgres'
import { openSqliteDb } from './sqlite'

export type { Db, Param, TxOptions } from './port'
export { sqliteHandle, migrate } from './sqlite'

/** Opens the county's database (the embedded SQLite file), migrated. */
export function openDb(dbPath: string): Db {
  return openSqliteDb(dbPath)
}

/**
 * The database the settings name, migrated: PostgreSQL when DATABASE_URL is set (processes starting
 * together migrate once: migratePostgres), else the SQLite file COUNTY_API_DB.
 */
export async function openDatabase(config: {
  databaseUrl: string | null
  databasePool: number
  dbPath: string
}): Promise<Db> {
  if (!config.databaseUrl) return openDb(config.dbPath)
  const db = await openPostgresDb(config.databaseUrl, { poolSize: config.databasePool })
  try {
    await migratePostgres(db)
  } catch (e) {
    await db.close()
    throw e
  }
  return db
}

/**
 * Runs fn in one transaction with a Ctx whose db is the transaction's (so helpers that take ctx
 * stay inside it): `await inTx(ctx, async (ctx) => …)`. Nested: a savepoint. Nothing but the
 * database may be awaited inside (no WeChat, SMS or timer: the transaction holds the lock).
 */
export function inTx<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>, opts?: TxOptions): Promise<T> {
  return ctx.db.tx((db) => fn({ ...ctx, db }), opts)
}

export async function getMeta(db: Db, key: string): Promise<string | undefined> {
  const row = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)
  return row?.value
}

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db.run(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    key,
    value
  )
}

/**
 * `items.map(f)` for an async f, one item at a time: the statements of one request never
 * interleave (inside a transaction each read sees the writes before it), and a cache the
 * callback fills is seen by the next item.
 */
export async function mapInOrder<T, R>(items: readonly T[], f: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i++) out.push(await f(items[i], i))
  return out
}

/**
 * The next receipt number's sequence part for `year`. SQLite: a counter per year in meta (one
 * writer at a time anyway). PostgreSQL: the sequence receipt_seq, which never makes concurrent
 * payments wait on one row or fail serialization (its numbers run on across years; the receipt
 * carries the year anyway, so it stays unique).
 */
export async function nextReceiptSeq(db: Db, year: number): Promise<number> {
  if (db.engine === 'postgres') return (await db.get<{ n: number }>(`SELECT nextval('receipt_seq') AS n`))!.n
  const row = await db.get<{ value: string | number }>(
    `INSERT INTO meta (key, value) VALUES (?, '1')
     ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT) RETURNING value`,
    `receipt_seq_${year}`
  )
  return Number(row!.value)
}

/** After receipts numbered up to `n` for `year` were written directly (the seed): the next is above. */
export async function receiptsIssued(db: Db, year: number, n: number): Promise<void> {
  if (db.engine === 'postgres') {
    await db.get(`SELECT setval('receipt_seq', GREATEST(?, (SELECT last_value FROM receipt_seq)))`, n)
    return
  }
  await setMeta(db, `receipt_seq_${year}`, String(n))
}
