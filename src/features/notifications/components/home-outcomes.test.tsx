import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Application, Claim, Household, HouseholdNotification, Me, Order } from '@/contract'
import { resetNetworkForTests } from '@/services/network'
import { configureTransport } from '@/services/transport'
import { resetClock, setClock } from '@/services/time'
import { useSession } from '@/features/session/store'
import { useSettings } from '@/features/settings/store'
import { householdCache } from '@/features/session/household'
import { notificationsCache } from '../notices'
import { homeOutcomes, outcomesCache } from '../outcomes'
import { HomeOutcomes } from './home-outcomes'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })

const application = (over: Partial<Application> = {}): Application => ({
  applicationId: 'app_1',
  householdId: 'hh1',
  kind: 'add_newborn',
  status: 'needs_more',
  fields: { name: '王小宝', idNumber: '990101202601011234' },
  documents: [],
  reason: '出生医学证明拍得不清楚，请重拍',
  submittedAt: '2026-11-10T09:00:00+08:00',
  decidedAt: '2026-11-18T15:00:00+08:00',
  ...over
})
const order = (over: Partial<Order> = {}): Order => ({
  orderId: 'ord_1',
  householdId: 'hh1',
  year: 2027,
  status: 'confirmed',
  amount: '760.00',
  channel: 'h5',
  persons: [],
  payerIsHousehold: true,
  payerNameMasked: '王**',
  createdAt: '2026-11-20T09:00:00+08:00',
  expiresAt: '2026-11-20T09:30:00+08:00',
  paidAt: '2026-11-20T09:01:00+08:00',
  confirmedAt: '2026-11-20T09:01:05+08:00',
  receiptNumber: '999901-2027-00000001',
  failureReason: null,
  ...over
})
const claim = (over: Partial<Claim> = {}): Claim => ({
  claimId: 'clm_1',
  personId: 'p2',
  personName: '刘桂兰',
  year: 2026,
  kind: 'inpatient',
  institutionId: 'ins_1',
  institutionName: '青山县人民医院',
  admissionDate: '2026-10-02',
  dischargeDate: '2026-10-09',
  totalCost: '5000.00',
  eligibleCost: '4500.00',
  payout: '2345.60',
  selfPaid: '2654.40',
  stage: 'paid_out',
  timeline: [
    { stage: 'accepted', date: '2026-10-10' },
    { stage: 'paid_out', date: '2026-11-15' }
  ],
  policyVersion: '2026.1',
  steps: [],
  settlement: null,
  ...over
})

// only what home's cards use of the household: its members' ids (and what the cache masks)
const member = (personId: string) => ({ personId, idNumber: '990***********1234', phone: null })
const household = { householdId: 'hh1', members: [member('p1'), member('p2')] } as unknown as Household
const me = (relation: 'head' | 'grantee', scopes: Me['households'][0]['scopes'] = []): Me => ({
  userId: 'u1',
  role: 'villager',
  personId: 'p1',
  displayName: '王建国',
  phoneMasked: null,
  households: [{ householdId: 'hh1', relation, scopes, headNameMasked: '王**', village: '青石村' }]
})

function county(apps: Application[], orders: Order[], claims: Record<string, Claim[]>) {
  request.mockImplementation((o: { url: string }) => {
    if (o.url.endsWith('/v1/households/hh1/applications')) return answer(200, { applications: apps })
    if (o.url.endsWith('/v1/households/hh1/orders')) return answer(200, { orders })
    const m = /\/v1\/persons\/(\w+)\/claims\?year=2026$/.exec(o.url)
    if (m)
      return answer(200, {
        personId: m[1],
        year: 2026,
        cap: null,
        capUsed: '0.00',
        capRemaining: null,
        summary: null,
        claims: claims[m[1]] ?? []
      })
    return answer(404, { code: 'NOT_FOUND', message: '没有找到' })
  })
}

beforeEach(() => {
  request.mockReset()
  ;(Taro.navigateTo as jest.Mock).mockClear()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  setClock(() => Date.parse('2026-11-23T10:00:00+08:00'))
  outcomesCache.getState().clear()
  notificationsCache.getState().clear()
  householdCache.getState().clear()
  householdCache.getState().put('u1', 'hh1', household)
  useSession.setState({ userId: 'u1', me: me('head'), activeHouseholdId: 'hh1', hasToken: true })
  useSettings.setState({ elderlyChoice: 'off' })
})
afterEach(() => resetClock())

test('a request for material comes first with 去补充材料; a payment and a paid claim follow, each with its next step', async () => {
  county([application()], [order()], { p2: [claim()] })
  render(<HomeOutcomes place='top' />)
  await screen.findByText(/刘桂兰在青山县人民医院/)
  const cards = Array.from(document.querySelectorAll('.home-outcome__text'))
  expect(cards.map((c) => c.textContent)).toEqual([
    '县里要您补充材料（新生儿参保）：出生医学证明拍得不清楚，请重拍',
    '2027年的医保费 ¥760.00 已交上，县里已确认',
    '刘桂兰在青山县人民医院看病的报销 ¥2,345.60 已在2026年11月15日打到卡上'
  ])
  fireEvent.click(screen.getByText('去补充材料'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/enrol/status/index?id=app_1' })
  fireEvent.click(screen.getByText('看票据'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/pay/receipt/index?orderId=ord_1' })
  fireEvent.click(screen.getByText('看报销明细'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/claims/detail/index?claimId=clm_1' })
  // the application's fields (an ID number) are not kept on the phone
  expect(JSON.stringify(outcomesCache.getState().read('u1', 'hh1'))).not.toContain('990101202601011234')
})

test('decisions: approved and refused (with the reason) within the recent days; older ones and undecided ones are not shown', () => {
  const today = '2026-11-23'
  const old = '2026-10-23T10:00:00+08:00' // 31 days ago: gone
  const edge = '2026-10-24T10:00:00+08:00' // 30 days ago: still shown
  const cards = homeOutcomes(
    {
      applications: [
        application({ applicationId: 'a1', kind: 'renew_remote', status: 'approved', reason: null }),
        application({ applicationId: 'a2', kind: 'add_return', status: 'rejected', reason: '户口还没迁回本村' }),
        application({ applicationId: 'a3', status: 'approved', decidedAt: old }),
        application({ applicationId: 'a4', status: 'submitted', decidedAt: null }),
        application({ applicationId: 'a5', kind: 'out_of_area_care', status: 'approved', decidedAt: edge })
      ],
      orders: [order({ orderId: 'o1', status: 'paid', confirmedAt: null }), order({ orderId: 'o2', confirmedAt: old })],
      claims: [claim({ stage: 'publicized', timeline: [{ stage: 'publicized', date: '2026-11-20' }] })]
    },
    today
  )
  expect(cards.map((c) => [c.key, c.tone, c.text, c.button])).toEqual([
    ['a2', 'todo', '回乡落户参保的申请没有通过：户口还没迁回本村', '看原因和怎么办'],
    ['a1', 'done', '在外地续保的申请，县里已经同意了', '看申请结果'],
    ['a5', 'done', '异地就医备案的申请，县里已经同意了', '看申请结果']
  ])
})

test('a payment someone else made is told once, by its own notice card', async () => {
  const paidByOther: HouseholdNotification = {
    notificationId: 'ntf_1',
    householdId: 'hh1',
    kind: 'paid_by_other',
    createdAt: '2026-11-20T09:01:06+08:00',
    readAt: null,
    payment: {
      orderId: 'ord_1',
      year: 2027,
      amount: '760.00',
      payerNameMasked: '阿**',
      payerIsHousehold: false,
      members: ['王建国'],
      receiptNumber: '999901-2027-00000001',
      paidAt: '2026-11-20T09:01:00+08:00'
    }
  }
  notificationsCache.getState().put('u1', 'hh1', { householdId: 'hh1', notifications: [paidByOther] })
  county([], [order()], { p2: [claim()] })
  render(<HomeOutcomes place='top' />)
  await screen.findByText(/刘桂兰在青山县人民医院/)
  expect(screen.queryByText(/医保费/)).toBeNull()
})

test('a grantee with 报销 only: no applications or orders are asked for, claims are', async () => {
  useSession.setState({ me: me('grantee', ['status', 'claims']) })
  county([application()], [order()], { p2: [claim()] })
  render(<HomeOutcomes place='top' />)
  await screen.findByText(/刘桂兰在青山县人民医院/)
  expect(screen.queryByText(/补充材料|医保费/)).toBeNull()
  const urls = request.mock.calls.map(([o]) => (o as { url: string }).url)
  expect(urls.some((u) => /applications|orders/.test(u))).toBe(false)
})

test('the county fails: no card', async () => {
  request.mockImplementation(() => answer(503, { code: 'UNAVAILABLE', message: '县医保系统暂时不能用' }))
  const { container } = render(<HomeOutcomes place='top' />)
  await waitFor(() => expect(request).toHaveBeenCalled())
  expect(container).toBeEmptyDOMElement()
})

test("elderly mode: the cards come after the household (the elder's own answer first), not above it", async () => {
  county([application()], [], {})
  const normal = render(
    <>
      <HomeOutcomes place='top' />
      <p>全家参保情况</p>
      <HomeOutcomes place='bottom' />
    </>
  )
  await screen.findByText(/县里要您补充材料/)
  expect(normal.container.textContent).toMatch(/^县里要您补充材料.*全家参保情况$/)
  normal.unmount()
  useSettings.setState({ elderlyChoice: 'on' })
  const elderly = render(
    <>
      <HomeOutcomes place='top' />
      <p>全家参保情况</p>
      <HomeOutcomes place='bottom' />
    </>
  )
  await screen.findByText(/县里要您补充材料/)
  expect(elderly.container.textContent).toMatch(/^全家参保情况县里要您补充材料/)
})
