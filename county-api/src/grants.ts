// Family grants end: revoked by the head, left by the grantee, replaced by a newer invitation, or
// run out after GRANT_DAYS. Each end is a line in the household's access log.
import type { Ctx } from './context'
import type { GrantRow } from './db/rows'
import { logHouseholdEvent } from './access'
import { transact } from './db'

/** Ends a live grant (inside the caller's transaction) and says so in the household's access log. */
export function endGrant(
  ctx: Ctx,
  g: GrantRow,
  ended: NonNullable<GrantRow['ended']>,
  actorUserId: string,
  at: number
): void {
  const changed = ctx.db
    .prepare('UPDATE grants SET revoked_at = ?, ended = ? WHERE id = ? AND revoked_at IS NULL')
    .run(at, ended, g.id).changes
  if (changed === 1) logHouseholdEvent(ctx, g.household_id, actorUserId, `grant_${ended}`, at, { grantId: g.id })
}

/**
 * The background job: grants past GRANT_DAYS end, each with a line in the household's access log
 * (access already stopped at that moment: access.ts checks expires_at).
 */
export function expireGrants(ctx: Ctx): number {
  const now = ctx.clock.now()
  return transact(ctx.db, () => {
    const due = ctx.db
      .prepare('SELECT * FROM grants WHERE revoked_at IS NULL AND expires_at <= ?')
      .all(now) as GrantRow[]
    for (const g of due) endGrant(ctx, g, 'expired', g.grantee_user_id, g.expires_at as number)
    return due.length
  })
}

/** Grants made before grants expired (migration 9) get their expiry from when they were made. */
export function settleGrantExpiry(ctx: Ctx): void {
  ctx.db
    .prepare('UPDATE grants SET expires_at = created_at + ? WHERE expires_at IS NULL')
    .run(ctx.config.grantDays * 86_400_000)
}
