// The 缴费 calls (contract tag: contributions), by route id, through the one county client.
import { call, type CallResult } from '@/services/county-client'
import type { Channel, Order, PayeeLookup, PaymentStart, Quote, Receipt } from '@/contract'

export const payApi = {
  getQuote: (householdId: string, year?: number): Promise<CallResult<Quote>> =>
    call('getQuote', { params: { householdId }, query: year ? { year } : {} }),
  lookupPayee: (idNumber: string, year?: number): Promise<CallResult<PayeeLookup>> =>
    call('lookupPayee', { body: year ? { idNumber, year } : { idNumber } }),
  createOrder: (
    body: { householdId?: string; payeeIdNumber?: string; year: number; channel: Channel },
    idempotencyKey: string
  ): Promise<CallResult<Order>> => call('createOrder', { body, idempotencyKey }),
  getOrder: (orderId: string): Promise<CallResult<Order>> => call('getOrder', { params: { orderId } }),
  listOrders: (householdId: string): Promise<CallResult<{ orders: Order[] }>> =>
    call('listOrders', { params: { householdId } }),
  startPayment: (orderId: string): Promise<CallResult<PaymentStart>> => call('startPayment', { params: { orderId } }),
  getReceipt: (orderId: string): Promise<CallResult<Receipt>> => call('getReceipt', { params: { orderId } }),
  // the reference server's simulated cashier (h5 and development only)
  cashierPay: (orderId: string) => call('cashierPay', { params: { orderId } }),
  cashierFail: (orderId: string) => call('cashierFail', { params: { orderId } }),
  cashierAbandon: (orderId: string) => call('cashierAbandon', { params: { orderId } })
}

export type PayApi = typeof payApi
