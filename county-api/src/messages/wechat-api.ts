// The mini-program server API for messages: the access token (getStableAccessToken, normal mode:
// WeChat gives every caller the same token, so it is kept in the database and shared by every API
// process; refreshed 5 minutes before it runs out, forced at most once when WeChat says it is
// invalid) and subscribeMessage.send with its errcodes.
import type { Ctx } from '../context'
import { getMeta, setMeta } from '../db'

const TOKEN_KEY = 'wechat_access_token'
const EARLY_MS = 5 * 60_000

interface Stored {
  token: string
  expiresAt: number
}

export type SendOutcome =
  | { status: 'sent' }
  /** 43101: the user refused, or no acceptance left */
  | { status: 'refused' }
  /** 47003 / 41030 / 40037: our message breaks a field rule, the page or the template id */
  | { status: 'invalid'; errcode: number }
  /** -1, 40001 after a refresh, no answer: try again later */
  | { status: 'retry'; errcode: number }

async function post(ctx: Ctx, path: string, body: unknown): Promise<{ errcode?: number; [k: string]: unknown }> {
  try {
    const res = await fetch(`${ctx.config.wechatApiBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000)
    })
    return (await res.json()) as { errcode?: number }
  } catch {
    return { errcode: -1 }
  }
}

/** The shared token; `force` asks WeChat for a new one (when it said the stored one is invalid). */
export async function accessToken(ctx: Ctx, force = false): Promise<string | null> {
  const stored = await getMeta(ctx.db, TOKEN_KEY)
  const s = stored ? (JSON.parse(stored) as Stored) : null
  if (!force && s && s.expiresAt - EARLY_MS > Date.now()) return s.token
  const r = await post(ctx, '/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: ctx.config.wechatAppId,
    secret: ctx.config.wechatSecret,
    force_refresh: force
  })
  if (typeof r.access_token !== 'string' || typeof r.expires_in !== 'number') {
    ctx.log.warn({ errcode: r.errcode }, 'stable_token refused')
    return null
  }
  await setMeta(
    ctx.db,
    TOKEN_KEY,
    JSON.stringify({ token: r.access_token, expiresAt: Date.now() + r.expires_in * 1000 })
  )
  return r.access_token
}

export async function sendSubscribeMessage(
  ctx: Ctx,
  m: { touser: string; templateId: string; page: string | null; data: Record<string, string> }
): Promise<SendOutcome> {
  const body = {
    touser: m.touser,
    template_id: m.templateId,
    ...(m.page ? { page: m.page } : {}),
    data: Object.fromEntries(Object.entries(m.data).map(([k, value]) => [k, { value }])),
    miniprogram_state: ctx.config.wechatMiniprogramState,
    lang: 'zh_CN'
  }
  for (const force of [false, true]) {
    const token = await accessToken(ctx, force)
    if (!token) return { status: 'retry', errcode: -1 }
    const r = await post(ctx, `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, body)
    const errcode = r.errcode ?? 0
    if (errcode === 0) return { status: 'sent' }
    if (errcode === 43101) return { status: 'refused' }
    if (errcode === 47003 || errcode === 41030 || errcode === 40037) {
      ctx.log.error({ errcode, templateId: m.templateId, errmsg: r.errmsg }, 'subscribe message refused as invalid')
      return { status: 'invalid', errcode }
    }
    if (errcode !== 40001 && errcode !== 42001) return { status: 'retry', errcode }
    // the stored token is no longer valid: one forced refresh, then the next round
  }
  return { status: 'retry', errcode: 40001 }
}
