// The SQLite adapter of the data port (db/port.ts): better-sqlite3 underneath, one connection.
// better-sqlite3 answers synchronously; the port's promises are already resolved. A transaction
// (BEGIN IMMEDIATE … COMMIT) is asynchronous, so it holds a mutex: statements from outside it
// (another request, the background jobs) wait until it ends. Inside, fn gets a Db bound to the
// transaction; the outer Db used from inside its own transaction would wait for itself forever,
// so under tests that is detected (AsyncLocalStorage) and refused with a clear error.
import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'
import type { Db, DbCounts, Params, RunResult, TxOptions } from './port'

export interface SqliteOptions {
  /**
   * Refuse the outer Db used from inside its own transaction (a deadlock) with an error. Costs an
   * AsyncLocalStorage context per transaction (about a tenth of the server's CPU in bench:api):
   * on by default under tests (NODE_ENV=test, which jest sets and the servers tests spawn inherit).
   */
  guard?: boolean
}

/** Opens (creating the folder and file if needed), sets WAL and migrates (synchronously). */
export function openSqliteDb(dbPath: string, opts: SqliteOptions = {}): Db {
  return new SqliteDb(openRaw(dbPath), opts.guard ?? process.env.NODE_ENV === 'test')
}

function openRaw(dbPath: string): Database.Database {
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true })
  const raw = new Database(dbPath)
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = NORMAL') // WAL + NORMAL: durable across process crashes (SIGKILL); fsync at checkpoints; the payment notify's commit: tx(…, { durable: true })
  raw.pragma('foreign_keys = ON')
  raw.pragma('busy_timeout = 5000')
  raw.pragma('cache_size = -32000') // 32 MB page cache: the whole demo county stays in memory
  raw.pragma('temp_store = MEMORY')
  migrate(raw)
  return raw
}

/** Schema migrations (db/migrations.ts) on the raw handle: user_version records progress. */
export function migrate(raw: Database.Database): void {
  const current = raw.pragma('user_version', { simple: true }) as number
  for (let v = current; v < MIGRATIONS.length; v++) {
    const m = MIGRATIONS[v]
    const sql = typeof m === 'string' ? m : m.sql
    const rebuild = typeof m !== 'string' && m.rebuildsReferencedTable
    const fkOn = raw.pragma('foreign_keys', { simple: true }) === 1
    // SQLite's table rebuild: foreign keys off around the transaction, checked before commit
    if (rebuild && fkOn) raw.pragma('foreign_keys = OFF')
    try {
      raw.transaction(() => {
        raw.exec(sql)
        if (rebuild) {
          const broken = raw.pragma('foreign_key_check') as unknown[]
          if (broken.length) throw new Error(`migration ${v + 1}: ${broken.length} rows break a foreign key`)
        }
        raw.pragma(`user_version = ${v + 1}`)
      })()
    } finally {
      if (rebuild && fkOn) raw.pragma('foreign_keys = ON')
    }
  }
}

/** One waiter at a time; release hands the lock to the next waiter directly. */
class Mutex {
  held = false
  private waiters: (() => void)[] = []
  /** undefined: taken at once; a promise: taken when it resolves */
  acquire(): Promise<void> | undefined {
    if (!this.held) {
      this.held = true
      return undefined
    }
    return new Promise((resolve) => this.waiters.push(resolve))
  }
  release(): void {
    const next = this.waiters.shift()
    if (next) next()
    else this.held = false
  }
}

/** The connection, its compiled statements (one per SQL text) and its counts. */
class Core {
  readonly counts: DbCounts = { statements: 0, commits: 0 }
  private cache = new Map<string, Database.Statement>()
  private begin: Database.Statement
  private commit: Database.Statement
  private rollback: Database.Statement
  constructor(readonly raw: Database.Database) {
    this.begin = raw.prepare('BEGIN IMMEDIATE')
    this.commit = raw.prepare('COMMIT')
    this.rollback = raw.prepare('ROLLBACK')
  }
  statement(sql: string): Database.Statement {
    let st = this.cache.get(sql)
    if (!st) {
      st = this.raw.prepare(sql)
      this.cache.set(sql, st)
    }
    this.counts.statements++
    // a write outside a transaction commits on its own
    if (!st.readonly && !this.raw.inTransaction) this.counts.commits++
    return st
  }
  get<T>(sql: string, params: Params): T | undefined {
    return this.statement(sql).get(...params) as T | undefined
  }
  all<T>(sql: string, params: Params): T[] {
    return this.statement(sql).all(...params) as T[]
  }
  run(sql: string, params: Params): RunResult {
    return { changes: this.statement(sql).run(...params).changes }
  }
  exec(sql: string): void {
    this.counts.statements++
    this.raw.exec(sql)
  }
  pragma(source: string): void {
    this.counts.statements++
    this.raw.pragma(source)
  }

  /** BEGIN IMMEDIATE: the write lock first, so read-then-write never fails with SQLITE_BUSY between workers. */
  async transaction<T>(fn: (db: Db) => Promise<T>, durable: boolean, scope: TxScope): Promise<T> {
    // durable (issue 15): WAL + synchronous=NORMAL survives a process crash but can lose the last
    // commits on power loss; FULL syncs the WAL at this commit (SQLite changes it between transactions only)
    const full = durable && !this.raw.memory
    if (full) this.pragma('synchronous = FULL')
    try {
      this.counts.commits++ // (a rolled-back one too: it cost the same until then)
      this.begin.run()
      const t = new SqliteTx(this, 0)
      try {
        const result = await (scope.als ? scope.als.run(scope, () => fn(t)) : fn(t))
        this.commit.run()
        return result
      } catch (e) {
        if (this.raw.inTransaction) this.rollback.run()
        throw e
      } finally {
        t.closed = true
      }
    } finally {
      if (full) this.pragma('synchronous = NORMAL')
    }
  }
}

/** The transaction the outer Db is running now, as AsyncLocalStorage sees it (the guard). */
interface TxScope {
  als: AsyncLocalStorage<TxScope> | undefined
}

const handles = new WeakMap<Db, Database.Database>()

class SqliteDb implements Db {
  readonly engine = 'sqlite'
  readonly inTransaction = false
  private core: Core
  private mutex = new Mutex()
  private scope: TxScope
  constructor(raw: Database.Database, guard: boolean) {
    this.core = new Core(raw)
    this.scope = { als: guard ? new AsyncLocalStorage<TxScope>() : undefined }
    handles.set(this, raw)
  }

  /** Runs f now when no transaction is open, or after the open ones end. */
  private when<T>(f: () => T): Promise<T> {
    if (!this.mutex.held) {
      try {
        return Promise.resolve(f())
      } catch (e) {
        return Promise.reject(e)
      }
    }
    return this.queued(f)
  }
  private async queued<T>(f: () => T | Promise<T>): Promise<T> {
    if (this.scope.als?.getStore() === this.scope)
      throw new Error(
        'the outer Db was used inside its own transaction (it would wait for itself): use the Db that tx() gave fn'
      )
    const waiting = this.mutex.acquire()
    if (waiting) await waiting
    try {
      return await f()
    } finally {
      this.mutex.release()
    }
  }

  get<T = Record<string, unknown>>(sql: string, ...params: Params): Promise<T | undefined> {
    return this.when(() => this.core.get<T>(sql, params))
  }
  all<T = Record<string, unknown>>(sql: string, ...params: Params): Promise<T[]> {
    return this.when(() => this.core.all<T>(sql, params))
  }
  run(sql: string, ...params: Params): Promise<RunResult> {
    return this.when(() => this.core.run(sql, params))
  }
  exec(sql: string): Promise<void> {
    return this.when(() => this.core.exec(sql))
  }
  tx<T>(fn: (db: Db) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    const start = () => this.core.transaction(fn, opts.durable ?? false, this.scope)
    if (this.mutex.held) return this.queued(start)
    this.mutex.held = true
    return start().finally(() => this.mutex.release())
  }
  lock(): Promise<void> {
    return Promise.reject(new Error('lock() outside a transaction: it would be released at once'))
  }
  counts(): DbCounts {
    return { ...this.core.counts }
  }
  async close(): Promise<void> {
    if (this.mutex.held) await this.queued(() => undefined)
    this.core.raw.close()
  }
}

/** The Db inside a transaction: statements run at once; tx() nests as a savepoint. */
class SqliteTx implements Db {
  readonly engine = 'sqlite'
  readonly inTransaction = true
  closed = false
  constructor(
    private core: Core,
    private depth: number
  ) {}
  private open<T>(f: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('this transaction has ended: its Db cannot be used any more'))
    try {
      return Promise.resolve(f())
    } catch (e) {
      return Promise.reject(e)
    }
  }
  get<T = Record<string, unknown>>(sql: string, ...params: Params): Promise<T | undefined> {
    return this.open(() => this.core.get<T>(sql, params))
  }
  all<T = Record<string, unknown>>(sql: string, ...params: Params): Promise<T[]> {
    return this.open(() => this.core.all<T>(sql, params))
  }
  run(sql: string, ...params: Params): Promise<RunResult> {
    return this.open(() => this.core.run(sql, params))
  }
  exec(sql: string): Promise<void> {
    return this.open(() => this.core.exec(sql))
  }
  /** A savepoint: rolled back to when fn throws, the enclosing transaction goes on. */
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('this transaction has ended: its Db cannot be used any more')
    const name = `sp${this.depth + 1}`
    const raw = this.core.raw
    raw.exec(`SAVEPOINT ${name}`)
    const t = new SqliteTx(this.core, this.depth + 1)
    try {
      const result = await fn(t)
      raw.exec(`RELEASE ${name}`)
      return result
    } catch (e) {
      if (raw.inTransaction) raw.exec(`ROLLBACK TO ${name}; RELEASE ${name}`)
      throw e
    } finally {
      t.closed = true
    }
  }
  /** BEGIN IMMEDIATE already holds the one write lock: every transaction runs alone. */
  lock(): Promise<void> {
    return this.open(() => undefined)
  }
  counts(): DbCounts {
    return { ...this.core.counts }
  }
  close(): Promise<void> {
    return Promise.reject(new Error('close the Db, not its transaction'))
  }
}

/**
 * The better-sqlite3 handle behind a Db opened here, for the few places that need SQLite itself
 * (the WAL checkpoint after a bulk enrolment, tests of SQLite's own behaviour). undefined on PostgreSQL.
 */
export function sqliteHandle(db: Db): Database.Database | undefined {
  return handles.get(db)
}
