import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen as view } from '@testing-library/react'
import { useSession } from '@/features/session/store'
import { NotifyMe } from './notify-me'

const request = Taro.request as unknown as jest.Mock
const subscribe = Taro.requestSubscribeMessage as unknown as jest.Mock
const ids = { deadline: 'tmplD', result: 'tmplR', window: null, claim: 'tmplC', decision: null, binding: null }
const posts = () =>
  request.mock.calls
    .filter(([o]) => o.method === 'POST' && String(o.url).endsWith('/v1/me/subscriptions'))
    .map(([o]) => (typeof o.data === 'string' ? JSON.parse(o.data) : o.data))

let env: typeof process.env.TARO_ENV
beforeEach(() => {
  env = process.env.TARO_ENV
  process.env.TARO_ENV = 'weapp'
  request.mockReset()
  subscribe.mockReset()
  request.mockImplementation(() =>
    Promise.resolve({
      statusCode: 200,
      header: {},
      data: JSON.stringify({ householdId: 'hh_1', subscriptions: [], sent: [], templateIds: ids })
    })
  )
  useSession.setState({ userId: 'u_1' })
})
afterEach(() => {
  process.env.TARO_ENV = env
  useSession.setState({ userId: null })
})

const settle = () =>
  act(async () => {
    await new Promise((r) => setTimeout(r, 0))
  })

test('a kind the county sends: one tap asks WeChat for that template, and the answer goes to the county', async () => {
  subscribe.mockResolvedValue({ tmplC: 'accept', errMsg: 'requestSubscribeMessage:ok' })
  render(<NotifyMe householdId='hh_1' kinds={['claim']} label='报销款到账时，微信通知我' />)
  await settle()
  fireEvent.click(view.getByText('报销款到账时，微信通知我'))
  await settle()
  expect(subscribe).toHaveBeenCalledWith({ tmplIds: ['tmplC'] })
  expect(posts()).toEqual([{ householdId: 'hh_1', channel: 'weapp', templates: [{ kind: 'claim', accepted: true }] }])
  expect(view.getByText('已打开微信通知')).toBeInTheDocument()
})

test('a kind the county does not send (no template id), or on h5: no button', async () => {
  const { container } = render(<NotifyMe householdId='hh_1' kinds={['binding']} label='有人绑定我家时，微信通知我' />)
  await settle()
  expect(container).toBeEmptyDOMElement()
  process.env.TARO_ENV = 'h5'
  const h5 = render(<NotifyMe householdId='hh_1' kinds={['claim']} label='报销款到账时，微信通知我' />)
  await settle()
  expect(h5.container).toBeEmptyDOMElement()
})
