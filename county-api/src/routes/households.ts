import crypto from 'node:crypto'
import type { routes } from '../../../src/contract/routes'
import type { Ctx, Handler } from '../context'
import { requireHousehold } from '../access'
import { ApiFailure } from '../errors'
import { householdView, type HouseholdRow } from '../views'
import { isoDate } from '../clock'

type R = typeof routes

export const householdHandlers = (ctx: Ctx) => ({
  getHousehold: (({ params, user }) => {
    const access = requireHousehold(ctx, user, params.householdId, 'status', 'view_household')
    const h = ctx.db.prepare('SELECT * FROM households WHERE id = ?').get(params.householdId) as HouseholdRow
    return householdView(ctx, h, user, access)
  }) as Handler<R['getHousehold']>,

  getPolicy: (({ query, req, reply }) => {
    const date = query.date ?? isoDate(ctx.clock.now())
    const row = ctx.db
      .prepare(
        `SELECT * FROM policies WHERE region_code = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?)
      ORDER BY effective_from DESC LIMIT 1`
      )
      .get(query.region, date, date) as
      | {
          region_code: string
          version: string
          effective_from: string
          effective_to: string | null
          document: string
          etag: string
        }
      | undefined
    if (!row) throw new ApiFailure('POLICY_NOT_FOUND', { region: query.region, date })
    const etag = `"${row.etag}"`
    reply.header('ETag', etag)
    // A published version never changes; clients revalidate daily to notice a new version taking effect.
    reply.header('Cache-Control', 'public, max-age=86400')
    if (req.headers['if-none-match'] === etag) {
      reply.status(304)
      return reply.send()
    }
    return {
      regionCode: row.region_code,
      version: row.version,
      effectiveFrom: row.effective_from,
      effectiveTo: row.effective_to,
      document: JSON.parse(row.document)
    }
  }) as Handler<R['getPolicy']>
})

export function policyEtag(document: string): string {
  return crypto.createHash('sha256').update(document).digest('hex').slice(0, 32)
}
