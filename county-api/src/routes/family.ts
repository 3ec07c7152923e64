// Tag `family`: the head invites family members (a one-time code with chosen scopes), grants
// and their end (revoked by the head, left by the grantee, replaced, or run out after GRANT_DAYS),
// and the household's access log: every grantee's access, and every change of who may look.
// Invitation codes are 12 random digits (10¹² codes: guessing is hopeless within the limits on
// tries per account and address, limits.ts), single use, and last at most INVITATION_MAX_MINUTES.
import type { Grant, Scope } from '../../../src/contract'
import type { Ctx } from '../context'
import type { AccessLogRow, GrantRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { logHouseholdEvent, relationTo, requireInviter, requireMember } from '../access'
import { endGrant } from '../grants'
import { ApiFailure } from '../errors'
import { isoTime } from '../clock'
import { newId, randomDigits, sha256 } from '../ids'
import { inTx, mapInOrder } from '../db'

const CODE_DIGITS = 12

async function granteeName(ctx: Ctx, userId: string): Promise<string> {
  const r = await ctx.db.get<{ display_name: string; name: string | null }>(
    'SELECT u.display_name, p.name FROM users u LEFT JOIN persons p ON p.id = u.person_id WHERE u.id = ?',
    userId
  )
  return r ? (r.name ?? r.display_name) : '*'
}

const grantView = async (ctx: Ctx, g: GrantRow): Promise<Grant> => ({
  grantId: g.id,
  householdId: g.household_id,
  granteeUserId: g.grantee_user_id,
  granteeName: await granteeName(ctx, g.grantee_user_id),
  scopes: JSON.parse(g.scopes) as Scope[],
  createdAt: isoTime(g.created_at),
  expiresAt: isoTime(g.expires_at ?? g.created_at),
  revokedAt: g.revoked_at === null ? null : isoTime(g.revoked_at),
  ended: g.ended
})

export const familyRoutes = (ctx: Ctx): TagHandlers<'family'> => ({
  createInvitation: async ({ params, body, user, reply }) => {
    await requireInviter(ctx, user, params.householdId)
    const minutes = body.ttlMinutes ?? Math.min(60 * 24, ctx.config.invitationMaxMinutes)
    if (minutes > ctx.config.invitationMaxMinutes)
      throw new ApiFailure(
        'BAD_REQUEST',
        { problems: [{ field: 'ttlMinutes', problem: 'too_long' }], maxMinutes: ctx.config.invitationMaxMinutes },
        `邀请码最长只能${ctx.config.invitationMaxMinutes >= 60 ? `${Math.floor(ctx.config.invitationMaxMinutes / 60)}小时` : `${ctx.config.invitationMaxMinutes}分钟`}有效`
      )
    const code = randomDigits(CODE_DIGITS)
    const now = ctx.clock.now()
    const expires = now + minutes * 60_000
    const id = newId('inv')
    await ctx.db.run(
      'INSERT INTO invitations (id, household_id, code_hash, scopes, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      id,
      params.householdId,
      sha256(code),
      JSON.stringify(body.scopes),
      user.id,
      now,
      expires
    )
    void reply.status(201)
    return {
      invitationId: id,
      code,
      qrPayload: `xqyb://family/accept?code=${code}`,
      scopes: body.scopes,
      expiresAt: isoTime(expires)
    }
  },

  acceptInvitation: async ({ body, user }) => {
    const grant = await inTx(ctx, async (ctx) => {
      // typed with spaces or dashes as it is read out (1234 5678 9012): only the digits count
      const inv = await ctx.db.get<{
        id: string
        household_id: string
        scopes: string
        expires_at: number
        used_at: number | null
      }>('SELECT * FROM invitations WHERE code_hash = ?', sha256(body.code.replace(/[\s-]/g, '')))
      if (!inv || inv.used_at !== null || inv.expires_at <= ctx.clock.now()) throw new ApiFailure('INVITATION_INVALID')
      if (user.person_id) {
        const own = (await ctx.db.get<{
          household_id: string
        }>('SELECT household_id FROM persons WHERE id = ?', user.person_id))!
        if (own.household_id === inv.household_id) throw new ApiFailure('CONFLICT', undefined, '您已经是这个家庭的成员')
      }
      const now = ctx.clock.now()
      await ctx.db.run('UPDATE invitations SET used_at = ?, used_by = ? WHERE id = ?', now, user.id, inv.id)
      // One active grant per grantee and household: a new invitation replaces the old scopes.
      const earlier = await ctx.db.all<GrantRow>(
        'SELECT * FROM grants WHERE household_id = ? AND grantee_user_id = ? AND revoked_at IS NULL',
        inv.household_id,
        user.id
      )
      for (const g of earlier) await endGrant(ctx, g, 'replaced', user.id, now)
      const id = newId('g')
      await ctx.db.run(
        'INSERT INTO grants (id, household_id, grantee_user_id, scopes, created_at, expires_at, invitation_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
        id,
        inv.household_id,
        user.id,
        inv.scopes,
        now,
        now + ctx.config.grantDays * 86_400_000,
        inv.id
      )
      await logHouseholdEvent(ctx, inv.household_id, user.id, 'grant_accepted', now, { grantId: id })
      return (await ctx.db.get<GrantRow>('SELECT * FROM grants WHERE id = ?', id))!
    })
    return await grantView(ctx, grant)
  },

  listGrants: async ({ params, user }) => {
    await requireInviter(ctx, user, params.householdId)
    const rows = await ctx.db.all<GrantRow>(
      'SELECT * FROM grants WHERE household_id = ? ORDER BY created_at DESC',
      params.householdId
    )
    return { grants: await mapInOrder(rows, async (g) => await grantView(ctx, g)) }
  },

  revokeGrant: async ({ params, user }) => {
    const g = await ctx.db.get<GrantRow>('SELECT * FROM grants WHERE id = ?', params.grantId)
    if (!g) throw new ApiFailure('NOT_FOUND')
    await requireInviter(ctx, user, g.household_id)
    await inTx(ctx, async (ctx) => await endGrant(ctx, g, 'revoked', user.id, ctx.clock.now()))
    return await grantView(ctx, (await ctx.db.get<GrantRow>('SELECT * FROM grants WHERE id = ?', g.id))!)
  },

  // the grantee no longer wants to look at this household: their grant ends now
  leaveHousehold: async ({ params, user }) => {
    const access = await relationTo(ctx, user, params.householdId)
    if (!access) throw new ApiFailure('NOT_FOUND')
    if (access.relation !== 'grantee')
      throw new ApiFailure('CONFLICT', undefined, '您是这家的成员，不是被授权的家人；要解除绑定请找户主')
    await inTx(ctx, async (ctx) => {
      const g = (await ctx.db.get<GrantRow>('SELECT * FROM grants WHERE id = ?', access.grantId))!
      await endGrant(ctx, g, 'left', user.id, ctx.clock.now())
    })
    return { ok: true }
  },

  accessLog: async ({ params, user }) => {
    await requireMember(ctx, user, params.householdId)
    const rows = await ctx.db.all<AccessLogRow>(
      'SELECT * FROM access_log WHERE household_id = ? ORDER BY at DESC, id DESC LIMIT 200',
      params.householdId
    )
    const names = new Map<string, string>()
    const name = async (id: string) =>
      names.get(id) ?? (names.set(id, await granteeName(ctx, id)), names.get(id) as string)
    return {
      entries: await mapInOrder(rows, async (r) => ({
        at: isoTime(r.at),
        granteeName: await name(r.actor_user_id),
        action: r.action,
        scope: r.scope
      }))
    }
  }
})
