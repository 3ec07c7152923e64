// Contribution feature state: quotes, the payment in progress (with its idempotency key),
// orders as the county last reported them, and receipts kept for offline viewing.
// Persisted through Taro storage; receipts are saved with ID numbers masked.
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { Channel, Order, PayeeLookup, PaymentStart, Quote, Receipt } from '@/contract'
import { taroStorage } from '@/services/storage'
import { appError, type AppError } from '@/services/errors'
import { nowIso } from '@/services/time'
import { maskIdNumber } from '@/shared/id-number'
import { contributionApi, type ContributionApi } from './api'
import { applyOrder, dropPending, ensurePending, findByOrder, markSubmitted, pendingSlot, type PendingMap, type PendingPayment } from './pending'
import { screenForOrder, type PayScreen } from './payment-state'

export interface Cached<T> {
  data: T
  asOf: string
}

export interface PayTarget {
  householdId: string
  year: number
  /** pay-for-others: the payee's ID number, kept in memory only */
  payeeIdNumber?: string
}

export type StartResult =
  | { ok: true; order: Order; pending: PendingPayment }
  | { ok: false; screen: PayScreen }

export type PaymentLaunch =
  /** weapp: WeChat Pay ran and said success (still only a claim until the county confirms) */
  | { kind: 'submitted' }
  /** weapp: the user closed WeChat Pay, or it failed on the phone */
  | { kind: 'cancelled'; message: string }
  /** h5: go to the simulated cashier with these details */
  | { kind: 'cashier'; cashier: NonNullable<PaymentStart['cashier']> }
  | { kind: 'error'; error: AppError }

interface ContributionState {
  quotes: Record<string, Cached<Quote>>
  pending: PendingMap
  orders: Record<string, Cached<Order>>
  receipts: Record<string, Cached<Receipt>>
  payee: PayeeLookup | null
  loadQuote: (householdId: string, year?: number) => Promise<{ ok: true; quote: Quote } | { ok: false; error: AppError }>
  startOrder: (target: PayTarget) => Promise<StartResult>
  launchPayment: (orderId: string) => Promise<PaymentLaunch>
  refreshOrder: (orderId: string) => Promise<{ ok: true; order: Order } | { ok: false; error: AppError }>
  loadReceipt: (orderId: string) => Promise<{ ok: true; receipt: Receipt } | { ok: false; error: AppError }>
  lookupPayee: (idNumber: string, year?: number) => Promise<{ ok: true; lookup: PayeeLookup } | { ok: false; error: AppError }>
  forgetPending: (householdId: string, year: number) => void
}

export function currentChannel(): Channel {
  return process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp'
}

let api: ContributionApi = contributionApi
/** Tests swap the county calls. */
export function setContributionApi(a: ContributionApi): void { api = a }
export function resetContributionApi(): void { api = contributionApi }

// One request per slot at a time: a double tap joins the request already on its way.
const inFlight = new Map<string, Promise<StartResult>>()

function maskReceipt(r: Receipt): Receipt {
  return { ...r, persons: r.persons.map((p) => ({ ...p, idNumber: p.idNumber.includes('*') ? p.idNumber : maskIdNumber(p.idNumber) })) }
}

export const useContribution = create<ContributionState>()(
  persist(
    (set, get) => {
      const rememberOrder = (order: Order) => set((s) => ({
        orders: { ...s.orders, [order.orderId]: { data: order, asOf: nowIso() } },
        pending: applyOrder(s.pending, order)
      }))

      /** What to show when the county says there was already an order or payment this year. */
      const blockedScreen = async (householdId: string, error: AppError): Promise<PayScreen> => {
        if (error.code === 'ALREADY_PAID') {
          const list = await api.listOrders(householdId)
          const done = list.ok ? list.data.orders.find((o) => o.status === 'confirmed') : undefined
          return { kind: 'blocked', reason: 'already_paid', paidAt: done?.paidAt ?? null }
        }
        return { kind: 'blocked', reason: 'other_payer', paidAt: null }
      }

      async function doStart(target: PayTarget): Promise<StartResult> {
        const slot = pendingSlot(target.householdId, target.year)
        const channel = currentChannel()
        const ensured = ensurePending(get().pending, {
          householdId: target.householdId, year: target.year, channel,
          payeeIdMasked: target.payeeIdNumber ? maskIdNumber(target.payeeIdNumber.trim().toUpperCase()) : null
        })
        // Saved before the request goes out: a crash after this point resends the same key.
        if (!ensured.reused) set({ pending: ensured.map })
        const pending = ensured.pending

        if (pending.orderId) {
          const known = await api.getOrder(pending.orderId)
          if (known.ok) {
            rememberOrder(known.data)
            if (known.data.status === 'created' || known.data.status === 'paying' || known.data.status === 'paid' || known.data.status === 'paid_not_matched') {
              return { ok: true, order: known.data, pending: get().pending[slot] ?? pending }
            }
            // settled: the old key is spent; start again with a new one
            return doStart(target)
          }
          return { ok: false, screen: { kind: 'trouble', error: known.error, order: get().orders[pending.orderId]?.data ?? null } }
        }

        const body = target.payeeIdNumber
          ? { payeeIdNumber: target.payeeIdNumber.trim(), year: target.year, channel }
          : { householdId: target.householdId, year: target.year, channel }
        const res = await api.createOrder(body, pending.key)
        if (res.ok) {
          rememberOrder(res.data)
          const now = get().pending[slot]
          if (!now) return { ok: false, screen: screenForOrder(res.data, { submitted: false }) }
          return { ok: true, order: res.data, pending: now }
        }
        const error = res.error
        if (error.code === 'OPEN_ORDER_EXISTS') {
          const own = (error.details as { orderId?: unknown } | undefined)?.orderId
          if (typeof own === 'string') {
            // our own open order made with another key (e.g. the phone's storage was cleared): adopt it
            const existing = await api.getOrder(own)
            if (existing.ok) {
              set((s) => ({ pending: { ...s.pending, [slot]: { ...pending, orderId: own, amount: existing.data.amount } } }))
              rememberOrder(existing.data)
              return { ok: true, order: existing.data, pending: get().pending[slot] ?? pending }
            }
            return { ok: false, screen: { kind: 'trouble', error: existing.error, order: null } }
          }
          set((s) => ({ pending: dropPending(s.pending, target.householdId, target.year) }))
          return { ok: false, screen: await blockedScreen(target.householdId, error) }
        }
        if (error.code === 'ALREADY_PAID') {
          set((s) => ({ pending: dropPending(s.pending, target.householdId, target.year) }))
          return { ok: false, screen: await blockedScreen(target.householdId, error) }
        }
        if (!error.retryable) {
          // the county refused the request itself: this key was not used, drop it
          set((s) => ({ pending: dropPending(s.pending, target.householdId, target.year) }))
        }
        return { ok: false, screen: { kind: 'trouble', error, order: null } }
      }

      return {
        quotes: {},
        pending: {},
        orders: {},
        receipts: {},
        payee: null,

        async loadQuote(householdId, year) {
          const res = await api.getQuote(householdId, year)
          if (!res.ok) return res
          const quote = res.data
          set((s) => ({ quotes: { ...s.quotes, [pendingSlot(householdId, 0)]: { data: quote, asOf: nowIso() }, [pendingSlot(householdId, quote.year)]: { data: quote, asOf: nowIso() } } }))
          return { ok: true, quote }
        },

        startOrder(target) {
          const slot = pendingSlot(target.householdId, target.year)
          const running = inFlight.get(slot)
          if (running) return running
          const run = doStart(target)
          inFlight.set(slot, run)
          return run.finally(() => inFlight.delete(slot))
        },

        async launchPayment(orderId) {
          const res = await api.startPayment(orderId)
          if (!res.ok) return { kind: 'error', error: res.error }
          const start = res.data
          if (currentChannel() === 'weapp' && start.wechat) {
            try {
              await Taro.requestPayment({ ...start.wechat })
              set((s) => ({ pending: markSubmitted(s.pending, orderId, true) }))
              return { kind: 'submitted' }
            } catch (e) {
              const msg = String((e as { errMsg?: string })?.errMsg || '')
              return { kind: 'cancelled', message: /cancel/i.test(msg) ? '您取消了付款，钱没有扣' : '微信支付没有完成，钱没有扣' }
            }
          }
          if (start.cashier) return { kind: 'cashier', cashier: start.cashier }
          return { kind: 'error', error: appError('BAD_RESPONSE') }
        },

        async refreshOrder(orderId) {
          const res = await api.getOrder(orderId)
          if (!res.ok) return res
          rememberOrder(res.data)
          return { ok: true, order: res.data }
        },

        async loadReceipt(orderId) {
          const res = await api.getReceipt(orderId)
          if (!res.ok) return res
          const receipt = maskReceipt(res.data)
          set((s) => ({ receipts: { ...s.receipts, [orderId]: { data: receipt, asOf: nowIso() } } }))
          return { ok: true, receipt }
        },

        async lookupPayee(idNumber, year) {
          const res = await api.lookupPayee(idNumber.trim(), year)
          if (!res.ok) return res
          set({ payee: res.data })
          return { ok: true, lookup: res.data }
        },

        forgetPending(householdId, year) {
          set((s) => ({ pending: dropPending(s.pending, householdId, year) }))
        }
      }
    },
    {
      name: 'xqyb.contribution',
      version: 1,
      storage: createJSONStorage(() => taroStorage),
      // the payee lookup is not kept; receipts are stored masked (see maskReceipt)
      partialize: (s) => ({ quotes: s.quotes, pending: s.pending, orders: s.orders, receipts: s.receipts })
    }
  )
)

export function pendingForOrder(orderId: string): PendingPayment | undefined {
  return findByOrder(useContribution.getState().pending, orderId)
}

export function resetContributionForTests(): void {
  inFlight.clear()
  useContribution.setState({ quotes: {}, pending: {}, orders: {}, receipts: {}, payee: null })
}
