// Contribution feature state. The payment in progress (with its idempotency key) lives in
// this store, owned by one signed-in user; quotes, orders and receipts are user caches
// (services/cache: cleared on sign-out, receipts stored with ID numbers masked) so they
// can be shown offline.
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { Channel, Order, PayeeLookup, PaymentStart, Quote, Receipt } from '@/contract'
import { taroStorage } from '@/services/storage'
import { createUserCache } from '@/services/cache'
import { announceChange, householdTopic } from '@/services/county-changes'
import { appError, type AppError } from '@/services/errors'
import { maskIdNumber } from '@/shared/mask'
import { payApi, type PayApi } from './api'
import {
  applyOrder,
  dropPending,
  ensurePending,
  findByOrder,
  markSubmitted,
  pendingSlot,
  type PendingMap,
  type PendingPayment
} from './pending'
import { queuedScreen, screenForOrder, type PayScreen } from './payment-state'

export const quoteCache = createUserCache<Quote>({ name: 'contribution.quotes', version: 1, maxEntries: 10 })
export const orderCache = createUserCache<Order>({ name: 'contribution.orders', version: 1, maxEntries: 20 })
export const receiptCache = createUserCache<Receipt>({
  name: 'contribution.receipts',
  version: 1,
  maxEntries: 30,
  scrub: maskReceipt
})

export interface PayTarget {
  householdId: string
  year: number
  /** pay-for-others: the payee's ID number, kept in memory only */
  payeeIdNumber?: string
}

export type StartResult = { ok: true; order: Order; pending: PendingPayment } | { ok: false; screen: PayScreen }

export type PaymentLaunch =
  /** weapp: WeChat Pay ran and said success (still only a claim until the county confirms) */
  | { kind: 'submitted' }
  /** weapp: the user closed WeChat Pay, or it failed on the phone */
  | { kind: 'cancelled'; message: string }
  /** h5: go to the simulated cashier with these details */
  | { kind: 'cashier'; cashier: NonNullable<PaymentStart['cashier']> }
  /** h5 with WeChat Pay: go to WeChat's payment page, which comes back to the order page */
  | { kind: 'wechat_h5'; url: string }
  | { kind: 'error'; error: AppError }

interface ContributionState {
  /** user id the pending payments belong to */
  owner: string | null
  pending: PendingMap
  /** orders as the county last reported them (this run) */
  orders: Record<string, Order>
  payee: PayeeLookup | null
  /** pending payments are per user: a different user on the same phone starts empty */
  setOwner: (userId: string | null) => void
  loadQuote: (
    householdId: string,
    year?: number
  ) => Promise<{ ok: true; quote: Quote } | { ok: false; error: AppError }>
  startOrder: (target: PayTarget) => Promise<StartResult>
  launchPayment: (orderId: string) => Promise<PaymentLaunch>
  refreshOrder: (orderId: string) => Promise<{ ok: true; order: Order } | { ok: false; error: AppError }>
  loadReceipt: (orderId: string) => Promise<{ ok: true; receipt: Receipt } | { ok: false; error: AppError }>
  lookupPayee: (
    idNumber: string,
    year?: number
  ) => Promise<{ ok: true; lookup: PayeeLookup } | { ok: false; error: AppError }>
  forgetPending: (householdId: string, year: number) => void
  /** the payment page (cashier / WeChat Pay) finished: start asking the county for the result */
  markSubmitted: (orderId: string) => void
}

export function currentChannel(): Channel {
  return process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp'
}

let api: PayApi = payApi
/** Tests swap the county calls. */
export function setContributionApi(a: PayApi): void {
  api = a
}
export function resetContributionApi(): void {
  api = payApi
}

// One request per slot at a time: a double tap joins the request already on its way.
const inFlight = new Map<string, Promise<StartResult>>()

function maskReceipt(r: Receipt): Receipt {
  return {
    ...r,
    persons: r.persons.map((p) => ({ ...p, idNumber: p.idNumber === null ? null : maskIdNumber(p.idNumber) }))
  }
}

export const usePay = create<ContributionState>()(
  persist(
    (set, get) => {
      const rememberOrder = (order: Order) => {
        const before = get().orders[order.orderId]?.status
        set((s) => ({ orders: { ...s.orders, [order.orderId]: order }, pending: applyOrder(s.pending, order) }))
        const owner = get().owner
        if (owner) orderCache.getState().put(owner, order.orderId, order)
        // the saved quote no longer holds once the county has recorded the money
        if (order.status === 'confirmed') {
          quoteCache.getState().remove(order.householdId)
          quoteCache.getState().remove(`${order.householdId}:${order.year}`) // the quote page for a chosen year
          // the county enrolled them: home, 缴费, receipts and every other screen about the
          // household ask again now (not after a restart)
          // (an order first seen already confirmed, e.g. a receipt opened from a notice, is old news)
          if (before !== undefined && before !== 'confirmed') announceChange([householdTopic(order.householdId)])
        }
      }

      /** What to show when the county says there was already an order or payment this year. */
      const blockedScreen = async (householdId: string, error: AppError): Promise<PayScreen> => {
        if (error.code === 'ALREADY_PAID') {
          const list = await api.listOrders(householdId)
          const done = list.ok ? list.data.orders.find((o) => o.status === 'confirmed') : undefined
          return {
            kind: 'blocked',
            reason: 'already_paid',
            paidAt: done?.paidAt ?? null,
            by: done?.payerNameMasked ?? null
          }
        }
        // the county says who started the open order and when (names masked), so the family
        // member knows whom to ask instead of paying twice
        const d = (error.details ?? {}) as { payerNameMasked?: unknown; startedAt?: unknown }
        return {
          kind: 'blocked',
          reason: 'other_payer',
          paidAt: null,
          by: typeof d.payerNameMasked === 'string' ? d.payerNameMasked : null,
          at: typeof d.startedAt === 'string' ? d.startedAt : null
        }
      }

      async function doStart(target: PayTarget): Promise<StartResult> {
        const slot = pendingSlot(target.householdId, target.year)
        const channel = currentChannel()
        const ensured = ensurePending(get().pending, {
          householdId: target.householdId,
          year: target.year,
          channel,
          payeeIdMasked: target.payeeIdNumber ? maskIdNumber(target.payeeIdNumber.trim().toUpperCase()) : null
        })
        // Saved before the request goes out: a crash after this point resends the same key.
        if (!ensured.reused) set({ pending: ensured.map })
        const pending = ensured.pending

        if (pending.orderId) {
          const known = await api.getOrder(pending.orderId)
          if (known.ok) {
            rememberOrder(known.data)
            if (
              known.data.status === 'created' ||
              known.data.status === 'paying' ||
              known.data.status === 'paid' ||
              known.data.status === 'paid_not_matched'
            ) {
              return { ok: true, order: known.data, pending: get().pending[slot] ?? pending }
            }
            // settled: the old key is spent; start again with a new one
            return doStart(target)
          }
          return {
            ok: false,
            screen: { kind: 'trouble', error: known.error, order: get().orders[pending.orderId] ?? null }
          }
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
              set((s) => ({
                pending: { ...s.pending, [slot]: { ...pending, orderId: own, amount: existing.data.amount } }
              }))
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
        // the county is busy: keep the key (BUSY is retryable) and wait in line on the screen
        const queued = queuedScreen(error)
        if (queued) return { ok: false, screen: queued }
        if (!error.retryable) {
          // the county refused the request itself: this key was not used, drop it
          set((s) => ({ pending: dropPending(s.pending, target.householdId, target.year) }))
        }
        return { ok: false, screen: { kind: 'trouble', error, order: null } }
      }

      return {
        owner: null,
        pending: {},
        orders: {},
        payee: null,

        setOwner(userId) {
          if (get().owner === userId) return
          inFlight.clear()
          set({ owner: userId, pending: {}, orders: {}, payee: null })
        },

        async loadQuote(householdId, year) {
          const res = await api.getQuote(householdId, year)
          if (!res.ok) return res
          const quote = res.data
          const owner = get().owner
          if (owner) quoteCache.getState().put(owner, householdId, quote)
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
              return {
                kind: 'cancelled',
                message: /cancel/i.test(msg) ? '您取消了付款，钱没有扣' : '微信支付没有完成，钱没有扣'
              }
            }
          }
          if (start.h5Url) {
            // the page is left for WeChat's: on the way back, the order screen asks the county at once
            set((s) => ({ pending: markSubmitted(s.pending, orderId, true) }))
            return { kind: 'wechat_h5', url: start.h5Url }
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
          const owner = get().owner
          if (owner) receiptCache.getState().put(owner, orderId, res.data)
          return { ok: true, receipt: res.data }
        },

        async lookupPayee(idNumber, year) {
          const res = await api.lookupPayee(idNumber.trim(), year)
          // a failed look-up clears the last one: its card must not stay under the error
          if (!res.ok) {
            set({ payee: null })
            return res
          }
          set({ payee: res.data })
          return { ok: true, lookup: res.data }
        },

        markSubmitted(orderId) {
          set((s) => ({ pending: markSubmitted(s.pending, orderId, true) }))
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
      partialize: (s) => ({ owner: s.owner, pending: s.pending })
    }
  )
)

export function pendingForOrder(orderId: string): PendingPayment | undefined {
  return findByOrder(usePay.getState().pending, orderId)
}

export function resetContributionForTests(): void {
  inFlight.clear()
  usePay.setState({ owner: null, pending: {}, orders: {}, payee: null })
  quoteCache.getState().clear()
  orderCache.getState().clear()
  receiptCache.getState().clear()
}
