// The daily reconciliation: WeChat Pay's trade bill of a day against the county's books of that
// day — the money its notifies (and queries) reported (payment_notices) and the refunds it
// completed. Every difference is recorded once for reviewers (pay/money-review.ts):
// money in the bill the county never heard of, money the county booked that the bill lacks, a
// different amount, and the same for refunds. Runs once a county day for the day before, after
// 10:00 (WeChat's bills are ready by then); a reviewer may run any day again.
import type { Reconciliation } from '../../../src/contract'
import type { Ctx } from '../context'
import type { ReconciliationDifferenceRow, ReconciliationRow } from '../db/rows'
import { inTx } from '../db'
import { addDays, dateStart, isoDate, isoTime, parseTime } from '../clock'
import { newId } from '../ids'
import { fenToYuan } from '../../../src/calculator/money'
import type { BillLine } from '../ports/payment-provider'

const DAY = 86_400_000
/** WeChat Pay publishes the day before's bill by 10:00 (Asia/Shanghai). */
const BILL_READY_HOUR = 10

interface CountyMoney {
  order_id: string
  transaction_id: string
  amount_fen: number
}

type Difference = Pick<
  ReconciliationDifferenceRow,
  'kind' | 'order_id' | 'transaction_id' | 'refund_id' | 'bill_fen' | 'county_fen' | 'bill_at' | 'detail'
>

export function reconciliationView(r: ReconciliationRow): Reconciliation {
  return {
    billDate: r.bill_date,
    status: r.status,
    billLines: r.bill_lines,
    countyLines: r.county_lines,
    differences: r.differences,
    runAt: isoTime(r.run_at)
  }
}

/** Compares the bill with the county's books; the differences, not yet written. */
export async function compare(
  ctx: Ctx,
  date: string,
  bill: BillLine[]
): Promise<{ differences: Difference[]; countyLines: number }> {
  const from = dateStart(date)
  const to = from + DAY
  const money = await ctx.db.all<CountyMoney>(
    `SELECT order_id, transaction_id, amount_fen FROM payment_notices
       WHERE paid_at >= ? AND paid_at < ? AND outcome IN ('paid', 'amount_mismatch', 'unknown_order', 'second_payment')`,
    from,
    to
  )
  const refunds = await ctx.db.all<CountyMoney & { id: string }>(
    `SELECT id, order_id, transaction_id, amount_fen FROM refunds WHERE status = 'succeeded' AND completed_at >= ? AND completed_at < ?`,
    from,
    to
  )
  // (a payment the county dated a moment differently is found by its transaction, whatever its day)
  const anyDay = (transactionId: string) =>
    ctx.db.get<CountyMoney>(
      `SELECT order_id, transaction_id, amount_fen FROM payment_notices WHERE transaction_id = ? AND outcome IN ('paid', 'amount_mismatch', 'unknown_order', 'second_payment')`,
      transactionId
    )
  const byTxn = new Map(money.map((m) => [m.transaction_id, m]))
  const refundById = new Map(refunds.map((r) => [r.id, r]))
  const differences: Difference[] = []
  const billPayments = new Set<string>()
  const billRefunds = new Set<string>()
  for (const line of bill) {
    const at = parseTime(line.at)
    if (line.kind === 'payment') {
      billPayments.add(line.transactionId)
      const c = byTxn.get(line.transactionId) ?? (await anyDay(line.transactionId))
      if (!c)
        differences.push({
          kind: 'missing_in_county',
          order_id: line.orderId,
          transaction_id: line.transactionId,
          refund_id: null,
          bill_fen: line.amountFen,
          county_fen: null,
          bill_at: at,
          detail: `商户订单号 ${line.orderId}`
        })
      else if (c.amount_fen !== line.amountFen)
        differences.push({
          kind: 'amount_differs',
          order_id: line.orderId,
          transaction_id: line.transactionId,
          refund_id: null,
          bill_fen: line.amountFen,
          county_fen: c.amount_fen,
          bill_at: at,
          detail: `账单 ${fenToYuan(line.amountFen)} 元，县里 ${fenToYuan(c.amount_fen)} 元`
        })
    } else {
      const id = line.refundId ?? ''
      billRefunds.add(id)
      const c = refundById.get(id)
      if (!c)
        differences.push({
          kind: 'refund_missing_in_county',
          order_id: line.orderId,
          transaction_id: line.transactionId,
          refund_id: id,
          bill_fen: line.amountFen,
          county_fen: null,
          bill_at: at,
          detail: `退款单号 ${id}`
        })
      else if (c.amount_fen !== line.amountFen)
        differences.push({
          kind: 'amount_differs',
          order_id: line.orderId,
          transaction_id: line.transactionId,
          refund_id: id,
          bill_fen: line.amountFen,
          county_fen: c.amount_fen,
          bill_at: at,
          detail: `退款：账单 ${fenToYuan(line.amountFen)} 元，县里 ${fenToYuan(c.amount_fen)} 元`
        })
    }
  }
  for (const m of money)
    if (!billPayments.has(m.transaction_id))
      differences.push({
        kind: 'missing_in_bill',
        order_id: m.order_id,
        transaction_id: m.transaction_id,
        refund_id: null,
        bill_fen: null,
        county_fen: m.amount_fen,
        bill_at: null,
        detail: `商户订单号 ${m.order_id}`
      })
  for (const r of refunds)
    if (!billRefunds.has(r.id))
      differences.push({
        kind: 'refund_missing_in_bill',
        order_id: r.order_id,
        transaction_id: r.transaction_id,
        refund_id: r.id,
        bill_fen: null,
        county_fen: r.amount_fen,
        bill_at: null,
        detail: `退款单号 ${r.id}`
      })
  return { differences, countyLines: money.length + refunds.length }
}

/** Reconciles one day (again, if asked): a difference found before is not recorded twice. */
export async function reconcileDay(ctx: Ctx, date: string): Promise<ReconciliationRow> {
  const bill = await ctx.payments.tradeBill(date)
  const { differences, countyLines } = await compare(ctx, date, bill)
  const now = ctx.clock.now()
  return await inTx(ctx, async (ctx) => {
    const insert = `INSERT INTO reconciliation_differences
       (id, bill_date, kind, order_id, transaction_id, refund_id, bill_fen, county_fen, bill_at, detail, status, found_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)
       ON CONFLICT DO NOTHING`
    for (const d of differences)
      await ctx.db.run(
        insert,
        newId('df'),
        date,
        d.kind,
        d.order_id,
        d.transaction_id,
        d.refund_id ?? '',
        d.bill_fen,
        d.county_fen,
        d.bill_at,
        d.detail,
        now
      )
    const row: ReconciliationRow = {
      bill_date: date,
      status: bill.length === 0 && countyLines === 0 ? 'no_bill' : differences.length > 0 ? 'differences' : 'matched',
      bill_lines: bill.length,
      county_lines: countyLines,
      differences: differences.length,
      run_at: now,
      detail: null
    }
    await ctx.db.run(
      `INSERT INTO reconciliations (bill_date, status, bill_lines, county_lines, differences, run_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(bill_date) DO UPDATE SET status = excluded.status, bill_lines = excluded.bill_lines,
           county_lines = excluded.county_lines, differences = excluded.differences, run_at = excluded.run_at`,
      row.bill_date,
      row.status,
      row.bill_lines,
      row.county_lines,
      row.differences,
      row.run_at,
      row.detail
    )
    if (differences.length > 0)
      ctx.log.warn({ date, differences: differences.length }, 'reconciliation found differences')
    return row
  })
}

/** The daily run: yesterday's bill once it is ready, if not reconciled yet. */
export async function reconcileIfDue(ctx: Ctx): Promise<ReconciliationRow | null> {
  const now = ctx.clock.now()
  const today = isoDate(now)
  if (now - dateStart(today) < BILL_READY_HOUR * 3600_000) return null
  const yesterday = addDays(today, -1)
  if (await ctx.db.get('SELECT 1 FROM reconciliations WHERE bill_date = ?', yesterday)) return null
  return reconcileDay(ctx, yesterday)
}
