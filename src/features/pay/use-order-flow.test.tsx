import { act, render, screen as view } from '@testing-library/react'
import type { PayApi } from './api'
import { resetContributionApi, resetContributionForTests, setContributionApi, usePay } from './store'
import { useOrderFlow } from './use-order-flow'
import { screenTitle } from './payment-state'
import { order } from './__fixtures__/data'

function Probe({ orderId }: { orderId: string }) {
  const flow = useOrderFlow(orderId)
  return <div data-testid='title'>{flow.screen ? screenTitle(flow.screen) : '…'}</div>
}

const getOrder = jest.fn()
beforeEach(() => {
  jest.useFakeTimers()
  resetContributionForTests()
  getOrder.mockReset()
  setContributionApi({ getOrder } as unknown as PayApi)
})
afterEach(() => {
  jest.useRealTimers()
})
afterAll(() => resetContributionApi())

async function flush() {
  await act(async () => {
    await Promise.resolve()
  })
}

test('keeps asking the county while the money is being recorded, and stops once it is done', async () => {
  getOrder
    .mockResolvedValueOnce({ ok: true, data: order({ status: 'paid' }) })
    .mockResolvedValueOnce({ ok: true, data: order({ status: 'paid' }) })
    .mockResolvedValueOnce({ ok: true, data: order({ status: 'confirmed', receiptNumber: 'R1' }) })
  render(<Probe orderId='ord_1' />)
  await flush()
  expect(view.getByTestId('title').textContent).toBe('已付款，正在入账')
  await act(async () => {
    jest.advanceTimersByTime(1000)
  })
  await flush()
  await act(async () => {
    jest.advanceTimersByTime(1500)
  })
  await flush()
  expect(view.getByTestId('title').textContent).toBe('缴费成功，已参保')
  const calls = getOrder.mock.calls.length
  await act(async () => {
    jest.advanceTimersByTime(60000)
  })
  await flush()
  expect(getOrder.mock.calls.length).toBe(calls)
})

test('an order nobody has paid is not polled (no traffic while the user decides)', async () => {
  getOrder.mockResolvedValue({ ok: true, data: order({ status: 'created' }) })
  render(<Probe orderId='ord_1' />)
  await flush()
  expect(view.getByTestId('title').textContent).toBe('等待付款')
  await act(async () => {
    jest.advanceTimersByTime(60000)
  })
  await flush()
  expect(getOrder).toHaveBeenCalledTimes(1)
})

test('after the phone submitted the payment it polls, but shows "waiting for the county", not done', async () => {
  usePay.setState({
    pending: {
      'hh_1:2026': {
        key: 'k',
        householdId: 'hh_1',
        year: 2026,
        channel: 'weapp',
        orderId: 'ord_1',
        payeeIdMasked: null,
        submitted: true,
        amount: '780.00',
        startedAt: '2025-11-20T10:00:00+08:00'
      }
    }
  })
  getOrder.mockResolvedValue({ ok: true, data: order({ status: 'paying' }) })
  render(<Probe orderId='ord_1' />)
  await flush()
  expect(view.getByTestId('title').textContent).toBe('付款已提交，等县里确认')
  await act(async () => {
    jest.advanceTimersByTime(1000)
  })
  await flush()
  expect(getOrder.mock.calls.length).toBeGreaterThan(1)
  expect(view.getByTestId('title').textContent).toBe('付款已提交，等县里确认')
})

test('an order opened from a link and paid on this screen is followed until the county confirms', async () => {
  // no record on the phone of starting this order (opened from a WeChat message or a link)
  usePay.setState({ launchPayment: jest.fn().mockResolvedValue({ kind: 'submitted' }) })
  getOrder
    .mockResolvedValueOnce({ ok: true, data: order({ status: 'created' }) })
    .mockResolvedValueOnce({ ok: true, data: order({ status: 'paying' }) })
    .mockResolvedValue({ ok: true, data: order({ status: 'confirmed', receiptNumber: 'R1' }) })
  let pay = () => {}
  function Payer() {
    const flow = useOrderFlow('ord_1')
    pay = flow.pay
    return <div data-testid='title'>{flow.screen ? screenTitle(flow.screen) : '…'}</div>
  }
  render(<Payer />)
  await flush()
  expect(view.getByTestId('title').textContent).toBe('等待付款')
  await act(async () => {
    pay()
    await Promise.resolve()
  })
  await flush()
  await act(async () => {
    jest.advanceTimersByTime(1000)
  })
  await flush()
  expect(view.getByTestId('title').textContent).toBe('缴费成功，已参保')
})
