import Taro from '@tarojs/taro'
import { act, fireEvent, render, within } from '@testing-library/react'
import type { HouseholdLink } from '@/contract'
import { payApi } from '../api'
import { quoteCache, receiptCache } from '../store'
import { PayHome } from './pay-home'
import { line, quote, receipt } from '../__fixtures__/data'

jest.mock('../api', () => ({ payApi: { getQuote: jest.fn(), listOrders: jest.fn() } }))
const getQuote = payApi.getQuote as jest.Mock
const listOrders = payApi.listOrders as jest.Mock

const link = {
  householdId: 'hh_1',
  relation: 'head',
  village: '青山村',
  headNameMasked: '张*华',
  scopes: ['pay']
} as unknown as HouseholdLink
const enrolled = (personId: string, name: string) =>
  line({ personId, name, standard: '0.00', subsidy: '0.00', due: '0.00', alreadyEnrolled: true })
const paidUp = quote({
  year: 2027,
  lines: [enrolled('p1', '张建华'), enrolled('p2', '李桂兰')],
  total: '0.00',
  payable: false
})

beforeEach(() => {
  quoteCache.getState().clear()
  receiptCache.getState().clear()
  getQuote.mockReset()
  listOrders.mockReset()
  listOrders.mockResolvedValue({ ok: true, data: { orders: [] } })
  ;(Taro.navigateTo as jest.Mock).mockClear()
})

async function flush() {
  await act(async () => {
    await Promise.resolve()
  })
}

test('a household still to pay: the amount and 看明细，去缴费', async () => {
  getQuote.mockResolvedValue({ ok: true, data: quote() })
  render(<PayHome owner='u1' households={[link]} onSignIn={jest.fn()} />)
  await flush()
  const card = within(document.querySelector('.pay-household') as HTMLElement)
  expect(card.getByText('2026年全家要交')).toBeInTheDocument()
  expect(card.getByText('¥780.00')).toBeInTheDocument()
  expect(card.getByText('看明细，去缴费')).toBeInTheDocument()
})

test('a paid-up household: 2027年已交清, no ¥0.00 and no pay button; the receipt when the phone has it', async () => {
  getQuote.mockResolvedValue({ ok: true, data: paidUp })
  receiptCache
    .getState()
    .put('u1', 'ord_9', receipt({ orderId: 'ord_9', year: 2027, receiptNumber: '990101-2027-00000009' }))
  receiptCache.getState().put('u1', 'ord_1', receipt()) // 2026's, not this year's
  render(<PayHome owner='u1' households={[link]} onSignIn={jest.fn()} />)
  await flush()
  const el = document.querySelector('.pay-household') as HTMLElement
  const card = within(el)
  expect(card.getByText('2027年已交清')).toBeInTheDocument()
  expect(el.textContent).not.toContain('¥0.00')
  expect(card.queryByText('看明细，去缴费')).toBeNull()
  fireEvent.click(card.getByText('看2027年缴费票据'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining('ord_9') })
  expect(listOrders).not.toHaveBeenCalled() // the phone's copy: the county is not asked
})

test("a paid-up household without the receipt on this phone: 已交清, and the county's receipt for that year", async () => {
  getQuote.mockResolvedValue({ ok: true, data: paidUp })
  const o = (
    orderId: string,
    year: number,
    status: string,
    confirmedAt: string | null,
    receiptNumber: string | null
  ) => ({ orderId, year, status, confirmedAt, receiptNumber })
  listOrders.mockResolvedValue({
    ok: true,
    data: {
      orders: [
        o('ord_old', 2026, 'confirmed', '2025-10-01T10:00:00+08:00', '990101-2026-00000001'),
        o('ord_gone', 2027, 'expired', null, null),
        o('ord_7', 2027, 'confirmed', '2026-11-02T10:00:00+08:00', '990101-2027-00000007')
      ]
    }
  })
  render(<PayHome owner='u1' households={[link]} onSignIn={jest.fn()} />)
  await flush()
  await flush()
  const card = within(document.querySelector('.pay-household') as HTMLElement)
  expect(card.getByText('2027年已交清')).toBeInTheDocument()
  fireEvent.click(card.getByText('看2027年缴费票据'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining('ord_7') })
  expect(listOrders).toHaveBeenCalledWith('hh_1')
})

test('a paid-up household the county has no receipt for (yet): just 已交清', async () => {
  getQuote.mockResolvedValue({ ok: true, data: paidUp })
  render(<PayHome owner='u1' households={[link]} onSignIn={jest.fn()} />)
  await flush()
  const card = within(document.querySelector('.pay-household') as HTMLElement)
  expect(card.getByText('2027年已交清')).toBeInTheDocument()
  expect(card.queryByText(/缴费票据/)).toBeNull()
})

test('nothing left to pay but not everyone enrolled (civil affairs pays the rest): 不用再交钱, 看明细, no ¥0.00', async () => {
  getQuote.mockResolvedValue({
    ok: true,
    data: quote({
      year: 2027,
      lines: [enrolled('p1', '李秀英'), line({ personId: 'p3', payer: 'civil_affairs', due: '0.00' })],
      total: '0.00',
      payable: false
    })
  })
  render(<PayHome owner='u1' households={[link]} onSignIn={jest.fn()} />)
  await flush()
  const el = document.querySelector('.pay-household') as HTMLElement
  expect(within(el).getByText('2027年您家不用再交钱')).toBeInTheDocument()
  expect(within(el).getByText('看明细')).toBeInTheDocument()
  expect(el.textContent).not.toMatch(/¥0\.00|去缴费/)
})
