// The one way the county API reaches its database (issue 20): asynchronous, so the same code runs
// on the embedded SQLite file (better-sqlite3 underneath, the default) and on PostgreSQL (`pg`,
// chosen by DATABASE_URL=postgres://…). Modules write their SQL once, in the dialect both engines
// accept (rules below); an adapter keeps what is engine-specific (pragmas, placeholders, retries).
//
// SQL both engines accept, the rules every statement follows:
// - placeholders `?` (positional), or `@name` with one object argument; the PostgreSQL adapter
//   rewrites them to `$n` once per text
// - `INSERT … ON CONFLICT (…) DO NOTHING / DO UPDATE SET x = excluded.x`, never `INSERT OR …`
// - `RETURNING` for generated values, never last_insert_rowid
// - no json_extract / json_each: JSON columns are text, parsed in TypeScript
// - camelCase result names quoted: `AS "householdId"` (PostgreSQL folds unquoted names to lower case)
// - a parameter whose type the statement cannot tell (`? IS NULL`) is cast: `CAST(? AS TEXT)`
// - COALESCE (not IFNULL), GREATEST/LEAST avoided (engine-specific): compute in TypeScript
// - booleans are integers 0/1; times are epoch milliseconds (BIGINT on PostgreSQL, read as numbers)
// - every non-aggregated selected column in GROUP BY; ORDER BY says NULLS FIRST/LAST where it matters

/** A value bound to a placeholder. Money is whole fen (integer), times epoch milliseconds. */
export type Param = string | number | bigint | null | Buffer

/** Positional parameters, or one object for `@name` placeholders. */
export type Params = Param[] | [Record<string, Param>]

export interface RunResult {
  /** rows inserted, updated or deleted */
  changes: number
}

/** What the database has been asked since it was opened (bench:api prints it per payment flow). */
export interface DbCounts {
  /** statements run (each get/all/run/exec, each pragma) */
  statements: number
  /** top-level transactions, and writes outside one (each commits on its own) */
  commits: number
}

export interface TxOptions {
  /**
   * The commit is on the disk before tx() returns (issue 15): for writes acknowledged to someone who
   * will not ask again (the provider's payment notify). SQLite: synchronous=FULL for that commit;
   * PostgreSQL: its commits are durable already (synchronous_commit=on).
   */
  durable?: boolean
}

export interface Db {
  readonly engine: 'sqlite' | 'postgres'
  /** the first row, or undefined */
  get<T = Record<string, unknown>>(sql: string, ...params: Params): Promise<T | undefined>
  all<T = Record<string, unknown>>(sql: string, ...params: Params): Promise<T[]>
  run(sql: string, ...params: Params): Promise<RunResult>
  /** several statements without parameters (migrations, tests) */
  exec(sql: string): Promise<void>
  /**
   * Runs fn in one transaction: committed when fn resolves, rolled back when it throws. fn gets the
   * Db bound to the transaction and must use only it. SQLite: BEGIN IMMEDIATE (the write lock first,
   * so read-then-write never fails with SQLITE_BUSY between workers); statements from outside wait
   * for it (an async mutex). PostgreSQL: one pooled client, BEGIN … COMMIT, a serialization failure
   * or deadlock retried a bounded number of times (so fn must be safe to run again).
   * Never await anything but this Db inside fn (no WeChat call, no timer): the transaction holds locks.
   * Nested tx() on the transaction's Db is a savepoint.
   */
  tx<T>(fn: (db: Db) => Promise<T>, opts?: TxOptions): Promise<T>
  /**
   * Inside tx(): holds an exclusive lock named `key` until the transaction ends, so transactions
   * that read then write one thing (an order's payment) run one after the other. SQLite: nothing to
   * do (BEGIN IMMEDIATE already lets one writer in); PostgreSQL: a transaction-scoped advisory lock
   * (its transactions are READ COMMITTED; correctness rests on constraints, guarded single-statement
   * updates, and this lock where code reads before it writes).
   */
  lock(key: string): Promise<void>
  /** true inside tx() (on the Db that fn was given) */
  readonly inTransaction: boolean
  counts(): DbCounts
  close(): Promise<void>
}
