// Tag `notices`: policy announcements and payout disclosures (公示), public.
import type { Notice } from '../../../src/contract'
import type { Ctx } from '../context'
import type { NoticeRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { isoTime } from '../clock'
import { ApiFailure } from '../errors'

function noticeView(r: NoticeRow): Notice {
  return {
    noticeId: r.id,
    kind: r.kind,
    title: r.title,
    publishedAt: isoTime(r.published_at),
    body: r.body,
    entries: JSON.parse(r.entries) as Notice['entries']
  }
}

export const noticesRoutes = (ctx: Ctx): TagHandlers<'notices'> => ({
  listNotices: ({ query }) => {
    // a notice the county scheduled is public from its publishing time (routes/staff.ts)
    const now = ctx.clock.now()
    const rows = (
      query.kind
        ? ctx.db
            .prepare(
              'SELECT * FROM notices WHERE kind = ? AND published_at <= ? AND withdrawn_at IS NULL ORDER BY published_at DESC'
            )
            .all(query.kind, now)
        : ctx.db
            .prepare(
              'SELECT * FROM notices WHERE published_at <= ? AND withdrawn_at IS NULL ORDER BY published_at DESC'
            )
            .all(now)
    ) as NoticeRow[]
    // Disclosure entries are stored already masked: full names never enter a public notice.
    return { notices: rows.map(noticeView) }
  },

  getNotice: ({ params }) => {
    const row = ctx.db.prepare('SELECT * FROM notices WHERE id = ?').get(params.noticeId) as NoticeRow | undefined
    // not public before its time; a withdrawn one says so to whoever kept its link
    if (!row || row.published_at > ctx.clock.now()) throw new ApiFailure('NOT_FOUND')
    if (row.withdrawn_at !== null) throw new ApiFailure('NOT_FOUND', { reason: 'withdrawn' }, '这条通知县里已经撤回了')
    return noticeView(row)
  }
})
