import Taro from '@tarojs/taro'
import { act, render, screen as view } from '@testing-library/react'
import { useSession } from '@/features/session/store'
import { ReminderCard, offerReminder } from './reminder-card'
import { line, quote } from '../__fixtures__/data'

const enrolled = (personId: string) =>
  line({ personId, standard: '0.00', subsidy: '0.00', due: '0.00', alreadyEnrolled: true })

test('offered while something is due and the deadline is still ahead (or today)', () => {
  expect(offerReminder(quote(), '2025-12-31', '2025-11-23')).toBe(true)
  expect(offerReminder(quote(), '2025-12-31', '2025-12-31')).toBe(true)
  // the policy gives no deadline: the reminder still helps
  expect(offerReminder(quote(), null, '2025-11-23')).toBe(true)
})

test('not offered once the deadline has passed (a 2026 quote in November 2026)', () => {
  expect(offerReminder(quote(), '2025-12-31', '2026-11-24')).toBe(false)
  expect(offerReminder(quote(), '2025-12-31', '2026-01-01')).toBe(false)
})

test('not offered when nothing is due: a paid-up year, or nobody pays anything', () => {
  expect(
    offerReminder(
      quote({ lines: [enrolled('p1'), enrolled('p2')], total: '0.00', payable: false }),
      '2026-12-31',
      '2026-11-24'
    )
  ).toBe(false)
  expect(
    offerReminder(
      quote({ lines: [line({ due: '0.00', payer: 'civil_affairs' })], total: '0.00' }),
      '2025-12-31',
      '2025-11-23'
    )
  ).toBe(false)
})

test('the h5 preview names the amount and the deadline', () => {
  const env = process.env.TARO_ENV
  process.env.TARO_ENV = 'h5'
  try {
    render(<ReminderCard householdId='hh_1' year={2026} total='780.00' deadline='2025-12-31' />)
    expect(view.getByText(/您家2026年医保费 ¥780.00 还没交，2025年12月31日截止/)).toBeInTheDocument()
  } finally {
    process.env.TARO_ENV = env
  }
})

test('on weapp it says what the county already sent in WeChat, and when', async () => {
  const env = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  const request = Taro.request as unknown as jest.Mock
  request.mockReset()
  request.mockImplementation((o: { url: string; method?: string }) =>
    Promise.resolve(
      String(o.url).includes('/v1/me/subscriptions') && (o.method ?? 'GET') === 'GET'
        ? {
            statusCode: 200,
            header: {},
            data: JSON.stringify({
              householdId: 'hh_1',
              subscriptions: [],
              sent: [
                { kind: 'result', title: '缴费结果通知', sentAt: '2025-12-02T09:05:00.000+08:00' },
                { kind: 'deadline', title: '缴费截止提醒', sentAt: '2025-11-24T10:41:00.000+08:00' }
              ],
              templateIds: {
                deadline: 'tmplD',
                result: 'tmplR',
                window: null,
                claim: null,
                decision: null,
                binding: null
              }
            })
          }
        : { statusCode: 404, header: {}, data: JSON.stringify({ code: 'NOT_FOUND', message: '没有找到' }) }
    )
  )
  useSession.setState({ userId: 'u_1' })
  try {
    render(<ReminderCard householdId='hh_1' year={2026} total='780.00' deadline='2025-12-31' />)
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0))
    })
    await view.findByText(/已经在微信里发给您的/)
    expect(view.getByText(/【缴费结果通知】.*12月2日 09:05 发出/)).toBeInTheDocument()
    expect(view.getByText(/【缴费截止提醒】.*11月24日 10:41 发出/)).toBeInTheDocument()
  } finally {
    process.env.TARO_ENV = env
    useSession.setState({ userId: null })
  }
})

test("before the window opens, the prompt asks for the 开始缴费 message too (three templates, WeChat's most)", async () => {
  const env = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  const request = Taro.request as unknown as jest.Mock
  const subscribe = Taro.requestSubscribeMessage as unknown as jest.Mock
  request.mockReset()
  subscribe.mockReset()
  subscribe.mockResolvedValue({ tmplW: 'accept', tmplD: 'accept', tmplR: 'reject' })
  request.mockImplementation(() =>
    Promise.resolve({
      statusCode: 200,
      header: {},
      data: JSON.stringify({
        householdId: 'hh_1',
        subscriptions: [],
        sent: [],
        templateIds: { deadline: 'tmplD', result: 'tmplR', window: 'tmplW', claim: null, decision: null, binding: null }
      })
    })
  )
  useSession.setState({ userId: 'u_1' })
  try {
    render(<ReminderCard householdId='hh_1' year={2027} total='780.00' deadline='2026-12-31' windowOpen={false} />)
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0))
    })
    expect(view.getByText(/开始缴费时告诉您/)).toBeInTheDocument()
    await act(async () => {
      view.getByText('打开提醒').click()
      await new Promise((r) => setTimeout(r, 0))
    })
    expect(subscribe).toHaveBeenCalledWith({ tmplIds: ['tmplW', 'tmplD', 'tmplR'] })
  } finally {
    process.env.TARO_ENV = env
    useSession.setState({ userId: null })
  }
})
