// Asking the provider about orders it has not told us about: a notify that is late (WeChat retries
// for 24 hours, but a household waits for its receipt) is replaced by a query, and an order that
// expired or failed unpaid is closed at the provider (WeChat Pay also refuses payment after the
// order's time_expire, the moment the county expires it). Run by the background job.
import type { Ctx } from '../context'
import type { OrderRow } from '../db/rows'
import { acceptPayment } from './notify'

/** How long a notify may take before the provider is asked, and between two questions about one order. */
const ASK_AFTER_MS = 60_000

export async function syncWithProvider(ctx: Ctx, limit = 50): Promise<number> {
  const now = ctx.clock.now()
  const due = await ctx.db.all<OrderRow>(
    `SELECT * FROM orders WHERE provider_ref IS NOT NULL AND provider_done_at IS NULL AND created_at <= ?
       AND (provider_checked_at IS NULL OR provider_checked_at <= ?) ORDER BY created_at LIMIT ?`,
    now - ASK_AFTER_MS,
    now - ASK_AFTER_MS,
    limit
  )
  const mark = async (o: OrderRow, column: 'provider_checked_at' | 'provider_done_at') =>
    await ctx.db.run(`UPDATE orders SET ${column} = ? WHERE id = ?`, ctx.clock.now(), o.id)
  let settled = 0
  for (const o of due) {
    try {
      const paid = await ctx.payments.query(o)
      if (paid) {
        await acceptPayment(ctx, paid)
        await mark(o, 'provider_done_at') // (already, unless the money was told before under another id)
        settled++
        continue
      }
      const fresh = (await ctx.db.get<OrderRow>('SELECT status, expires_at FROM orders WHERE id = ?', o.id))!
      const open = (fresh.status === 'created' || fresh.status === 'paying') && fresh.expires_at > ctx.clock.now()
      if (open) {
        await mark(o, 'provider_checked_at')
        continue
      }
      // over at the county: close it there too; paid meanwhile → the next round's query books it
      if ((await ctx.payments.close(o)) === 'closed') {
        await mark(o, 'provider_done_at')
        settled++
      } else await mark(o, 'provider_checked_at')
    } catch (e) {
      await mark(o, 'provider_checked_at')
      ctx.log.warn(
        { orderId: o.id, err: { message: String((e as Error).message) } },
        'provider not reachable for an order'
      )
    }
  }
  return settled
}
