// Read-only look into a test server's database (WAL allows a concurrent reader).
import Database from 'better-sqlite3'

export function peek<T = unknown>(dbPath: string, sql: string, ...args: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all(...args) as T[]
  } finally {
    db.close()
  }
}
