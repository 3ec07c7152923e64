// The simulated payment provider (PAYMENT_MODE=simulated): a cashier page instead of WeChat Pay,
// its own ledger (sim_payments), and signed notifies delivered like the real provider's.
import crypto from 'node:crypto'
import type { Ctx } from '../context'
import type { OrderRow, SimPaymentRow } from '../db/rows'
import { ApiFailure } from '../errors'
import { fenToYuan } from '../../../src/calculator/money'
import { isoTime } from '../clock'
import { newId, randomHex } from '../ids'
import { transact } from '../db'
import { signBody, verifySignature, type PaymentProvider } from './payment-provider'
import { processNotify } from '../pay/notify'
import type { PaymentNotifyBody } from '../../../src/contract'

export function makeSimulatedProvider(ctx: Ctx): PaymentProvider {
  const timers = new Set<NodeJS.Timeout>()

  /** Sends one notify, in process; in a transaction when the caller has one open (as a savepoint). */
  function deliverNow(row: SimPaymentRow): boolean {
    const body = JSON.stringify({
      notifyId: row.notify_id,
      orderId: row.order_id,
      transactionId: row.transaction_id,
      result: row.result,
      amountFen: row.amount_fen,
      paidAt: isoTime(row.paid_at)
    })
    // Delivered in-process to the same code as the HTTP callback (signature check included);
    // a separate provider would POST it to /v1/payments/notify.
    try {
      // Accepted and marked delivered together (processNotify's transaction nests as a savepoint).
      transact(ctx.db, () => {
        processNotify(ctx, body, signBody(ctx.config.notifyKey, body), JSON.parse(body) as PaymentNotifyBody)
        ctx.db
          .prepare('UPDATE sim_payments SET delivered = 1, attempts = attempts + 1 WHERE order_id = ?')
          .run(row.order_id)
      })
      return true
    } catch (e) {
      ctx.db.prepare('UPDATE sim_payments SET attempts = attempts + 1 WHERE order_id = ?').run(row.order_id)
      ctx.log.warn({ orderId: row.order_id, err: e }, 'simulated notify not accepted; will retry')
      return false
    }
  }

  async function deliver(row: SimPaymentRow): Promise<boolean> {
    return deliverNow(row)
  }

  async function record(orderId: string, result: 'SUCCESS' | 'FAIL'): Promise<void> {
    const delay = ctx.config.simNotifyDelayMs
    const row = transact(ctx.db, () => {
      const order = ctx.db.prepare('SELECT status, amount_fen FROM orders WHERE id = ?').get(orderId) as
        Pick<OrderRow, 'status' | 'amount_fen'> | undefined
      if (!order) throw new ApiFailure('NOT_FOUND')
      let r = ctx.db.prepare('SELECT * FROM sim_payments WHERE order_id = ?').get(orderId) as SimPaymentRow | undefined
      // (r found: the cashier page pressed twice: one payment only)
      if (!r) {
        if (order.status !== 'paying') throw new ApiFailure('CONFLICT', { status: order.status })
        r = {
          order_id: orderId,
          notify_id: newId('n'),
          transaction_id: `sim${randomHex(10)}`,
          result,
          amount_fen: order.amount_fen,
          paid_at: ctx.clock.now(),
          delivered: 0,
          attempts: 0
        }
        ctx.db
          .prepare(
            'INSERT INTO sim_payments (order_id, notify_id, transaction_id, result, amount_fen, paid_at) VALUES (?, ?, ?, ?, ?, ?)'
          )
          .run(r.order_id, r.notify_id, r.transaction_id, r.result, r.amount_fen, r.paid_at)
      }
      // No delay: the notify goes out at once, committed with the payment (one commit, not two);
      // if it is not accepted, the payment stays recorded, undelivered, for the outbox retry.
      if (!r.delivered && delay === 0) deliverNow(r)
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

  return {
    start(order) {
      const base = `${ctx.url()}/v1/sim-cashier/orders/${order.id}`
      const nonce = randomHex(12)
      const timeStamp = String(Math.floor(ctx.clock.now() / 1000))
      const pkg = `prepay_id=sim_${order.id}`
      return {
        orderId: order.id,
        provider: 'simulated',
        // Same shape as wx.requestPayment; paySign is an HMAC here (WeChat Pay v3 uses the merchant's RSA key).
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
        }
      }
    },
    verify: (raw, sig) => verifySignature(ctx.config.notifyKey, raw, sig),
    cashierPay: (orderId) => record(orderId, 'SUCCESS'),
    cashierFail: (orderId) => record(orderId, 'FAIL'),
    async deliverPending() {
      const rows = ctx.db
        .prepare('SELECT * FROM sim_payments WHERE delivered = 0 ORDER BY paid_at LIMIT 200')
        .all() as SimPaymentRow[]
      let n = 0
      for (const r of rows) if (await deliver(r)) n++
      return n
    }
  }
}
