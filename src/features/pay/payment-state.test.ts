import type { OrderStatus } from '@/contract'
import { isSettled, pollDelay, POLL_SLOW_MS, screenForOrder, screenTitle, shouldPoll } from './payment-state'
import { order } from './__fixtures__/data'

const cases: [OrderStatus, boolean, string, string][] = [
  ['created', false, 'awaiting_payment', '等待付款'],
  ['paying', false, 'awaiting_payment', '等待付款'],
  ['paying', true, 'confirming', '付款已提交，等县里确认'],
  ['paid', false, 'confirming', '已付款，正在入账'],
  ['confirmed', false, 'done', '缴费成功，已参保'],
  ['failed', false, 'failed', '付款没有成功'],
  ['expired', false, 'expired', '订单已过期，钱没有扣'],
  ['paid_not_matched', false, 'not_matched', '钱已付，县里还没入账']
]

test.each(cases)('order %s (phone says submitted: %s) → %s', (status, submitted, kind, title) => {
  const s = screenForOrder(order({ status }), { submitted })
  expect(s.kind).toBe(kind)
  expect(screenTitle(s)).toBe(title)
})

test('the phone saying "paid" never makes a created/paying order done', () => {
  for (const status of ['created', 'paying'] as const) {
    expect(screenForOrder(order({ status }), { submitted: true }).kind).toBe('confirming')
  }
})

test('the failure reason comes from the county, with a plain default', () => {
  const s = screenForOrder(order({ status: 'failed', failureReason: '银行卡余额不足' }), { submitted: false })
  expect(s.kind === 'failed' && s.reason).toBe('银行卡余额不足')
  const d = screenForOrder(order({ status: 'failed' }), { submitted: false })
  expect(d.kind === 'failed' && d.reason).toBe('付款没有成功')
})

test('settled statuses free the key; money-taken statuses do not', () => {
  expect((['confirmed', 'failed', 'expired'] as const).every(isSettled)).toBe(true)
  expect((['created', 'paying', 'paid', 'paid_not_matched'] as const).some(isSettled)).toBe(false)
})

test('polling: while the county is recording, or after the phone submitted; not when nothing happened', () => {
  expect(shouldPoll(order({ status: 'paid' }), { submitted: false })).toBe(true)
  expect(shouldPoll(order({ status: 'paid_not_matched' }), { submitted: false })).toBe(true)
  expect(shouldPoll(order({ status: 'paying' }), { submitted: true })).toBe(true)
  expect(shouldPoll(order({ status: 'paying' }), { submitted: false })).toBe(false)
  expect(shouldPoll(order({ status: 'confirmed' }), { submitted: true })).toBe(false)
})

test('poll pauses grow and then stay slow', () => {
  expect(pollDelay(0)).toBeLessThan(pollDelay(5))
  expect(pollDelay(100)).toBe(POLL_SLOW_MS)
})
