import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me } from '@/contract'
import { makeIdNumber } from '@/shared/id-number'
import { resetNetworkForTests } from '@/services/network'
import { configureTransport } from '@/services/transport'
import { useSession } from '../store'
import { BindForm } from './bind-form'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })
const idNumber = makeIdNumber('999901', '19630821', '017')
const me: Me = {
  userId: 'u1',
  role: 'villager',
  personId: 'p1',
  displayName: '王建国',
  phoneMasked: null,
  households: [
    {
      householdId: 'hh1',
      relation: 'head',
      scopes: ['status', 'claims', 'pay'],
      headNameMasked: '王**',
      village: '青石村'
    }
  ]
}
/** What the app sent in a request (the Taro.request options' data). */
const sent = (options: unknown) => {
  const data = (options as { data?: unknown }).data
  return typeof data === 'string' ? JSON.parse(data) : data
}

beforeEach(() => {
  request.mockReset()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  useSession.setState({ userId: 'u1', me: null, activeHouseholdId: null, hasToken: true })
})

function fillIn(booklet = '999901000001') {
  fireEvent.change(screen.getByPlaceholderText('18位身份证号'), { target: { value: idNumber } })
  fireEvent.change(screen.getByPlaceholderText('和身份证上一样'), { target: { value: '王建国' } })
  fireEvent.change(screen.getByPlaceholderText('户口簿首页上的户号'), { target: { value: booklet } })
  fireEvent.click(screen.getByText('下一步'))
}

test('ID number and name are not enough: the booklet number is asked for, then the code sent to the roster phone', async () => {
  request.mockImplementation((o: { url: string; method: string; data?: string }) => {
    if (o.url.endsWith('/v1/households/bind'))
      return answer(200, {
        method: 'sms',
        requestId: 'br_1',
        phoneMasked: '138****0001',
        expiresAt: '2026-11-20T10:10:00.000+08:00',
        message: '验证码已发到县里登记的手机 138****0001，10分钟内有效'
      })
    if (o.url.endsWith('/v1/households/bind/confirm')) return answer(200, me)
    return answer(404, { code: 'NOT_FOUND', message: '没有找到' })
  })
  render(<BindForm />)
  fillIn('')
  expect(screen.getByText('请填户口簿首页上的户号')).toBeInTheDocument()
  expect(request).not.toHaveBeenCalled()

  fillIn(' 999901 000001 ')
  await screen.findByText('验证码已发到县里登记的手机 138****0001，10分钟内有效')
  expect(sent(request.mock.calls[0][0])).toEqual({ idNumber, name: '王建国', householdNumber: '999901000001' })
  fireEvent.change(screen.getByPlaceholderText('6位数字'), { target: { value: '12345' } })
  fireEvent.click(screen.getByText('确认绑定'))
  expect(screen.getByText('请填短信里的6位数字验证码')).toBeInTheDocument()
  fireEvent.change(screen.getByPlaceholderText('6位数字'), { target: { value: '123456' } })
  await act(async () => {
    fireEvent.click(screen.getByText('确认绑定'))
  })
  await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }))
  expect(sent(request.mock.calls[1][0])).toEqual({ requestId: 'br_1', code: '123456' })
  expect(useSession.getState().me?.households[0].householdId).toBe('hh1')
})

test('a wrong code and a locked phone are said in plain Chinese, as the county says them', async () => {
  request.mockImplementation((o: { url: string }) =>
    o.url.endsWith('/v1/households/bind')
      ? answer(200, {
          method: 'sms',
          requestId: 'br_1',
          phoneMasked: '138****0001',
          expiresAt: null,
          message: '验证码已发出'
        })
      : answer(429, {
          code: 'RATE_LIMITED',
          message: '验证码输错的次数太多了，为了安全，这个手机号暂时不能用验证码，请30分钟后再试',
          details: { retryAfterSeconds: 1800 }
        })
  )
  render(<BindForm />)
  fillIn()
  await screen.findByText('验证码已发出')
  fireEvent.change(screen.getByPlaceholderText('6位数字'), { target: { value: '000000' } })
  fireEvent.click(screen.getByText('确认绑定'))
  await screen.findByText('验证码输错的次数太多了，为了安全，这个手机号暂时不能用验证码，请30分钟后再试')
  expect(Taro.switchTab).not.toHaveBeenCalled()
})

test("without a phone of one's own: the head is asked, and the page checks whether they agreed", async () => {
  let status = 'waiting_for_head'
  request.mockImplementation((o: { url: string }) => {
    if (o.url.endsWith('/v1/households/bind'))
      return answer(200, {
        method: 'head_approval',
        requestId: 'br_2',
        phoneMasked: null,
        expiresAt: '2026-11-27T10:00:00.000+08:00',
        message: '已请户主王**在他的手机上确认'
      })
    if (o.url.endsWith('/v1/binding-requests/br_2'))
      return answer(200, {
        requestId: 'br_2',
        householdId: 'hh1',
        method: 'head_approval',
        status,
        personName: '刘桂兰',
        accountName: '微信用户',
        channel: 'weapp',
        from: null,
        createdAt: '2026-11-20T10:00:00.000+08:00',
        expiresAt: '2026-11-27T10:00:00.000+08:00'
      })
    if (o.url.endsWith('/v1/me')) return answer(200, me)
    return answer(404, { code: 'NOT_FOUND', message: '没有找到' })
  })
  render(<BindForm />)
  fillIn()
  await screen.findByText('已请户主王**在他的手机上确认')
  fireEvent.click(screen.getByText('户主确认了，进入'))
  await screen.findByText(/户主还没有确认/)
  status = 'bound'
  fireEvent.click(screen.getByText('户主确认了，进入'))
  await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }))
})

test('nobody can confirm on a phone: where to go instead', async () => {
  request.mockImplementation(() =>
    answer(200, {
      method: 'assisted',
      requestId: null,
      phoneMasked: null,
      expiresAt: null,
      message: '请带户口簿和本人身份证到村委会或乡镇医保经办点，工作人员会帮您绑定'
    })
  )
  render(<BindForm />)
  fillIn()
  await screen.findByText(/到村委会或乡镇医保经办点/)
})
