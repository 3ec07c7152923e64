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

  // read marks per account, so a second phone counts the same 没看 (the first time is kept)
  markNoticeRead: ({ params, user }) => {
    const now = ctx.clock.now()
    const row = ctx.db.prepare('SELECT 1 FROM notices WHERE id = ? AND published_at <= ?').get(params.noticeId, now)
    if (!row) throw new ApiFailure('NOT_FOUND')
    ctx.db
      .prepare('INSERT OR IGNORE INTO notice_reads (user_id, notice_id, read_at) VALUES (?, ?, ?)')
      .run(user.id, params.noticeId, now)
    const r = ctx.db
      .prepare('SELECT read_at FROM notice_reads WHERE user_id = ? AND notice_id = ?')
      .get(user.id, params.noticeId) as { read_at: number }
    return { noticeId: params.noticeId, readAt: isoTime(r.read_at) }
  },

  myNoticeReads: ({ user }) => {
    const rows = ctx.db
      .prepare('SELECT notice_id, read_at FROM notice_reads WHERE user_id = ? ORDER BY read_at DESC LIMIT 200')
      .all(user.id) as { notice_id: string; read_at: number }[]
    return { reads: rows.map((r) => ({ noticeId: r.notice_id, readAt: isoTime(r.read_at) })) }
  },

  getNotice: ({ params }) => {
    const row = ctx.db.prepare('SELECT * FROM notices WHERE id = ?').get(params.noticeId) as NoticeRow | undefined
    // not public before its time; a withdrawn one says so to whoever kept its link
    if (!row || row.published_at > ctx.clock.now()) throw new ApiFailure('NOT_FOUND')
    if (row.withdrawn_at !== null) throw new ApiFailure('NOT_FOUND', { reason: 'withdrawn' }, '这条通知县里已经撤回了')
    return noticeView(row)
  }
})
