import type { routes } from '../../../src/contract/routes'
import type { Claim, ClaimStage, Step } from '../../../src/contract'
import type { Ctx, Handler } from '../context'
import { householdOfPerson, requireHousehold } from '../access'
import { ApiFailure } from '../errors'
import { fenToYuan } from '../money'
import { isoDate } from '../clock'
import { cachedSeries } from '../payment/orders'

type R = typeof routes

export interface ClaimRow {
  id: string
  person_id: string
  year: number
  kind: Claim['kind']
  institution_id: string | null
  institution_name: string
  admission_date: string
  discharge_date: string | null
  total_fen: number
  eligible_fen: number
  payout_fen: number
  self_fen: number
  stage: ClaimStage
  timeline: string
  policy_version: string
  steps: string
  settlement: string | null
  cap_remaining_fen: number | null
}

export function claimView(c: ClaimRow): Claim {
  return {
    claimId: c.id,
    personId: c.person_id,
    year: c.year,
    kind: c.kind,
    institutionId: c.institution_id,
    institutionName: c.institution_name,
    admissionDate: c.admission_date,
    dischargeDate: c.discharge_date,
    totalCost: fenToYuan(c.total_fen),
    eligibleCost: fenToYuan(c.eligible_fen),
    payout: fenToYuan(c.payout_fen),
    selfPaid: fenToYuan(c.self_fen),
    stage: c.stage,
    timeline: JSON.parse(c.timeline) as Claim['timeline'],
    policyVersion: c.policy_version,
    steps: JSON.parse(c.steps) as Step[],
    settlement: c.settlement === null ? null : (JSON.parse(c.settlement) as Claim['settlement'])
  }
}

export const claimHandlers = (ctx: Ctx) => ({
  listClaims: (({ params, query, user }) => {
    const householdId = householdOfPerson(ctx, params.personId)
    requireHousehold(ctx, user, householdId, 'claims', 'view_claims')
    const year = query.year ?? Number(isoDate(ctx.clock.now()).slice(0, 4))
    const rows = ctx.db
      .prepare('SELECT * FROM claims WHERE person_id = ? AND year = ? ORDER BY admission_date')
      .all(params.personId, year) as ClaimRow[]
    const capFen = (
      ctx.db.prepare('SELECT value FROM meta WHERE key = ?').get(`cap_fen_${year}`) as { value: string } | undefined
    )?.value
    const cap = capFen === undefined ? null : Number(capFen)
    // Summed over the year's claims, not read off the last one: a claim's capRemaining is the
    // limit of its own kind (an outpatient visit's is the outpatient limit), not the annual cap.
    const h = ctx.db.prepare('SELECT region_code FROM households WHERE id = ?').get(householdId) as {
      region_code: string
    }
    const series = cachedSeries(ctx, h.region_code)
    const claims = rows.map(claimView)
    const usedFen = claims.reduce((sum, c) => sum + ctx.calc.annualCapCountedFen(series, c.settlement), 0)
    const remaining = cap === null ? null : Math.max(0, cap - usedFen)
    return {
      personId: params.personId,
      year,
      cap: cap === null ? null : fenToYuan(cap),
      capUsed: fenToYuan(usedFen),
      capRemaining: remaining === null ? null : fenToYuan(remaining),
      claims
    }
  }) as Handler<R['listClaims']>,

  getClaim: (({ params, user }) => {
    const c = ctx.db.prepare('SELECT * FROM claims WHERE id = ?').get(params.claimId) as ClaimRow | undefined
    if (!c) throw new ApiFailure('NOT_FOUND')
    requireHousehold(ctx, user, householdOfPerson(ctx, c.person_id), 'claims', 'view_claim')
    return claimView(c)
  }) as Handler<R['getClaim']>
})
