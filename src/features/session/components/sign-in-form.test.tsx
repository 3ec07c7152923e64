import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me } from '@/contract'
import { resetNetworkForTests } from '@/services/network'
import { configureTransport } from '@/services/transport'
import { useSession } from '../store'
import { SignInForm } from './sign-in-form'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })

const me: Me = {
  userId: 'u_elder',
  role: 'villager',
  personId: 'p2',
  displayName: '刘桂兰',
  phoneMasked: null,
  households: [{ householdId: 'hh1', relation: 'member', scopes: [], headNameMasked: '王**', village: '青石村' }]
}

beforeEach(() => {
  request.mockReset()
  ;(Taro.login as jest.Mock).mockClear()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  useSession.setState({ userId: null, me: null, hasToken: false })
})

test('a county in development: the demo villagers are offered by name and one tap signs in as them (WeChat DevTools)', async () => {
  request.mockImplementation((o: { url: string; method: string; data?: string }) => {
    if (o.url.endsWith('/v1/auth/demo-accounts'))
      return answer(200, {
        accounts: [
          { code: 'demo-head', name: '王建国' },
          { code: 'demo-elder', name: '刘桂兰' }
        ]
      })
    if (o.url.endsWith('/v1/auth/wechat'))
      return answer(200, { token: 't'.repeat(32), expiresAt: '2026-12-23T10:00:00+08:00', me })
    return answer(404, { code: 'NOT_FOUND', message: '没有找到' })
  })
  render(<SignInForm />)
  fireEvent.click(await screen.findByText('用演示账号“刘桂兰”登录'))
  await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }))
  const signIn = request.mock.calls
    .map(([o]) => o as { url: string; data?: unknown })
    .find((o) => o.url.endsWith('/v1/auth/wechat'))
  expect(JSON.stringify(signIn?.data)).toContain('demo-elder')
  expect(Taro.login).not.toHaveBeenCalled() // DevTools' real code would be refused
  expect(useSession.getState().userId).toBe('u_elder')
})

test('a county in production (no such route): only 微信一键登录', async () => {
  request.mockImplementation(() => answer(404, { code: 'NOT_FOUND', message: '没有找到' }))
  render(<SignInForm />)
  await waitFor(() => expect(request).toHaveBeenCalled())
  expect(screen.getByText('微信一键登录')).toBeTruthy()
  expect(screen.queryByText(/演示账号/)).toBeNull()
})
