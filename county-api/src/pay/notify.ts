// The payment provider's notify (read and verified by the provider, applied once) and matching the
// money to enrolments: paid → confirmed with a receipt, or paid_not_matched for the county to look
// at (never silent). The background job retries what a crash or a failed match left behind.
import type { Ctx } from '../context'
import type { EnrolmentRow, OrderPerson, OrderRow, PaymentNoticeRow } from '../db/rows'
import { ApiFailure } from '../errors'
import { inTx, nextReceiptSeq, type Param } from '../db'
import { isTransactionLost } from '../db/errors'
import { isoDate, parseTime } from '../clock'
import { fenToYuan } from '../../../src/calculator/money'
import { recordPaidByOther } from '../notifications'
import { computeQuote } from './quote'
import { acceptRefund } from './refunds'
import type { HeaderLookup, ProviderNotice, ProviderPayment } from '../ports/payment-provider'

/** Applies a verified notify. Returns the order (as now paid) to match, if any. Same notify twice → no change. */
async function applyNotify(ctx: Ctx, n: ProviderPayment): Promise<OrderRow | null> {
  return await inTx(ctx, async (ctx) => {
    // the order's notifies (the provider's, a retry, the late-notify query) one after the other
    await ctx.db.lock(`order:${n.orderId}`)
    // One read: the order, whether this notify was applied already, whether this money was told before
    const { seen_notify, seen_money, ...row } = (await ctx.db.get<
      {
        [K in keyof OrderRow]: OrderRow[K] | null
      } & { seen_notify: 0 | 1; seen_money: 0 | 1 }
    >(
      `SELECT o.*, EXISTS (SELECT 1 FROM payment_notices WHERE notify_id = @notify) AS seen_notify,
          EXISTS (SELECT 1 FROM payment_notices WHERE transaction_id = @money
            AND outcome IN ('paid', 'amount_mismatch', 'unknown_order', 'second_payment')) AS seen_money
        FROM (SELECT 1 AS one) AS one LEFT JOIN orders o ON o.id = @order`,
      { notify: n.notifyId, money: n.transactionId, order: n.orderId }
    ))!
    if (seen_notify) return null
    const order = row.id === null ? undefined : (row as OrderRow)
    const record = async (outcome: PaymentNoticeRow['outcome']) =>
      await ctx.db.run(
        'INSERT INTO payment_notices (notify_id, order_id, transaction_id, result, amount_fen, received_at, outcome, paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        n.notifyId,
        n.orderId,
        n.transactionId,
        n.result,
        n.amountFen,
        ctx.clock.now(),
        outcome,
        parseTime(n.paidAt)
      )
    // the same money told again under another notify id (a query's answer, then the late notify)
    if (n.result === 'SUCCESS' && seen_money) {
      await record('duplicate')
      return null
    }
    if (!order) {
      await record('unknown_order')
      ctx.log.warn({ orderId: n.orderId }, 'notify for unknown order')
      return null
    }
    if (order.transaction_id === n.transactionId) {
      await record('duplicate')
      return null
    }
    if (n.result === 'FAIL') {
      if (order.status === 'created' || order.status === 'paying') {
        await ctx.db.run(`UPDATE orders SET status = 'failed', failure_reason = ? WHERE id = ?`, '支付未成功', order.id)
      }
      await record('failed')
      return null
    }
    if (order.transaction_id !== null) {
      // A second, different payment for an order already paid: money to refund, never silent.
      await record('second_payment')
      ctx.log.error({ orderId: order.id }, 'second payment received for an already paid order')
      return null
    }
    const paidAt = parseTime(n.paidAt)
    if (n.amountFen !== order.amount_fen) {
      await ctx.db.run(
        `UPDATE orders SET status = 'paid_not_matched', paid_at = ?, transaction_id = ?, failure_reason = ?, provider_done_at = ? WHERE id = ?`,
        paidAt,
        n.transactionId,
        `到账金额 ${fenToYuan(n.amountFen)} 与订单金额不符`,
        ctx.clock.now(),
        order.id
      )
      await record('amount_mismatch')
      return null
    }
    // Late money for an expired or failed order is still the villager's money: try to match it.
    // (the order's row is written once, by the match, with the payment: savePaid)
    await record('paid')
    return { ...order, status: 'paid' as const, paid_at: paidAt, transaction_id: n.transactionId }
  })
}

/** The payment on the order's row, in the same commit as the notify: at the match, or alone when matching failed. */
interface PaymentToSave {
  paidAt: number
  transactionId: string
  doneAt: number
}

async function savePaid(ctx: Ctx, orderId: string, p: PaymentToSave): Promise<void> {
  await ctx.db.run(
    `UPDATE orders SET status = 'paid', paid_at = ?, transaction_id = ?, provider_done_at = ? WHERE id = ?`,
    p.paidAt,
    p.transactionId,
    p.doneAt,
    orderId
  )
}

/**
 * The notify callback: the provider verifies it over the exact bytes and reads it (a forgery,
 * a probe, a replay outside the time window: SIGNATURE_INVALID, nothing changed), then it is applied.
 */
export async function receiveNotify(ctx: Ctx, rawBody: string, header: HeaderLookup): Promise<ProviderNotice> {
  let notice: ProviderNotice
  try {
    notice = ctx.payments.readNotify(rawBody, header)
  } catch (e) {
    const reason = (e as ApiFailure).details as { reason?: string } | undefined
    ctx.log.warn({ reason: reason?.reason ?? 'unreadable' }, 'payment notify rejected')
    throw e instanceof ApiFailure ? e : new ApiFailure('SIGNATURE_INVALID')
  }
  if (notice.kind === 'payment') await acceptPayment(ctx, notice.payment)
  else await acceptRefund(ctx, notice.refund)
  return notice
}

/**
 * A verified payment (notify, or the provider's answer to a query): apply once, then match, in
 * one commit. Matching runs in a savepoint: if it fails, the payment is still recorded (paid)
 * and the background job retries the match.
 */
export async function acceptPayment(ctx: Ctx, payment: ProviderPayment): Promise<void> {
  // acknowledged to the provider as soon as this returns: on the disk first, power loss or not
  await inTx(
    ctx,
    async (ctx) => {
      const paid = await applyNotify(ctx, payment)
      if (!paid) return
      const toSave = {
        paidAt: paid.paid_at as number,
        transactionId: paid.transaction_id as string,
        doneAt: ctx.clock.now()
      }
      try {
        if (await confirmOrder(ctx, paid.id, paid, toSave)) return
      } catch (e) {
        if (isTransactionLost(e)) throw e // (PostgreSQL: the whole transaction is run again)
        ctx.log.error({ orderId: paid.id, err: e }, 'matching a paid order failed; left paid for the retry job')
      }
      await savePaid(ctx, paid.id, toSave)
    },
    { durable: true }
  )
}

/** paid (or paid_not_matched) → confirmed: enrol every member paid for and issue the receipt. */
export async function matchOrder(ctx: Ctx, orderId: string): Promise<OrderRow> {
  await confirmOrder(ctx, orderId)
  return (await ctx.db.get<OrderRow>('SELECT * FROM orders WHERE id = ?', orderId))!
}

/**
 * `known`: the row as the same transaction has it (saves reading it back). `payment`: the payment
 * just accepted, not yet on the row: written with the outcome (one write of the row, not two).
 * True when the row was written.
 */
async function confirmOrder(ctx: Ctx, orderId: string, known?: OrderRow, payment?: PaymentToSave): Promise<boolean> {
  return await inTx(ctx, async (ctx) => {
    const o = known ?? (await ctx.db.get<OrderRow>('SELECT * FROM orders WHERE id = ?', orderId))!
    if (o.status !== 'paid' && o.status !== 'paid_not_matched') return false
    if (o.status === 'paid_not_matched' && o.failure_reason?.startsWith('到账金额')) return false // needs a refund, not a retry
    const paymentCols = {
      paidAt: payment?.paidAt ?? null,
      transactionId: payment?.transactionId ?? null,
      doneAt: payment?.doneAt ?? null
    }
    // (the payment's columns, when it came with this call; as they are otherwise)
    const withPayment = `paid_at = COALESCE(@paidAt, paid_at), transaction_id = COALESCE(@transactionId, transaction_id),
      provider_done_at = COALESCE(@doneAt, provider_done_at)`
    const unmatched = async (reason: string) => {
      await ctx.db.run(
        `UPDATE orders SET status = 'paid_not_matched', failure_reason = @reason, match_attempts = match_attempts + 1, ${withPayment} WHERE id = @id`,
        { ...paymentCols, reason, id: o.id }
      )
      return true
    }
    const persons = JSON.parse(o.persons) as OrderPerson[]
    const problems: string[] = []
    // One read: the household's members now and their enrolment for the year, the county, whether
    // the payer is the head (anyone else paying is told to the household), and whether another
    // payer's order for the household and year is still open (closed below).
    const rows = await ctx.db.all<{
      region_code: string
      head_person_id: string
      payer_person_id: string | null
      others_open: 0 | 1
      id: string | null
      status: EnrolmentRow['status'] | null
      order_id: string | null
    }>(
      `SELECT h.region_code, h.head_person_id, (SELECT person_id FROM users WHERE id = @payer) AS payer_person_id,
          EXISTS (SELECT 1 FROM orders WHERE household_id = h.id AND year = @year AND id != @order
            AND status IN ('created', 'paying')) AS others_open,
          p.id, e.status, e.order_id
        FROM households h LEFT JOIN persons p ON p.household_id = h.id
          LEFT JOIN enrolments e ON e.person_id = p.id AND e.year = @year
        WHERE h.id = @household`,
      { payer: o.payer_user_id, year: o.year, order: o.id, household: o.household_id }
    )
    const members = new Map(rows.filter((m) => m.id !== null).map((m) => [m.id, m]))
    for (const p of persons) {
      const m = members.get(p.personId)
      if (!m) problems.push('成员已迁出')
      else if (m.status === 'enrolled' && m.order_id !== o.id) problems.push('该成员本年度已经缴费')
    }
    if (problems.length > 0) return await unmatched([...new Set(problems)].join('；'))
    const h = rows[0]
    if (!h) throw new Error(`household ${o.household_id} of order ${o.id} not found`)
    // Benefit dates depend on the payment date (waiting period outside the collection period):
    // reuse the quote's when paid the day it was quoted, otherwise ask the calculator again.
    const paidDate = isoDate(o.paid_at as number)
    const dates = new Map<string, { benefitStart: string; benefitEnd: string }>()
    if (persons.every((p) => p.quotedOn === paidDate && p.benefitStart && p.benefitEnd)) {
      for (const p of persons)
        dates.set(p.personId, { benefitStart: p.benefitStart as string, benefitEnd: p.benefitEnd as string })
    } else {
      const { quote } = await computeQuote(ctx, o.household_id, o.year, {
        only: persons.map((p) => p.personId),
        paymentDate: paidDate,
        steps: false,
        keepUncovered: true
      })
      for (const l of quote.lines) dates.set(l.personId, l)
    }
    // Paid for someone the payment day leaves without a benefit period (paid past midnight at the
    // end of a window, a newborn on day 91): never guess a full year; the county looks at it
    // (paid_not_matched: visible, refundable), nothing is recorded as cover.
    const noDates = persons.filter((p) => {
      const l = dates.get(p.personId)
      return !l || l.benefitStart > l.benefitEnd
    })
    if (noDates.length > 0) return await unmatched('按缴费日期计算，有成员当年已没有待遇期（需人工核对或退款）')
    // every member paid for, in one statement (one row of values per member)
    const values: Param[] = []
    for (const p of persons) {
      const l = dates.get(p.personId) as { benefitStart: string; benefitEnd: string }
      const start = `${o.year}-01-01`
      values.push(
        p.personId,
        o.year,
        p.dueFen,
        start,
        l.benefitEnd,
        l.benefitStart > start ? l.benefitStart : null,
        o.id
      )
    }
    await ctx.db.run(
      `INSERT INTO enrolments (person_id, year, status, payer, amount_fen, coverage_start, coverage_end, waiting_end, order_id)
        VALUES ${persons.map(() => `(?, ?, 'enrolled', 'self', ?, ?, ?, ?, ?)`).join(', ')}
        ON CONFLICT (person_id, year) DO UPDATE SET status = 'enrolled', payer = 'self', amount_fen = excluded.amount_fen,
          coverage_start = excluded.coverage_start, coverage_end = excluded.coverage_end, waiting_end = excluded.waiting_end, order_id = excluded.order_id`,
      ...values
    )
    const seq = await nextReceiptSeq(ctx.db, o.year)
    const receipt = `${h.region_code}-${o.year}-${String(seq).padStart(8, '0')}`
    const now = ctx.clock.now()
    await ctx.db.run(
      `UPDATE orders SET status = 'confirmed', confirmed_at = @now, receipt_number = @receipt, failure_reason = NULL,
          match_attempts = match_attempts + 1, ${withPayment} WHERE id = @id`,
      { ...paymentCols, now, receipt, id: o.id }
    )
    // Paid: the other payers' open orders for the household and year close (their payment would be
    // for members already enrolled); the app shows who paid when they look.
    if (h.others_open)
      await ctx.db.run(
        `UPDATE orders SET status = 'expired', failure_reason = ? WHERE household_id = ? AND year = ? AND id != ? AND status IN ('created', 'paying')`,
        '这一年已经有人交过了',
        o.household_id,
        o.year,
        o.id
      )
    // Someone other than the head paid: the household is notified, in this same commit.
    if (h.payer_person_id !== h.head_person_id) await recordPaidByOther(ctx, o, receipt, now)
    return true
  })
}

/** Start-up and periodic recovery: orders left in `paid` (crash between notify and match) and unmatched ones. */
export async function rematchPending(ctx: Ctx): Promise<number> {
  // (written so the partial index orders_unsettled serves it: no scan of every order every 5 s)
  const ids = await ctx.db.all<{ id: string }>(
    `SELECT id FROM orders WHERE status IN ('paid', 'paid_not_matched') AND (status = 'paid' OR match_attempts < 20) LIMIT 500`
  )
  let confirmed = 0
  for (const { id } of ids) if ((await matchOrder(ctx, id)).status === 'confirmed') confirmed++
  return confirmed
}

/**
 * A reviewer puts money the county holds on the order it was meant for (pay/money-review.ts): the
 * order must be unpaid and of the same amount; it is paid with that money and matched at once.
 */
export async function bookMoneyOnOrder(
  ctx: Ctx,
  orderId: string,
  money: { transactionId: string; amountFen: number; paidAt: number }
): Promise<OrderRow> {
  return await inTx(ctx, async (ctx) => {
    const o = await ctx.db.get<OrderRow>('SELECT * FROM orders WHERE id = ?', orderId)
    if (!o) throw new ApiFailure('NOT_FOUND', undefined, '没有这个订单')
    if (o.transaction_id !== null || !['created', 'paying', 'expired', 'failed'].includes(o.status))
      throw new ApiFailure('CONFLICT', { status: o.status }, '这个订单已经有付款，不能再记入')
    if (o.amount_fen !== money.amountFen)
      throw new ApiFailure(
        'CONFLICT',
        { amount: fenToYuan(money.amountFen), orderAmount: fenToYuan(o.amount_fen) },
        `金额不符：这笔钱 ${fenToYuan(money.amountFen)} 元，订单 ${fenToYuan(o.amount_fen)} 元`
      )
    await ctx.db.run(
      `UPDATE orders SET status = 'paid', paid_at = ?, transaction_id = ?, provider_done_at = ? WHERE id = ?`,
      money.paidAt,
      money.transactionId,
      ctx.clock.now(),
      o.id
    )
    return await matchOrder(ctx, o.id)
  })
}
