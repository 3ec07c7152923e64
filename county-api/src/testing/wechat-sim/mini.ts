// The simulator's mini-program server API: jscode2session, stable_token and subscribeMessage.send,
// with the documented errcodes. Codes: `demo-<name>` signs in as the demo user (openid
// dev-openid-<name>, as the seeded county knows them; reusable; only with `demoCodes`, for the demo
// and tests of a development county — WeChat itself knows no such code); `wx-invalid…`
// 40029, `wx-ratelimit…` 45011, `wx-risky…` 40226, `wx-busy…` -1 the first time it is tried; a
// code as wx.login gives (32 letters and digits) is good once (40163 the second time), anything else 40029. A subscribe message needs an acceptance the
// user gave (/sim/subscribe, as wx.requestSubscribeMessage records it): one message each.
import crypto from 'node:crypto'
import type { SimKeys } from './keys'
import type { Route } from './http'

/** A template's fields and their kinds (the mini-program admin shows them as thing1, date2, …). */
export type FieldKind = 'thing' | 'phrase' | 'amount' | 'date' | 'time' | 'character_string' | 'number' | 'name'

export interface SentMessage {
  touser: string
  templateId: string
  page: string | null
  data: Record<string, string>
  at: number
}

export interface MiniState {
  /** templates by id: field name → kind (tests and npm start register the county's) */
  templates: Map<string, Record<string, FieldKind>>
  /** acceptances left, by `${openid} ${templateId}` */
  acceptances: Map<string, number>
  messages: SentMessage[]
  /** stable_token calls, and how many were forced */
  tokenCalls: { force: boolean; at: number }[]
  accept(openid: string, templateId: string, times?: number): void
}

/** subscribeMessage field rules (developers.weixin.qq.com … subscribeMessage.send): the problem, or null. */
export function fieldProblem(kind: FieldKind, value: string): string | null {
  const chars = [...value]
  switch (kind) {
    case 'thing':
      return chars.length >= 1 && chars.length <= 20 ? null : 'thing: 1–20 个字符'
    case 'phrase':
      return /^[\u4e00-\u9fa5]{1,5}$/.test(value) ? null : 'phrase: 5 个以内汉字'
    case 'amount':
      return /^[¥￥]?\d{1,10}(\.\d{1,2})?元?$/.test(value)
        ? null
        : 'amount: 1 个币种符号 + 10 位以内纯数字，可带小数，结尾可带“元”'
    case 'date':
      return /^\d{4}(年\d{1,2}月\d{1,2}日|-\d\d-\d\d)( \d\d:\d\d(:\d\d)?)?$/.test(value) ? null : 'date: 年月日格式'
    case 'time':
      return /^\d\d:\d\d(:\d\d)?$/.test(value) ? null : 'time: 时分格式'
    case 'character_string':
      return /^[0-9A-Za-z_-]{1,32}$/.test(value) ? null : 'character_string: 32 位以内数字、字母或符号'
    case 'number':
      return /^\d{1,32}(\.\d+)?$/.test(value) ? null : 'number: 32 位以内数字'
    case 'name':
      return chars.length <= 10 ? null : 'name: 10 个以内纯汉字或 20 个以内纯字母'
  }
}

const json = (body: unknown) => ({ status: 200, body })

export function miniRoutes(o: { keys: SimKeys; now: () => number; demoCodes: boolean }) {
  const { keys } = o
  const usedCodes = new Set<string>()
  const busyOnce = new Set<string>()
  let token = { value: crypto.randomBytes(24).toString('base64url'), expires: Date.now() + 7200_000 }
  const validTokens = new Set([token.value])

  const state: MiniState = {
    templates: new Map(),
    acceptances: new Map(),
    messages: [],
    tokenCalls: [],
    accept(openid, templateId, times = 1) {
      const k = `${openid} ${templateId}`
      state.acceptances.set(k, (state.acceptances.get(k) ?? 0) + times)
    }
  }

  const routes: [string, RegExp, Route][] = [
    [
      'GET',
      /^\/sns\/jscode2session$/,
      (req) => {
        const q = req.query
        if (q.get('appid') !== keys.appId) return json({ errcode: 40013, errmsg: 'invalid appid' })
        if (q.get('secret') !== keys.appSecret) return json({ errcode: 40125, errmsg: 'invalid appsecret' })
        if (q.get('grant_type') !== 'authorization_code') return json({ errcode: 40002, errmsg: 'invalid grant_type' })
        const code = q.get('js_code') ?? ''
        if (code === '' || code.startsWith('wx-invalid')) return json({ errcode: 40029, errmsg: 'invalid code' })
        if (code.startsWith('wx-ratelimit')) return json({ errcode: 45011, errmsg: 'api minute-quota reach limit' })
        if (code.startsWith('wx-risky')) return json({ errcode: 40226, errmsg: 'invalid user, high risk' })
        if (code.startsWith('wx-busy') && !busyOnce.has(code)) {
          busyOnce.add(code)
          return json({ errcode: -1, errmsg: 'system error' })
        }
        const demo = o.demoCodes ? /^demo-([a-z0-9-]{1,60})$/.exec(code) : null
        if (!demo) {
          // a code from wx.login: 32 letters and digits, good once
          if (!/^[0-9A-Za-z]{32}$/.test(code) && !code.startsWith('wx-busy'))
            return json({ errcode: 40029, errmsg: 'invalid code' })
          if (usedCodes.has(code)) return json({ errcode: 40163, errmsg: 'code been used' })
          usedCodes.add(code)
        }
        const openid = demo
          ? `dev-openid-${demo[1]}`
          : `o${crypto.createHash('sha256').update(code).digest('base64url').slice(0, 27)}`
        return json({ openid, session_key: crypto.randomBytes(16).toString('base64') })
      }
    ],
    [
      'POST',
      /^\/cgi-bin\/stable_token$/,
      (req) => {
        const b = JSON.parse(req.body || '{}') as {
          grant_type?: string
          appid?: string
          secret?: string
          force_refresh?: boolean
        }
        if (b.grant_type !== 'client_credential') return json({ errcode: 40002, errmsg: 'invalid grant_type' })
        if (b.appid !== keys.appId) return json({ errcode: 40013, errmsg: 'invalid appid' })
        if (b.secret !== keys.appSecret) return json({ errcode: 40125, errmsg: 'invalid appsecret' })
        state.tokenCalls.push({ force: b.force_refresh === true, at: Date.now() })
        // normal mode: the same token until it runs out; force_refresh: a new one (the old stays valid a while)
        if (b.force_refresh === true || token.expires <= Date.now()) {
          token = { value: crypto.randomBytes(24).toString('base64url'), expires: Date.now() + 7200_000 }
          validTokens.add(token.value)
        }
        return json({ access_token: token.value, expires_in: Math.floor((token.expires - Date.now()) / 1000) })
      }
    ],
    [
      'POST',
      /^\/cgi-bin\/message\/subscribe\/send$/,
      (req) => {
        if (!validTokens.has(req.query.get('access_token') ?? ''))
          return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        const b = JSON.parse(req.body || '{}') as {
          touser?: string
          template_id?: string
          page?: string
          data?: Record<string, { value?: unknown }>
        }
        const fields = state.templates.get(b.template_id ?? '')
        if (!fields) return json({ errcode: 40037, errmsg: 'invalid template_id' })
        if (b.page !== undefined && !/^(pages|subpackages)\/[\w/-]+(\?.*)?$/.test(b.page))
          return json({ errcode: 41030, errmsg: 'invalid page' })
        const data: Record<string, string> = {}
        for (const [name, kind] of Object.entries(fields)) {
          const value = b.data?.[name]?.value
          const problem = typeof value === 'string' ? fieldProblem(kind, value) : `${name} 缺少`
          if (problem)
            return json({ errcode: 47003, errmsg: `argument invalid! data.${name}.value invalid: ${problem}` })
          data[name] = value as string
        }
        const k = `${b.touser} ${b.template_id}`
        const left = state.acceptances.get(k) ?? 0
        if (left <= 0) return json({ errcode: 43101, errmsg: 'user refuse to accept the msg' })
        state.acceptances.set(k, left - 1)
        state.messages.push({
          touser: b.touser as string,
          templateId: b.template_id as string,
          page: b.page ?? null,
          data,
          at: o.now()
        })
        return json({ errcode: 0, errmsg: 'ok', msgid: crypto.randomInt(1, 2 ** 31) })
      }
    ],
    [
      'POST',
      /^\/sim\/subscribe$/,
      (req) => {
        const b = JSON.parse(req.body || '{}') as { openid: string; templateIds: string[] }
        for (const t of b.templateIds ?? []) state.accept(b.openid, t)
        return json({ errMsg: 'requestSubscribeMessage:ok' })
      }
    ]
  ]
  return { routes, state }
}
