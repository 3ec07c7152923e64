import type { routes } from '../../../src/contract/routes'
import type { Institution, Notice } from '../../../src/contract'
import type { Ctx, Handler } from '../context'
import { ApiFailure } from '../errors'
import { isoTime } from '../clock'

type R = typeof routes

interface InstitutionRow {
  id: string
  name: string
  level: Institution['level']
  grade: string
  ownership: Institution['ownership']
  township: string
  address: string
  phone: string
  instant_settlement: number
  agreement_status: Institution['agreement']['status']
  agreement_since: string
  agreement_until: string | null
}

const institutionView = (r: InstitutionRow): Institution => ({
  institutionId: r.id,
  name: r.name,
  level: r.level,
  grade: r.grade,
  ownership: r.ownership,
  township: r.township,
  address: r.address,
  phone: r.phone,
  instantSettlement: r.instant_settlement === 1,
  agreement: { status: r.agreement_status, since: r.agreement_since, until: r.agreement_until }
})

export const publicHandlers = (ctx: Ctx) => ({
  listInstitutions: (({ query }) => {
    const where: string[] = []
    const args: string[] = []
    if (query.township) {
      where.push('township = ?')
      args.push(query.township)
    }
    if (query.level) {
      where.push('level = ?')
      args.push(query.level)
    }
    if (query.status) {
      where.push('agreement_status = ?')
      args.push(query.status)
    }
    const rows = ctx.db
      .prepare(
        `SELECT * FROM institutions ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY township, level, name`
      )
      .all(...args) as InstitutionRow[]
    return { institutions: rows.map(institutionView) }
  }) as Handler<R['listInstitutions']>,

  getInstitution: (({ params }) => {
    const r = ctx.db.prepare('SELECT * FROM institutions WHERE id = ?').get(params.institutionId) as
      InstitutionRow | undefined
    if (!r) throw new ApiFailure('NOT_FOUND')
    return institutionView(r)
  }) as Handler<R['getInstitution']>,

  listNotices: (({ query }) => {
    const rows = (
      query.kind
        ? ctx.db.prepare('SELECT * FROM notices WHERE kind = ? ORDER BY published_at DESC').all(query.kind)
        : ctx.db.prepare('SELECT * FROM notices ORDER BY published_at DESC').all()
    ) as { id: string; kind: Notice['kind']; title: string; published_at: number; body: string; entries: string }[]
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
  }) as Handler<R['listNotices']>
})
