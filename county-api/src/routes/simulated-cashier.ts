// Tag `simulated-cashier`: the simulated provider's cashier page (PAYMENT_MODE=simulated only:
// development and tests; the server does not register these routes otherwise).
import type { Ctx } from '../context'
import type { TagHandlers } from './handler'
import { ApiFailure } from '../errors'

export const simulatedCashierRoutes = (ctx: Ctx): TagHandlers<'simulated-cashier'> => ({
  cashierPay: async ({ params }) => {
    await ctx.payments.cashierPay(params.orderId)
    return { ok: true }
  },

  cashierFail: async ({ params }) => {
    await ctx.payments.cashierFail(params.orderId)
    return { ok: true }
  },

  cashierAbandon: async ({ params }) => {
    const changed = (
      await ctx.db.run(`UPDATE orders SET status = 'created' WHERE id = ? AND status = 'paying'`, params.orderId)
    ).changes
    if (changed === 0) {
      if (!(await ctx.db.get('SELECT 1 FROM orders WHERE id = ?', params.orderId))) throw new ApiFailure('NOT_FOUND')
      throw new ApiFailure('CONFLICT')
    }
    return { ok: true }
  }
})
