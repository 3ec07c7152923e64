// The household's notifications (issue #6): when someone other than the head pays for the
// household (a grantee, a member, a migrant child paying by ID number), the household is told
// who paid (masked), how much, for which year and whom, with the receipt number. Written by
// the settlement itself, in its transaction: never lost, and at most one per order
// (notifications.order_id is UNIQUE), however often the provider repeats its notify.
// No ID numbers or phones go into a notification.
import type { BindingNotice, HouseholdNotification, PaidByOther } from '../../src/contract'
import type { Ctx } from './context'
import type { BindingRequestRow, NotificationRow, OrderPerson, OrderRow } from './db/rows'
import { isoTime } from './clock'
import { fenToYuan } from '../../src/calculator/money'
import { newId } from './ids'
import { payerNameMasked } from './views'

/** Called by the settlement, inside its transaction, once the order is confirmed with `receipt`. */
export async function recordPaidByOther(ctx: Ctx, o: OrderRow, receipt: string, now: number): Promise<void> {
  const payment: PaidByOther = {
    orderId: o.id,
    year: o.year,
    amount: fenToYuan(o.amount_fen),
    payerNameMasked: await payerNameMasked(ctx, o),
    payerIsHousehold: o.payer_is_household === 1,
    // the names as the household knows them (the order keeps them as quoted)
    members: (JSON.parse(o.persons) as OrderPerson[]).map((p) => p.name),
    receiptNumber: receipt,
    paidAt: isoTime(o.paid_at ?? now)
  }
  await ctx.db.run(
    `INSERT INTO notifications (id, household_id, kind, order_id, payer_user_id, payload, created_at)
    VALUES (?, ?, 'paid_by_other', ?, ?, ?, ?) ON CONFLICT(order_id) DO NOTHING`,
    newId('ntf'),
    o.household_id,
    o.id,
    o.payer_user_id,
    JSON.stringify(payment),
    now
  )
}

/**
 * An account was bound to the household, or asks the head to approve (issue 15): the head is told
 * on the home page, in the binding's own commit. The account that did it is not told (payer_user_id
 * holds who did it, as for payments).
 */
export async function recordBindingNotice(
  ctx: Ctx,
  kind: 'new_binding' | 'binding_request',
  r: Pick<BindingRequestRow, 'id' | 'household_id' | 'user_id' | 'channel'> & { binding_id?: string },
  personName: string,
  accountName: string,
  now: number
): Promise<void> {
  const binding: BindingNotice = {
    bindingId: r.binding_id ?? null,
    requestId: r.id,
    personName,
    accountName,
    channel: r.channel,
    at: isoTime(now)
  }
  await ctx.db.run(
    `INSERT INTO notifications (id, household_id, kind, order_id, payer_user_id, payload, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?)`,
    newId('ntf'),
    r.household_id,
    kind,
    r.user_id,
    JSON.stringify(binding),
    now
  )
}

export function notificationView(n: NotificationRow): HouseholdNotification {
  const common = {
    notificationId: n.id,
    householdId: n.household_id,
    createdAt: isoTime(n.created_at),
    readAt: n.read_at === null ? null : isoTime(n.read_at)
  }
  return n.kind === 'paid_by_other'
    ? { ...common, kind: n.kind, payment: JSON.parse(n.payload) as PaidByOther }
    : { ...common, kind: n.kind, binding: JSON.parse(n.payload) as BindingNotice }
}
