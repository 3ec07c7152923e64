// The county staff's queue: every reviewable request, whatever table it lives in, in one list.
// Each source (today: remote-enrolment applications; claims submitted by hand and chronic-disease
// certifications can be added as sources of their own) lists its items in the same order, time
// then id, so the queue merges them and pages with one cursor.
import type { Ctx } from '../context'
import { mapInOrder } from '../db'

export interface QueueFilter {
  kind?: string
  status: string
  township?: string
}

export interface QueueRow {
  source: string
  id: string
  at: number
  householdId: string
  kind: string
  status: string
  documentCount: number
  reason: string | null
}

interface QueueSource {
  source: string
  /** items of this status after the cursor, oldest first, at most `limit` */
  list(ctx: Ctx, f: QueueFilter, after: { at: number; id: string }, limit: number): Promise<QueueRow[]>
  /** how many items each status has under the other filters */
  counts(ctx: Ctx, f: Omit<QueueFilter, 'status'>): Promise<Record<string, number>>
}

const applications: QueueSource = {
  source: 'application',
  async list(ctx, f, after, limit) {
    return await ctx.db.all<QueueRow>(
      `SELECT 'application' AS source, a.id, a.submitted_at AS at, a.household_id AS "householdId", a.kind, a.status,
           a.reason, (SELECT COUNT(*) FROM documents d WHERE d.application_id = a.id) AS "documentCount"
         FROM applications a JOIN households h ON h.id = a.household_id
         WHERE a.status = @status AND (CAST(@kind AS TEXT) IS NULL OR a.kind = @kind) AND (CAST(@township AS TEXT) IS NULL OR h.township = @township)
           AND (a.submitted_at > @at OR (a.submitted_at = @at AND a.id > @id))
         ORDER BY a.submitted_at, a.id LIMIT @limit`,
      {
        status: f.status,
        kind: f.kind ?? null,
        township: f.township ?? null,
        at: after.at,
        id: after.id,
        limit
      }
    )
  },
  async counts(ctx, f) {
    const rows = await ctx.db.all<{ status: string; n: number }>(
      `SELECT a.status, COUNT(*) AS n FROM applications a JOIN households h ON h.id = a.household_id
         WHERE (CAST(@kind AS TEXT) IS NULL OR a.kind = @kind) AND (CAST(@township AS TEXT) IS NULL OR h.township = @township) GROUP BY a.status`,
      { kind: f.kind ?? null, township: f.township ?? null }
    )
    return Object.fromEntries(rows.map((r) => [r.status, r.n]))
  }
}

/** Every source of reviewable requests. Another kind of request joins the queue by adding its source here. */
const SOURCES: QueueSource[] = [applications]

/** One page of the queue, merged over the sources (or the one asked for); `more`: there is a next page. */
export async function queuePage(
  ctx: Ctx,
  source: string | undefined,
  f: QueueFilter,
  after: { at: number; id: string },
  limit: number
): Promise<{ rows: QueueRow[]; more: boolean; counts: Record<string, number> }> {
  const sources = SOURCES.filter((s) => source === undefined || s.source === source)
  const merged = (await mapInOrder(sources, async (s) => await s.list(ctx, f, after, limit + 1)))
    .flat()
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const counts: Record<string, number> = {}
  for (const s of sources)
    for (const [status, n] of Object.entries(await s.counts(ctx, f))) counts[status] = (counts[status] ?? 0) + n
  return { rows: merged.slice(0, limit), more: merged.length > limit, counts }
}
