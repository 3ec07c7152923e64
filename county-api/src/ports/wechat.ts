// WeChat sign-in port: exchanging the code from wx.login() for the user's openid. With the county's
// AppID and AppSecret, jscode2session (WECHAT_API_BASE: WeChat, or the WeChat simulator in
// development and tests), with a timeout and the documented errcodes turned into plain Chinese;
// without them (development only) `demo-<name>` codes.
import type { Ctx } from '../context'
import { ApiFailure } from '../errors'

interface WechatProvider {
  /** The openid; throws ApiFailure with a message the villager can act on. */
  exchange(code: string): Promise<{ openid: string }>
}

/** Development without an AppID: `demo-<name>` codes sign in as the demo user `<name>` (or a new user). */
const devWechatProvider: WechatProvider = {
  async exchange(code) {
    const m = /^demo-([a-z0-9-]{1,60})$/.exec(code)
    if (!m) throw new ApiFailure('WECHAT_CODE_INVALID')
    return { openid: `dev-openid-${m[1]}` }
  }
}

/** What jscode2session's errcodes mean for the villager (developers.weixin.qq.com … api_code2session). */
function refusal(errcode: number): ApiFailure {
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code already used
      return new ApiFailure('WECHAT_CODE_INVALID', { errcode }, '微信登录已过期，请重新打开小程序再试')
    case 45011: // a user's minute quota
      return new ApiFailure('RATE_LIMITED', { errcode, retryAfterSeconds: 60 }, '登录太频繁了，请过一分钟再试')
    case 40226: // high-risk user, blocked by WeChat
      return new ApiFailure('WECHAT_USER_BLOCKED', { errcode })
    default: // -1 busy after a retry, or the county's AppID/AppSecret refused
      return new ApiFailure('UPSTREAM_UNAVAILABLE', { errcode }, '微信登录暂时不能用，请稍后再试')
  }
}

/** jscode2session with the county's appid/secret: 5 s timeout, one retry when WeChat is busy (-1). */
function jscode2sessionProvider(ctx: Ctx, appid: string, secret: string): WechatProvider {
  const url = (code: string) =>
    `${ctx.config.wechatApiBase}/sns/jscode2session?appid=${encodeURIComponent(appid)}&secret=${encodeURIComponent(secret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`
  const once = async (code: string) => {
    try {
      const res = await fetch(url(code), { signal: AbortSignal.timeout(5000) })
      return (await res.json()) as { openid?: string; errcode?: number }
    } catch (e) {
      ctx.log.warn({ err: { message: String((e as Error).message) } }, 'jscode2session: no answer')
      return { errcode: -1 }
    }
  }
  return {
    async exchange(code) {
      let body = await once(code)
      if (body.errcode === -1) {
        await new Promise((r) => setTimeout(r, 300))
        body = await once(code)
      }
      if (typeof body.openid === 'string' && body.openid !== '' && !body.errcode) return { openid: body.openid }
      const errcode = body.errcode ?? 0
      if (errcode === 40013 || errcode === 40125)
        ctx.log.error({ errcode }, 'jscode2session refused the county AppID/AppSecret')
      else ctx.log.info({ errcode }, 'jscode2session refused a code')
      throw refusal(errcode)
    }
  }
}

/** `demo-*` codes exist only outside production: there, no AppID is a refusal to start (config/production.ts), and this refuses again. */
export function wechatProvider(ctx: Ctx): WechatProvider {
  if (ctx.config.wechatAppId && ctx.config.wechatSecret)
    return jscode2sessionProvider(ctx, ctx.config.wechatAppId, ctx.config.wechatSecret)
  if (ctx.config.mode === 'production')
    throw new Error('production signs in with WeChat: set WECHAT_APPID and WECHAT_SECRET')
  return devWechatProvider
}
