// Refunds of money the county cannot book (an unknown order number, a second payment, a wrong
// amount, a payment only WeChat's bill shows): a reviewer asks for one (pay/money-review.ts), the
// provider returns the money, its refund notify (or a later look) completes it. An order whose money
// went back is `failed` with the reason, so the household can pay again.
import type { Ctx } from '../context'
import type { RefundRow } from '../db/rows'
import { inTx } from '../db'
import { newId } from '../ids'
import { parseTime } from '../clock'
import { fenToYuan } from '../../../src/calculator/money'
import type { ProviderRefund } from '../ports/payment-provider'
import { ApiFailure } from '../errors'

/** Refunds without a final answer yet (no notify, no answer to the request): asked again. */
export async function followRefunds(ctx: Ctx): Promise<number> {
  const due = await ctx.db.all<{ id: string }>(
    `SELECT id FROM refunds WHERE status = 'processing' AND requested_at <= ? LIMIT 50`,
    ctx.clock.now() - 60_000
  )
  let n = 0
  for (const { id } of due) {
    const r = await ctx.payments.queryRefund(id).catch(() => null)
    if (r) {
      await acceptRefund(ctx, r)
      n++
    }
  }
  return n
}

/** Records the provider's word on a refund (its answer or its notify). Unknown refunds are logged, not applied. */
export async function acceptRefund(ctx: Ctx, r: ProviderRefund): Promise<void> {
  await inTx(ctx, async (ctx) => {
    const row = await ctx.db.get<RefundRow>('SELECT * FROM refunds WHERE id = ?', r.refundId)
    if (!row) {
      ctx.log.warn({ refundId: r.refundId }, 'refund notify for a refund the county did not ask for')
      return
    }
    if (row.status === 'succeeded' || row.status === 'closed') return // final; a repeat changes nothing
    await ctx.db.run(
      'UPDATE refunds SET status = ?, provider_refund_id = COALESCE(?, provider_refund_id), completed_at = ? WHERE id = ?',
      r.status,
      r.providerRefundId,
      r.completedAt ? parseTime(r.completedAt) : null,
      row.id
    )
    if (r.status === 'succeeded' && row.source.startsWith('order:')) {
      // the household paid for nothing that could be booked: the order ends, they may pay again
      await ctx.db.run(
        `UPDATE orders SET status = 'failed', failure_reason = ? WHERE id = ? AND status IN ('paid', 'paid_not_matched')`,
        `钱已原路退回（${fenToYuan(row.amount_fen)} 元）：${row.reason}`,
        row.source.slice('order:'.length)
      )
    }
  })
}

/** Asks the provider to return money; the refund row is written first, so a crash cannot lose or repeat it. */
export async function requestRefund(
  ctx: Ctx,
  money: { source: string; orderId: string; transactionId: string; amountFen: number; totalFen: number },
  reason: string,
  reviewerId: string
): Promise<RefundRow> {
  const existing = await ctx.db.get<RefundRow>(
    `SELECT * FROM refunds WHERE source = ? AND status IN ('processing', 'succeeded') ORDER BY requested_at DESC LIMIT 1`,
    money.source
  )
  if (existing) return existing
  const row: RefundRow = {
    id: newId('rf'),
    order_id: money.orderId,
    transaction_id: money.transactionId,
    amount_fen: money.amountFen,
    total_fen: money.totalFen,
    reason,
    status: 'processing',
    provider_refund_id: null,
    source: money.source,
    requested_by: reviewerId,
    requested_at: ctx.clock.now(),
    completed_at: null
  }
  await ctx.db.run(
    `INSERT INTO refunds (id, order_id, transaction_id, amount_fen, total_fen, reason, status, source, requested_by, requested_at)
     VALUES (?, ?, ?, ?, ?, ?, 'processing', ?, ?, ?)`,
    row.id,
    row.order_id,
    row.transaction_id,
    row.amount_fen,
    row.total_fen,
    reason,
    row.source,
    reviewerId,
    row.requested_at
  )
  try {
    const answer = await ctx.payments.refund({
      refundId: row.id,
      orderId: row.order_id,
      transactionId: row.transaction_id,
      amountFen: row.amount_fen,
      totalFen: row.total_fen,
      reason
    })
    await acceptRefund(ctx, answer)
  } catch (e) {
    if (e instanceof ApiFailure) {
      // refused by the provider: the row says so, the money is still to resolve
      await ctx.db.run(`UPDATE refunds SET status = 'closed', completed_at = ? WHERE id = ?`, ctx.clock.now(), row.id)
      throw e
    }
    // no answer: the provider may have taken it; the row stays processing and the job asks again
    // (the same out_refund_no: never a second refund)
    ctx.log.warn({ refundId: row.id, err: { message: String((e as Error).message) } }, 'refund not confirmed yet')
  }
  return (await ctx.db.get<RefundRow>('SELECT * FROM refunds WHERE id = ?', row.id))!
}
