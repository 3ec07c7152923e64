// Tag `auth`: signing in (WeChat code, or phone and one-time code on h5), signing out, who I am.
import type { Ctx } from '../context'
import type { UserRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { createSession, findOrCreateWechatUser, requestOtp, signOut, signOutEverywhere, verifyOtp } from '../auth'
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
  signInWechat: async ({ body }) => {
    const r = await wechatProvider(ctx).exchange(body.code)
    return session(ctx, findOrCreateWechatUser(ctx, r.openid))
  },

  // development only (auth 'dev': production does not serve it): the demo users the seed made,
  // each with the demo-<name> code that signs in as them
  listDemoAccounts: () => {
    const rows = ctx.db
      .prepare(
        "SELECT openid, display_name FROM users WHERE role = 'villager' AND openid LIKE 'dev-openid-%' ORDER BY phone, id"
      )
      .all() as { openid: string; display_name: string }[]
    return {
      accounts: rows.map((u) => ({ code: `demo-${u.openid.slice('dev-openid-'.length)}`, name: u.display_name }))
    }
  },

  requestOtp: async ({ body }) => {
    return { sent: true, expiresInSeconds: await requestOtp(ctx, body.phone) }
  },

  verifyOtp: ({ body }) => {
    return session(ctx, verifyOtp(ctx, body.phone, body.code))
  },

  signOut: ({ req }) => {
    signOut(ctx, req.headers.authorization)
    return { ok: true }
  },

  // a phone lost or lent out: every session of this account ends, this one too
  signOutEverywhere: ({ user }) => {
    signOutEverywhere(ctx, user.id)
    return { ok: true }
  },

  me: ({ user }) => meView(ctx, user)
})
