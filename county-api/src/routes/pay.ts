// Tag `pay`: what a household owes (the quote), paying for another household by ID number,
// orders, starting the payment, the receipt, the provider's notify; and for the county's staff
// the money that came in but could not be matched to enrolments.
import type { Receipt } from '../../../src/contract'
import type { Ctx } from '../context'
import type { EnrolmentRow, OrderPerson, OrderRow, PersonRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { requireHousehold } from '../access'
import { ApiFailure } from '../errors'
import { isoTime } from '../clock'
import { fenToYuan } from '../../../src/calculator/money'
import { maskIdNumber, maskName } from '../mask'
import { benefitOf, orderView, payerNameMasked } from '../views'
import { computeQuote, defaultYear, quoteView } from '../pay/quote'
import { createOrder, householdByIdNumber, loadOrderFor, refreshOrder, startPaying } from '../pay/orders'
import { matchOrder, processNotify } from '../pay/notify'

export const payRoutes = (ctx: Ctx): TagHandlers<'pay'> => ({
  getQuote: ({ params, query, user }) => {
    requireHousehold(ctx, user, params.householdId, 'pay', 'quote')
    return quoteView(ctx, params.householdId, query.year ?? defaultYear(ctx))
  },

  lookupPayee: ({ body }) => {
    const householdId = householdByIdNumber(ctx, body.idNumber)
    const year = body.year ?? defaultYear(ctx)
    const { quote, people } = computeQuote(ctx, householdId, year)
    const names = new Map(people.map((p) => [p.id, p.name]))
    return {
      householdId,
      year,
      total: fenToYuan(quote.totalFen),
      membersMasked: quote.lines.map((l) => ({
        nameMasked: maskName(names.get(l.personId) as string),
        due: fenToYuan(l.dueFen),
        alreadyEnrolled: l.dueFen === 0 && l.payer === 'self'
      }))
    }
  },

  createOrder: ({ body, user, req, reply }) => {
    const key = req.headers['idempotency-key'] as string
    const { order, created, namesVisible } = createOrder(ctx, user, body, key)
    reply.status(created ? 201 : 200)
    return orderView(ctx, order, namesVisible)
  },

  listOrders: ({ params, user }) => {
    requireHousehold(ctx, user, params.householdId, 'pay', 'list_orders')
    const rows = ctx.db
      .prepare('SELECT * FROM orders WHERE household_id = ? ORDER BY created_at DESC')
      .all(params.householdId) as OrderRow[]
    return { orders: rows.map((o) => orderView(ctx, refreshOrder(ctx, o), true)) }
  },

  getOrder: ({ params, user }) => {
    const { order, namesVisible } = loadOrderFor(ctx, user, params.orderId, 'view_order')
    return orderView(ctx, refreshOrder(ctx, order), namesVisible)
  },

  startPayment: ({ params, user }) => {
    const { order } = loadOrderFor(ctx, user, params.orderId, 'start_payment')
    return ctx.payments.start(startPaying(ctx, order))
  },

  getReceipt: ({ params, user }) => {
    const { order, namesVisible, access } = loadOrderFor(ctx, user, params.orderId, 'view_receipt')
    if (order.status !== 'confirmed' || !order.receipt_number)
      throw new ApiFailure('CONFLICT', { status: order.status }, '订单还没有确认，暂时没有票据')
    const receipt: Receipt = {
      receiptNumber: order.receipt_number,
      orderId: order.id,
      householdId: order.household_id,
      year: order.year,
      amount: fenToYuan(order.amount_fen),
      payerNameMasked: payerNameMasked(ctx, order),
      paidAt: isoTime(order.paid_at as number),
      issuedAt: isoTime(order.confirmed_at as number),
      issuer: '城乡居民医保基金',
      persons: (JSON.parse(order.persons) as OrderPerson[]).map((p) => {
        const person = ctx.db.prepare('SELECT * FROM persons WHERE id = ?').get(p.personId) as PersonRow
        const e = ctx.db
          .prepare('SELECT * FROM enrolments WHERE person_id = ? AND year = ?')
          .get(p.personId, order.year) as EnrolmentRow
        const fullId = access?.relation === 'head' || user.person_id === p.personId
        return {
          name: namesVisible ? person.name : maskName(person.name),
          idNumber: person.id_number === null ? null : fullId ? person.id_number : maskIdNumber(person.id_number),
          amount: fenToYuan(p.dueFen),
          coverageStart: e.coverage_start as string,
          coverageEnd: e.coverage_end as string,
          benefitStart: benefitOf(e).benefitStart as string,
          benefitEnd: benefitOf(e).benefitEnd as string
        }
      })
    }
    return receipt
  },

  paymentNotify: ({ body, req }) => {
    processNotify(ctx, req.rawBody ?? '', req.headers['x-notify-signature'] as string | undefined, body)
    return { code: 'SUCCESS' as const, message: '成功' }
  },

  reviewUnmatched: () => {
    const rows = ctx.db
      .prepare(`SELECT * FROM orders WHERE status = 'paid_not_matched' ORDER BY paid_at`)
      .all() as OrderRow[]
    return { orders: rows.map((o) => orderView(ctx, o, true)) }
  },

  reviewRetryMatch: ({ params }) => {
    const o = ctx.db.prepare('SELECT * FROM orders WHERE id = ?').get(params.orderId) as OrderRow | undefined
    if (!o) throw new ApiFailure('NOT_FOUND')
    if (o.status !== 'paid_not_matched' && o.status !== 'paid') throw new ApiFailure('CONFLICT', { status: o.status })
    return orderView(ctx, matchOrder(ctx, o.id), true)
  }
})
