// Payment provider port: what the server needs from whoever takes the money. Two ship:
// `wechat-pay/provider.ts` (WeChat Pay APIv3) and `simulated-payment.ts` (a cashier page and its
// own ledger, for development). The notify is read by the provider (its signature scheme, its
// encryption) and applied by pay/notify.ts, whichever provider sent it.
import type { PaymentStart } from '../../../src/contract'
import type { OrderRow } from '../db/rows'

/** A payment as the provider reports it (notify or query): money in for an order, or its failure. */
export interface ProviderPayment {
  /** the notify's id (a query's answer: `query-<transaction id>`) */
  notifyId: string
  /** the merchant order number: our order's id, or a number we never issued */
  orderId: string
  transactionId: string
  result: 'SUCCESS' | 'FAIL'
  amountFen: number
  paidAt: string
}

export interface ProviderRefund {
  /** our out_refund_no */
  refundId: string
  providerRefundId: string | null
  orderId: string
  transactionId: string
  status: 'processing' | 'succeeded' | 'closed' | 'abnormal'
  amountFen: number
  completedAt: string | null
}

export type ProviderNotice = { kind: 'payment'; payment: ProviderPayment } | { kind: 'refund'; refund: ProviderRefund }

export interface RefundRequest {
  refundId: string
  orderId: string
  transactionId: string
  amountFen: number
  totalFen: number
  reason: string
}

/** One line of the provider's daily trade bill. */
export interface BillLine {
  kind: 'payment' | 'refund'
  orderId: string
  transactionId: string
  /** the payment's total; for a refund, the money returned */
  amountFen: number
  refundId: string | null
  at: string
}

export type HeaderLookup = (name: string) => string | undefined

export interface PaymentProvider {
  readonly kind: 'simulated' | 'wechat'
  /** What the app needs to pay an order that is `paying` (WeChat: places the order there first). */
  start(order: OrderRow, payer: { openid: string | null; ip: string }): Promise<PaymentStart>
  /** Verifies a notify over its exact bytes and reads it; throws ApiFailure('SIGNATURE_INVALID') when it does not verify. */
  readNotify(rawBody: string, header: HeaderLookup): ProviderNotice
  /** What the provider knows of an order's payment (its notify is late): null while unpaid or unknown. */
  query(order: OrderRow): Promise<ProviderPayment | null>
  /** Closes an unpaid order at the provider; `paid` when it was paid meanwhile (query it). */
  close(order: OrderRow): Promise<'closed' | 'paid'>
  /** Asks for a refund; throws ApiFailure when the provider refuses it, another error when it did not answer. */
  refund(r: RefundRequest): Promise<ProviderRefund>
  /** The provider's word on a refund asked for earlier (null: it does not know it). */
  queryRefund(refundId: string): Promise<ProviderRefund | null>
  /** The provider's trade bill of a day (YYYY-MM-DD, Asia/Shanghai); empty when there was nothing. */
  tradeBill(date: string): Promise<BillLine[]>
  /** The simulated provider's outbox (start-up and periodic retry); WeChat retries by itself. */
  deliverPending(): Promise<number>
  /** The simulated cashier (simulated provider only). */
  cashierPay(orderId: string): Promise<void>
  cashierFail(orderId: string): Promise<void>
}
