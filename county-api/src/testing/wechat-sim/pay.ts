// The simulator's WeChat Pay APIv3: the merchant's signed requests are verified as WeChat does
// (401 SIGN_ERROR otherwise), answers and notifies are signed with the simulator's WeChat Pay key
// (public-key id or platform certificate serial), notifies are AES-256-GCM encrypted with the
// APIv3 key and retried on WeChat's schedule until the county answers 2xx.
import crypto from 'node:crypto'
import { fenToYuan, yuanToFen } from '../../../../src/calculator/money'
import {
  encryptResource,
  parseAuthorization,
  requestMessage,
  rsaVerify,
  signedHeaders,
  verifyPaySign,
  SIGNATURE_WINDOW_S
} from '../../ports/wechat-pay/protocol'
import type { SimKeys } from './keys'
import type { Route, SimAnswer, SimRequest } from './http'

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR'

export interface SimOrder {
  outTradeNo: string
  appid: string
  mchid: string
  description: string
  totalFen: number
  notifyUrl: string
  openid: string | null
  tradeType: 'JSAPI' | 'MWEB'
  prepayId: string
  timeExpire: number | null
  state: TradeState
  transactionId: string | null
  successTime: number | null
  /** the order request's fields, to tell a repeated request from another order under the same number */
  fingerprint: string
}

export interface SimRefund {
  outRefundNo: string
  refundId: string
  outTradeNo: string
  transactionId: string
  refundFen: number
  totalFen: number
  status: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL'
  successTime: number | null
  notifyUrl: string | null
  reason: string
}

export interface NotifyBehaviour {
  /** before the first attempt (ms) */
  delayMs: number
  /** after a notify was accepted, send it again this many times (WeChat does, now and then) */
  duplicates: number
  /** before each notify, send a copy with a wrong signature (WeChat's probes) */
  probe: boolean
  /** keep notifies until release() (late notifies, reordering) */
  hold: boolean
  /** which WeChat Pay key signs answers and notifies; `alternate`: by turns, as during a key switch */
  signWith: 'publicKey' | 'certificate' | 'alternate'
  /** notifies' signature timestamps are off by this many seconds (a skewed clock, or a replay of an old one) */
  skewSeconds: number
}

interface Delivery {
  id: string
  kind: 'transaction' | 'refund' | 'probe' | 'duplicate'
  outTradeNo: string
  status: number
  at: number
}

interface PendingNotify {
  url: string
  body: string
  kind: 'transaction' | 'refund'
  outTradeNo: string
  id: string
}

export interface PayState {
  orders: Map<string, SimOrder>
  refunds: Map<string, SimRefund>
  behaviour: NotifyBehaviour
  deliveries: Delivery[]
  /** the last notifies sent as WeChat signed them (body and headers), newest last: a test replays them */
  sent: { url: string; body: string; headers: Record<string, string> }[]
  held: PendingNotify[]
  /** sends the held notifies now, in the order they were held or reversed */
  release(order?: 'fifo' | 'reverse'): Promise<void>
  /** the phone's wx.requestPayment: the paySign is checked with the merchant's key, as the WeChat client does */
  payJsapi(p: { timeStamp: string; nonceStr: string; package: string; paySign: string }): Promise<SimOrder>
  /** pays an order as its payer would (H5 page, or a test), optionally with another amount */
  payOrder(outTradeNo: string, opts?: { amountFen?: number }): SimOrder
  /** money WeChat took under a merchant order number the county never issued */
  strayPayment(outTradeNo: string, amountFen: number, notifyUrl: string): SimOrder
  /** resolves when no notify is scheduled or being sent (held ones excepted) */
  settled(): Promise<void>
}

const TRADE_BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注'
const TRADE_BILL_SUMMARY =
  '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额'
/** WeChat's retry schedule for a notify not answered 2xx: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h. */
const RETRY_SECONDS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600]

const OFFSET = 8 * 3600_000
/** RFC 3339 in +08:00, as WeChat writes times. */
export function rfc3339(ms: number): string {
  return `${new Date(ms + OFFSET).toISOString().slice(0, 19)}+08:00`
}
const shanghaiDate = (ms: number) => new Date(ms + OFFSET).toISOString().slice(0, 10)
const billTime = (ms: number) => new Date(ms + OFFSET).toISOString().slice(0, 19).replace('T', ' ')
const digits = (n: number) => Array.from({ length: n }, () => crypto.randomInt(0, 10)).join('')

const fail = (status: number, code: string, message: string): SimAnswer => ({
  status,
  body: { code, message },
  signed: true
})

export function payRoutes(o: { keys: SimKeys; now: () => number; url: () => string; retryScale: number }) {
  const { keys } = o
  const timers = new Set<NodeJS.Timeout>()
  let inFlight = 0
  let idle: (() => void)[] = []
  let turn = 0
  const bills = new Map<string, string>()

  const state: PayState = {
    orders: new Map(),
    refunds: new Map(),
    behaviour: { delayMs: 0, duplicates: 0, probe: false, hold: false, signWith: 'publicKey', skewSeconds: 0 },
    deliveries: [],
    sent: [],
    held: [],
    release: async (order = 'fifo') => {
      const list = state.held.splice(0)
      if (order === 'reverse') list.reverse()
      for (const n of list) await attempt(n, 0)
    },
    payJsapi: async (p) => {
      if (!verifyPaySign(keys.appId, p, keys.merchant.publicKey))
        throw Object.assign(new Error('requestPayment:fail 签名错误'), { status: 400 })
      const prepayId = /^prepay_id=(.+)$/.exec(p.package)?.[1]
      const order = [...state.orders.values()].find((x) => x.prepayId === prepayId)
      if (!order) throw Object.assign(new Error('requestPayment:fail 订单不存在'), { status: 400 })
      return state.payOrder(order.outTradeNo)
    },
    payOrder: (outTradeNo, opts = {}) => {
      const order = state.orders.get(outTradeNo)
      if (!order) throw Object.assign(new Error('订单不存在'), { status: 404 })
      if (order.state === 'SUCCESS' || order.state === 'REFUND') return order // paid already: one payment
      if (order.state !== 'NOTPAY') throw Object.assign(new Error(`订单状态 ${order.state}`), { status: 400 })
      if (order.timeExpire !== null && o.now() > order.timeExpire)
        throw Object.assign(new Error('订单已过期'), { status: 400 })
      order.state = 'SUCCESS'
      order.transactionId = `4200${digits(24)}`
      order.successTime = o.now()
      if (opts.amountFen !== undefined) order.totalFen = opts.amountFen
      scheduleNotify('transaction', order.notifyUrl, order.outTradeNo, transaction(order))
      return order
    },
    strayPayment: (outTradeNo, amountFen, notifyUrl) => {
      const order: SimOrder = {
        outTradeNo,
        appid: keys.appId,
        mchid: keys.mchid,
        description: '（不明款项）',
        totalFen: amountFen,
        notifyUrl,
        openid: `o-stray-${digits(6)}`,
        tradeType: 'JSAPI',
        prepayId: `wx${digits(20)}`,
        timeExpire: null,
        state: 'NOTPAY',
        transactionId: null,
        successTime: null,
        fingerprint: ''
      }
      state.orders.set(outTradeNo, order)
      return state.payOrder(outTradeNo)
    },
    settled: () => (timers.size === 0 && inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => idle.push(r)))
  }

  function signingKey(): { key: crypto.KeyObject; serial: string } {
    const b = state.behaviour
    const usePub = b.signWith === 'publicKey' || (b.signWith === 'alternate' && turn++ % 2 === 0)
    return usePub
      ? { key: keys.publicKey.privateKey, serial: keys.publicKey.id }
      : { key: keys.certificate.privateKey, serial: keys.certificate.serial }
  }

  function signAnswer(body: string, skewSeconds = 0): Record<string, string> {
    const { key, serial } = signingKey()
    const ts = String(Math.floor(Date.now() / 1000) + skewSeconds)
    return { ...signedHeaders(body, key, serial, ts) }
  }

  function transaction(order: SimOrder) {
    return {
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.outTradeNo,
      ...(order.transactionId ? { transaction_id: order.transactionId } : {}),
      trade_type: order.tradeType,
      trade_state: order.state,
      trade_state_desc: {
        NOTPAY: '未支付',
        SUCCESS: '支付成功',
        CLOSED: '已关闭',
        REFUND: '转入退款',
        PAYERROR: '支付失败'
      }[order.state],
      ...(order.successTime !== null ? { bank_type: 'OTHERS', success_time: rfc3339(order.successTime) } : {}),
      attach: '',
      payer: { openid: order.openid ?? '' },
      amount: { total: order.totalFen, payer_total: order.totalFen, currency: 'CNY', payer_currency: 'CNY' }
    }
  }

  function refundView(r: SimRefund) {
    return {
      refund_id: r.refundId,
      out_refund_no: r.outRefundNo,
      transaction_id: r.transactionId,
      out_trade_no: r.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(r.successTime !== null ? { success_time: rfc3339(r.successTime) } : {}),
      create_time: rfc3339(o.now()),
      status: r.status,
      amount: {
        total: r.totalFen,
        refund: r.refundFen,
        payer_total: r.totalFen,
        payer_refund: r.refundFen,
        currency: 'CNY'
      }
    }
  }

  // ---- notifies ----

  function done() {
    if (timers.size === 0 && inFlight === 0) {
      const waiting = idle
      idle = []
      for (const r of waiting) r()
    }
  }

  function later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      timers.delete(t)
      fn()
      done()
    }, ms)
    timers.add(t)
  }

  function scheduleNotify(kind: 'transaction' | 'refund', url: string, outTradeNo: string, resource: object) {
    const created = o.now()
    const id = `${kind === 'transaction' ? 'EV' : 'RF'}-${digits(20)}`
    const body = JSON.stringify({
      id,
      create_time: rfc3339(created),
      resource_type: 'encrypt-resource',
      event_type: kind === 'transaction' ? 'TRANSACTION.SUCCESS' : 'REFUND.SUCCESS',
      summary: kind === 'transaction' ? '支付成功' : '退款成功',
      resource: encryptResource(JSON.stringify(resource), keys.apiV3Key, kind, kind)
    })
    const n: PendingNotify = { url, body, kind, outTradeNo, id }
    if (state.behaviour.hold) {
      state.held.push(n)
      return
    }
    later(state.behaviour.delayMs, () => void attempt(n, 0))
  }

  async function post(n: PendingNotify, kind: Delivery['kind'], headers: Record<string, string>): Promise<number> {
    inFlight++
    let status = 0
    try {
      const res = await fetch(n.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: n.body,
        signal: AbortSignal.timeout(5000)
      })
      status = res.status
      await res.arrayBuffer()
    } catch {
      status = 0
    } finally {
      inFlight--
    }
    state.deliveries.push({ id: n.id, kind, outTradeNo: n.outTradeNo, status, at: Date.now() })
    if (kind !== 'probe') {
      state.sent.push({ url: n.url, body: n.body, headers })
      if (state.sent.length > 50) state.sent.shift()
    }
    if (state.deliveries.length > 100_000) state.deliveries.splice(0, 50_000)
    return status
  }

  async function attempt(n: PendingNotify, tries: number): Promise<void> {
    if (state.behaviour.probe) {
      // same body, a signature by nobody's key: the county must answer non-2xx and change nothing
      const forged = signAnswer(n.body)
      forged['wechatpay-signature'] = crypto.randomBytes(256).toString('base64')
      await post(n, 'probe', forged)
    }
    const skew = state.behaviour.skewSeconds
    const status = await post(n, n.kind, signAnswer(n.body, skew))
    if (status >= 200 && status < 300) {
      for (let i = 0; i < state.behaviour.duplicates; i++) await post(n, 'duplicate', signAnswer(n.body, skew))
    } else if (tries < RETRY_SECONDS.length) {
      later(RETRY_SECONDS[tries] * 1000 * o.retryScale, () => void attempt(n, tries + 1))
    }
    done()
  }

  // ---- the merchant's requests ----

  /** WeChat Pay checks the merchant's signature over METHOD, URL, timestamp, nonce and body. */
  function authorized(req: SimRequest): SimAnswer | null {
    const a = parseAuthorization(req.headers.authorization)
    if (!a) return fail(401, 'SIGN_ERROR', 'Authorization 格式不对')
    if (a.mchid !== keys.mchid) return fail(401, 'SIGN_ERROR', '商户号不对')
    if (a.serial_no !== keys.merchant.serial) return fail(401, 'SIGN_ERROR', '商户证书序列号不对')
    if (Math.abs(Date.now() / 1000 - Number(a.timestamp)) > SIGNATURE_WINDOW_S)
      return fail(401, 'SIGN_ERROR', '时间戳过期')
    const message = requestMessage(req.method, req.url, a.timestamp, a.nonce_str, req.body)
    if (!rsaVerify(message, a.signature, keys.merchant.publicKey)) return fail(401, 'SIGN_ERROR', '签名错误')
    return null
  }

  type Handler = (req: SimRequest, params: string[], body: Record<string, unknown>) => SimAnswer
  const merchantApi =
    (h: Handler): Route =>
    (req, params) => {
      const denied = authorized(req)
      if (denied) return denied
      let body: Record<string, unknown> = {}
      if (req.body) {
        try {
          body = JSON.parse(req.body) as Record<string, unknown>
        } catch {
          return fail(400, 'PARAM_ERROR', '请求体不是 JSON')
        }
      }
      return h(req, params, body)
    }

  function placeOrder(tradeType: SimOrder['tradeType'], body: Record<string, unknown>): SimOrder | SimAnswer {
    const amount = body.amount as { total?: unknown; currency?: unknown } | undefined
    const outTradeNo = String(body.out_trade_no ?? '')
    if (body.appid !== keys.appId) return fail(400, 'APPID_MCHID_NOT_MATCH', 'appid 和商户号不匹配')
    if (body.mchid !== keys.mchid) return fail(400, 'MCH_NOT_EXISTS', '商户号不存在')
    if (!/^[0-9A-Za-z_\-*|]{6,32}$/.test(outTradeNo)) return fail(400, 'PARAM_ERROR', 'out_trade_no 不合规')
    if (!Number.isInteger(amount?.total) || (amount?.total as number) <= 0 || (amount?.currency ?? 'CNY') !== 'CNY')
      return fail(400, 'PARAM_ERROR', 'amount 不合规')
    if (typeof body.notify_url !== 'string' || !/^https?:\/\//.test(body.notify_url))
      return fail(400, 'PARAM_ERROR', 'notify_url 不合规')
    const openid = (body.payer as { openid?: string } | undefined)?.openid ?? null
    if (tradeType === 'JSAPI' && !openid) return fail(400, 'PARAM_ERROR', 'payer.openid 必填')
    const fingerprint = JSON.stringify([body.description, amount?.total, openid, tradeType])
    const existing = state.orders.get(outTradeNo)
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return fail(400, 'ORDERPAID', '该订单已支付')
      if (existing.state === 'CLOSED') return fail(400, 'ORDER_CLOSED', '订单已关闭')
      if (existing.fingerprint !== fingerprint) return fail(400, 'INVALID_REQUEST', '201 商户订单号重复')
      return existing // the same request again: the same prepay
    }
    const order: SimOrder = {
      outTradeNo,
      appid: keys.appId,
      mchid: keys.mchid,
      description: String(body.description ?? ''),
      totalFen: amount?.total as number,
      notifyUrl: body.notify_url,
      openid,
      tradeType,
      prepayId: `wx${digits(8)}${crypto.randomBytes(12).toString('hex')}`,
      timeExpire: typeof body.time_expire === 'string' ? Date.parse(body.time_expire) : null,
      state: 'NOTPAY',
      transactionId: null,
      successTime: null,
      fingerprint
    }
    state.orders.set(outTradeNo, order)
    return order
  }

  const isAnswer = (x: SimOrder | SimAnswer): x is SimAnswer => 'status' in x

  function tradeBill(date: string): string | null {
    const rows: string[][] = []
    const money = (fen: number) => fenToYuan(fen)
    for (const order of state.orders.values())
      if (order.successTime !== null && order.transactionId && shanghaiDate(order.successTime) === date)
        rows.push([
          billTime(order.successTime),
          order.appid,
          order.mchid,
          '0',
          '',
          order.transactionId,
          order.outTradeNo,
          order.openid ?? '',
          order.tradeType,
          'SUCCESS',
          'OTHERS',
          'CNY',
          money(order.totalFen),
          '0.00',
          '0',
          '0',
          '0.00',
          '0.00',
          '',
          '',
          order.description,
          '',
          '0.00',
          '0.00%',
          money(order.totalFen),
          '0.00',
          ''
        ])
    for (const r of state.refunds.values()) {
      const order = state.orders.get(r.outTradeNo) as SimOrder
      if (r.successTime !== null && shanghaiDate(r.successTime) === date)
        rows.push([
          billTime(r.successTime),
          order.appid,
          order.mchid,
          '0',
          '',
          r.transactionId,
          r.outTradeNo,
          order.openid ?? '',
          order.tradeType,
          'REFUND',
          'OTHERS',
          'CNY',
          '0.00',
          '0.00',
          r.refundId,
          r.outRefundNo,
          money(r.refundFen),
          '0.00',
          'ORIGINAL',
          'SUCCESS',
          order.description,
          '',
          '0.00',
          '0.00%',
          money(r.totalFen),
          money(r.refundFen),
          ''
        ])
    }
    if (rows.length === 0) return null
    rows.sort((a, b) => a[0].localeCompare(b[0]))
    const sum = (i: number) => rows.reduce((total, r) => total + yuanToFen(r[i]), 0)
    const summary = [
      String(rows.length),
      money(sum(12)),
      money(sum(16)),
      '0.00',
      '0.00',
      money(sum(24)),
      money(sum(25))
    ]
    const line = (cells: string[]) => `\`${cells.join(',`')}`
    return `\ufeff${TRADE_BILL_HEADER}\n${rows.map(line).join('\n')}\n${TRADE_BILL_SUMMARY}\n${line(summary)}\n`
  }

  const h5Page = (order: SimOrder, redirect: string | null) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>微信支付（模拟）</title></head>
<body style="font-family:sans-serif;font-size:20px;padding:24px">
<h1>微信支付（模拟器）</h1>
<p>${order.description}</p>
<p class="amount">¥${fenToYuan(order.totalFen)}</p>
<form method="post" action="/sim/h5pay">
<input type="hidden" name="prepay_id" value="${order.prepayId}">
<input type="hidden" name="redirect_url" value="${(redirect ?? '').replace(/"/g, '&quot;')}">
<button name="action" value="pay" class="sim-pay" style="font-size:22px;padding:12px 32px">确认支付</button>
<button name="action" value="cancel" class="sim-cancel" style="font-size:22px;padding:12px 32px">取消</button>
</form></body></html>`

  const routes: [string, RegExp, Route][] = [
    [
      'POST',
      /^\/v3\/pay\/transactions\/jsapi$/,
      merchantApi((_req, _p, body) => {
        const o2 = placeOrder('JSAPI', body)
        return isAnswer(o2) ? o2 : { status: 200, body: { prepay_id: o2.prepayId }, signed: true }
      })
    ],
    [
      'POST',
      /^\/v3\/pay\/transactions\/h5$/,
      merchantApi((_req, _p, body) => {
        const o2 = placeOrder('MWEB', body)
        return isAnswer(o2)
          ? o2
          : { status: 200, body: { h5_url: `${o.url()}/sim/h5pay?prepay_id=${o2.prepayId}` }, signed: true }
      })
    ],
    [
      'GET',
      /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/,
      merchantApi((req, [no]) => {
        if (req.query.get('mchid') !== keys.mchid) return fail(400, 'PARAM_ERROR', 'mchid 不对')
        const order = state.orders.get(decodeURIComponent(no))
        return order
          ? { status: 200, body: transaction(order), signed: true }
          : fail(404, 'ORDER_NOT_EXIST', '订单不存在')
      })
    ],
    [
      'POST',
      /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/,
      merchantApi((_req, [no], body) => {
        if (body.mchid !== keys.mchid) return fail(400, 'PARAM_ERROR', 'mchid 不对')
        const order = state.orders.get(decodeURIComponent(no))
        if (!order) return fail(404, 'ORDER_NOT_EXIST', '订单不存在')
        if (order.state === 'SUCCESS' || order.state === 'REFUND') return fail(400, 'ORDERPAID', '该订单已支付')
        order.state = 'CLOSED'
        return { status: 204, signed: true }
      })
    ],
    [
      'POST',
      /^\/v3\/refund\/domestic\/refunds$/,
      merchantApi((_req, _p, body) => {
        const outRefundNo = String(body.out_refund_no ?? '')
        const known = state.refunds.get(outRefundNo)
        if (known) return { status: 200, body: refundView(known), signed: true }
        const order =
          typeof body.out_trade_no === 'string'
            ? state.orders.get(body.out_trade_no)
            : [...state.orders.values()].find((x) => x.transactionId === body.transaction_id)
        if (!order || !order.transactionId) return fail(404, 'RESOURCE_NOT_EXISTS', '订单不存在')
        const amount = body.amount as { refund?: number; total?: number }
        const refunded = [...state.refunds.values()]
          .filter((r) => r.outTradeNo === order.outTradeNo && r.status !== 'CLOSED')
          .reduce((s, r) => s + r.refundFen, 0)
        if (amount?.total !== order.totalFen) return fail(400, 'PARAM_ERROR', '订单金额不对')
        if (!Number.isInteger(amount.refund) || (amount.refund as number) <= 0)
          return fail(400, 'PARAM_ERROR', '退款金额不对')
        if ((amount.refund as number) + refunded > order.totalFen)
          return fail(403, 'NOT_ENOUGH', '退款金额超过可退金额')
        const r: SimRefund = {
          outRefundNo,
          refundId: `50${digits(27)}`,
          outTradeNo: order.outTradeNo,
          transactionId: order.transactionId,
          refundFen: amount.refund as number,
          totalFen: order.totalFen,
          status: 'PROCESSING',
          successTime: null,
          notifyUrl: typeof body.notify_url === 'string' ? body.notify_url : null,
          reason: String(body.reason ?? '')
        }
        state.refunds.set(outRefundNo, r)
        // the money goes back a moment later, then the refund notify
        later(0, () => {
          r.status = 'SUCCESS'
          r.successTime = o.now()
          order.state = 'REFUND'
          if (r.notifyUrl)
            scheduleNotify('refund', r.notifyUrl, r.outTradeNo, {
              mchid: order.mchid,
              out_trade_no: r.outTradeNo,
              transaction_id: r.transactionId,
              out_refund_no: r.outRefundNo,
              refund_id: r.refundId,
              refund_status: r.status,
              success_time: rfc3339(r.successTime),
              user_received_account: '支付用户零钱',
              amount: { total: r.totalFen, refund: r.refundFen, payer_total: r.totalFen, payer_refund: r.refundFen }
            })
        })
        return { status: 200, body: refundView(r), signed: true }
      })
    ],
    [
      'GET',
      /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/,
      merchantApi((_req, [no]) => {
        const r = state.refunds.get(decodeURIComponent(no))
        return r ? { status: 200, body: refundView(r), signed: true } : fail(404, 'RESOURCE_NOT_EXISTS', '退款单不存在')
      })
    ],
    [
      'GET',
      /^\/v3\/bill\/tradebill$/,
      merchantApi((req) => {
        const date = req.query.get('bill_date') ?? ''
        if (!/^\d{4}-\d\d-\d\d$/.test(date)) return fail(400, 'PARAM_ERROR', 'bill_date 不合规')
        if (date >= shanghaiDate(o.now())) return fail(400, 'NO_STATEMENT_EXIST', '账单还没有生成')
        const text = tradeBill(date)
        if (text === null) return fail(400, 'NO_STATEMENT_EXIST', '当日无交易，账单不存在')
        const token = crypto.randomBytes(12).toString('hex')
        bills.set(token, text)
        return {
          status: 200,
          body: {
            hash_type: 'SHA1',
            hash_value: crypto.createHash('sha1').update(text).digest('hex'),
            download_url: `${o.url()}/v3/billdownload/file?token=${token}`
          },
          signed: true
        }
      })
    ],
    [
      'GET',
      /^\/v3\/billdownload\/file$/,
      merchantApi((req) => {
        const text = bills.get(req.query.get('token') ?? '')
        // the file itself is not signed: the merchant checks its hash from the bill answer
        return text === undefined
          ? fail(404, 'RESOURCE_NOT_EXISTS', '账单不存在')
          : { status: 200, raw: { contentType: 'text/plain; charset=utf-8', text } }
      })
    ],
    // ---- what the payer's phone does ----
    [
      'POST',
      /^\/sim\/pay$/,
      async (req) => {
        const p = JSON.parse(req.body || '{}') as Parameters<PayState['payJsapi']>[0] & { cancel?: boolean }
        if (p.cancel) return { status: 200, body: { errMsg: 'requestPayment:fail cancel' } }
        try {
          await state.payJsapi(p)
          return { status: 200, body: { errMsg: 'requestPayment:ok' } }
        } catch (e) {
          return { status: 400, body: { errMsg: (e as Error).message } }
        }
      }
    ],
    [
      'GET',
      /^\/sim\/h5pay$/,
      (req) => {
        const order = [...state.orders.values()].find((x) => x.prepayId === req.query.get('prepay_id'))
        if (!order) return { status: 404, raw: { contentType: 'text/html; charset=utf-8', text: '<p>订单不存在</p>' } }
        return {
          status: 200,
          raw: { contentType: 'text/html; charset=utf-8', text: h5Page(order, req.query.get('redirect_url')) }
        }
      }
    ],
    [
      'POST',
      /^\/sim\/h5pay$/,
      (req) => {
        const form = new URLSearchParams(req.body)
        const order = [...state.orders.values()].find((x) => x.prepayId === form.get('prepay_id'))
        if (!order) return { status: 404, raw: { contentType: 'text/html; charset=utf-8', text: '<p>订单不存在</p>' } }
        let outcome = '已取消'
        if (form.get('action') === 'pay') {
          try {
            state.payOrder(order.outTradeNo)
            outcome = '支付成功'
          } catch (e) {
            outcome = (e as Error).message
          }
        }
        const back = form.get('redirect_url')
        return back
          ? { status: 303, headers: { location: back }, raw: { contentType: 'text/plain', text: outcome } }
          : { status: 200, raw: { contentType: 'text/html; charset=utf-8', text: `<p class="outcome">${outcome}</p>` } }
      }
    ]
  ]

  return {
    routes,
    state,
    signAnswer,
    stop() {
      for (const t of timers) clearTimeout(t)
      timers.clear()
      done()
    }
  }
}
