import type { routes } from '../../../src/contract/routes'
import type { Ctx, Handler, UserRow } from '../context'
import {
  createSession,
  findOrCreateWechatUser,
  rateLimit,
  requestOtp,
  signOut,
  verifyOtp,
  wechatProvider
} from '../auth'
import { ApiFailure } from '../errors'
import { meView } from '../views'
import { checkIdNumber } from '../../../src/shared/id-number'
import type { PersonRow } from '../views'
import { normaliseName as normaliseDots } from '../../../src/shared/names'

type R = typeof routes

function userById(ctx: Ctx, id: string): UserRow {
  return ctx.db
    .prepare('SELECT id, role, openid, phone, person_id, display_name FROM users WHERE id = ?')
    .get(id) as UserRow
}

function session(ctx: Ctx, userId: string) {
  const s = createSession(ctx, userId)
  return { ...s, me: meView(ctx, userById(ctx, userId)) }
}

/** Names are compared without spaces, with the usual look-alikes of the middle dot unified. */
/** The app's normaliser (every look-alike of the middle dot is ·), on NFC text. */
export function normaliseName(name: string): string {
  return normaliseDots(name.normalize('NFC'))
}

export const authHandlers = (ctx: Ctx) => ({
  signInWechat: (async ({ body, req }) => {
    rateLimit(ctx, `wx:${req.ip}`, ctx.config.signInLimitPerMinute * 10)
    const r = await wechatProvider(ctx).exchange(body.code)
    if (!r) throw new ApiFailure('WECHAT_CODE_INVALID')
    return session(ctx, findOrCreateWechatUser(ctx, r.openid))
  }) as Handler<R['signInWechat']>,

  requestOtp: (({ body, req }) => {
    rateLimit(ctx, `otp-req:${body.phone}`, 5)
    rateLimit(ctx, `otp-req-ip:${req.ip}`)
    return { sent: true, expiresInSeconds: requestOtp(ctx, body.phone) }
  }) as Handler<R['requestOtp']>,

  verifyOtp: (({ body, req }) => {
    rateLimit(ctx, `otp-verify:${body.phone}`, 10)
    rateLimit(ctx, `otp-verify-ip:${req.ip}`)
    return session(ctx, verifyOtp(ctx, body.phone, body.code))
  }) as Handler<R['verifyOtp']>,

  signOut: (({ req }) => {
    signOut(ctx, req.headers.authorization)
    return { ok: true }
  }) as Handler<R['signOut']>,

  me: (({ user }) => meView(ctx, user)) as Handler<R['me']>,

  bindHousehold: (({ body, user }) => {
    rateLimit(ctx, `bind:${user.id}`, 10)
    const id = checkIdNumber(body.idNumber)
    if (!id.ok)
      throw new ApiFailure('BAD_REQUEST', { field: 'idNumber', problem: id.problem }, '身份证号不正确，请核对')
    const p = ctx.db
      .prepare(
        'SELECT p.*, h.household_number FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id_number = ?'
      )
      .get(id.value) as (PersonRow & { household_number: string | null }) | undefined
    // One answer for "unknown number" and "wrong name", so the endpoint cannot be used to probe who is insured.
    if (!p || normaliseName(p.name) !== normaliseName(body.name)) throw new ApiFailure('BIND_MISMATCH')
    if (p.household_number && body.householdNumber !== undefined && body.householdNumber.trim() !== p.household_number)
      throw new ApiFailure('BIND_MISMATCH')
    if (user.person_id && user.person_id !== p.id)
      throw new ApiFailure('CONFLICT', undefined, '这个账号已经绑定了其他人')
    ctx.db.prepare('UPDATE users SET person_id = ? WHERE id = ?').run(p.id, user.id)
    return meView(ctx, { ...user, person_id: p.id })
  }) as Handler<R['bindHousehold']>
})
