import { fireEvent, render, screen as view } from '@testing-library/react'
import { appError } from '@/services/errors'
import type { PayScreen } from '../payment-state'
import { screenForOrder } from '../payment-state'
import { PaymentStatus } from './payment-status'
import { order } from '../__fixtures__/data'

function setup(screen: PayScreen, extra: Partial<Parameters<typeof PaymentStatus>[0]> = {}) {
  const handlers = {
    onPay: jest.fn(),
    onRetry: jest.fn(),
    onRefresh: jest.fn(),
    onReceipt: jest.fn(),
    onNewOrder: jest.fn(),
    onCall: jest.fn()
  }
  const r = render(<PaymentStatus screen={screen} {...handlers} {...extra} />)
  return { ...r, ...handlers }
}

test('ready: nothing (the quote screen shows the pay button)', () => {
  const { container } = setup({ kind: 'ready' })
  expect(container).toBeEmptyDOMElement()
})

test('starting: tells the user not to tap again', () => {
  setup({ kind: 'starting' })
  expect(view.getByText('正在准备付款…')).toBeInTheDocument()
  expect(view.getByText(/不要重复点/)).toBeInTheDocument()
})

test('waiting for payment: amount, money not taken yet, pay button', () => {
  const h = setup(screenForOrder(order({ status: 'created' }), { submitted: false }))
  expect(view.getByText('等待付款')).toBeInTheDocument()
  expect(view.getByText('¥780.00')).toBeInTheDocument()
  expect(view.getByText(/钱还没有扣/)).toBeInTheDocument()
  expect(view.getByText('张建华')).toBeInTheDocument()
  fireEvent.click(view.getByText('去付款'))
  expect(h.onPay).toHaveBeenCalledTimes(1)
})

test('waiting for payment while busy: the button is disabled (no double tap)', () => {
  const h = setup(screenForOrder(order({ status: 'created' }), { submitted: false }), { busy: true })
  const btn = view.getByText('正在打开付款…')
  expect(btn).toBeDisabled()
  fireEvent.click(btn)
  expect(h.onPay).not.toHaveBeenCalled()
})

test('payment submitted on the phone: waiting for the county, never "done"', () => {
  setup(screenForOrder(order({ status: 'paying' }), { submitted: true }))
  expect(view.getByText('付款已提交，等县里确认')).toBeInTheDocument()
  expect(view.getByText(/不要再付一次/)).toBeInTheDocument()
  expect(view.queryByText('查看票据')).toBeNull()
  expect(view.queryByText(/缴费成功/)).toBeNull()
})

test('paid and being recorded: refresh asks the county again', () => {
  const h = setup(screenForOrder(order({ status: 'paid', paidAt: '2025-11-20T10:05:00+08:00' }), { submitted: false }))
  expect(view.getByText('已付款，正在入账')).toBeInTheDocument()
  expect(view.getByText(/县里已经收到钱/)).toBeInTheDocument()
  fireEvent.click(view.getByText('刷新看看'))
  expect(h.onRefresh).toHaveBeenCalled()
})

test('done: every member named, receipt number, receipt button', () => {
  const h = setup(
    screenForOrder(
      order({
        status: 'confirmed',
        receiptNumber: '990101-2026-00000007',
        paidAt: '2025-11-20T10:05:00+08:00',
        confirmedAt: '2025-11-20T10:05:03+08:00',
        // as the county recorded them: 李桂兰 paid arrears and waits three months
        persons: [
          { personId: 'p1', name: '张建华', due: '400.00', benefitStart: '2026-01-01', benefitEnd: '2026-12-31' },
          { personId: 'p2', name: '李桂兰', due: '380.00', benefitStart: '2026-04-01', benefitEnd: '2026-12-31' }
        ]
      }),
      { submitted: true }
    )
  )
  expect(view.getByText('缴费成功，已参保')).toBeInTheDocument()
  expect(view.getByText('张建华')).toBeInTheDocument()
  expect(view.getByText('李桂兰')).toBeInTheDocument()
  // each member's first day of claims, the county's record, not "已参保" for all alike
  expect(view.getByText('2026年1月1日起看病能报销，到2026年12月31日')).toBeInTheDocument()
  const wait = view.getByText('2026年4月1日起看病能报销，到2026年12月31日')
  expect(wait.className).toContain('benefit-dates--waiting')
  expect(view.getByText('票据号 990101-2026-00000007')).toBeInTheDocument()
  fireEvent.click(view.getByText('查看票据'))
  expect(h.onReceipt).toHaveBeenCalled()
})

test('failed: why, money not taken, try again', () => {
  const h = setup(screenForOrder(order({ status: 'failed', failureReason: '支付未成功' }), { submitted: true }))
  expect(view.getByText('付款没有成功')).toBeInTheDocument()
  expect(view.getByText(/原因：支付未成功。钱没有扣/)).toBeInTheDocument()
  fireEvent.click(view.getByText('重新缴费'))
  expect(h.onNewOrder).toHaveBeenCalled()
})

test('expired: money not taken, start again', () => {
  const h = setup(screenForOrder(order({ status: 'expired' }), { submitted: false }))
  expect(view.getByText('订单已过期，钱没有扣')).toBeInTheDocument()
  fireEvent.click(view.getByText('重新缴费'))
  expect(h.onNewOrder).toHaveBeenCalled()
})

test('paid but not recorded: payment reference, what the county does, whom to call', () => {
  const h = setup(
    screenForOrder(
      order({ status: 'paid_not_matched', paidAt: '2025-11-20T10:05:00+08:00', failureReason: '该成员本年度已经缴费' }),
      { submitted: false }
    )
  )
  expect(view.getByText('钱已付，县里还没入账')).toBeInTheDocument()
  expect(view.getByText('付款凭据：订单号 ord_1')).toBeInTheDocument()
  expect(view.getByText(/不要再交/)).toBeInTheDocument()
  expect(view.getByText(/该成员本年度已经缴费/)).toBeInTheDocument()
  expect(view.getByText(/工作人员正在核对/)).toBeInTheDocument()
  fireEvent.click(view.getByText('拨打 12393'))
  expect(h.onCall).toHaveBeenCalledWith('12393')
})

test('blocked, already paid: says when, offers no way to pay again', () => {
  setup({ kind: 'blocked', reason: 'already_paid', paidAt: '2025-10-02T09:00:00+08:00' })
  expect(view.getByText('这一年已经缴过了')).toBeInTheDocument()
  expect(view.getByText(/10月2日 09:00|2025年10月2日 09:00/)).toBeInTheDocument()
  expect(view.queryByText('去付款')).toBeNull()
  expect(view.queryByText('重新缴费')).toBeNull()
})

test('blocked, another family member is paying right now', () => {
  setup({ kind: 'blocked', reason: 'other_payer', paidAt: null })
  expect(view.getByText('家里有人正在缴费')).toBeInTheDocument()
  expect(view.getByText(/为了不重复扣钱/)).toBeInTheDocument()
})

test('blocked: names who started paying and when, masked', () => {
  setup({ kind: 'blocked', reason: 'other_payer', paidAt: null, by: '王**', at: '2026-11-20T09:30:00+08:00' })
  expect(view.getByText(/王\*\* 在 .*11月20日 09:30.* 已经开始为这一年缴费/)).toBeInTheDocument()
})

test('trouble: the error in plain words, and retrying is safe', () => {
  const h = setup({ kind: 'trouble', error: appError('TIMEOUT'), order: null })
  expect(view.getByText('暂时连不上县里')).toBeInTheDocument()
  expect(view.getByText(/网络太慢/)).toBeInTheDocument()
  expect(view.getByText(/重试不会重复扣钱/)).toBeInTheDocument()
  fireEvent.click(view.getByText('重试'))
  expect(h.onRetry).toHaveBeenCalled()
})

test('offline trouble has its own title', () => {
  setup({ kind: 'trouble', error: appError('OFFLINE'), order: null })
  expect(view.getByText('手机没有网络')).toBeInTheDocument()
})

test('a note from the last action is shown (cancelled WeChat Pay)', () => {
  setup(screenForOrder(order({ status: 'paying' }), { submitted: false }), { note: '您取消了付款，钱没有扣' })
  expect(view.getByText('您取消了付款，钱没有扣')).toBeInTheDocument()
})
