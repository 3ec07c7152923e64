// A child enrolled by birth certificate gets her ID number added: checked on the phone against
// her birth date and sex, then sent as an add_id_number application.
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { configureCountyClient } from '@/services/county-client'
import { configureTransport } from '@/services/transport'
import { resetNetworkForTests } from '@/services/network'
import { useSession } from '@/features/session/store'
import { makeIdNumber } from '@/shared/id-number'
import { AddIdNumberCard } from './add-id-number'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })
const child = {
  personId: 'p9',
  name: '王小满',
  birthDate: '2026-10-02',
  sex: 'female' as const,
  birthCertificateNumber: 'P440123456'
}
const application = (over: Record<string, unknown> = {}) => ({
  applicationId: 'app_9',
  householdId: 'h1',
  kind: 'add_id_number',
  status: 'submitted',
  fields: { personId: 'p9', idNumber: '999***********0224' },
  documents: [],
  reason: null,
  submittedAt: '2026-11-23T10:00:00+08:00',
  decidedAt: null,
  ...over
})
const type = (container: HTMLElement, value: string) =>
  fireEvent.change(container.querySelector('.enrol-input--idNumber')!, { target: { value } })
const tap = (el: Element) =>
  act(async () => {
    fireEvent.click(el)
  })

beforeEach(() => {
  request.mockReset()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  configureCountyClient({ baseUrl: '/county', token: () => 'tok', onSessionLost: jest.fn() })
  useSession.setState({ userId: 'u1' })
})

test('says why, and names the certificate masked', () => {
  render(<AddIdNumberCard householdId='h1' child={child} onSubmitted={jest.fn()} />)
  expect(screen.getByText('王小满 还没有身份证号')).toBeInTheDocument()
  expect(document.body.textContent).toContain('P4*****456')
  expect(document.body.textContent).not.toContain('P440123456')
})

test('an ID number with another birth date or sex is caught on the phone; nothing is sent', async () => {
  const { container } = render(<AddIdNumberCard householdId='h1' child={child} onSubmitted={jest.fn()} />)
  type(container, makeIdNumber('999901', '20261003', '022'))
  await tap(screen.getByText('提交，下一步拍户口本'))
  expect(screen.getByText('身份证号里的出生日期和孩子登记的不一样，请核对')).toBeInTheDocument()
  type(container, makeIdNumber('999901', '20261002', '023'))
  await tap(screen.getByText('提交，下一步拍户口本'))
  expect(screen.getByText('身份证号里的性别和孩子登记的不一样，请核对')).toBeInTheDocument()
  type(container, '99990120261002022')
  await tap(screen.getByText('提交，下一步拍户口本'))
  expect(container.querySelector('.enrol-error--idNumber')?.textContent).toContain('18位')
  expect(request).not.toHaveBeenCalled()
})

test('her own number is sent as add_id_number for her; the county says it is taken: shown under the field', async () => {
  const id = makeIdNumber('999901', '20261002', '022')
  request.mockReturnValueOnce(answer(201, application()))
  const onSubmitted = jest.fn()
  const { container, unmount } = render(<AddIdNumberCard householdId='h1' child={child} onSubmitted={onSubmitted} />)
  type(container, ` ${id.toLowerCase()} `)
  await tap(screen.getByText('提交，下一步拍户口本'))
  await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(expect.objectContaining({ applicationId: 'app_9' })))
  const sent = request.mock.calls[0][0]
  expect(typeof sent.data === 'string' ? JSON.parse(sent.data) : sent.data).toEqual({
    householdId: 'h1',
    kind: 'add_id_number',
    fields: { personId: 'p9', idNumber: id }
  })
  unmount()

  request.mockReturnValueOnce(
    answer(400, {
      code: 'BAD_REQUEST',
      message: '填写的内容有误，请检查后再试',
      details: { problems: [{ field: 'idNumber', problem: 'already_insured' }] }
    })
  )
  const again = render(<AddIdNumberCard householdId='h1' child={child} onSubmitted={jest.fn()} />)
  type(again.container, id)
  await tap(screen.getByText('提交，下一步拍户口本'))
  await waitFor(() => expect(again.container.querySelector('.enrol-error--idNumber')).not.toBeNull())
  expect(again.container.querySelector('.enrol-error--idNumber')?.textContent).toBe(
    '这个人已经参保了（在本县有参保记录），不用再添加'
  )
})

test('an application already under way: a button to its progress instead of the form', async () => {
  const onOpen = jest.fn()
  const { container } = render(
    <AddIdNumberCard
      householdId='h1'
      child={child}
      pending={application() as never}
      onSubmitted={jest.fn()}
      onOpen={onOpen}
    />
  )
  expect(container.querySelector('.enrol-input--idNumber')).toBeNull()
  await tap(screen.getByText('补登申请已提交，看进度'))
  expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ applicationId: 'app_9' }))
})
