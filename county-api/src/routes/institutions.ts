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
  listInstitutions: async ({ query }) => {
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
    const rows = await ctx.db.all<InstitutionRow>(
      `SELECT * FROM institutions ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY township, level, name`,
      ...args
    )
    return { institutions: rows.map(institutionView) }
  },

  getInstitution: async ({ params }) => {
    const r = await ctx.db.get<InstitutionRow>('SELECT * FROM institutions WHERE id = ?', params.institutionId)
    if (!r) throw new ApiFailure('NOT_FOUND')
    return institutionView(r)
  }
})
