// Reviewers' lists come a page at a time (issue 15): `limit` items (default 50, at most 100) in a
// stable order (time, then id), and `next`, the cursor to ask for the page after it. A cursor is
// the last item's time and id: `1796300967655.app_x9` — opaque to the caller.
import { ApiFailure } from './errors'

const DEFAULT_LIMIT = 50

export function pageOf(query: { limit?: number; after?: string } | undefined): {
  limit: number
  after: { at: number; id: string }
} {
  const limit = query?.limit ?? DEFAULT_LIMIT
  if (query?.after === undefined) return { limit, after: { at: -1, id: '' } }
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(query.after)
  if (!m) throw new ApiFailure('BAD_REQUEST', { problems: [{ field: 'after', problem: 'not_a_cursor' }] })
  return { limit, after: { at: Number(m[1]), id: m[2] } }
}

export function cursorOf(at: number, id: string): string {
  return `${at}.${id}`
}
