// The simulated payment provider (PAYMENT_MODE=simulated, development only): a cashier page
// instead of WeChat Pay, its own ledger (sim_payments), and HMAC-signed notifies (key
// PAYMENT_NOTIFY_KEY, random at each start unless set) delivered like a provider's, with retries.
// Production refuses it (config/production.ts); the server does not build it there.
import crypto from 'node:crypto'
import type { Ctx } from '../context'
import type { OrderRow, SimPaymentRow } from '../db/rows'
import { ApiFailure } from '../errors'
import { fenToYuan } from '../../../src/calculator/money'
import { isoDate, isoTime } from '../clock'
import { newId, randomHex } from '../ids'
import { inTx } from '../db'
import { isTransactionLost } from '../db/errors'
import type { BillLine, PaymentProvider, ProviderPayment } from './payment-provider'
import { receiveNotify } from '../pay/notify'

export function signBody(key: string, rawBody: string): string {
  return crypto.createHmac('sha256', key).update(rawBody).digest('hex')
}

export function verifySignature(key: string, rawBody: string, signature: string | undefined): boolean {
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return false
  const expected = Buffer.from(signBody(key, rawBody), 'hex')
  return crypto.timingSafeEqual(expected, Buffer.from(signature, 'hex'))
}

const asPayment = (row: SimPaymentRow): ProviderPayment => ({
  notifyId: row.notify_id,
  orderId: row.order_id,
  transactionId: row.transaction_id,
  result: row.result,
  amountFen: row.amount_fen,
  paidAt: isoTime(row.paid_at)
})

export function makeSimulatedProvider(ctx: Ctx): PaymentProvider {
  if (ctx.config.mode === 'production') throw new Error('production takes real money: PAYMENT_MODE=wechat')
  const timers = new Set<NodeJS.Timeout>()

  /**
   * Sends one notify, in process; in a transaction when the caller has one open (as a savepoint).
   * `fresh`: the payment is not in the ledger yet; it is written after the attempt, with its outcome.
   */
  async function deliverNow(ctx: Ctx, row: SimPaymentRow, fresh = false): Promise<boolean> {
    const body = JSON.stringify(asPayment(row))
    const signature = signBody(ctx.config.notifyKey, body)
    // Delivered in-process to the same code as the HTTP callback (signature check included);
    // a separate provider would POST it to /v1/payments/notify.
    let delivered: boolean
    try {
      // Accepted and marked delivered together (the notify's transaction nests as a savepoint).
      await inTx(ctx, async (ctx) => {
        await receiveNotify(ctx, body, (name) => (name === 'x-notify-signature' ? signature : undefined))
        if (!fresh)
          await ctx.db.run(
            'UPDATE sim_payments SET delivered = 1, attempts = attempts + 1 WHERE order_id = ?',
            row.order_id
          )
      })
      delivered = true
    } catch (e) {
      // (PostgreSQL gave up on the enclosing transaction: it is run again as a whole)
      if (isTransactionLost(e)) throw e
      if (!fresh) await ctx.db.run('UPDATE sim_payments SET attempts = attempts + 1 WHERE order_id = ?', row.order_id)
      ctx.log.warn({ orderId: row.order_id, err: e }, 'simulated notify not accepted; will retry')
      delivered = false
    }
    if (fresh) await insert(ctx, { ...row, delivered: delivered ? 1 : 0, attempts: 1 })
    return delivered
  }

  async function insert(ctx: Ctx, r: SimPaymentRow): Promise<void> {
    await ctx.db.run(
      'INSERT INTO sim_payments (order_id, notify_id, transaction_id, result, amount_fen, paid_at, delivered, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      r.order_id,
      r.notify_id,
      r.transaction_id,
      r.result,
      r.amount_fen,
      r.paid_at,
      r.delivered,
      r.attempts
    )
  }

  async function deliver(row: SimPaymentRow): Promise<boolean> {
    return await deliverNow(ctx, row)
  }

  async function record(orderId: string, result: 'SUCCESS' | 'FAIL'): Promise<void> {
    const delay = ctx.config.simNotifyDelayMs
    const row = await inTx(ctx, async (ctx) => {
      // one read: the order and its payment in the ledger, if any
      const found = await ctx.db.get<
        { order_status: OrderRow['status']; order_amount_fen: number } & {
          [K in keyof SimPaymentRow]: SimPaymentRow[K] | null
        }
      >(
        'SELECT o.status AS order_status, o.amount_fen AS order_amount_fen, s.* FROM orders o LEFT JOIN sim_payments s ON s.order_id = o.id WHERE o.id = ?',
        orderId
      )
      if (!found) throw new ApiFailure('NOT_FOUND')
      const { order_status: status, order_amount_fen: amountFen, ...ledger } = found
      // (in the ledger: the cashier page pressed twice: one payment only)
      if (ledger.order_id !== null) {
        const r = ledger as SimPaymentRow
        if (!r.delivered && delay === 0) await deliverNow(ctx, r)
        return r
      }
      if (status !== 'paying') throw new ApiFailure('CONFLICT', { status })
      const r: SimPaymentRow = {
        order_id: orderId,
        notify_id: newId('n'),
        transaction_id: `sim${randomHex(10)}`,
        result,
        amount_fen: amountFen,
        paid_at: ctx.clock.now(),
        delivered: 0,
        attempts: 0
      }
      // No delay: the notify goes out at once, committed with the payment (one commit, not two);
      // if it is not accepted, the payment stays recorded, undelivered, for the outbox retry.
      if (delay !== 0) await insert(ctx, r)
      else r.delivered = (await deliverNow(ctx, r, true)) ? 1 : 0
      return r
    })
    if (row.delivered || delay === 0) return
    if (delay > 0) {
      const t = setTimeout(() => {
        timers.delete(t)
        void deliver(row).catch(() => undefined)
      }, delay)
      t.unref()
      timers.add(t)
    }
    // delay < 0: only the outbox retry sends it (tests stop the server "between payment and notify")
  }

  const ledger = async (orderId: string) =>
    await ctx.db.get<SimPaymentRow>(`SELECT * FROM sim_payments WHERE order_id = ?`, orderId)

  return {
    kind: 'simulated',
    async start(order) {
      const base = `${ctx.url()}/v1/sim-cashier/orders/${order.id}`
      const nonce = randomHex(12)
      const timeStamp = String(Math.floor(ctx.clock.now() / 1000))
      const pkg = `prepay_id=sim_${order.id}`
      return {
        orderId: order.id,
        provider: 'simulated',
        // Same shape as wx.requestPayment; paySign is an HMAC here (WeChat Pay signs with the merchant's RSA key).
        wechat:
          order.channel === 'weapp'
            ? {
                timeStamp,
                nonceStr: nonce,
                package: pkg,
                signType: 'RSA',
                paySign: crypto
                  .createHmac('sha256', ctx.config.notifyKey)
                  .update(`${timeStamp}\n${nonce}\n${pkg}\n`)
                  .digest('base64')
              }
            : null,
        cashier: {
          orderId: order.id,
          amount: fenToYuan(order.amount_fen),
          payUrl: `${base}/pay`,
          failUrl: `${base}/fail`,
          abandonUrl: `${base}/abandon`
        },
        h5Url: null
      }
    },
    readNotify(rawBody, header) {
      if (!verifySignature(ctx.config.notifyKey, rawBody, header('x-notify-signature')))
        throw new ApiFailure('SIGNATURE_INVALID', { reason: 'bad signature' })
      return { kind: 'payment', payment: JSON.parse(rawBody) as ProviderPayment }
    },
    async query(order) {
      const row = await ledger(order.id)
      return row && row.result === 'SUCCESS' ? asPayment(row) : null
    },
    async close(order) {
      return (await ledger(order.id))?.result === 'SUCCESS' ? 'paid' : 'closed'
    },
    async refund(r) {
      // the simulated provider gives the money back at once
      return {
        refundId: r.refundId,
        providerRefundId: `simrf${randomHex(8)}`,
        orderId: r.orderId,
        transactionId: r.transactionId,
        status: 'succeeded',
        amountFen: r.amountFen,
        completedAt: isoTime(ctx.clock.now())
      }
    },
    async queryRefund() {
      return null // answered at once when asked (refund above)
    },
    async tradeBill(date) {
      const rows = await ctx.db.all<SimPaymentRow>(`SELECT * FROM sim_payments WHERE result = 'SUCCESS'`)
      return rows
        .filter((r) => isoDate(r.paid_at) === date)
        .map((r): BillLine => ({
          kind: 'payment',
          orderId: r.order_id,
          transactionId: r.transaction_id,
          amountFen: r.amount_fen,
          refundId: null,
          at: isoTime(r.paid_at)
        }))
    },
    cashierPay: (orderId) => record(orderId, 'SUCCESS'),
    cashierFail: (orderId) => record(orderId, 'FAIL'),
    async deliverPending() {
      const rows = await ctx.db.all<SimPaymentRow>(
        'SELECT * FROM sim_payments WHERE delivered = 0 ORDER BY paid_at LIMIT 200'
      )
      let n = 0
      for (const r of rows) if (await deliver(r)) n++
      return n
    }
  }
}
