// Tag `institutions`: the designated hospitals and clinics (public), with their agreement status.
import type { Institution } from '../../../src/contract'
import type { Ctx } from '../context'
import type { InstitutionRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { ApiFailure } from '../errors'

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

export const institutionsRoutes = (ctx: Ctx): TagHandlers<'institutions'> => ({
  listInstitutions: ({ query }) => {
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
  },

  getInstitution: ({ params }) => {
    const r = ctx.db.prepare('SELECT * FROM institutions WHERE id = ?').get(params.institutionId) as
      InstitutionRow | undefined
    if (!r) throw new ApiFailure('NOT_FOUND')
    return institutionView(r)
  }
})
