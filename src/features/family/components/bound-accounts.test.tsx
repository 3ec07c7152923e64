import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { BindingList } from '@/contract'
import { resetNetworkForTests } from '@/services/network'
import { configureTransport } from '@/services/transport'
import { resetClock, setClock } from '@/services/time'
import { BoundAccounts } from './bound-accounts'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })

const list = (removed = false): BindingList => ({
  householdId: 'hh1',
  accounts: [
    {
      bindingId: 'b_me',
      personId: 'p1',
      personName: '王建国',
      accountName: '微信用户',
      channel: 'weapp',
      via: 'county',
      from: null,
      boundAt: '2026-09-01T09:00:00.000+08:00',
      removedAt: null,
      isYou: true
    },
    ...(removed
      ? []
      : [
          {
            bindingId: 'b_x',
            personId: 'p1',
            personName: '王建国',
            accountName: '139****0456',
            channel: 'h5' as const,
            via: 'sms_code' as const,
            from: '10.0.3.*',
            boundAt: '2026-11-22T09:00:00.000+08:00',
            removedAt: null,
            isYou: false
          }
        ])
  ],
  requests: []
})

beforeEach(() => {
  request.mockReset()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  setClock(() => Date.parse('2026-11-23T10:00:00+08:00'))
})
afterEach(() => resetClock())

test('the head sees every account bound to the household (who, when, from where, how) and removes a stranger', async () => {
  let removed = false
  request.mockImplementation((o: { url: string; method: string }) => {
    if (o.method === 'DELETE' && o.url.endsWith('/v1/bindings/b_x')) {
      removed = true
      return answer(200, { ...list().accounts[1], removedAt: '2026-11-23T10:00:00.000+08:00' })
    }
    if (o.url.endsWith('/v1/households/hh1/bindings')) return answer(200, list(removed))
    return answer(404, { code: 'NOT_FOUND', message: '没有找到' })
  })
  render(<BoundAccounts householdId='hh1' />)
  await screen.findByText('139****0456（网页）· 王建国')
  expect(screen.getByText(/短信验证码 · 从 10\.0\.3\.\*/)).toBeInTheDocument()
  expect(screen.getByText('微信用户（微信小程序）· 王建国 · 就是您')).toBeInTheDocument()
  // one 移除: not for the account in use
  expect(screen.getAllByText('移除')).toHaveLength(1)
  fireEvent.click(screen.getByText('移除'))
  // asked on the page first: nothing removed until 确定移除
  expect(request).not.toHaveBeenCalledWith(expect.objectContaining({ method: 'DELETE' }))
  await act(async () => {
    fireEvent.click(screen.getByText('确定移除'))
  })
  await waitFor(() => expect(screen.queryByText('139****0456（网页）· 王建国')).toBeNull())
  expect(request).toHaveBeenCalledWith(
    expect.objectContaining({ method: 'DELETE', url: expect.stringMatching(/\/v1\/bindings\/b_x$/) })
  )
})
