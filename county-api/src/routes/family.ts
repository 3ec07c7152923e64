// Tag `family`: the head invites family members (a one-time code with chosen scopes), grants
// and their revocation, and the log of every grantee's access to the household.
import type { Grant, Scope } from '../../../src/contract'
import type { Ctx } from '../context'
import type { AccessLogRow, GrantRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { requireInviter, requireMember } from '../access'
import { ApiFailure } from '../errors'
import { isoTime } from '../clock'
import { newId, randomDigits, sha256 } from '../ids'
import { rateLimit } from '../auth'
import { transact } from '../db'

function granteeName(ctx: Ctx, userId: string): string {
  const r = ctx.db
    .prepare('SELECT u.display_name, p.name FROM users u LEFT JOIN persons p ON p.id = u.person_id WHERE u.id = ?')
    .get(userId) as { display_name: string; name: string | null }
  return r.name ?? r.display_name
}

const grantView = (ctx: Ctx, g: GrantRow): Grant => ({
  grantId: g.id,
  householdId: g.household_id,
  granteeUserId: g.grantee_user_id,
  granteeName: granteeName(ctx, g.grantee_user_id),
  scopes: JSON.parse(g.scopes) as Scope[],
  createdAt: isoTime(g.created_at),
  revokedAt: g.revoked_at === null ? null : isoTime(g.revoked_at)
})

export const familyRoutes = (ctx: Ctx): TagHandlers<'family'> => ({
  createInvitation: ({ params, body, user, reply }) => {
    requireInviter(ctx, user, params.householdId)
    // 8 digits: short enough to read out on the phone; single use, expiring, and accept is rate limited.
    const code = randomDigits(8)
    const now = ctx.clock.now()
    const expires = now + (body.ttlMinutes ?? 60 * 24) * 60_000
    const id = newId('inv')
    ctx.db
      .prepare(
        'INSERT INTO invitations (id, household_id, code_hash, scopes, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
      )
      .run(id, params.householdId, sha256(code), JSON.stringify(body.scopes), user.id, now, expires)
    reply.status(201)
    return {
      invitationId: id,
      code,
      qrPayload: `xqyb://family/accept?code=${code}`,
      scopes: body.scopes,
      expiresAt: isoTime(expires)
    }
  },

  acceptInvitation: ({ body, user }) => {
    rateLimit(ctx, `accept:${user.id}`, 10)
    const grant = transact(ctx.db, () => {
      const inv = ctx.db.prepare('SELECT * FROM invitations WHERE code_hash = ?').get(sha256(body.code.trim())) as
        { id: string; household_id: string; scopes: string; expires_at: number; used_at: number | null } | undefined
      if (!inv || inv.used_at !== null || inv.expires_at <= ctx.clock.now()) throw new ApiFailure('INVITATION_INVALID')
      if (user.person_id) {
        const own = ctx.db.prepare('SELECT household_id FROM persons WHERE id = ?').get(user.person_id) as {
          household_id: string
        }
        if (own.household_id === inv.household_id) throw new ApiFailure('CONFLICT', undefined, '您已经是这个家庭的成员')
      }
      const now = ctx.clock.now()
      ctx.db.prepare('UPDATE invitations SET used_at = ?, used_by = ? WHERE id = ?').run(now, user.id, inv.id)
      // One active grant per grantee and household: a new invitation replaces the old scopes.
      ctx.db
        .prepare(
          'UPDATE grants SET revoked_at = ? WHERE household_id = ? AND grantee_user_id = ? AND revoked_at IS NULL'
        )
        .run(now, inv.household_id, user.id)
      const id = newId('g')
      ctx.db
        .prepare(
          'INSERT INTO grants (id, household_id, grantee_user_id, scopes, created_at, invitation_id) VALUES (?, ?, ?, ?, ?, ?)'
        )
        .run(id, inv.household_id, user.id, inv.scopes, now, inv.id)
      return ctx.db.prepare('SELECT * FROM grants WHERE id = ?').get(id) as GrantRow
    })
    return grantView(ctx, grant)
  },

  listGrants: ({ params, user }) => {
    requireInviter(ctx, user, params.householdId)
    const rows = ctx.db
      .prepare('SELECT * FROM grants WHERE household_id = ? ORDER BY created_at DESC')
      .all(params.householdId) as GrantRow[]
    return { grants: rows.map((g) => grantView(ctx, g)) }
  },

  revokeGrant: ({ params, user }) => {
    const g = ctx.db.prepare('SELECT * FROM grants WHERE id = ?').get(params.grantId) as GrantRow | undefined
    if (!g) throw new ApiFailure('NOT_FOUND')
    requireInviter(ctx, user, g.household_id)
    if (g.revoked_at === null)
      ctx.db.prepare('UPDATE grants SET revoked_at = ? WHERE id = ?').run(ctx.clock.now(), g.id)
    return grantView(ctx, ctx.db.prepare('SELECT * FROM grants WHERE id = ?').get(g.id) as GrantRow)
  },

  accessLog: ({ params, user }) => {
    requireMember(ctx, user, params.householdId)
    const rows = ctx.db
      .prepare('SELECT * FROM access_log WHERE household_id = ? ORDER BY at DESC, id DESC LIMIT 200')
      .all(params.householdId) as AccessLogRow[]
    const names = new Map<string, string>()
    const name = (id: string) => names.get(id) ?? (names.set(id, granteeName(ctx, id)), names.get(id) as string)
    return {
      entries: rows.map((r) => ({
        at: isoTime(r.at),
        granteeName: name(r.grantee_user_id),
        action: r.action,
        scope: r.scope
      }))
    }
  }
})
