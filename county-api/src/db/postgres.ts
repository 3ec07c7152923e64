// The data port (port.ts) on PostgreSQL through `pg` (issue 20): a pool per process, each SQL text
// rewritten to `$n` once and run as a named prepared statement (parsed and planned once per
// connection), BIGINT and NUMERIC read as JavaScript numbers, transactions on one pooled client
// with a bounded retry when PostgreSQL gives up on one (serialization failure, deadlock).
// Transactions are READ COMMITTED, with lock() where code reads before it writes (see PostgresOptions).
import pg from 'pg'
import type { Db, DbCounts, Params, Param, RunResult, TxOptions } from './port'
import { rewritePlaceholders } from './placeholders'

export interface PostgresOptions {
  /** connections in this process's pool (default 10) */
  poolSize?: number
  /** how many times a transaction is run again after 40001/40P01 (default 10) */
  maxRetries?: number
  /**
   * READ COMMITTED (default): PostgreSQL's usual level; correctness rests on the constraints, on
   * guarded single-statement updates and on lock() where code reads before it writes. SERIALIZABLE
   * (every transaction as if alone, conflicts refused with 40001 and run again) was measured on the
   * payment spike: its predicate locks on the enrolments index refused most concurrent notifies.
   */
  isolation?: 'serializable' | 'read committed'
}

/** SQLSTATEs after which running the whole transaction again is the documented remedy. */
const RETRIABLE = new Set(['40001', '40P01'])

const INT8_OID = 20
const NUMERIC_OID = 1700

/** BIGINT (epoch ms, fen, COUNT(*), SUM of INTEGER) as a number; past 2^53 it would be silently wrong. */
function parseInt8(text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n)) throw new RangeError(`a BIGINT beyond Number.MAX_SAFE_INTEGER: ${text}`)
  return n
}

/** NUMERIC comes only from SUM over BIGINT here: whole numbers; a fraction means SQL did money arithmetic. */
function parseNumeric(text: string): number {
  if (!/^-?\d+$/.test(text))
    throw new RangeError(`a NUMERIC with a fraction (${text}): compute money in TypeScript, whole fen in SQL`)
  return parseInt8(text)
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID) return parseInt8
    if (oid === NUMERIC_OID) return parseNumeric
    return pg.types.getTypeParser(oid, format)
  }) as typeof pg.types.getTypeParser
}

interface Compiled {
  /** the prepared statement's name: one per text in this process (none past MAX_PREPARED: parsed each time) */
  name: string | undefined
  text: string
  names: string[] | null
  /** does it write (a write outside a transaction is a commit of its own) */
  writes: boolean
}

const compiled = new Map<string, Compiled>()
/**
 * Texts kept (and prepared on each connection) at most: the code's SQL is a few hundred texts; one
 * built with values in it would otherwise grow the cache and every connection's statements forever.
 */
const MAX_PREPARED = 2000

function compile(sql: string): Compiled {
  let c = compiled.get(sql)
  if (!c) {
    const { text, names } = rewritePlaceholders(sql)
    const keep = compiled.size < MAX_PREPARED
    c = { name: keep ? `s${compiled.size + 1}` : undefined, text, names, writes: writes(sql) }
    if (keep) compiled.set(sql, c)
  }
  return c
}

/** Reads start with SELECT (or WITH … SELECT without a data-changing part). */
function writes(sql: string): boolean {
  const head = sql.trimStart().slice(0, 6).toUpperCase()
  if (head === 'SELECT' || head.startsWith('VALUES')) return false
  if (head.startsWith('WITH')) return /\b(INSERT|UPDATE|DELETE)\b/i.test(sql)
  return true
}

function valuesOf(c: Compiled, params: Params): Param[] {
  if (c.names === null) return params as Param[]
  const named = params[0]
  if (params.length !== 1 || named === null || typeof named !== 'object' || Buffer.isBuffer(named))
    throw new TypeError(`@name placeholders take one object: ${c.text}`)
  const values = named as Record<string, Param>
  return c.names.map((n) => {
    if (!(n in values)) throw new RangeError(`missing named parameter @${n}`)
    return values[n]
  })
}

interface Shared {
  pool: pg.Pool
  counts: DbCounts
  maxRetries: number
  begin: string
}

/** Opens a pool on `url` (postgres://…) and checks it answers. The schema: migratePostgres. */
export async function openPostgresDb(url: string, opts: PostgresOptions = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, types })
  // an idle client that loses its connection (server restart) is dropped by the pool; the next
  // query opens a new one. Without a listener the error would end the process.
  pool.on('error', () => undefined)
  const shared: Shared = {
    pool,
    counts: { statements: 0, commits: 0 },
    maxRetries: opts.maxRetries ?? 10,
    begin: `BEGIN ISOLATION LEVEL ${(opts.isolation ?? 'read committed').toUpperCase()}`
  }
  try {
    await pool.query('SELECT 1')
  } catch (e) {
    await pool.end()
    throw e
  }
  return new PostgresDb(shared, null, 0)
}

type Queryable = pg.Pool | pg.PoolClient

class PostgresDb implements Db {
  readonly engine = 'postgres' as const

  constructor(
    private readonly shared: Shared,
    /** the transaction's client, null outside one */
    private readonly client: pg.PoolClient | null,
    /** savepoint depth inside the transaction */
    private readonly depth: number
  ) {}

  get inTransaction(): boolean {
    return this.client !== null
  }

  private async query(sql: string, params: Params): Promise<pg.QueryResult> {
    const c = compile(sql)
    const values = valuesOf(c, params)
    const counts = this.shared.counts
    counts.statements++
    if (c.writes && !this.client) counts.commits++
    const on: Queryable = this.client ?? this.shared.pool
    return on.query({ name: c.name, text: c.text, values })
  }

  async get<T = Record<string, unknown>>(sql: string, ...params: Params): Promise<T | undefined> {
    return (await this.query(sql, params)).rows[0] as T | undefined
  }

  async all<T = Record<string, unknown>>(sql: string, ...params: Params): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[]
  }

  async run(sql: string, ...params: Params): Promise<RunResult> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 }
  }

  async lock(key: string): Promise<void> {
    if (!this.client) throw new Error('lock() outside a transaction: it would be released at once')
    await this.get('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', key)
  }

  async exec(sql: string): Promise<void> {
    // the simple protocol: several statements in one text, no parameters
    this.shared.counts.statements++
    if (!this.client) this.shared.counts.commits++
    await (this.client ?? this.shared.pool).query(sql)
  }

  // durable: PostgreSQL's commits are durable already (synchronous_commit=on in production)
  async tx<T>(fn: (db: Db) => Promise<T>, _opts?: TxOptions): Promise<T> {
    if (this.client) return this.savepoint(this.client, fn)
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(fn)
      } catch (e) {
        if (attempt >= this.shared.maxRetries || !RETRIABLE.has((e as { code?: string }).code ?? '')) throw e
      }
    }
  }

  /** One attempt: BEGIN, fn, COMMIT on one client; ROLLBACK when anything throws. */
  private async once<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const client = await this.shared.pool.connect()
    this.shared.counts.commits++ // (a rolled-back or retried one too: it cost the same until then)
    let broken: Error | undefined
    try {
      await client.query(this.shared.begin)
      const result = await fn(new PostgresDb(this.shared, client, 0))
      await client.query('COMMIT')
      return result
    } catch (e) {
      try {
        await client.query('ROLLBACK')
      } catch (rollbackFailed) {
        broken = rollbackFailed as Error // the connection is unusable: the pool must not hand it out again
      }
      throw e
    } finally {
      client.release(broken)
    }
  }

  private async savepoint<T>(client: pg.PoolClient, fn: (db: Db) => Promise<T>): Promise<T> {
    const name = `sp${this.depth + 1}`
    await client.query(`SAVEPOINT ${name}`)
    try {
      const result = await fn(new PostgresDb(this.shared, client, this.depth + 1))
      await client.query(`RELEASE SAVEPOINT ${name}`)
      return result
    } catch (e) {
      // a serialization failure or deadlock aborted the whole transaction: the outer tx retries it
      if (!RETRIABLE.has((e as { code?: string }).code ?? '')) await client.query(`ROLLBACK TO SAVEPOINT ${name}`)
      throw e
    }
  }

  counts(): DbCounts {
    return { ...this.shared.counts }
  }

  async close(): Promise<void> {
    if (this.client) throw new Error('close() on a transaction: close the Db that opened it')
    await this.shared.pool.end()
  }
}
