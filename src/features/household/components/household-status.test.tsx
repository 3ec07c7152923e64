import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Household, Me, Person } from '@/contract'
import { resetNetworkForTests, useNetwork } from '@/services/network'
import { configureTransport } from '@/services/transport'
import { resetClock, setClock } from '@/services/time'
import { useSession } from '@/features/session/store'
import { householdCache } from '@/features/session/household'
import { HouseholdStatus } from './household-status'
import { MemberCard, spokenStatus } from './member-card'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })

const person = (over: Partial<Person>): Person => ({
  personId: 'p1',
  name: '王建国',
  idNumber: '990101197401011234',
  idNumberMasked: false,
  sex: 'male',
  birthDate: '1974-05-01',
  relation: '户主',
  categories: ['ordinary'],
  phone: null,
  isHead: true,
  enrolments: [
    {
      year: 2026,
      status: 'enrolled',
      payer: 'self',
      amountPaid: '380.00',
      coverageStart: '2026-01-01',
      coverageEnd: '2026-12-31',
      waitingPeriodEnd: null,
      benefitStart: '2026-01-01',
      benefitEnd: '2026-12-31',
      orderId: null
    }
  ],
  ...over
})

const household: Household = {
  householdId: 'hh1',
  householdNumber: null,
  regionCode: '990101',
  township: '石桥镇',
  village: '青石村',
  headPersonId: 'p1',
  accountBalance: '126.50',
  members: [
    person({}),
    person({
      personId: 'p2',
      name: '王志强',
      relation: '子',
      isHead: false,
      birthDate: '1999-03-02',
      enrolments: [
        {
          year: 2026,
          status: 'lapsed',
          payer: null,
          amountPaid: null,
          coverageStart: null,
          coverageEnd: null,
          waitingPeriodEnd: null,
          benefitStart: null,
          benefitEnd: null,
          orderId: null
        }
      ]
    })
  ],
  viewer: { relation: 'head', scopes: ['status', 'claims', 'pay'] }
}

const me = (relation: 'head' | 'grantee', scopes: Me['households'][0]['scopes'] = []): Me => ({
  userId: 'u1',
  role: 'villager',
  personId: 'p1',
  displayName: '王建国',
  phoneMasked: '138****0001',
  households: [{ householdId: 'hh1', relation, scopes, headNameMasked: '王*国', village: '青石村' }]
})

beforeEach(() => {
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  setClock(() => Date.parse('2026-11-23T10:00:00+08:00'))
  householdCache.getState().clear()
  useSession.setState({ userId: 'u1', me: me('head'), activeHouseholdId: 'hh1', hasToken: true })
})
afterEach(() => resetClock())

test('status card: covered member says yes; lapsed member says no with the reason', () => {
  render(
    <>
      <MemberCard person={household.members[0]} year={2026} today='2026-11-23' />
      <MemberCard person={household.members[1]} year={2026} today='2026-11-23' />
    </>
  )
  expect(screen.getByText('✓ 今天看病能报销')).toBeTruthy()
  expect(screen.getByText('儿子 · 27岁')).toBeTruthy() // 子 on the roster reads as 儿子, not as sex
  expect(screen.getByText('✗ 今天看病不能报销')).toBeTruthy()
  expect(screen.getByText(/已断保/, { selector: '.member-card__care-reason' })).toBeTruthy()
  expect(screen.getAllByText('990***********1234', { exact: false })).toHaveLength(2) // masked on screen
  expect(document.body.textContent).not.toContain('990101197401011234')
})

test('status card: a newborn without an ID number yet is shown by the masked birth certificate', () => {
  const baby = person({
    personId: 'p3',
    name: '王小满',
    idNumber: null,
    birthCertificateNumber: 'P440123456',
    sex: 'female',
    birthDate: '2026-10-02',
    relation: '孙女',
    isHead: false,
    enrolments: [
      {
        year: 2027,
        status: 'unpaid',
        payer: null,
        amountPaid: null,
        coverageStart: null,
        coverageEnd: null,
        waitingPeriodEnd: null,
        benefitStart: null,
        benefitEnd: null,
        orderId: null
      }
    ]
  })
  render(<MemberCard person={baby} year={2026} today='2026-11-23' />)
  expect(screen.getByText('出生证 P4*****456（还没有身份证号）')).toBeTruthy()
  expect(screen.getByText('孙女 · 0岁')).toBeTruthy()
  expect(document.body.textContent).not.toContain('P440123456')
})

test('status card: waiting period shows the date cover starts; read-aloud speaks the status', async () => {
  const p = person({
    enrolments: [
      {
        year: 2026,
        status: 'enrolled',
        payer: 'civil_affairs',
        amountPaid: '0.00',
        coverageStart: '2026-01-01',
        coverageEnd: '2026-12-31',
        waitingPeriodEnd: '2026-12-01',
        benefitStart: '2026-12-01',
        benefitEnd: '2026-12-31',
        orderId: null
      }
    ]
  })
  render(<MemberCard person={p} year={2026} today='2026-11-23' />)
  expect(screen.getByText('还在等待期，2026年12月1日起才能报销')).toBeTruthy()
  expect(screen.getByText('民政代缴')).toBeTruthy()
  request.mockReturnValueOnce(answer(200, { voice: 'cmn', mimeType: 'audio/mpeg', audioBase64: 'SUQz', seconds: 6 }))
  fireEvent.click(screen.getByLabelText('读给我听：王建国的参保情况'))
  // the sentence read is the card's own, in the voice chosen in 我的
  await waitFor(() => expect(request).toHaveBeenCalled())
  const sent = request.mock.calls[0][0].data
  expect(typeof sent === 'string' ? JSON.parse(sent) : sent).toEqual({
    text: spokenStatus(p, 2026, '2026-11-23'),
    voice: 'cmn'
  })
  expect(spokenStatus(p, 2026, '2026-11-23')).toContain('今天看病不能报销')
})

test('read aloud: each thing said once, and who pays when it is a department', () => {
  const covered = person({
    enrolments: [
      {
        year: 2026,
        status: 'enrolled',
        payer: 'self',
        amountPaid: '380.00',
        coverageStart: '2026-01-01',
        coverageEnd: '2026-12-31',
        waitingPeriodEnd: null,
        benefitStart: '2026-01-01',
        benefitEnd: '2026-12-31',
        orderId: null
      },
      {
        year: 2027,
        status: 'enrolled',
        payer: 'civil_affairs',
        amountPaid: '0.00',
        coverageStart: '2027-01-01',
        coverageEnd: '2027-12-31',
        waitingPeriodEnd: null,
        benefitStart: '2027-01-01',
        benefitEnd: '2027-12-31',
        orderId: null
      }
    ]
  })
  const said = spokenStatus(covered, 2026, '2026-11-23')
  expect(said).toBe('王建国，2026年已参保。今天看病可以报销，保障到2026年12月31日。2027年已参保，民政代缴。')
  const lapsed = spokenStatus(
    person({
      enrolments: [
        {
          year: 2026,
          status: 'lapsed',
          payer: null,
          amountPaid: null,
          coverageStart: null,
          coverageEnd: null,
          waitingPeriodEnd: null,
          benefitStart: null,
          benefitEnd: null,
          orderId: null
        }
      ]
    }),
    2026,
    '2026-11-23'
  )
  expect(lapsed).toBe('王建国，2026年已断保。今天看病不能报销，已断保。补缴后还要过等待期。2027年还没缴费。')
  expect(lapsed.match(/不能报销/g)).toHaveLength(1)
})

test('fresh from the county: members, balance and "as of" from the county system', async () => {
  request.mockImplementation((o: { url: string }) =>
    o.url.includes('/quote') ? answer(403, { code: 'FORBIDDEN', message: 'x' }) : answer(200, household)
  )
  render(<HouseholdStatus />)
  await screen.findByText('王志强')
  expect(screen.getByText('¥126.50')).toBeTruthy()
  // the household account explained: what it pays for, and that the figure is what is left
  expect(screen.getByText(/家里人看门诊，报销后自己要付的钱先从这里扣/)).toBeTruthy()
  expect(screen.getByText(/来自县医保系统/)).toBeTruthy()
  expect(screen.queryByText(/上次保存的数据/)).toBeNull()
})

test('offline: opens on the cached household, says so, and reloads when the network returns', async () => {
  householdCache.getState().put('u1', 'hh1', household, '2026-11-22T08:30:00+08:00')
  request.mockImplementation(() => Promise.reject({ errMsg: 'request:fail' }))
  render(<HouseholdStatus />)
  expect(screen.getByText('王建国')).toBeTruthy() // at once, from the phone
  await waitFor(() => expect(screen.getByText(/上次保存的数据/)).toBeTruthy())
  expect(screen.getByText(/11月22日 08:30 · 手机里存的/)).toBeTruthy()
  request.mockImplementation((o: { url: string }) =>
    o.url.includes('/quote') ? answer(403, { code: 'FORBIDDEN', message: 'x' }) : answer(200, household)
  )
  act(() => {
    useNetwork.getState().setOnline(false)
  })
  act(() => {
    useNetwork.getState().setOnline(true)
  })
  await waitFor(() => expect(screen.getByText(/来自县医保系统/)).toBeTruthy())
  expect(screen.queryByText(/上次保存的数据/)).toBeNull()
})

test("another user's cached household is never shown", () => {
  householdCache.getState().put('u-previous', 'hh1', household)
  request.mockImplementation(() => new Promise(() => {}))
  render(<HouseholdStatus />)
  expect(screen.queryByText('王建国')).toBeNull()
  expect(screen.getByText('正在读取全家的参保情况…')).toBeTruthy()
})

test('a grantee without the status scope is not shown the household and nothing is requested', () => {
  useSession.setState({ me: me('grantee', ['claims']) })
  render(<HouseholdStatus />)
  expect(screen.getByText(/没有给您“看参保情况”的权限/)).toBeTruthy()
  expect(request).not.toHaveBeenCalled()
})

test('a grantee with status only sees the household but no pay banner request', async () => {
  useSession.setState({ me: me('grantee', ['status']) })
  request.mockImplementation(() => answer(200, { ...household, viewer: { relation: 'grantee', scopes: ['status'] } }))
  render(<HouseholdStatus />)
  await screen.findByText('王志强')
  expect(request.mock.calls.every(([o]) => !String(o.url).includes('/quote'))).toBe(true)
  expect(screen.getByText(/家人授权查看/)).toBeTruthy()
})

test('the collection banner shows deadline and days left and links to payment', async () => {
  const quote = {
    householdId: 'hh1',
    year: 2027,
    policyVersion: 'v',
    collectionPeriod: { start: '2026-09-01', end: '2026-12-31' },
    lines: [],
    total: '760.00',
    steps: []
  }
  request.mockImplementation((o: { url: string }) => answer(200, o.url.includes('/quote') ? quote : household))
  render(<HouseholdStatus />)
  await screen.findByText('2027年医保正在缴费')
  expect(screen.getByText(/截止 2026年12月31日，还剩 38 天/)).toBeTruthy()
  fireEvent.click(screen.getByText('去缴费'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/pay/quote/index?householdId=hh1&year=2027' })
})

test('when access is gone (revoked grant) the cached copy is dropped and households re-read', async () => {
  useSession.setState({ me: me('grantee', ['status']) })
  householdCache.getState().put('u1', 'hh1', household)
  const meAfter = { ...me('grantee'), households: [] }
  request.mockImplementation((o: { url: string }) =>
    o.url.endsWith('/v1/me')
      ? answer(200, meAfter)
      : answer(403, { code: 'FORBIDDEN', message: '您没有查看或办理这项业务的权限' })
  )
  render(<HouseholdStatus />)
  await screen.findByText('还没有绑定家庭。用身份证号和姓名绑定后，就能看到全家的参保情况。')
  expect(householdCache.getState().read('u1', 'hh1')).toBeNull()
  expect(screen.queryByText('王建国')).toBeNull()
})
