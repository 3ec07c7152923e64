// 手工报销 as people fill it in: amounts typed as on the bill, the card checked by its check digit,
// the county's refusal under its field; and the status screen, where the card is only ever masked
// and a settled claim is one tap away.
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Application } from '@/contract'
import { configureCountyClient } from '@/services/county-client'
import { configureTransport } from '@/services/transport'
import { resetNetworkForTests } from '@/services/network'
import { setClock, resetClock } from '@/services/time'
import { useSession } from '@/features/session/store'
import { ReimburseForm } from './reimburse-form'
import { ApplicationStatusView } from './status-view'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })
const type = (container: HTMLElement, name: string, value: string) =>
  fireEvent.change(container.querySelector(`.enrol-input--${name}`)!, { target: { value } })
const tap = (el: Element) =>
  act(async () => {
    fireEvent.click(el)
  })
const SUBMIT = '提交申请，下一步拍票据'

const members = [
  { personId: 'p1', name: '王建国' },
  { personId: 'p2', name: '李秀英' }
]
const form = (onSubmitted = jest.fn()) =>
  render(<ReimburseForm householdId='h1' members={members} onSubmitted={onSubmitted} />)

const app = (over: Partial<Application> = {}): Application => ({
  applicationId: 'app_1',
  householdId: 'h1',
  kind: 'reimbursement',
  status: 'submitted',
  fields: {
    personId: 'p2',
    careKind: 'inpatient',
    hospital: '省人民医院',
    institutionLevel: 'provincial',
    outOfCounty: true,
    referred: false,
    admissionDate: '2026-10-08',
    dischargeDate: '2026-10-15',
    totalCost: '12000.00',
    selfPayCost: '1500.50',
    bankName: '农村信用社',
    accountName: '李秀英',
    accountNumberMasked: '6217***********6786',
    claimId: null,
    adjustments: []
  },
  documents: [],
  reason: null,
  submittedAt: '2026-11-23T10:00:00+08:00',
  decidedAt: null,
  ...over
})

beforeEach(() => {
  request.mockReset()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  configureCountyClient({ baseUrl: '/county', token: () => 'tok', onSessionLost: jest.fn() })
  setClock(() => Date.parse('2026-11-23T10:00:00+08:00'))
  useSession.setState({ userId: 'u1' })
})
afterEach(() => resetClock())

async function fillStay(container: HTMLElement) {
  await tap(screen.getByText('李秀英'))
  await tap(screen.getByText('住院'))
  type(container, 'hospital', '省人民医院')
  await tap(screen.getByText('省级医院'))
  await tap(screen.getByText('在县外'))
  await tap(screen.getByText('没办'))
  type(container, 'admissionDate', '2026.10.8')
  type(container, 'dischargeDate', '2026-10-15')
  type(container, 'bankName', '农村信用社')
  type(container, 'accountName', '李秀英')
}

test('empty, negative, not a number, a mistyped card: each field says in Chinese what is wrong; nothing is sent', async () => {
  const { container } = form()
  type(container, 'totalCost', '-300')
  type(container, 'selfPayCost', 'NaN')
  type(container, 'accountNumber', '6217 0000 0012 3456 787')
  await tap(screen.getByText(SUBMIT))
  expect(screen.getByText('请选择给谁报销')).toBeInTheDocument()
  expect(screen.getByText('请选择是住院还是门诊')).toBeInTheDocument()
  expect(screen.getByText('总费用不能是负数')).toBeInTheDocument()
  expect(screen.getByText('自费的部分要填数字，比如 3200.50')).toBeInTheDocument()
  expect(screen.getByText('银行卡号有一位不对，请照着卡再核对一遍')).toBeInTheDocument()
  type(container, 'totalCost', '123456789012')
  await tap(screen.getByText(SUBMIT))
  expect(screen.getByText('总费用太大了，请核对（不能超过1亿元）')).toBeInTheDocument()
  expect(request).not.toHaveBeenCalled()
})

test('a full claim sends the stay, the amounts as money text and the card without spaces', async () => {
  request.mockReturnValueOnce(answer(201, app()))
  const onSubmitted = jest.fn()
  const { container } = form(onSubmitted)
  await fillStay(container)
  type(container, 'totalCost', '12,000')
  type(container, 'selfPayCost', '1500.5')
  type(container, 'accountNumber', '6217 0000 0012 3456 786')
  await tap(screen.getByText(SUBMIT))
  await waitFor(() => expect(onSubmitted).toHaveBeenCalled())
  const sent = request.mock.calls[0][0]
  const body = typeof sent.data === 'string' ? JSON.parse(sent.data) : sent.data
  expect(body).toEqual({
    householdId: 'h1',
    kind: 'reimbursement',
    fields: {
      personId: 'p2',
      careKind: 'inpatient',
      hospital: '省人民医院',
      institutionLevel: 'provincial',
      outOfCounty: true,
      referred: false,
      admissionDate: '2026-10-08',
      dischargeDate: '2026-10-15',
      totalCost: '12000.00',
      selfPayCost: '1500.50',
      bankName: '农村信用社',
      accountName: '李秀英',
      accountNumber: '6217000000123456786'
    }
  })
})

test("the county's refusal shows its own sentence under the field it is about", async () => {
  request.mockReturnValueOnce(
    answer(400, {
      code: 'BAD_REQUEST',
      message: '这个人2026年没有参保，这次看病不能报销',
      details: {
        problems: [
          { field: 'admissionDate', problem: 'not_enrolled', message: '这个人2026年没有参保，这次看病不能报销' }
        ]
      }
    })
  )
  const { container } = form()
  await fillStay(container)
  type(container, 'totalCost', '3000')
  type(container, 'accountNumber', '6217000000123456786')
  await tap(screen.getByText(SUBMIT))
  await waitFor(() => expect(screen.getByText('这个人2026年没有参保，这次看病不能报销')).toBeInTheDocument())
})

test('the status screen shows the card masked, what the county changed and why, and the settled claim', async () => {
  const { container, rerender } = render(<ApplicationStatusView app={app()} />)
  expect(container.textContent).toContain('打到：农村信用社 李秀英 6217***********6786')
  expect(container.textContent).toContain('总费用 ¥12,000.00，其中自费 ¥1,500.50')
  expect(screen.queryByText('看这笔报销（每一步怎么算的）')).toBeNull()
  const settled = app({
    status: 'approved',
    decidedAt: '2026-11-24T09:00:00+08:00',
    fields: {
      ...(app().fields as object),
      claimId: 'c_1',
      adjustments: [{ field: 'selfPayCost', from: '1500.50', to: '2000.00', reason: '清单上自费药合计2000元' }]
    }
  })
  rerender(<ApplicationStatusView app={settled} />)
  expect(container.textContent).toContain('县里核对后改了自费的部分：1500.50 → 2000.00（清单上自费药合计2000元）')
  await tap(screen.getByText('看这笔报销（每一步怎么算的）'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/claims/detail/index?claimId=c_1' })
})
