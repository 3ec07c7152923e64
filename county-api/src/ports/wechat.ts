// WeChat sign-in port: exchanging the code from wx.login() for the user's openid. In production
// jscode2session with the county's appid/secret; in development `demo-<name>` codes.
import type { Ctx } from '../context'

interface WechatProvider {
  exchange(code: string): Promise<{ openid: string } | null>
}

/** Development: `demo-<name>` codes sign in as the demo user `<name>` (or a new user). */
const devWechatProvider: WechatProvider = {
  async exchange(code) {
    const m = /^demo-([a-z0-9-]{1,60})$/.exec(code)
    return m ? { openid: `dev-openid-${m[1]}` } : null
  }
}

/** Production: jscode2session with the county's appid/secret. */
function jscode2sessionProvider(appid: string, secret: string): WechatProvider {
  return {
    async exchange(code) {
      const url = `https://api.weixin.qq.com/sns/jscode2session?appid=${encodeURIComponent(appid)}&secret=${encodeURIComponent(secret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`
      const res = await fetch(url)
      const body = (await res.json()) as { openid?: string; errcode?: number }
      return body.openid ? { openid: body.openid } : null
    }
  }
}

/** `demo-*` codes exist only outside production: there, no AppID is a refusal to start (config/production.ts), and this refuses again. */
export function wechatProvider(ctx: Ctx): WechatProvider {
  if (ctx.config.wechatAppId && ctx.config.wechatSecret)
    return jscode2sessionProvider(ctx.config.wechatAppId, ctx.config.wechatSecret)
  if (ctx.config.mode === 'production')
    throw new Error('production signs in with WeChat: set WECHAT_APPID and WECHAT_SECRET')
  return devWechatProvider
}
