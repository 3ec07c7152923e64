// What the payment screen shows, decided from the county's order and what the phone did.
// The rule that matters: only the county's order status can say "paid" or "done". The
// phone's own word (WeChat Pay returned success, the cashier page said OK) only moves the
// screen to "waiting for the county to confirm", never further.
import type { Order, OrderStatus } from '@/contract'
import type { AppError } from '@/services/errors'

export type PayScreen =
  /** nothing started yet: the quote and the pay button */
  | { kind: 'ready' }
  /** the order is being created / payment being started (button disabled) */
  | { kind: 'starting' }
  /** the county is busy (BUSY): waiting in line, then trying again by itself with the same key */
  | { kind: 'queued'; secondsLeft: number }
  /** the county has an order; the money has not been taken */
  | { kind: 'awaiting_payment'; order: Order }
  /** the phone says it paid (or the county says paid): waiting for the county to record it */
  | { kind: 'confirming'; order: Order; countySawMoney: boolean }
  | { kind: 'done'; order: Order }
  | { kind: 'failed'; order: Order; reason: string }
  | { kind: 'expired'; order: Order }
  /** money taken but the county could not match it to the enrolment yet */
  | { kind: 'not_matched'; order: Order; reason: string }
  /** the county refused a new order: already paid, or someone else is paying right now */
  /** `by`: who paid or started paying (masked, e.g. 王**); `at`: when they started (other_payer) */
  | {
      kind: 'blocked'
      reason: 'already_paid' | 'other_payer'
      paidAt: string | null
      by?: string | null
      at?: string | null
    }
  /** the network or the county failed; the same idempotency key is kept for the retry */
  | { kind: 'trouble'; error: AppError; order: Order | null }

export interface LocalFlags {
  /** the phone's payment UI reported success for this order (not proof of anything) */
  submitted: boolean
}

export function screenForOrder(order: Order, local: LocalFlags): PayScreen {
  switch (order.status) {
    case 'created':
      return local.submitted
        ? { kind: 'confirming', order, countySawMoney: false }
        : { kind: 'awaiting_payment', order }
    case 'paying':
      return local.submitted
        ? { kind: 'confirming', order, countySawMoney: false }
        : { kind: 'awaiting_payment', order }
    case 'paid':
      return { kind: 'confirming', order, countySawMoney: true }
    case 'confirmed':
      return { kind: 'done', order }
    case 'failed':
      return { kind: 'failed', order, reason: order.failureReason || '付款没有成功' }
    case 'expired':
      return { kind: 'expired', order }
    case 'paid_not_matched':
      return { kind: 'not_matched', order, reason: order.failureReason || '县里正在核对' }
  }
}

/** Statuses after which the idempotency key is spent: a new attempt needs a new order. */
export function isSettled(status: OrderStatus): boolean {
  return status === 'confirmed' || status === 'failed' || status === 'expired'
}

/** Statuses worth asking the county about again soon. */
export function shouldPoll(order: Order, local: LocalFlags): boolean {
  if (order.status === 'paid' || order.status === 'paid_not_matched') return true
  if (order.status === 'paying' || order.status === 'created') return local.submitted
  return false
}

/**
 * Pauses between polls (ms): quick at first (the notify usually arrives within seconds),
 * then slower so a weak network is not flooded. After the list, `slowMs` forever.
 */
export const POLL_SCHEDULE_MS = [1000, 1500, 2000, 3000, 5000, 5000, 10000, 10000, 15000]
export const POLL_SLOW_MS = 30000

export function pollDelay(attempt: number): number {
  return attempt < POLL_SCHEDULE_MS.length ? POLL_SCHEDULE_MS[attempt] : POLL_SLOW_MS
}

/** Headline for each screen, in plain words. */
export function screenTitle(s: PayScreen): string {
  switch (s.kind) {
    case 'ready':
      return '核对金额后缴费'
    case 'starting':
      return '正在准备付款…'
    case 'queued':
      return '排队中'
    case 'awaiting_payment':
      return '等待付款'
    case 'confirming':
      return s.countySawMoney ? '已付款，正在入账' : '付款已提交，等县里确认'
    case 'done':
      return '缴费成功，已参保'
    case 'failed':
      return '付款没有成功'
    case 'expired':
      return '订单已过期，钱没有扣'
    case 'not_matched':
      return '钱已付，县里还没入账'
    case 'blocked':
      return s.reason === 'already_paid' ? '这一年已经缴过了' : '家里有人正在缴费'
    case 'trouble':
      return s.error.code === 'OFFLINE' ? '手机没有网络' : '暂时连不上县里'
  }
}

/** A wait in line is 1 s to 10 min (a longer one is cut short: the county says again if it is still busy). */
const MIN_WAIT_S = 1
const MAX_WAIT_S = 600

/** The queue screen for a BUSY answer (its wait from details.retryAfterSeconds), or null for any other error. */
export function queuedScreen(error: AppError): PayScreen | null {
  if (error.code !== 'BUSY') return null
  const told = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
  const seconds = typeof told === 'number' && Number.isFinite(told) ? Math.ceil(told) : 5
  return { kind: 'queued', secondsLeft: Math.min(MAX_WAIT_S, Math.max(MIN_WAIT_S, seconds)) }
}
