// Tag `pay`: what a household owes (the quote), paying for another household by ID number,
// orders, starting the payment, the receipt, the provider's notifies (simulated or WeChat Pay);
// and for the county's staff the money that came in but could not be booked (refund it, attach it
// to the right order) and the daily reconciliation with WeChat Pay's bill.
import type { FastifyRequest } from 'fastify'
import type { Receipt } from '../../../src/contract'
import type { Ctx } from '../context'
import type { EnrolmentRow, OrderPerson, OrderRow, PersonRow, ReconciliationRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { requireHousehold } from '../access'
import { ApiFailure } from '../errors'
import { isoDate, isoTime } from '../clock'
import { fenToYuan } from '../../../src/calculator/money'
import { maskIdNumber, maskName } from '../mask'
import { benefitOf, orderView, payerNameMasked } from '../views'
import { computeQuote, defaultYear, quoteView } from '../pay/quote'
import { createOrder, householdByIdNumber, loadOrderFor, refreshOrder, startPaying } from '../pay/orders'
import { matchOrder, receiveNotify } from '../pay/notify'
import { attachMoney, listMoney, refundMoney, resolveMoney } from '../pay/money-review'
import { reconcileDay, reconciliationView } from '../pay/reconcile'
import { importTaxBureauPayments } from '../pay/tax-bureau'
import { cursorOf, pageOf } from '../paging'
import { mapInOrder } from '../db'

/** The notify's headers, as the provider reads them (x-notify-signature; Wechatpay-*). */
const headerOf = (req: FastifyRequest) => (name: string) => {
  const v = req.headers[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}

export const payRoutes = (ctx: Ctx): TagHandlers<'pay'> => ({
  getQuote: async ({ params, query, user }) => {
    await requireHousehold(ctx, user, params.householdId, 'pay', 'quote')
    return await quoteView(ctx, params.householdId, query.year ?? defaultYear(ctx))
  },

  // Paying for another household by an ID number shows what confirms the family (village, names
  // masked) and the total: never each member's due, which would give away their category
  // (110.00 = 低保, 1500.00 = lapsed). Limited per account, address and ID number (limits.ts).
  lookupPayee: async ({ body }) => {
    const householdId = await householdByIdNumber(ctx, body.idNumber)
    const year = body.year ?? defaultYear(ctx)
    const { quote, people } = await computeQuote(ctx, householdId, year, { steps: false })
    const h = (await ctx.db.get<{ village: string }>('SELECT village FROM households WHERE id = ?', householdId))!
    return {
      householdId,
      year,
      village: h.village,
      total: fenToYuan(quote.totalFen),
      membersMasked: people.map((p) => maskName(p.name))
    }
  },

  createOrder: async ({ body, user, req, reply }) => {
    // a county that collects through the tax bureau takes no money here: say where to pay instead
    if (ctx.config.collectionChannel === 'tax_bureau')
      throw new ApiFailure(
        'CONFLICT',
        { channel: 'tax_bureau' },
        `本县的医保费由税务部门收，这里不能交。请${ctx.config.taxChannelHowTo}`
      )
    const key = req.headers['idempotency-key'] as string
    const { order, created, namesVisible } = await createOrder(ctx, user, body, key)
    void reply.status(created ? 201 : 200)
    return await orderView(ctx, order, namesVisible)
  },

  listOrders: async ({ params, user }) => {
    await requireHousehold(ctx, user, params.householdId, 'pay', 'list_orders')
    const rows = await ctx.db.all<OrderRow>(
      'SELECT * FROM orders WHERE household_id = ? ORDER BY created_at DESC',
      params.householdId
    )
    return { orders: await mapInOrder(rows, async (o) => await orderView(ctx, await refreshOrder(ctx, o), true)) }
  },

  getOrder: async ({ params, user }) => {
    const { order, namesVisible } = await loadOrderFor(ctx, user, params.orderId, 'view_order', { withRecorded: true })
    return await orderView(ctx, await refreshOrder(ctx, order), namesVisible)
  },

  startPayment: async ({ params, user, req }) => {
    const { order } = await loadOrderFor(ctx, user, params.orderId, 'start_payment')
    return ctx.payments.start(await startPaying(ctx, order), { openid: user.openid, ip: req.ip })
  },

  getReceipt: async ({ params, user }) => {
    const { order, namesVisible, access } = await loadOrderFor(ctx, user, params.orderId, 'view_receipt')
    if (order.status !== 'confirmed' || !order.receipt_number)
      throw new ApiFailure('CONFLICT', { status: order.status }, '订单还没有确认，暂时没有票据')
    const receipt: Receipt = {
      receiptNumber: order.receipt_number,
      orderId: order.id,
      householdId: order.household_id,
      year: order.year,
      amount: fenToYuan(order.amount_fen),
      payerNameMasked: await payerNameMasked(ctx, order),
      paidAt: isoTime(order.paid_at as number),
      issuedAt: isoTime(order.confirmed_at as number),
      issuer: '城乡居民医保基金',
      persons: await mapInOrder(JSON.parse(order.persons) as OrderPerson[], async (p) => {
        const person = (await ctx.db.get<PersonRow>('SELECT * FROM persons WHERE id = ?', p.personId))!
        const e = (await ctx.db.get<EnrolmentRow>(
          'SELECT * FROM enrolments WHERE person_id = ? AND year = ?',
          p.personId,
          order.year
        ))!
        const fullId = access?.relation === 'head' || user.person_id === p.personId
        return {
          name: namesVisible ? person.name : maskName(person.name),
          idNumber: person.id_number === null ? null : fullId ? person.id_number : maskIdNumber(person.id_number),
          amount: namesVisible ? fenToYuan(p.dueFen) : null,
          coverageStart: e.coverage_start as string,
          coverageEnd: e.coverage_end as string,
          benefitStart: benefitOf(e).benefitStart as string,
          benefitEnd: benefitOf(e).benefitEnd as string
        }
      })
    }
    return receipt
  },

  // (the body was checked against the contract; the provider reads the exact bytes it signed)
  paymentNotify: async ({ req }) => {
    await receiveNotify(ctx, req.rawBody ?? '', headerOf(req))
    return { code: 'SUCCESS' as const, message: '成功' }
  },

  wechatPayNotify: async ({ req }) => {
    await receiveNotify(ctx, req.rawBody ?? '', headerOf(req))
    return { code: 'SUCCESS' as const, message: '成功' }
  },

  reviewUnmatched: async ({ query }) => {
    const { limit, after } = pageOf(query)
    const rows = await ctx.db.all<OrderRow>(
      `SELECT * FROM orders WHERE status = 'paid_not_matched' AND (paid_at > ? OR (paid_at = ? AND id > ?)) ORDER BY paid_at, id LIMIT ?`,
      after.at,
      after.at,
      after.id,
      limit + 1
    )
    const page = rows.slice(0, limit)
    return {
      orders: await mapInOrder(page, async (o) => await orderView(ctx, o, true)),
      next: rows.length > limit ? cursorOf(page[page.length - 1].paid_at as number, page[page.length - 1].id) : null
    }
  },

  reviewRetryMatch: async ({ params }) => {
    const o = await ctx.db.get<OrderRow>('SELECT * FROM orders WHERE id = ?', params.orderId)
    if (!o) throw new ApiFailure('NOT_FOUND')
    if (o.status !== 'paid_not_matched' && o.status !== 'paid') throw new ApiFailure('CONFLICT', { status: o.status })
    return await orderView(ctx, await matchOrder(ctx, o.id), true)
  },

  reviewMoney: async ({ query }) => ({ items: await listMoney(ctx, query.status ?? 'open') }),
  reviewRefundMoney: ({ params, body, user }) => refundMoney(ctx, params.moneyId, body.reason, user),
  reviewAttachMoney: async ({ params, body, user }) => await attachMoney(ctx, params.moneyId, body.orderId, user),
  reviewResolveMoney: async ({ params, body, user }) => await resolveMoney(ctx, params.moneyId, body.note, user),

  reviewImportTaxBureauPayments: async ({ body, user }) => await importTaxBureauPayments(ctx, body, user),

  reviewReconciliations: async () => ({
    days: (await ctx.db.all<ReconciliationRow>('SELECT * FROM reconciliations ORDER BY bill_date DESC LIMIT 90')).map(
      reconciliationView
    )
  }),
  reviewRunReconciliation: async ({ params }) => {
    if (params.billDate >= isoDate(ctx.clock.now()))
      throw new ApiFailure('CONFLICT', { billDate: params.billDate }, '只能对已经过去的日子对账')
    return reconciliationView(await reconcileDay(ctx, params.billDate))
  }
})
