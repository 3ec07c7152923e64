import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me } from '@/contract'
import { resetNetworkForTests } from '@/services/network'
import { configureTransport } from '@/services/transport'
import { useSession } from '../store'
import { AccountCard } from './account-card'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })

const me = (households: Me['households']): Me => ({
  userId: 'u1',
  role: 'villager',
  personId: 'p5',
  displayName: '王小燕',
  phoneMasked: '138****0004',
  households
})
const own = { householdId: 'hh5', relation: 'head' as const, scopes: [], headNameMasked: '王**', village: '柳湾村' }
const granted = {
  householdId: 'hh1',
  relation: 'grantee' as const,
  scopes: ['status' as const],
  headNameMasked: '王**',
  village: '青石村'
}

beforeEach(() => {
  request.mockReset()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
})

test('a grantee can stop looking at a household (issue 15): the county ends the grant and it leaves the list', async () => {
  useSession.setState({ userId: 'u1', me: me([own, granted]), activeHouseholdId: 'hh1', hasToken: true })
  request.mockImplementation((o: { url: string; method: string }) => {
    if (o.method === 'POST' && o.url.endsWith('/v1/households/hh1/leave')) return answer(200, { ok: true })
    if (o.url.endsWith('/v1/me')) return answer(200, me([own]))
    return answer(404, { code: 'NOT_FOUND', message: '没有找到' })
  })
  render(<AccountCard />)
  expect(screen.getByText(/青石村 王\*\*家（家人授权）/)).toBeInTheDocument()
  fireEvent.click(screen.getByText('不再查看这一家'))
  // asked on the page first: nothing sent until 不再查看
  expect(screen.getByText(/以后看不到这家的信息了/)).toBeInTheDocument()
  expect(request).not.toHaveBeenCalled()
  await act(async () => {
    fireEvent.click(screen.getByText('不再查看'))
  })
  await waitFor(() => expect(screen.queryByText(/青石村/)).toBeNull())
  expect(request).toHaveBeenCalledWith(
    expect.objectContaining({ method: 'POST', url: expect.stringMatching(/\/v1\/households\/hh1\/leave$/) })
  )
})

test('no 不再查看 for the own household; sign out on every phone ends the sessions and forgets this user', async () => {
  useSession.setState({ userId: 'u1', me: me([own]), activeHouseholdId: 'hh5', hasToken: true })
  request.mockImplementation((o: { url: string }) =>
    o.url.endsWith('/v1/auth/sign-out-everywhere') ? answer(200, { ok: true }) : answer(404, { code: 'NOT_FOUND' })
  )
  render(<AccountCard />)
  expect(screen.queryByText('不再查看这一家')).toBeNull()
  fireEvent.click(screen.getByText('在所有手机上退出'))
  expect(request).not.toHaveBeenCalled()
  await act(async () => {
    fireEvent.click(screen.getByText('全部退出'))
  })
  await waitFor(() => expect(useSession.getState().me).toBeNull())
  expect(request).toHaveBeenCalledWith(
    expect.objectContaining({ method: 'POST', url: expect.stringMatching(/\/v1\/auth\/sign-out-everywhere$/) })
  )
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
})
