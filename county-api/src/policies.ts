// The county's policy documents (the calculator's format), one version per region and period,
// immutable once published: served by GET /v1/policy, and handed to the calculator as a series.
import crypto from 'node:crypto'
import type { Ctx } from './context'
import type { PolicyRow } from './db/rows'
import type { PolicyRecord } from './ports/calculator'
import { ApiFailure } from './errors'

/** The version in force in the region on `date`. */
export async function policyInForce(ctx: Ctx, regionCode: string, date: string): Promise<PolicyRow> {
  const row = await ctx.db.get<PolicyRow>(
    `SELECT * FROM policies WHERE region_code = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?)
    ORDER BY effective_from DESC LIMIT 1`,
    regionCode,
    date,
    date
  )
  if (!row) throw new ApiFailure('POLICY_NOT_FOUND', { region: regionCode, date })
  return row
}

/** Every version for the region: the calculator picks the one for the year or date. */
async function policySeries(ctx: Ctx, regionCode: string): Promise<PolicyRecord[]> {
  const rows = await ctx.db.all<PolicyRow>(
    'SELECT * FROM policies WHERE region_code = ? ORDER BY effective_from DESC',
    regionCode
  )
  if (rows.length === 0) throw new ApiFailure('POLICY_NOT_FOUND', { region: regionCode })
  return rows.map((row) => ({
    regionCode: row.region_code,
    version: row.version,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    document: JSON.parse(row.document)
  }))
}

// keyed by the server's configuration: one object per server, shared by the Ctx a transaction
// gets (inTx makes a new Ctx per transaction; keyed by that, every transaction missed the cache)
const seriesCache = new WeakMap<Ctx['config'], Map<string, PolicyRecord[]>>()
/** Policies are immutable once published: cache the parsed series per server. */
export async function cachedSeries(ctx: Ctx, regionCode: string): Promise<PolicyRecord[]> {
  let m = seriesCache.get(ctx.config)
  if (!m) seriesCache.set(ctx.config, (m = new Map()))
  let s = m.get(regionCode)
  if (!s) m.set(regionCode, (s = await policySeries(ctx, regionCode)))
  return s
}

/** The ETag of a published document (stored with it). */
export function policyEtag(document: string): string {
  return crypto.createHash('sha256').update(document).digest('hex').slice(0, 32)
}
