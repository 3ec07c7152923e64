// The reviewer's settle panel: coded inputs (care kind, hospital level, in or out of county,
// referral) are chosen by their names, never typed as codes; the county gets the code, and the
// change list reads the names back.
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { configureCountyClient } from '@/services/county-client'
import { configureTransport } from '@/services/transport'
import { resetNetworkForTests } from '@/services/network'
import { useSession } from '@/features/session/store'
import { SettlePanel } from './settle-panel'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })
const tap = (el: Element) =>
  act(async () => {
    fireEvent.click(el)
  })

const inputs = {
  personId: 'p1',
  personName: '王建国',
  careKind: 'inpatient',
  hospital: '县人民医院',
  institutionLevel: 'county',
  outOfCounty: false,
  referred: false,
  admissionDate: '2026-10-08',
  dischargeDate: '2026-10-15',
  totalCost: '3000.00',
  selfPayCost: '200.00'
}
const preview = (adjustments: unknown[], level = 'county') => ({
  applicationId: 'app_1',
  entered: inputs,
  inputs: { ...inputs, institutionLevel: level },
  adjustments,
  policyVersion: 'demo-2027',
  eligibleCost: '2800.00',
  payout: level === 'county' ? '1680.00' : '2240.00',
  selfPaid: level === 'county' ? '1320.00' : '760.00',
  steps: [],
  accountNumberMasked: '6222 **** **** 0123'
})
const sent = (call: number) => {
  const data = (request.mock.calls[call][0] as { data: unknown }).data
  return typeof data === 'string' ? JSON.parse(data) : data
}

beforeEach(() => {
  request.mockReset()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  configureCountyClient({ baseUrl: '/county', token: () => 'tok', onSessionLost: jest.fn() })
  useSession.setState({ userId: 'r1' })
})

test('a hospital level is chosen by its name; the county gets the code; the change reads by name', async () => {
  request.mockReturnValueOnce(answer(200, preview([])))
  const { container } = render(<SettlePanel applicationId='app_1' onSettled={jest.fn()} />)
  await screen.findByText('收款卡号：6222 **** **** 0123')
  await tap(screen.getByText('医院级别'))
  // no code to type: the five levels as buttons
  expect(container.querySelector('.staff-settle__value')).toBeNull()
  expect(screen.queryByText(/village|township/)).toBeNull()
  await tap(screen.getByText('乡镇卫生院'))
  fireEvent.change(container.querySelector('.staff-settle__reason input, input.staff-settle__reason')!, {
    target: { value: '发票上是乡镇卫生院' }
  })
  request.mockReturnValueOnce(
    answer(
      200,
      preview([{ field: 'institutionLevel', from: 'county', to: 'township', reason: '发票上是乡镇卫生院' }], 'township')
    )
  )
  await tap(screen.getByText('按修改再算一遍'))
  await waitFor(() => expect(request).toHaveBeenCalledTimes(2))
  expect(sent(1)).toEqual({
    adjustments: [{ field: 'institutionLevel', value: 'township', reason: '发票上是乡镇卫生院' }]
  })
  expect(await screen.findByText('改了医院级别：县级医院 → 乡镇卫生院（发票上是乡镇卫生院）')).toBeInTheDocument()
})

test('amounts and dates are still typed, with an example of the form', async () => {
  request.mockReturnValueOnce(answer(200, preview([])))
  const { container } = render(<SettlePanel applicationId='app_1' onSettled={jest.fn()} />)
  await screen.findByText('收款卡号：6222 **** **** 0123')
  await tap(screen.getByText('入院日期'))
  const typed = container.querySelector('.staff-settle__value') as HTMLInputElement
  expect(typed.getAttribute('placeholder')).toBe('日期，如 2026-10-08')
  await tap(screen.getByText('县内或县外'))
  expect(container.querySelector('.staff-settle__value')).toBeNull()
  expect(screen.getByText('在县外')).toBeInTheDocument()
})
