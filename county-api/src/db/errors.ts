// Constraint violations recognised the same way on both engines: the code relies on unique
// constraints for correctness (one open order per household, idempotent notifies) and turns a
// violation into an answer. better-sqlite3 throws SqliteError with an extended result code;
// pg throws DatabaseError with the SQLSTATE (https://www.postgresql.org/docs/15/errcodes-appendix.html).

const sqliteUnique = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'])
const pgUniqueViolation = '23505'
const sqliteForeignKey = 'SQLITE_CONSTRAINT_FOREIGNKEY'
const pgForeignKeyViolation = '23503'

function codeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined
}

/** A UNIQUE or PRIMARY KEY constraint refused the write (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  const code = codeOf(err)
  return code === pgUniqueViolation || (typeof code === 'string' && sqliteUnique.has(code))
}

/** A FOREIGN KEY constraint refused the write (SQLite or PostgreSQL). */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = codeOf(err)
  return code === pgForeignKeyViolation || code === sqliteForeignKey
}

/**
 * PostgreSQL gave up on the whole transaction (serialization failure, deadlock; or it is already
 * aborted): code inside a transaction must not catch and carry on, but let tx() run it again.
 */
export function isTransactionLost(err: unknown): boolean {
  const code = codeOf(err)
  return code === '40001' || code === '40P01' || code === '25P02'
}
