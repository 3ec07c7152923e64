// Tag `notices`: policy announcements and payout disclosures (公示), public.
import type { Notice } from '../../../src/contract'
import type { Ctx } from '../context'
import type { NoticeRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { isoTime } from '../clock'

export const noticesRoutes = (ctx: Ctx): TagHandlers<'notices'> => ({
  listNotices: ({ query }) => {
    const rows = (
      query.kind
        ? ctx.db.prepare('SELECT * FROM notices WHERE kind = ? ORDER BY published_at DESC').all(query.kind)
        : ctx.db.prepare('SELECT * FROM notices ORDER BY published_at DESC').all()
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
