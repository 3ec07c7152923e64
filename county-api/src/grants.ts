// Family grants end: revoked by the head, left by the grantee, replaced by a newer invitation, or
// run out after GRANT_DAYS. Each end is a line in the household's access log.
import type { Ctx } from './context'
import type { GrantRow } from './db/rows'
import { logHouseholdEvent } from './access'
import { inTx } from './db'

/** Ends a live grant (inside the caller's transaction) and says so in the household's access log. */
export async function endGrant(
  ctx: Ctx,
  g: GrantRow,
  ended: NonNullable<GrantRow['ended']>,
  actorUserId: string,
  at: number
): Promise<void> {
  const changed = (
    await ctx.db.run('UPDATE grants SET revoked_at = ?, ended = ? WHERE id = ? AND revoked_at IS NULL', at, ended, g.id)
  ).changes
  if (changed === 1) await logHouseholdEvent(ctx, g.household_id, actorUserId, `grant_${ended}`, at, { grantId: g.id })
}

/**
 * The background job: grants past GRANT_DAYS end, each with a line in the household's access log
 * (access already stopped at that moment: access.ts checks expires_at).
 */
export async function expireGrants(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now()
  return await inTx(ctx, async (ctx) => {
    const due = await ctx.db.all<GrantRow>('SELECT * FROM grants WHERE revoked_at IS NULL AND expires_at <= ?', now)
    for (const g of due) await endGrant(ctx, g, 'expired', g.grantee_user_id, g.expires_at as number)
    return due.length
  })
}

/** Grants made before grants expired (migration 9) get their expiry from when they were made. */
export async function settleGrantExpiry(ctx: Ctx): Promise<void> {
  await ctx.db.run(
    'UPDATE grants SET expires_at = created_at + ? WHERE expires_at IS NULL',
    ctx.config.grantDays * 86_400_000
  )
}
