// Tag `auth`: signing in (WeChat code, or phone and one-time code on h5), signing out, who I am.
import type { Ctx } from '../context'
import type { UserRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { createSession, findOrCreateWechatUser, requestOtp, signOut, signOutEverywhere, verifyOtp } from '../auth'
import { wechatProvider } from '../ports/wechat'
import { meView } from '../views'

async function userById(ctx: Ctx, id: string): Promise<UserRow> {
  return (await ctx.db.get<UserRow>(
    'SELECT id, role, openid, phone, person_id, display_name FROM users WHERE id = ?',
    id
  ))!
}

async function session(ctx: Ctx, userId: string) {
  const s = await createSession(ctx, userId)
  return { ...s, me: await meView(ctx, await userById(ctx, userId)) }
}

export const authRoutes = (ctx: Ctx): TagHandlers<'auth'> => ({
  signInWechat: async ({ body }) => {
    const r = await wechatProvider(ctx).exchange(body.code)
    return await session(ctx, await findOrCreateWechatUser(ctx, r.openid))
  },

  // development only (auth 'dev': production does not serve it): the demo users the seed made,
  // each with the demo-<name> code that signs in as them
  listDemoAccounts: async () => {
    const rows = await ctx.db.all<{ openid: string; display_name: string }>(
      "SELECT openid, display_name FROM users WHERE role = 'villager' AND openid LIKE 'dev-openid-%' ORDER BY phone, id"
    )
    return {
      accounts: rows.map((u) => ({ code: `demo-${u.openid.slice('dev-openid-'.length)}`, name: u.display_name }))
    }
  },

  requestOtp: async ({ body }) => {
    return { sent: true, expiresInSeconds: await requestOtp(ctx, body.phone) }
  },

  verifyOtp: async ({ body }) => {
    return await session(ctx, await verifyOtp(ctx, body.phone, body.code))
  },

  signOut: async ({ req }) => {
    await signOut(ctx, req.headers.authorization)
    return { ok: true }
  },

  // a phone lost or lent out: every session of this account ends, this one too
  signOutEverywhere: async ({ user }) => {
    await signOutEverywhere(ctx, user.id)
    return { ok: true }
  },

  me: async ({ user }) => await meView(ctx, user)
})
