// The payment the phone has started but the county has not settled. It is saved on the
// phone BEFORE the order is requested, so a double tap, a retry after a timeout or the app
// being killed all send the same Idempotency-Key, and the county answers with the same
// order instead of making a second one. It is dropped only when the order is settled
// (confirmed, failed or expired) — a new attempt after that gets a new key.
//
// Never saved: the payee's full ID number (pay-for-others). If the app is killed before
// the county answered the first request, the user types the ID number again and the same
// key is sent with it, so the county still returns the one order.
import type { Channel, Order } from '@/contract'
import { newIdempotencyKey } from '@/services/county-client'
import { nowIso } from '@/services/time'
import { isSettled } from './payment-state'

export interface PendingPayment {
  /** Idempotency-Key for createOrder */
  key: string
  householdId: string
  year: number
  channel: Channel
  /** null until the county has answered createOrder */
  orderId: string | null
  /** pay-for-others: masked ID number of the payee, for display only */
  payeeIdMasked: string | null
  /** the phone's payment UI reported success (only moves the screen to "waiting for the county") */
  submitted: boolean
  amount: string | null
  startedAt: string
}

export type PendingMap = Record<string, PendingPayment>

export function pendingSlot(householdId: string, year: number): string {
  return `${householdId}:${year}`
}

/** The pending payment for this household-year, or a new one with a fresh key. */
export function ensurePending(
  map: PendingMap,
  target: { householdId: string; year: number; channel: Channel; payeeIdMasked?: string | null },
  makeKey: () => string = newIdempotencyKey
): { map: PendingMap; pending: PendingPayment; reused: boolean } {
  const slot = pendingSlot(target.householdId, target.year)
  const existing = map[slot]
  if (existing && existing.channel === target.channel) return { map, pending: existing, reused: true }
  const pending: PendingPayment = {
    key: makeKey(),
    householdId: target.householdId,
    year: target.year,
    channel: target.channel,
    orderId: null,
    payeeIdMasked: target.payeeIdMasked ?? null,
    submitted: false,
    amount: null,
    startedAt: nowIso()
  }
  return { map: { ...map, [slot]: pending }, pending, reused: false }
}

/** Records what the county said about the order; drops the record once the order is settled. */
export function applyOrder(map: PendingMap, order: Order): PendingMap {
  const slot = pendingSlot(order.householdId, order.year)
  const p = map[slot]
  if (!p) return map
  if (p.orderId !== null && p.orderId !== order.orderId) return map // an older order; not ours
  if (isSettled(order.status)) {
    const { [slot]: _gone, ...rest } = map
    return rest
  }
  return { ...map, [slot]: { ...p, orderId: order.orderId, amount: order.amount } }
}

export function markSubmitted(map: PendingMap, orderId: string, submitted: boolean): PendingMap {
  const entry = Object.entries(map).find(([, p]) => p.orderId === orderId)
  if (!entry) return map
  return { ...map, [entry[0]]: { ...entry[1], submitted } }
}

export function dropPending(map: PendingMap, householdId: string, year: number): PendingMap {
  const slot = pendingSlot(householdId, year)
  if (!map[slot]) return map
  const { [slot]: _gone, ...rest } = map
  return rest
}

export function findByOrder(map: PendingMap, orderId: string): PendingPayment | undefined {
  return Object.values(map).find((p) => p.orderId === orderId)
}
