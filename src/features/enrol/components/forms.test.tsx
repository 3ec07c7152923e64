// The forms as people use them: type, tap submit, read the Chinese message under the field.
// What reaches the county goes through the real county client (Taro.request is mocked).
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { configureCountyClient } from '@/services/county-client'
import { configureTransport } from '@/services/transport'
import { resetNetworkForTests } from '@/services/network'
import { setClock, resetClock } from '@/services/time'
import { useSession } from '@/features/session/store'
import { makeIdNumber } from '@/shared/id-number'
import { AddMemberForm } from './add-member-form'
import { FilingForm } from './filing-form'
import { useEnrol } from '../store'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })

function application(kind: string, fields: Record<string, unknown>) {
  return {
    applicationId: 'app_1',
    householdId: 'h1',
    kind,
    status: 'submitted',
    fields,
    documents: [],
    reason: null,
    submittedAt: '2026-11-23T10:00:00+08:00',
    decidedAt: null
  }
}

const type = (container: HTMLElement, name: string, value: string) =>
  fireEvent.change(container.querySelector(`.enrol-input--${name}`)!, { target: { value } })
const tap = (el: Element) =>
  act(async () => {
    fireEvent.click(el)
  })

beforeEach(() => {
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  configureCountyClient({ baseUrl: '/county', token: () => 'tok', onSessionLost: jest.fn() })
  setClock(() => Date.parse('2026-11-23T10:00:00+08:00'))
  useSession.setState({ userId: 'u1' })
  useEnrol.getState().reset()
})
afterEach(() => resetClock())

describe('add-member form', () => {
  test('empty newborn form: each field says in Chinese what is missing; nothing is sent', async () => {
    const onSubmitted = jest.fn()
    const { container } = render(
      <AddMemberForm householdId='h1' kind='add_newborn' existingIdNumbers={[]} onSubmitted={onSubmitted} />
    )
    await tap(screen.getByText('提交申请，下一步拍照上传'))
    expect(screen.getByText('请填写姓名')).toBeInTheDocument()
    expect(screen.getByText('请填写出生医学证明编号（证上右上角红色的编号）')).toBeInTheDocument()
    expect(screen.getByText('请选择孩子的出生日期')).toBeInTheDocument()
    expect(screen.getByText('请选择孩子是男孩还是女孩')).toBeInTheDocument()
    expect(screen.getByText('请选择和户主的关系')).toBeInTheDocument()
    expect(screen.getByText('有 5 处要改，请看上面红字')).toBeInTheDocument()
    expect(container.querySelector('.enrol-field--name.enrol-field--error')).not.toBeNull()
    expect(request).not.toHaveBeenCalled()
    expect(onSubmitted).not.toHaveBeenCalled()
  })

  test('a newborn without an ID number, a name with a middle dot and a rare character: sent by birth certificate number', async () => {
    request.mockReturnValueOnce(answer(201, application('add_newborn', { name: '阿依·王𪚥', relation: '女' })))
    const onSubmitted = jest.fn()
    const { container } = render(
      <AddMemberForm
        householdId='h1'
        kind='add_newborn'
        existingIdNumbers={[]}
        newbornNote='出生90天内参保的，自出生之日起享受待遇'
        onSubmitted={onSubmitted}
      />
    )
    // the policy's own words, in plain words (享受待遇 → 看病能报销)
    expect(screen.getByText('政策：出生90天内参保的，自出生之日起看病能报销')).toBeInTheDocument()
    expect(container.querySelector('.enrol-input--idNumber')).toBeNull() // "还没有" is the default for a newborn
    expect(screen.queryByText('配偶')).toBeNull() // a newborn is a child or grandchild of the head
    type(container, 'name', '阿依・王𪚥')
    type(container, 'birthCertificateNumber', 'p440123456')
    type(container, 'birthDate', '2026年10月1日')
    await tap(screen.getByText('女孩'))
    await tap(screen.getByText('女儿'))
    await tap(screen.getByText('提交申请，下一步拍照上传'))
    await waitFor(() => expect(onSubmitted).toHaveBeenCalled())
    expect(onSubmitted).toHaveBeenCalledWith(expect.objectContaining({ applicationId: 'app_1' }))
    const sent = request.mock.calls[0][0]
    expect(sent.url).toBe('/county/v1/applications')
    expect(sent.method).toBe('POST')
    const body = typeof sent.data === 'string' ? JSON.parse(sent.data) : sent.data
    expect(body).toEqual({
      householdId: 'h1',
      kind: 'add_newborn',
      fields: {
        name: '阿依·王𪚥',
        relation: '女',
        birthCertificateNumber: 'P440123456',
        birthDate: '2026-10-01',
        sex: 'female'
      }
    })
    // the draft is cleared after a successful submission
    expect(useEnrol.getState().addDrafts.add_newborn).toBeUndefined()
  })

  test('a wrong ID number is caught on the phone with the exact problem', async () => {
    const { container } = render(
      <AddMemberForm householdId='h1' kind='add_marriage' existingIdNumbers={[]} onSubmitted={jest.fn()} />
    )
    type(container, 'name', '李秀英')
    type(container, 'idNumber', '99990119980214002')
    await tap(screen.getByText('提交申请，下一步拍照上传'))
    expect(screen.getByText('身份证号应是18位：17位数字，最后一位是数字或X')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
  })

  test('the county says the person is already insured: shown under the ID number', async () => {
    request.mockReturnValueOnce(
      answer(400, {
        code: 'BAD_REQUEST',
        message: '填写的内容有误，请检查后再试',
        details: { problems: [{ field: 'idNumber', problem: 'already_insured' }] }
      })
    )
    const { container } = render(
      <AddMemberForm householdId='h1' kind='add_return' existingIdNumbers={[]} onSubmitted={jest.fn()} />
    )
    type(container, 'name', '王志强')
    type(container, 'idNumber', makeIdNumber('999901', '19900307', '013'))
    await tap(screen.getByText('儿子'))
    await tap(screen.getByText('提交申请，下一步拍照上传'))
    await waitFor(() => expect(container.querySelector('.enrol-error--idNumber')).not.toBeNull())
    expect(container.querySelector('.enrol-error--idNumber')?.textContent).toBe(
      '这个人已经参保了（在本县有参保记录），不用再添加'
    )
  })

  test('the county already has a child with this birth certificate: shown under the certificate number', async () => {
    request.mockReturnValueOnce(
      answer(400, {
        code: 'BAD_REQUEST',
        message: '填写的内容有误，请检查后再试',
        details: { problems: [{ field: 'birthCertificateNumber', problem: 'already_insured' }] }
      })
    )
    const { container } = render(
      <AddMemberForm householdId='h1' kind='add_newborn' existingIdNumbers={[]} onSubmitted={jest.fn()} />
    )
    type(container, 'name', '王小满')
    type(container, 'birthCertificateNumber', 'P440123456')
    type(container, 'birthDate', '2026年10月1日')
    await tap(screen.getByText('女孩'))
    await tap(screen.getByText('女儿'))
    await tap(screen.getByText('提交申请，下一步拍照上传'))
    await waitFor(() => expect(container.querySelector('.enrol-error--birthCertificateNumber')).not.toBeNull())
    expect(container.querySelector('.enrol-error--birthCertificateNumber')?.textContent).toBe(
      '这个出生医学证明编号的孩子已经参保了，不用再添加'
    )
  })

  test('the draft survives closing the form, without the ID number', async () => {
    const first = render(
      <AddMemberForm householdId='h1' kind='add_marriage' existingIdNumbers={[]} onSubmitted={jest.fn()} />
    )
    type(first.container, 'name', '阿依古丽·买买提')
    type(first.container, 'idNumber', '110101199003071234')
    first.unmount()
    const stored = String(Taro.getStorageSync('xqyb.enrol'))
    expect(stored).toContain('阿依古丽·买买提')
    expect(stored).not.toContain('110101199003071234')
  })
})

describe('out-of-area filing form', () => {
  const members = [
    { personId: 'p1', name: '阿依古丽·买买提' },
    { personId: 'p2', name: '艾力·吐尔逊' }
  ]

  test('end before start and missing place: Chinese messages, nothing sent', async () => {
    const { container } = render(
      <FilingForm
        householdId='h1'
        members={members}
        defaults={{ from: '2026-11-23', to: '2027-11-22' }}
        onSubmitted={jest.fn()}
      />
    )
    type(container, 'to', '2026.1.1')
    await tap(screen.getByText('提交备案，下一步拍照上传'))
    expect(screen.getByText('请选择给谁备案')).toBeInTheDocument()
    expect(screen.getByText('请填写在哪里看病，例如 广东省东莞市')).toBeInTheDocument()
    expect(screen.getByText('结束日期不能早于开始日期')).toBeInTheDocument()
    expect(screen.getByText('请选择为什么在外地看病')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
  })

  test('a complete filing is sent with the reason in words', async () => {
    request.mockReturnValueOnce(answer(201, application('out_of_area_care', { personId: 'p2' })))
    const onSubmitted = jest.fn()
    const { container } = render(
      <FilingForm
        householdId='h1'
        members={members}
        defaults={{ from: '2026-11-23', to: '2027-11-22' }}
        onSubmitted={onSubmitted}
      />
    )
    await tap(screen.getByText('艾力·吐尔逊'))
    type(container, 'destination', '广东省东莞市')
    await tap(screen.getByText('其他'))
    await tap(screen.getByText('提交备案，下一步拍照上传'))
    expect(screen.getByText('选了“其他”，请写一句原因')).toBeInTheDocument()
    type(container, 'note', '照顾住院的父亲')
    await tap(screen.getByText('提交备案，下一步拍照上传'))
    expect(Array.from(container.querySelectorAll('.enrol-error')).map((e) => e.textContent)).toEqual([])
    await waitFor(() => expect(onSubmitted).toHaveBeenCalled())
    const sent = request.mock.calls[0][0]
    const body = typeof sent.data === 'string' ? JSON.parse(sent.data) : sent.data
    expect(body.fields).toEqual({
      personId: 'p2',
      destination: '广东省东莞市',
      from: '2026-11-23',
      to: '2027-11-22',
      reason: '其他：照顾住院的父亲'
    })
  })
})
