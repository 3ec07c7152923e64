// The WeChat simulator: a loopback HTTP server with throwaway keys (keys.ts) that speaks the real
// protocols, so the county API pays, signs in and sends messages exactly as against WeChat:
//   WeChat Pay APIv3 (pay.ts): JSAPI and H5 orders, query, close, refunds, trade bills, and signed,
//     encrypted notifies with WeChat's retry schedule (compressed), duplicates, delays, held and
//     reordered notifies, bad-signature probes, a key switch and clock skew, on demand;
//   the mini-program server API (mini.ts): jscode2session (demo-* codes and the documented
//     errcodes), stable_token and subscribeMessage.send (field rules, one message per acceptance).
// What the phone does (wx.requestPayment, the H5 cashier page, accepting a subscription) are
// routes under /sim/. Used by tests, `npm start`, the browser tests and bench:api.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { countyEnvFor, makeSimKeys, type SimKeys } from './keys'
import { payRoutes, type NotifyBehaviour, type PayState } from './pay'
import { miniRoutes, type MiniState } from './mini'
import type { Route, SimAnswer, SimRequest } from './http'

export interface WechatSimOptions {
  port?: number
  /**
   * The business clock (epoch ms) for payment times and bill dates: tests pin the county's clock,
   * and the simulator must agree with it. Signature timestamps always use the real clock.
   */
  now?: () => number
  /** WeChat's notify retry schedule is multiplied by this (default 0.001: 15 s becomes 15 ms). */
  retryScale?: number
  keys?: SimKeys
  /** accept `demo-<name>` sign-in codes as the demo county's users (default true; a production test says false) */
  demoCodes?: boolean
}

export interface WechatSim {
  url: string
  keys: SimKeys
  /** The county API's settings to use this simulator. */
  countyEnv(): Record<string, string>
  pay: PayState
  mini: MiniState
  /** How the next notifies are sent (duplicates, delay, hold, probe, key, skew); merged into the current. */
  behave(b: Partial<NotifyBehaviour>): void
  /** Answers the next request to a path starting with `prefix` with this status (or waits `delayMs` first). */
  failNext(prefix: string, failure: { status?: number; delayMs?: number }): void
  /** Every request the county made, in order (method and path), for tests. */
  requests: { method: string; path: string; at: number }[]
  close(): Promise<void>
}

export async function startWechatSim(opts: WechatSimOptions = {}): Promise<WechatSim> {
  const keys = opts.keys ?? makeSimKeys()
  const now = opts.now ?? Date.now
  let baseUrl = ''
  const failures: { prefix: string; status?: number; delayMs?: number }[] = []
  const requests: WechatSim['requests'] = []
  const pay = payRoutes({ keys, now, url: () => baseUrl, retryScale: opts.retryScale ?? 0.001 })
  const mini = miniRoutes({ keys, now, demoCodes: opts.demoCodes ?? true })
  const table: [string, RegExp, Route][] = [...pay.routes, ...mini.routes]

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://sim')
      const sr: SimRequest = {
        method: req.method ?? 'GET',
        url: `${u.pathname}${u.search}`,
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      }
      requests.push({ method: sr.method, path: sr.path, at: Date.now() })
      if (requests.length > 50_000) requests.splice(0, 25_000)
      void answer(sr).then((a) => send(res, a))
    })
  })

  async function answer(req: SimRequest): Promise<SimAnswer> {
    const f = failures.findIndex((x) => req.path.startsWith(x.prefix))
    if (f >= 0) {
      const [failure] = failures.splice(f, 1)
      if (failure.delayMs) await new Promise((r) => setTimeout(r, failure.delayMs))
      if (failure.status) return { status: failure.status, body: { code: 'SYSTEM_ERROR', message: '系统繁忙（模拟）' } }
    }
    for (const [method, pattern, route] of table) {
      const m = method === req.method ? pattern.exec(req.path) : null
      if (m) {
        try {
          return await route(req, m.slice(1))
        } catch (e) {
          return { status: 500, body: { code: 'SYSTEM_ERROR', message: String((e as Error).message) } }
        }
      }
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: `模拟器没有 ${req.method} ${req.path}` } }
  }

  function send(res: http.ServerResponse, a: SimAnswer) {
    const text = a.raw ? a.raw.text : a.body === undefined ? '' : JSON.stringify(a.body)
    const headers: Record<string, string> = {
      'content-type': a.raw ? a.raw.contentType : 'application/json; charset=utf-8',
      'request-id': `sim-${Math.random().toString(36).slice(2)}`,
      ...a.headers,
      ...(a.signed ? pay.signAnswer(text) : {})
    }
    res.writeHead(a.status, headers)
    res.end(text)
  }

  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: baseUrl,
    keys,
    countyEnv: () => countyEnvFor(keys, baseUrl),
    pay: pay.state,
    mini: mini.state,
    behave: (b) => Object.assign(pay.state.behaviour, b),
    failNext: (prefix, failure) => failures.push({ prefix, ...failure }),
    requests,
    async close() {
      pay.stop()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}

export { makeSimKeys } from './keys'
export type { SimKeys } from './keys'
