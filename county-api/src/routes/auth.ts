// Tag `auth`: signing in (WeChat code, or phone and one-time code on h5), signing out, who I am.
import type { Ctx } from '../context'
import type { UserRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { createSession, findOrCreateWechatUser, rateLimit, requestOtp, signOut, verifyOtp } from '../auth'
import { wechatProvider } from '../ports/wechat'
import { meView } from '../views'

function userById(ctx: Ctx, id: string): UserRow {
  return ctx.db
    .prepare('SELECT id, role, openid, phone, person_id, display_name FROM users WHERE id = ?')
    .get(id) as UserRow
}

function session(ctx: Ctx, userId: string) {
  const s = createSession(ctx, userId)
  return { ...s, me: meView(ctx, userById(ctx, userId)) }
}

export const authRoutes = (ctx: Ctx): TagHandlers<'auth'> => ({
  signInWechat: async ({ body, req }) => {
    rateLimit(ctx, `wx:${req.ip}`, ctx.config.signInLimitPerMinute * 10)
    const r = await wechatProvider(ctx).exchange(body.code)
    return session(ctx, findOrCreateWechatUser(ctx, r.openid))
  },

  requestOtp: async ({ body, req }) => {
    rateLimit(ctx, `otp-req:${body.phone}`, 5)
    rateLimit(ctx, `otp-req-ip:${req.ip}`)
    return { sent: true, expiresInSeconds: await requestOtp(ctx, body.phone) }
  },

  verifyOtp: ({ body, req }) => {
    rateLimit(ctx, `otp-verify:${body.phone}`, 10)
    rateLimit(ctx, `otp-verify-ip:${req.ip}`)
    return session(ctx, verifyOtp(ctx, body.phone, body.code))
  },

  signOut: ({ req }) => {
    signOut(ctx, req.headers.authorization)
    return { ok: true }
  },

  me: ({ user }) => meView(ctx, user)
})
