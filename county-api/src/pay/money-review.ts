// Money the county holds but could not book, for its reviewers, with the ways to resolve it:
//   notice.<id>  a payment under an order number the county never issued, or a second payment
//                for an order already paid → refund it, or attach it to the right order;
//   order.<id>   paid but not matched to enrolments (wrong amount, member moved out…) → refund it
//                (retrying the match is POST /v1/review/orders/{id}/retry);
//   diff.<id>    a difference the daily reconciliation with WeChat's bill found → attach (money
//                WeChat took that the county never heard of), refund, or close it with a note.
// Nothing here is silent: every item stays listed (`status=all`) with what was done and by whom.
import type { UnbookedMoney } from '../../../src/contract'
import type { Ctx } from '../context'
import type { OrderRow, PaymentNoticeRow, ReconciliationDifferenceRow, RefundRow, UserRow } from '../db/rows'
import { ApiFailure } from '../errors'
import { inTx, mapInOrder } from '../db'
import { isoTime } from '../clock'
import { fenToYuan } from '../../../src/calculator/money'
import { bookMoneyOnOrder } from './notify'
import { requestRefund } from './refunds'

type Action = UnbookedMoney['actions'][number]

const DIFF_TEXT: Record<ReconciliationDifferenceRow['kind'], string> = {
  missing_in_county: '微信支付账单上有这笔收款，县里没有收到通知',
  missing_in_bill: '县里记了这笔收款，微信支付账单上没有',
  amount_differs: '微信支付账单上的金额与县里记的不同',
  refund_missing_in_county: '微信支付账单上有这笔退款，县里没有记录',
  refund_missing_in_bill: '县里记了这笔退款，微信支付账单上没有'
}

async function latestRefund(ctx: Ctx, source: string): Promise<RefundRow | null> {
  return (
    (await ctx.db.get<RefundRow>(
      'SELECT * FROM refunds WHERE source = ? ORDER BY requested_at DESC LIMIT 1',
      source
    )) ?? null
  )
}

function refundState(r: RefundRow | null): 'refunding' | 'refunded' | null {
  return r?.status === 'processing' ? 'refunding' : r?.status === 'succeeded' ? 'refunded' : null
}

function refundView(r: RefundRow | null): UnbookedMoney['refund'] {
  return r
    ? {
        refundId: r.id,
        status: r.status,
        amount: fenToYuan(r.amount_fen),
        reason: r.reason,
        requestedAt: isoTime(r.requested_at),
        completedAt: r.completed_at === null ? null : isoTime(r.completed_at)
      }
    : null
}

const householdOf = async (ctx: Ctx, orderId: string | null) =>
  orderId === null
    ? null
    : ((await ctx.db.get<{ household_id: string }>('SELECT household_id FROM orders WHERE id = ?', orderId))
        ?.household_id ?? null)

async function noticeView(ctx: Ctx, n: PaymentNoticeRow): Promise<UnbookedMoney> {
  const refund = await latestRefund(ctx, `notice:${n.notify_id}`)
  const status = refundState(refund) ?? (n.resolution ? 'attached' : 'open')
  return {
    moneyId: `notice.${n.notify_id}`,
    kind: n.outcome === 'second_payment' ? 'second_payment' : 'unknown_order',
    orderId: n.order_id,
    householdId: await householdOf(ctx, n.order_id),
    transactionId: n.transaction_id,
    amount: fenToYuan(n.amount_fen),
    countyAmount: null,
    at: isoTime(n.paid_at ?? n.received_at),
    detail:
      n.outcome === 'second_payment'
        ? `订单 ${n.order_id} 已经付过款，又收到一笔 ${fenToYuan(n.amount_fen)} 元`
        : `收到 ${fenToYuan(n.amount_fen)} 元，商户订单号 ${n.order_id} 不是本县的订单`,
    status,
    actions: status === 'open' ? ['refund', 'attach'] : [],
    refund: refundView(refund),
    resolution: n.resolution
  }
}

/** What the provider took for an order (its money notice), which may differ from the order's amount. */
async function paidFor(ctx: Ctx, o: OrderRow): Promise<PaymentNoticeRow | undefined> {
  return await ctx.db.get<PaymentNoticeRow>(
    `SELECT * FROM payment_notices WHERE order_id = ? AND transaction_id = ? AND outcome IN ('paid', 'amount_mismatch')`,
    o.id,
    o.transaction_id
  )
}

async function orderView(ctx: Ctx, o: OrderRow): Promise<UnbookedMoney> {
  const refund = await latestRefund(ctx, `order:${o.id}`)
  const status = refundState(refund) ?? 'open'
  const paid = await paidFor(ctx, o)
  return {
    moneyId: `order.${o.id}`,
    kind: 'not_matched',
    orderId: o.id,
    householdId: o.household_id,
    transactionId: o.transaction_id,
    amount: paid ? fenToYuan(paid.amount_fen) : fenToYuan(o.amount_fen),
    countyAmount: fenToYuan(o.amount_fen),
    at: isoTime(o.paid_at ?? o.created_at),
    detail: o.failure_reason ?? '已收款，没能入账',
    status,
    actions: status === 'open' && o.transaction_id ? ['refund'] : [],
    refund: refundView(refund),
    resolution: null
  }
}

async function diffView(ctx: Ctx, d: ReconciliationDifferenceRow): Promise<UnbookedMoney> {
  const refund = await latestRefund(ctx, `diff:${d.id}`)
  const status =
    refundState(refund) ??
    (d.status === 'resolved' ? (d.resolution?.startsWith('attached:') ? 'attached' : 'resolved') : 'open')
  const money = d.kind === 'missing_in_county' || d.kind === 'amount_differs'
  const actions: Action[] =
    status !== 'open'
      ? []
      : d.kind === 'missing_in_county'
        ? ['attach', 'refund', 'resolve']
        : money
          ? ['refund', 'resolve']
          : ['resolve']
  return {
    moneyId: `diff.${d.id}`,
    kind: d.kind,
    orderId: d.order_id,
    householdId: await householdOf(ctx, d.order_id),
    transactionId: d.transaction_id,
    amount: d.bill_fen === null ? null : fenToYuan(d.bill_fen),
    countyAmount: d.county_fen === null ? null : fenToYuan(d.county_fen),
    at: isoTime(d.found_at),
    detail: `${d.bill_date}：${DIFF_TEXT[d.kind]}${d.detail ? `（${d.detail}）` : ''}`,
    status,
    actions,
    refund: refundView(refund),
    resolution: d.resolution
  }
}

export async function listMoney(ctx: Ctx, which: 'open' | 'all'): Promise<UnbookedMoney[]> {
  const open = which === 'open'
  const notices = await ctx.db.all<PaymentNoticeRow>(
    `SELECT * FROM payment_notices WHERE outcome IN ('unknown_order', 'second_payment')${open ? ' AND resolution IS NULL' : ''}`
  )
  const orders = await ctx.db.all<OrderRow>(
    `SELECT * FROM orders WHERE status = 'paid_not_matched'${open ? '' : ` OR id IN (SELECT substr(source, 7) FROM refunds WHERE source LIKE 'order:%')`}`
  )
  const diffs = await ctx.db.all<ReconciliationDifferenceRow>(
    `SELECT * FROM reconciliation_differences${open ? ` WHERE status = 'open'` : ''}`
  )
  const items = [
    ...(await mapInOrder(notices, async (n) => await noticeView(ctx, n))),
    ...(await mapInOrder(orders, async (o) => await orderView(ctx, o))),
    ...(await mapInOrder(diffs, async (d) => await diffView(ctx, d)))
  ]
  return (open ? items.filter((i) => i.status === 'open' || i.status === 'refunding') : items).sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : 0
  )
}

type Found =
  | { kind: 'notice'; row: PaymentNoticeRow }
  | { kind: 'order'; row: OrderRow }
  | { kind: 'diff'; row: ReconciliationDifferenceRow }

async function find(ctx: Ctx, moneyId: string): Promise<Found> {
  const dot = moneyId.indexOf('.')
  const [kind, id] = [moneyId.slice(0, dot), moneyId.slice(dot + 1)]
  const row =
    kind === 'notice'
      ? await ctx.db.get(
          `SELECT * FROM payment_notices WHERE notify_id = ? AND outcome IN ('unknown_order', 'second_payment')`,
          id
        )
      : kind === 'order'
        ? await ctx.db.get(`SELECT * FROM orders WHERE id = ? AND transaction_id IS NOT NULL`, id)
        : await ctx.db.get('SELECT * FROM reconciliation_differences WHERE id = ?', id)
  if (!row) throw new ApiFailure('NOT_FOUND')
  return { kind, row } as unknown as Found
}

async function view(ctx: Ctx, f: Found): Promise<UnbookedMoney> {
  const fresh = await find(ctx, `${f.kind}.${f.kind === 'notice' ? f.row.notify_id : f.row.id}`)
  return fresh.kind === 'notice'
    ? await noticeView(ctx, fresh.row)
    : fresh.kind === 'order'
      ? await orderView(ctx, fresh.row)
      : await diffView(ctx, fresh.row)
}

async function requireAction(ctx: Ctx, f: Found, action: Action): Promise<void> {
  const v = await view(ctx, f)
  if (!v.actions.includes(action))
    throw new ApiFailure('CONFLICT', { status: v.status, actions: v.actions }, '这笔钱现在不能这样处理')
}

export async function refundMoney(
  ctx: Ctx,
  moneyId: string,
  reason: string,
  reviewer: UserRow
): Promise<UnbookedMoney> {
  const f = await find(ctx, moneyId)
  await requireAction(ctx, f, 'refund')
  const money =
    f.kind === 'notice'
      ? {
          source: `notice:${f.row.notify_id}`,
          orderId: f.row.order_id,
          transactionId: f.row.transaction_id,
          fen: f.row.amount_fen
        }
      : f.kind === 'order'
        ? {
            source: `order:${f.row.id}`,
            orderId: f.row.id,
            transactionId: f.row.transaction_id as string,
            fen: (await paidFor(ctx, f.row))?.amount_fen ?? f.row.amount_fen
          }
        : {
            source: `diff:${f.row.id}`,
            orderId: f.row.order_id ?? '',
            transactionId: f.row.transaction_id ?? '',
            fen: f.row.bill_fen ?? 0
          }
  await requestRefund(
    ctx,
    {
      source: money.source,
      orderId: money.orderId,
      transactionId: money.transactionId,
      amountFen: money.fen,
      totalFen: money.fen
    },
    reason,
    reviewer.id
  )
  if (f.kind === 'diff')
    await ctx.db.run(
      `UPDATE reconciliation_differences SET resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?`,
      `refund: ${reason}`,
      reviewer.id,
      ctx.clock.now(),
      f.row.id
    )
  return await view(ctx, f)
}

export async function attachMoney(
  ctx: Ctx,
  moneyId: string,
  orderId: string,
  reviewer: UserRow
): Promise<UnbookedMoney> {
  const f = await find(ctx, moneyId)
  await requireAction(ctx, f, 'attach')
  const now = ctx.clock.now()
  await inTx(ctx, async (ctx) => {
    if (f.kind === 'notice') {
      await bookMoneyOnOrder(ctx, orderId, {
        transactionId: f.row.transaction_id,
        amountFen: f.row.amount_fen,
        paidAt: f.row.paid_at ?? f.row.received_at
      })
      await ctx.db.run(
        'UPDATE payment_notices SET resolution = ?, resolved_by = ?, resolved_at = ? WHERE notify_id = ?',
        `attached:${orderId}`,
        reviewer.id,
        now,
        f.row.notify_id
      )
    } else if (f.kind === 'diff') {
      const d = f.row
      await bookMoneyOnOrder(ctx, orderId, {
        transactionId: d.transaction_id as string,
        amountFen: d.bill_fen as number,
        paidAt: d.bill_at ?? d.found_at
      })
      // the county's books now hold the money WeChat's bill showed
      await ctx.db.run(
        `INSERT INTO payment_notices (notify_id, order_id, transaction_id, result, amount_fen, received_at, outcome, paid_at, resolution, resolved_by, resolved_at)
         VALUES (?, ?, ?, 'SUCCESS', ?, ?, 'paid', ?, ?, ?, ?)`,
        `bill-${d.transaction_id}`,
        orderId,
        d.transaction_id,
        d.bill_fen,
        now,
        d.bill_at ?? d.found_at,
        `attached:${orderId}`,
        reviewer.id,
        now
      )
      await ctx.db.run(
        `UPDATE reconciliation_differences SET status = 'resolved', resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?`,
        `attached:${orderId}`,
        reviewer.id,
        now,
        d.id
      )
    }
  })
  return await view(ctx, f)
}

export async function resolveMoney(ctx: Ctx, moneyId: string, note: string, reviewer: UserRow): Promise<UnbookedMoney> {
  const f = await find(ctx, moneyId)
  await requireAction(ctx, f, 'resolve')
  await ctx.db.run(
    `UPDATE reconciliation_differences SET status = 'resolved', resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?`,
    note,
    reviewer.id,
    ctx.clock.now(),
    (f.row as ReconciliationDifferenceRow).id
  )
  return await view(ctx, f)
}
