// Tag `policy`: the policy document in force for a region and date, the exact one the county
// settles with, so the app estimates offline with it. Cacheable: ETag and a day's max-age.
import type { Ctx } from '../context'
import type { TagHandlers } from './handler'
import { notModified } from './handler'
import { isoDate } from '../clock'
import { policyInForce } from '../policies'

export const policyRoutes = (ctx: Ctx): TagHandlers<'policy'> => ({
  getPolicy: async ({ query, req, reply }) => {
    const row = await policyInForce(ctx, query.region, query.date ?? isoDate(ctx.clock.now()))
    const etag = `"${row.etag}"`
    void reply.header('ETag', etag)
    // A published version never changes; clients revalidate daily to notice a new version taking effect.
    void reply.header('Cache-Control', 'public, max-age=86400')
    if (req.headers['if-none-match'] === etag) return notModified(reply)
    return {
      regionCode: row.region_code,
      version: row.version,
      effectiveFrom: row.effective_from,
      effectiveTo: row.effective_to,
      document: JSON.parse(row.document)
    }
  }
})
