// WeChat Pay APIv3 as the county's payment provider, on node:crypto and fetch (protocol.ts):
// JSAPI orders for the mini-program (wx.requestPayment's paySign) and H5 orders for the web app,
// notifies verified over the raw body by the key their Wechatpay-Serial names and decrypted,
// queries for late notifies, closing, refunds and the daily trade bill. Every answer's signature
// is checked too (WeChat probes answers as well as notifies).
import crypto from 'node:crypto'
import fs from 'node:fs'
import type { PaymentStart } from '../../../../src/contract'
import { yuanToFen } from '../../../../src/calculator/money'
import type { Ctx } from '../../context'
import type { OrderRow } from '../../db/rows'
import { ApiFailure } from '../../errors'
import type { BillLine, PaymentProvider, ProviderPayment, ProviderRefund } from '../payment-provider'
import {
  authorization,
  decryptResource,
  payParams,
  publicKeyFromPem,
  verifySigned,
  type EncryptedResource,
  type Merchant
} from './protocol'

/** A transaction as WeChat Pay describes it (notify resource, query answer). */
interface Transaction {
  appid: string
  mchid: string
  out_trade_no: string
  transaction_id?: string
  trade_state: 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR'
  success_time?: string
  amount: { total: number; payer_total?: number; currency?: string }
}

interface RefundResource {
  mchid?: string
  out_trade_no: string
  transaction_id: string
  out_refund_no: string
  refund_id: string
  refund_status?: string
  status?: string
  success_time?: string
  amount: { total: number; refund: number }
}

interface NotifyBody {
  id?: unknown
  event_type?: unknown
  resource_type?: unknown
  resource?: Partial<EncryptedResource>
}

/** A failure of the provider that the caller may retry later (network, 5xx, an answer that does not verify). */
export class ProviderUnavailable extends Error {}

const REFUND_STATUS: Record<string, ProviderRefund['status']> = {
  SUCCESS: 'succeeded',
  PROCESSING: 'processing',
  CLOSED: 'closed',
  ABNORMAL: 'abnormal'
}

/** Reads WeChat Pay's trade bill (CSV: a header, lines of `-prefixed cells, then the totals). */
export function parseTradeBill(text: string): BillLine[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/)
  const header = lines[0].split(',')
  const col = (name: string) => {
    const i = header.indexOf(name)
    if (i < 0) throw new ProviderUnavailable(`trade bill without the column ${name}`)
    return i
  }
  const [time, txn, order, state, total, refundNo, refunded] = [
    col('交易时间'),
    col('微信订单号'),
    col('商户订单号'),
    col('交易状态'),
    col('订单金额'),
    col('商户退款单号'),
    col('退款金额')
  ]
  const out: BillLine[] = []
  for (const line of lines.slice(1)) {
    if (line.startsWith('总交易单数')) break // the totals follow
    if (!line.startsWith('`')) continue
    const c = line.slice(1).split(',`')
    const at = `${c[time].replace(' ', 'T')}+08:00`
    if (c[state] === 'REFUND')
      out.push({
        kind: 'refund',
        orderId: c[order],
        transactionId: c[txn],
        amountFen: yuanToFen(c[refunded]),
        refundId: c[refundNo],
        at
      })
    else
      out.push({
        kind: 'payment',
        orderId: c[order],
        transactionId: c[txn],
        amountFen: yuanToFen(c[total]),
        refundId: null,
        at
      })
  }
  return out
}

export function makeWechatPayProvider(ctx: Ctx): PaymentProvider {
  const c = ctx.config
  const need = <T>(v: T | null, name: string): T => {
    if (v === null) throw new Error(`PAYMENT_MODE=wechat needs ${name}`)
    return v
  }
  const appId = need(c.wechatAppId, 'WECHAT_APPID')
  const apiV3Key = need(c.wechatPayApiV3Key, 'WECHATPAY_APIV3_KEY')
  const merchant: Merchant = {
    mchid: need(c.wechatPayMchId, 'WECHATPAY_MCHID'),
    serial: need(c.wechatPayMerchantSerial, 'WECHATPAY_MERCHANT_SERIAL'),
    privateKey: crypto.createPrivateKey(fs.readFileSync(need(c.wechatPayPrivateKeyFile, 'WECHATPAY_PRIVATE_KEY_FILE')))
  }
  // serial → key: WeChat Pay public key ids and platform certificate serials, all held at once
  const keys = new Map<string, crypto.KeyObject>(
    need(c.wechatPayPublicKeys, 'WECHATPAY_PUBLIC_KEYS').map((pair) => {
      const at = pair.indexOf('=')
      return [pair.slice(0, at), publicKeyFromPem(fs.readFileSync(pair.slice(at + 1), 'utf8'))]
    })
  )
  const base = c.wechatPayApiBase
  const origin = new URL(base).origin
  const notifyUrl = () => `${c.publicUrl ?? ctx.url()}/v1/payments/wechat/notify`
  const nowSeconds = () => Math.floor(Date.now() / 1000)

  /** A signed request; the answer's signature is checked before it is believed. */
  async function call(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body?: object,
    opts: { signed?: boolean; url?: string } = {}
  ): Promise<{ status: number; text: string; bytes: Buffer; data: Record<string, unknown> | null }> {
    const text = body === undefined ? '' : JSON.stringify(body)
    const signed = await authorization(merchant, method, pathAndQuery, text)
    let res: Response
    try {
      res = await fetch(opts.url ?? `${base}${pathAndQuery}`, {
        method,
        headers: {
          Authorization: signed,
          Accept: 'application/json',
          'User-Agent': 'xqyb-county-api',
          ...(text ? { 'Content-Type': 'application/json' } : {})
        },
        body: text || undefined,
        signal: AbortSignal.timeout(10_000)
      })
    } catch (e) {
      throw new ProviderUnavailable(
        `WeChat Pay did not answer ${method} ${pathAndQuery.split('?')[0]}: ${(e as Error).message}`
      )
    }
    // (bytes, not text(): a decoder drops the bill's byte-order mark, which its hash covers)
    const bytes = Buffer.from(await res.arrayBuffer())
    const answer = bytes.toString('utf8')
    if (res.status >= 500) throw new ProviderUnavailable(`WeChat Pay answered ${res.status}`)
    // a success is believed only when it verifies (WeChat signs its answers; an error answer to a
    // request it could not verify is not signed, and an error never books money here)
    const ok = res.status >= 200 && res.status < 300
    if (ok && opts.signed !== false) {
      const v = verifySigned((n) => res.headers.get(n), answer, keys, nowSeconds())
      if (!v.ok) throw new ProviderUnavailable(`WeChat Pay's answer did not verify (${v.reason})`)
    }
    let data: Record<string, unknown> | null = null
    if (answer && opts.signed !== false) {
      try {
        data = JSON.parse(answer) as Record<string, unknown>
      } catch {
        throw new ProviderUnavailable('WeChat Pay answered something that is not JSON')
      }
    }
    return { status: res.status, text: answer, bytes, data }
  }

  const errorCode = (data: Record<string, unknown> | null) => (typeof data?.code === 'string' ? data.code : '')

  function toPayment(t: Transaction, notifyId: string): ProviderPayment | null {
    if (t.mchid !== merchant.mchid || t.appid !== appId) return null // not this merchant's money
    if (t.amount?.currency && t.amount.currency !== 'CNY') return null
    const paid = t.trade_state === 'SUCCESS' || t.trade_state === 'REFUND'
    if (!paid || !t.transaction_id || !t.success_time) return null
    return {
      notifyId,
      orderId: t.out_trade_no,
      transactionId: t.transaction_id,
      result: 'SUCCESS',
      amountFen: t.amount.total,
      paidAt: t.success_time
    }
  }

  function toRefund(r: RefundResource): ProviderRefund {
    return {
      refundId: r.out_refund_no,
      providerRefundId: r.refund_id ?? null,
      orderId: r.out_trade_no,
      transactionId: r.transaction_id,
      status: REFUND_STATUS[r.refund_status ?? r.status ?? ''] ?? 'abnormal',
      amountFen: r.amount?.refund,
      completedAt: r.success_time ?? null
    }
  }

  async function saveRef(order: OrderRow, ref: string) {
    await ctx.db.run(
      'UPDATE orders SET provider_ref = ?, provider_ref_at = ? WHERE id = ?',
      ref,
      ctx.clock.now(),
      order.id
    )
  }

  async function placeOrder(order: OrderRow, payer: { openid: string | null; ip: string }): Promise<string> {
    const weapp = order.channel === 'weapp'
    // a prepay_id lasts 2 hours, longer than an order; an h5_url only 5 minutes
    if (weapp && order.provider_ref) return order.provider_ref
    if (weapp && !payer.openid) throw new ApiFailure('CONFLICT', { reason: 'no openid' }, '请在微信小程序里付款')
    const body = {
      appid: appId,
      mchid: merchant.mchid,
      description: `城乡居民医保 ${order.year}年度缴费`,
      out_trade_no: order.id,
      // WeChat takes no payment after the order's expiry: the county expires it at the same moment
      time_expire: `${new Date(order.expires_at + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`,
      notify_url: notifyUrl(),
      amount: { total: order.amount_fen, currency: 'CNY' },
      ...(weapp
        ? { payer: { openid: payer.openid } }
        : { scene_info: { payer_client_ip: payer.ip, h5_info: { type: 'Wap' } } })
    }
    let r: Awaited<ReturnType<typeof call>>
    try {
      r = await call('POST', weapp ? '/v3/pay/transactions/jsapi' : '/v3/pay/transactions/h5', body)
    } catch (e) {
      ctx.log.warn({ orderId: order.id, err: { message: (e as Error).message } }, 'WeChat Pay order not placed')
      throw new ApiFailure('UPSTREAM_UNAVAILABLE', undefined, '微信支付暂时连不上，请稍后再试')
    }
    const ref = weapp ? r.data?.prepay_id : r.data?.h5_url
    if (r.status !== 200 || typeof ref !== 'string') {
      const code = errorCode(r.data)
      ctx.log.warn({ orderId: order.id, status: r.status, wechatPay: code }, 'WeChat Pay refused the order')
      if (code === 'ORDERPAID') throw new ApiFailure('CONFLICT', { status: 'paid' }, '这笔订单已经付过款，正在确认')
      if (code === 'ORDER_CLOSED') throw new ApiFailure('CONFLICT', { status: 'expired' }, '订单已关闭，请重新缴费')
      throw new ApiFailure('UPSTREAM_UNAVAILABLE', undefined, '微信支付暂时不能下单，请稍后再试')
    }
    await saveRef(order, ref)
    return ref
  }

  return {
    kind: 'wechat',

    async start(order, payer): Promise<PaymentStart> {
      const ref = await placeOrder(order, payer)
      return {
        orderId: order.id,
        provider: 'wechat',
        wechat: order.channel === 'weapp' ? await payParams(appId, ref, merchant.privateKey) : null,
        cashier: null,
        h5Url: order.channel === 'h5' ? ref : null
      }
    },

    readNotify(rawBody, header) {
      const v = verifySigned((n) => header(n), rawBody, keys, nowSeconds())
      if (!v.ok) throw new ApiFailure('SIGNATURE_INVALID', { reason: v.reason })
      let body: NotifyBody
      let plain: string
      try {
        body = JSON.parse(rawBody) as NotifyBody
        const r = body.resource
        if (body.resource_type !== 'encrypt-resource' || r?.algorithm !== 'AEAD_AES_256_GCM')
          throw new Error('resource')
        plain = decryptResource(r as EncryptedResource, apiV3Key)
      } catch {
        // signed by WeChat but not readable with our APIv3 key: not ours to apply (answered non-2xx, WeChat retries)
        throw new ApiFailure('SIGNATURE_INVALID', { reason: 'resource not readable' })
      }
      const event = String(body.event_type)
      if (event.startsWith('REFUND.')) return { kind: 'refund', refund: toRefund(JSON.parse(plain) as RefundResource) }
      const payment = toPayment(JSON.parse(plain) as Transaction, String(body.id))
      if (!payment) throw new ApiFailure('SIGNATURE_INVALID', { reason: 'not a payment of this merchant' })
      return { kind: 'payment', payment }
    },

    async query(order) {
      const r = await call(
        'GET',
        `/v3/pay/transactions/out-trade-no/${encodeURIComponent(order.id)}?mchid=${merchant.mchid}`
      )
      if (r.status === 404) return null
      if (r.status !== 200 || !r.data) throw new ProviderUnavailable(`query answered ${r.status} ${errorCode(r.data)}`)
      const t = r.data as unknown as Transaction
      return toPayment(t, `query-${t.transaction_id ?? order.id}`)
    },

    async close(order) {
      const r = await call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(order.id)}/close`, {
        mchid: merchant.mchid
      })
      if (r.status === 204 || r.status === 200) return 'closed'
      const code = errorCode(r.data)
      if (code === 'ORDERPAID') return 'paid'
      if (code === 'ORDER_NOT_EXIST' || code === 'ORDER_CLOSED') return 'closed'
      throw new ProviderUnavailable(`close answered ${r.status} ${code}`)
    },

    async refund(req) {
      const r = await call('POST', '/v3/refund/domestic/refunds', {
        transaction_id: req.transactionId,
        out_refund_no: req.refundId,
        reason: req.reason.slice(0, 80),
        notify_url: notifyUrl(),
        amount: { refund: req.amountFen, total: req.totalFen, currency: 'CNY' }
      })
      if (r.status !== 200 || !r.data)
        throw new ApiFailure(
          'CONFLICT',
          { wechatPay: errorCode(r.data) },
          `微信支付没有受理退款：${String(r.data?.message ?? r.status)}`
        )
      return toRefund({ ...(r.data as unknown as RefundResource), out_trade_no: req.orderId })
    },

    async queryRefund(refundId) {
      const r = await call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(refundId)}`)
      if (r.status === 404) return null
      if (r.status !== 200 || !r.data) throw new ProviderUnavailable(`refund query answered ${r.status}`)
      return toRefund(r.data as unknown as RefundResource)
    },

    async tradeBill(date) {
      const r = await call('GET', `/v3/bill/tradebill?bill_date=${date}&bill_type=ALL`)
      if (r.status === 400 && errorCode(r.data) === 'NO_STATEMENT_EXIST') return []
      const url = typeof r.data?.download_url === 'string' ? new URL(r.data.download_url) : null
      if (r.status !== 200 || !url)
        throw new ProviderUnavailable(`trade bill answered ${r.status} ${errorCode(r.data)}`)
      // sign only requests to WeChat Pay itself, whatever the answer names
      if (url.origin !== origin) throw new ProviderUnavailable('trade bill download is not at WeChat Pay')
      const file = await call('GET', `${url.pathname}${url.search}`, undefined, { signed: false, url: url.href })
      // the file is not signed: its SHA1 is, in the answer above
      if (crypto.createHash('sha1').update(file.bytes).digest('hex') !== String(r.data?.hash_value).toLowerCase())
        throw new ProviderUnavailable('trade bill does not match its hash')
      return parseTradeBill(file.text)
    },

    async deliverPending() {
      return 0
    },
    cashierPay: () => Promise.reject(new ApiFailure('NOT_FOUND')),
    cashierFail: () => Promise.reject(new ApiFailure('NOT_FOUND'))
  }
}
