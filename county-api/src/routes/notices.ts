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
  listNotices: async ({ query }) => {
    // a notice the county scheduled is public from its publishing time (routes/staff.ts)
    const now = ctx.clock.now()
    const rows = (
      query.kind
        ? await ctx.db.all(
            'SELECT * FROM notices WHERE kind = ? AND published_at <= ? AND withdrawn_at IS NULL ORDER BY published_at DESC',
            query.kind,
            now
          )
        : await ctx.db.all(
            'SELECT * FROM notices WHERE published_at <= ? AND withdrawn_at IS NULL ORDER BY published_at DESC',
            now
          )
    ) as NoticeRow[]
    // Disclosure entries are stored already masked: full names never enter a public notice.
    return { notices: rows.map(noticeView) }
  },

  // read marks per account, so a second phone counts the same 没看 (the first time is kept)
  markNoticeRead: async ({ params, user }) => {
    const now = ctx.clock.now()
    const row = await ctx.db.get('SELECT 1 FROM notices WHERE id = ? AND published_at <= ?', params.noticeId, now)
    if (!row) throw new ApiFailure('NOT_FOUND')
    await ctx.db.run(
      'INSERT INTO notice_reads (user_id, notice_id, read_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      user.id,
      params.noticeId,
      now
    )
    const r = (await ctx.db.get<{ read_at: number }>(
      'SELECT read_at FROM notice_reads WHERE user_id = ? AND notice_id = ?',
      user.id,
      params.noticeId
    ))!
    return { noticeId: params.noticeId, readAt: isoTime(r.read_at) }
  },

  myNoticeReads: async ({ user }) => {
    const rows = await ctx.db.all<{ notice_id: string; read_at: number }>(
      'SELECT notice_id, read_at FROM notice_reads WHERE user_id = ? ORDER BY read_at DESC LIMIT 200',
      user.id
    )
    return { reads: rows.map((r) => ({ noticeId: r.notice_id, readAt: isoTime(r.read_at) })) }
  },

  getNotice: async ({ params }) => {
    const row = await ctx.db.get<NoticeRow>('SELECT * FROM notices WHERE id = ?', params.noticeId)
    // not public before its time; a withdrawn one says so to whoever kept its link
    if (!row || row.published_at > ctx.clock.now()) throw new ApiFailure('NOT_FOUND')
    if (row.withdrawn_at !== null) throw new ApiFailure('NOT_FOUND', { reason: 'withdrawn' }, '这条通知县里已经撤回了')
    return noticeView(row)
  }
})
