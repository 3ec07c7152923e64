// Access control: who may see or act on a household's data.
//   member/head of the household  → everything about it (head-only actions checked separately)
//   grantee with an active grant  → only the scopes granted; every access is logged for the household
//   anyone else                   → 404 (we do not reveal that the id exists)
import type { Scope } from '../../src/contract'
import type { Ctx } from './context'
import type { UserRow } from './db/rows'
import { ApiFailure } from './errors'

export interface Access {
  householdId: string
  /** an assistant acting with the household's consent is seen as a grantee (masked, logged) */
  relation: 'head' | 'member' | 'grantee'
  scopes: Scope[]
  grantId: string | null
  /** an assistant's consent from the household (assist.ts): every access is logged under it */
  consentId?: string
  /** the consent lets the assistant start a newborn's enrolment */
  mayEnrol?: boolean
}

const ALL: Scope[] = ['status', 'claims', 'pay']

export async function relationTo(ctx: Ctx, user: UserRow, householdId: string): Promise<Access | null> {
  if (user.role === 'assistant') return await assistantAccess(ctx, user, householdId)
  if (user.person_id) {
    // (read with the session when the request signed in: authenticate)
    const row =
      user.home?.personId === user.person_id
        ? { household_id: user.home.householdId, head_person_id: user.home.headPersonId }
        : await ctx.db.get<{ household_id: string; head_person_id: string }>(
            `SELECT p.household_id, h.head_person_id FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id = ?`,
            user.person_id
          )
    if (row && row.household_id === householdId) {
      return {
        householdId,
        relation: row.head_person_id === user.person_id ? 'head' : 'member',
        scopes: ALL,
        grantId: null
      }
    }
  }
  // a grant gives access until it is revoked, left, replaced, or runs out (GRANT_DAYS)
  const grant = await ctx.db.get<{ id: string; scopes: string }>(
    'SELECT id, scopes FROM grants WHERE household_id = ? AND grantee_user_id = ? AND revoked_at IS NULL AND expires_at > ?',
    householdId,
    user.id,
    ctx.clock.now()
  )
  if (grant) return { householdId, relation: 'grantee', scopes: JSON.parse(grant.scopes) as Scope[], grantId: grant.id }
  return null
}

/** Checks access to a household for an action needing `scope`; logs grantee access. Pass `known` when relationTo was already asked. */
export async function requireHousehold(
  ctx: Ctx,
  user: UserRow,
  householdId: string,
  scope: Scope,
  action: string,
  known?: Access | null
): Promise<Access> {
  const access = known === undefined ? await relationTo(ctx, user, householdId) : known
  if (!access) throw new ApiFailure('NOT_FOUND')
  if (!access.scopes.includes(scope)) throw new ApiFailure('FORBIDDEN', { needs: scope })
  if (access.relation === 'grantee' && access.grantId)
    await logHouseholdEvent(ctx, householdId, user.id, action, ctx.clock.now(), { grantId: access.grantId, scope })
  if (access.consentId)
    await logHouseholdEvent(ctx, householdId, user.id, `assistant_${action}`, ctx.clock.now(), {
      scope,
      subject: access.consentId
    })
  return access
}

/** An assistant reaches a household only through an active, unexpired consent it gave (assist.ts). */
async function assistantAccess(ctx: Ctx, user: UserRow, householdId: string): Promise<Access | null> {
  const c = await ctx.db.get<{ id: string; scopes: string }>(
    `SELECT id, scopes FROM assist_consents WHERE assistant_user_id = ? AND household_id = ? AND status = 'active' AND expires_at > ?
       ORDER BY created_at DESC LIMIT 1`,
    user.id,
    householdId,
    ctx.clock.now()
  )
  if (!c) return null
  const scopes = JSON.parse(c.scopes) as string[]
  return {
    householdId,
    relation: 'grantee',
    scopes: scopes.filter((x): x is Scope => x === 'status' || x === 'pay'),
    grantId: null,
    consentId: c.id,
    mayEnrol: scopes.includes('enrol')
  }
}

/**
 * One line of the household's access log: a grantee's access (with the grant and scope used), or
 * an event the household should see: an account bound or removed, a grant accepted, left, revoked
 * or run out, a reviewer reading its application or documents.
 */
export async function logHouseholdEvent(
  ctx: Ctx,
  householdId: string,
  actorUserId: string,
  action: string,
  at: number,
  opts: { grantId?: string; scope?: Scope; subject?: string } = {}
): Promise<void> {
  await ctx.db.run(
    'INSERT INTO access_log (household_id, grant_id, actor_user_id, action, scope, at, subject) VALUES (?, ?, ?, ?, ?, ?, ?)',
    householdId,
    opts.grantId ?? null,
    actorUserId,
    action,
    opts.scope ?? null,
    at,
    opts.subject ?? null
  )
}

/** Members only (head or member), e.g. applications, access log. */
export async function requireMember(ctx: Ctx, user: UserRow, householdId: string): Promise<Access> {
  const access = await relationTo(ctx, user, householdId)
  if (!access) throw new ApiFailure('NOT_FOUND')
  if (access.relation === 'grantee') throw new ApiFailure('FORBIDDEN')
  return access
}

/** The head, or (where the county allows it) any adult member. */
export async function requireInviter(ctx: Ctx, user: UserRow, householdId: string): Promise<Access> {
  const access = await requireMember(ctx, user, householdId)
  if (access.relation === 'head') return access
  if (ctx.config.familyInviter === 'adult' && user.person_id) {
    const p = (await ctx.db.get<{
      birth_date: string
    }>('SELECT birth_date FROM persons WHERE id = ?', user.person_id))!
    const today = new Date(ctx.clock.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const adultFrom = `${Number(p.birth_date.slice(0, 4)) + 18}${p.birth_date.slice(4)}`
    if (adultFrom <= today) return access
  }
  throw new ApiFailure('FORBIDDEN')
}

export async function householdOfPerson(ctx: Ctx, personId: string): Promise<string> {
  const row = await ctx.db.get<{ household_id: string }>('SELECT household_id FROM persons WHERE id = ?', personId)
  if (!row) throw new ApiFailure('NOT_FOUND')
  return row.household_id
}
