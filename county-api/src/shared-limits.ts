// The cheap-to-refuse limits (sign-in, binding, look-ups: limits.ts) counted in the database when
// several processes serve the county (COUNTY_API_WORKERS > 1, or PostgreSQL behind any balancer):
// in memory each process would count alone and a client spreading its tries over N processes
// would get N times the limit. Fixed windows, like the in-memory store: one conditional upsert a
// try, the same SQL on both engines (the SET expressions read the row as it was).
import type { Db } from './db/port'

export interface Counted {
  /** tries in this window, this one included */
  current: number
  /** milliseconds until the window ends */
  ttl: number
}

export async function countInWindow(
  db: Db,
  limit: string,
  key: string,
  now: number,
  windowMs: number
): Promise<Counted> {
  const ended = now - windowMs
  const row = await db.get<{ n: number; window_start: number }>(
    `INSERT INTO rate_counts (limit_name, key, window_start, n) VALUES (?, ?, ?, 1)
     ON CONFLICT (limit_name, key) DO UPDATE SET
       n = CASE WHEN rate_counts.window_start <= ? THEN 1 ELSE rate_counts.n + 1 END,
       window_start = CASE WHEN rate_counts.window_start <= ? THEN excluded.window_start ELSE rate_counts.window_start END
     RETURNING n, window_start`,
    limit,
    key,
    now,
    ended,
    ended
  )
  if (!row) throw new Error('rate_counts: the upsert returned no row')
  return { current: row.n, ttl: Math.max(0, row.window_start + windowMs - now) }
}

/** Forgets windows that ended before `before` (the background job; the longest window is a day). */
export async function purgeRateCounts(db: Db, before: number): Promise<void> {
  await db.run('DELETE FROM rate_counts WHERE window_start < ?', before)
}
