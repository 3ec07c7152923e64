// Read-only look into a test server's database, synchronous so tests read it inline: the SQLite
// file (WAL allows a concurrent reader), or on PostgreSQL (node-pg project) the database standing
// for that path, through psql (test values inlined as literals; the rows come back as JSON).
import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { findPgBinDir } from './pg-cluster'
import { databaseUrlFor } from './test-db'

export function peek<T = unknown>(dbPath: string, sql: string, ...args: unknown[]): T[] {
  const url = databaseUrlFor(dbPath)
  if (url) return peekPostgres<T>(url, sql, args)
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all(...args) as T[]
  } finally {
    db.close()
  }
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL'
  if (typeof v === 'number' || typeof v === 'bigint') return String(v)
  if (typeof v === 'boolean') return v ? '1' : '0'
  return `'${String(v).replace(/'/g, "''")}'`
}

/** `?` outside quotes replaced by the next argument as a literal. */
function inline(sql: string, args: unknown[]): string {
  let i = 0
  let quote: string | null = null
  let out = ''
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null
    } else if (ch === "'" || ch === '"') quote = ch
    else if (ch === '?') {
      if (i >= args.length) throw new RangeError(`peek: more ? than arguments in ${sql}`)
      out += literal(args[i++])
      continue
    }
    out += ch
  }
  if (i !== args.length) throw new RangeError(`peek: ${args.length} arguments for ${i} ? in ${sql}`)
  return out
}

let psql: string | null = null

function peekPostgres<T>(url: string, sql: string, args: unknown[]): T[] {
  psql ??= path.join(findPgBinDir(), 'psql')
  const out = execFileSync(
    psql,
    [
      '-X',
      '-q',
      '-A',
      '-t',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      url,
      '-c',
      `SELECT COALESCE(json_agg(t), '[]') FROM (${inline(sql, args)}) t`
    ],
    { encoding: 'utf8' }
  )
  return JSON.parse(out) as T[]
}
