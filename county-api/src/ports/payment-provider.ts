// Payment provider port: what the server needs from WeChat Pay (or whoever takes the money).
// The simulated provider (simulated-payment.ts) stands in for it in development: it keeps its own
// ledger, and sends signed notify callbacks (with retries) like the real one.
import crypto from 'node:crypto'
import type { PaymentStart } from '../../../src/contract'
import type { OrderRow } from '../db/rows'

export interface PaymentProvider {
  start(order: OrderRow): PaymentStart
  /** Signature over the exact body bytes, as sent in the x-notify-signature header. */
  verify(rawBody: string, signature: string | undefined): boolean
  cashierPay(orderId: string): Promise<void>
  cashierFail(orderId: string): Promise<void>
  /** Sends notifies the provider has recorded but not delivered (start-up and periodic retry). */
  deliverPending(): Promise<number>
}

export function signBody(key: string, rawBody: string): string {
  return crypto.createHmac('sha256', key).update(rawBody).digest('hex')
}

export function verifySignature(key: string, rawBody: string, signature: string | undefined): boolean {
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return false
  const expected = Buffer.from(signBody(key, rawBody), 'hex')
  return crypto.timingSafeEqual(expected, Buffer.from(signature, 'hex'))
}
