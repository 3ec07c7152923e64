// Tag `notices`: policy announcements and payout disclosures (公示), public.
import type { Notice } from '../../../src/contract'
import type { Ctx } from '../context'
import type { NoticeRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { isoTime } from '../clock'

export const noticesRoutes = (ctx: Ctx): TagHandlers<'notices'> => ({
  listNotices: ({ query }) => {
    // a notice the county scheduled is public from its publishing time (routes/staff.ts)
    const now = ctx.clock.now()
    const rows = (
      query.kind
        ? ctx.db
            .prepare('SELECT * FROM notices WHERE kind = ? AND published_at <= ? ORDER BY published_at DESC')
            .all(query.kind, now)
        : ctx.db.prepare('SELECT * FROM notices WHERE published_at <= ? ORDER BY published_at DESC').all(now)
    ) as NoticeRow[]
    // Disclosure entries are stored already masked: full names never enter a public notice.
    return {
      notices: rows.map((r) => ({
        noticeId: r.id,
        kind: r.kind,
        title: r.title,
        publishedAt: isoTime(r.published_at),
        body: r.body,
        entries: JSON.parse(r.entries) as Notice['entries']
      }))
    }
  }
})
