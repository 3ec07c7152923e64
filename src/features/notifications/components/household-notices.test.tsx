import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { HouseholdNotification, HouseholdNotificationList, Me } from '@/contract'
import { resetNetworkForTests } from '@/services/network'
import { configureTransport } from '@/services/transport'
import { resetClock, setClock } from '@/services/time'
import { useSession } from '@/features/session/store'
import { membersText, notificationsCache, paidByOtherSentence } from '../notices'
import { HouseholdNotices } from './household-notices'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })

type PaidItem = Extract<HouseholdNotification, { kind: 'paid_by_other' }>
const notice = (over: Partial<PaidItem> = {}): PaidItem => ({
  notificationId: 'ntf_1',
  householdId: 'hh3',
  kind: 'paid_by_other',
  createdAt: '2026-11-20T10:05:03.000+08:00',
  readAt: null,
  payment: {
    orderId: 'ord_1',
    year: 2027,
    amount: '760.00',
    payerNameMasked: '阿***·***',
    payerIsHousehold: false,
    members: ['买买提·艾力', '古丽娜尔·吐尔逊'],
    receiptNumber: '999901-2027-00000012',
    paidAt: '2026-11-20T10:05:00.000+08:00'
  },
  ...over
})
const list = (...notifications: HouseholdNotification[]): HouseholdNotificationList => ({
  householdId: 'hh3',
  notifications
})

const me = (relation: 'head' | 'member' | 'grantee'): Me => ({
  userId: 'u1',
  role: 'villager',
  personId: 'p1',
  displayName: '买买提·艾力',
  phoneMasked: null,
  households: [
    { householdId: 'hh3', relation, scopes: ['status', 'claims', 'pay'], headNameMasked: '买**·**', village: '竹林村' }
  ]
})

beforeEach(() => {
  request.mockReset()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  setClock(() => Date.parse('2026-11-23T10:00:00+08:00'))
  notificationsCache.getState().clear()
  useSession.setState({ userId: 'u1', me: me('head'), activeHouseholdId: 'hh3', hasToken: true })
})
afterEach(() => resetClock())

test('the sentence: who (masked), year, amount to the fen, whom; many members are shortened', () => {
  expect(paidByOtherSentence(notice().payment)).toBe(
    '阿***·*** 已为您家交了2027年医保费 ¥760.00（买买提·艾力、古丽娜尔·吐尔逊）'
  )
  expect(
    paidByOtherSentence({ ...notice().payment, payerNameMasked: '王**', payerIsHousehold: true, amount: '1520.00' })
  ).toBe('家里的王** 已为您家交了2027年医保费 ¥1,520.00（买买提·艾力、古丽娜尔·吐尔逊）')
  expect(membersText(['王建国', '刘桂兰', '王浩然', '陈玉珍', '王志强'])).toBe('王建国、刘桂兰、王浩然等5人')
})

test('an unread notice shows at the top with the receipt number; 知道了 tells the county and the card goes away', async () => {
  request.mockImplementation((o: { url: string; method: string }) => {
    if (o.method === 'POST' && o.url.endsWith('/v1/notifications/ntf_1/read'))
      return answer(200, notice({ readAt: '2026-11-23T10:00:01.000+08:00' }))
    if (o.url.endsWith('/v1/households/hh3/notifications'))
      return answer(200, list(notice(), notice({ notificationId: 'ntf_0', readAt: '2026-11-01T08:00:00.000+08:00' })))
    return answer(404, { code: 'NOT_FOUND', message: '没有找到' })
  })
  render(<HouseholdNotices />)
  await screen.findByText('阿***·*** 已为您家交了2027年医保费 ¥760.00（买买提·艾力、古丽娜尔·吐尔逊）')
  expect(screen.getAllByText(/已为您家交了/)).toHaveLength(1) // the read one is not shown
  expect(screen.getByText('票据号 999901-2027-00000012')).toBeTruthy()
  expect(screen.getByText('11月20日 10:05 付的款')).toBeTruthy()
  expect(document.body.textContent).not.toMatch(/\d{17}[\dX]|1\d{10}/)
  fireEvent.click(screen.getByText('看票据'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/pay/receipt/index?orderId=ord_1' })
  fireEvent.click(screen.getByText('知道了'))
  await waitFor(() => expect(screen.queryByText(/已为您家交了/)).toBeNull())
  expect(request).toHaveBeenCalledWith(
    expect.objectContaining({ method: 'POST', url: expect.stringMatching(/\/v1\/notifications\/ntf_1\/read$/) })
  )
  // the phone's copy says read too: no flash of the card on the next start
  expect(
    notificationsCache
      .getState()
      .read('u1', 'hh3')
      ?.data.notifications.find((n) => n.notificationId === 'ntf_1')?.readAt
  ).toBe('2026-11-23T10:00:01.000+08:00')
})

test('知道了 without the county: the card stays and says to try again', async () => {
  request.mockImplementation((o: { url: string; method: string }) =>
    o.method === 'POST' ? Promise.reject({ errMsg: 'request:fail' }) : answer(200, list(notice()))
  )
  render(<HouseholdNotices />)
  await screen.findByText(/已为您家交了/)
  await act(async () => {
    fireEvent.click(screen.getByText('知道了'))
  })
  await screen.findByText('没有连上县医保系统，请稍后再点“知道了”')
  expect(screen.getByText(/已为您家交了/)).toBeTruthy()
})

test('nothing unread, a county failure, or a grantee: no card (and a grantee does not ask)', async () => {
  request.mockImplementation(() => answer(200, list()))
  const { container, unmount } = render(<HouseholdNotices />)
  await waitFor(() => expect(request).toHaveBeenCalled())
  expect(container).toBeEmptyDOMElement()
  unmount()

  request.mockReset()
  request.mockImplementation(() => answer(403, { code: 'FORBIDDEN', message: '您没有查看或办理这项业务的权限' }))
  const failed = render(<HouseholdNotices />)
  await waitFor(() => expect(request).toHaveBeenCalled())
  expect(failed.container).toBeEmptyDOMElement()
  failed.unmount()

  request.mockReset()
  useSession.setState({ me: me('grantee') })
  const granted = render(<HouseholdNotices />)
  expect(granted.container).toBeEmptyDOMElement()
  expect(request).not.toHaveBeenCalled()
})

type BindingItem = Exclude<HouseholdNotification, PaidItem>
const bindingNotice = (over: Partial<BindingItem> = {}): BindingItem => ({
  notificationId: 'ntf_b1',
  householdId: 'hh3',
  kind: 'new_binding',
  createdAt: '2026-11-22T09:00:00.000+08:00',
  readAt: null,
  binding: {
    bindingId: 'b_1',
    requestId: 'br_1',
    personName: '古丽娜尔·吐尔逊',
    accountName: '139****0456',
    channel: 'h5',
    at: '2026-11-22T09:00:00.000+08:00'
  },
  ...over
})

test('the head is told of a new binding (issue 15), with the way to remove it, and 知道了 takes it away', async () => {
  request.mockImplementation((o: { url: string; method: string }) => {
    if (o.method === 'POST' && o.url.endsWith('/v1/notifications/ntf_b1/read'))
      return answer(200, bindingNotice({ readAt: '2026-11-23T10:00:01.000+08:00' }))
    return answer(200, list(bindingNotice()))
  })
  render(<HouseholdNotices />)
  await screen.findByText('139****0456（网页）绑定了您家的 古丽娜尔·吐尔逊，能看到您家的参保信息')
  fireEvent.click(screen.getByText('不是家里人？去移除'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/account/family/index' })
  fireEvent.click(screen.getByText('知道了'))
  await waitFor(() => expect(screen.queryByText(/绑定了您家的/)).toBeNull())
})

test('a request to approve a binding: 同意 tells the county, and the card goes away', async () => {
  const asked = bindingNotice({ kind: 'binding_request', binding: { ...bindingNotice().binding, bindingId: null } })
  request.mockImplementation((o: { url: string; method: string }) => {
    if (o.method === 'POST' && o.url.endsWith('/v1/binding-requests/br_1/approve'))
      return answer(200, {
        requestId: 'br_1',
        householdId: 'hh3',
        method: 'head_approval',
        status: 'bound',
        personName: '古丽娜尔·吐尔逊',
        accountName: '139****0456',
        channel: 'h5',
        from: '127.0.0.*',
        createdAt: '2026-11-22T09:00:00.000+08:00',
        expiresAt: '2026-11-29T09:00:00.000+08:00'
      })
    if (o.method === 'POST' && o.url.endsWith('/v1/notifications/ntf_b1/read'))
      return answer(200, { ...asked, readAt: '2026-11-23T10:00:01.000+08:00' })
    return answer(200, list(asked))
  })
  render(<HouseholdNotices />)
  await screen.findByText('139****0456（网页）想绑定您家的 古丽娜尔·吐尔逊，要您同意')
  fireEvent.click(screen.getByText('同意'))
  await waitFor(() => expect(screen.queryByText(/想绑定您家的/)).toBeNull())
  expect(request).toHaveBeenCalledWith(
    expect.objectContaining({ method: 'POST', url: expect.stringMatching(/\/v1\/binding-requests\/br_1\/approve$/) })
  )
})
