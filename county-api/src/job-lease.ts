// Background jobs without a leader (issue 20): every process runs the job timer, and a pass runs
// only in the process holding the lease row: taken when free or run out, renewed by its holder at
// each pass. With N workers (or N machines on one PostgreSQL) one pass runs at a time; when its
// holder dies, another process takes the lease once it runs out. One conditional upsert, the same
// SQL on both engines; the database decides, no clock comparison between processes but the row's.
import os from 'node:os'
import crypto from 'node:crypto'
import type { Db } from './db/port'

/** This process, as a lease holder: host, pid and a random part (a pid is reused after a restart). */
export const LEASE_HOLDER = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`

/**
 * Takes or renews the lease `name` until `now + ttlMs` (wall-clock milliseconds): true when this
 * holder has it now, false when another holder's lease has not run out.
 */
export async function takeLease(
  db: Db,
  name: string,
  now: number,
  ttlMs: number,
  holder = LEASE_HOLDER
): Promise<boolean> {
  const r = await db.run(
    `INSERT INTO job_leases (name, holder, until_ms) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
     WHERE job_leases.holder = excluded.holder OR job_leases.until_ms <= ?`,
    name,
    holder,
    now + ttlMs,
    now
  )
  if (r.changes === 1) return true
  return takeFromTheDead(db, name, now, ttlMs, holder)
}

/**
 * A holder on this machine whose process is gone (a crash, kill -9; the restarted server or another
 * worker asks) leaves its lease at once instead of when it runs out: recovery right after a restart.
 */
async function takeFromTheDead(db: Db, name: string, now: number, ttlMs: number, holder: string): Promise<boolean> {
  const row = await db.get<{ holder: string }>('SELECT holder FROM job_leases WHERE name = ?', name)
  if (!row) return false
  const [host, pid] = row.holder.split(':')
  if (host !== os.hostname() || !/^\d+$/.test(pid) || Number(pid) === process.pid || alive(Number(pid))) return false
  const r = await db.run(
    'UPDATE job_leases SET holder = ?, until_ms = ? WHERE name = ? AND holder = ?',
    holder,
    now + ttlMs,
    name,
    row.holder
  )
  return r.changes === 1
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM' // exists, someone else's
  }
}

/** Gives the lease back (a process stopping cleanly): another may take it at once. */
export async function releaseLease(db: Db, name: string, holder = LEASE_HOLDER): Promise<void> {
  await db.run('DELETE FROM job_leases WHERE name = ? AND holder = ?', name, holder)
}
