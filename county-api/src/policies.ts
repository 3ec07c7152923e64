// The county's policy documents (the calculator's format), one version per region and period,
// immutable once published: served by GET /v1/policy, and handed to the calculator as a series.
import crypto from 'node:crypto'
import type { Ctx } from './context'
import type { PolicyRow } from './db/rows'
import type { PolicyRecord } from './ports/calculator'
import { ApiFailure } from './errors'

/** The version in force in the region on `date`. */
export function policyInForce(ctx: Ctx, regionCode: string, date: string): PolicyRow {
  const row = ctx.db
    .prepare(
      `SELECT * FROM policies WHERE region_code = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?)
    ORDER BY effective_from DESC LIMIT 1`
    )
    .get(regionCode, date, date) as PolicyRow | undefined
  if (!row) throw new ApiFailure('POLICY_NOT_FOUND', { region: regionCode, date })
  return row
}

/** Every version for the region: the calculator picks the one for the year or date. */
function policySeries(ctx: Ctx, regionCode: string): PolicyRecord[] {
  const rows = ctx.db
    .prepare('SELECT * FROM policies WHERE region_code = ? ORDER BY effective_from DESC')
    .all(regionCode) as PolicyRow[]
  if (rows.length === 0) throw new ApiFailure('POLICY_NOT_FOUND', { region: regionCode })
  return rows.map((row) => ({
    regionCode: row.region_code,
    version: row.version,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    document: JSON.parse(row.document)
  }))
}

const seriesCache = new WeakMap<Ctx, Map<string, PolicyRecord[]>>()
/** Policies are immutable once published: cache the parsed series per server. */
export function cachedSeries(ctx: Ctx, regionCode: string): PolicyRecord[] {
  let m = seriesCache.get(ctx)
  if (!m) seriesCache.set(ctx, (m = new Map()))
  let s = m.get(regionCode)
  if (!s) m.set(regionCode, (s = policySeries(ctx, regionCode)))
  return s
}

/** The ETag of a published document (stored with it). */
export function policyEtag(document: string): string {
  return crypto.createHash('sha256').update(document).digest('hex').slice(0, 32)
}
