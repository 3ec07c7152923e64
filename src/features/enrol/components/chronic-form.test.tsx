// 门诊慢特病认定 as people use it: pick who and which listed disease, see what certification is
// worth (the calculator's figure), submit; the county's answers show under the fields.
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { DEMO_POLICY_ID, loadBundledPolicy } from '@/calculator'
import { configureCountyClient } from '@/services/county-client'
import { configureTransport } from '@/services/transport'
import { resetNetworkForTests } from '@/services/network'
import { setClock, resetClock } from '@/services/time'
import { useSession } from '@/features/session/store'
import { chronicWorth, listedDiseases } from '../chronic-worth'
import { yuanText } from '../filing-worth'
import { ChronicForm } from './chronic-form'
import { ChronicWorthCard } from './chronic-worth-card'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })
const type = (container: HTMLElement, name: string, value: string) =>
  fireEvent.change(container.querySelector(`.enrol-input--${name}`)!, { target: { value } })
const tap = (el: Element) =>
  act(async () => {
    fireEvent.click(el)
  })

const demo = loadBundledPolicy(DEMO_POLICY_ID)
const diseases = listedDiseases(demo)
const members = [
  { personId: 'p1', name: '王建国' },
  { personId: 'p2', name: '李秀英' }
]
const TODAY = '2026-11-23'

function form(onSubmitted = jest.fn()) {
  return render(
    <ChronicForm
      householdId='h1'
      members={members}
      diseases={diseases}
      worthFor={(x) => <ChronicWorthCard worth={chronicWorth(demo, x.code, TODAY)} disease={x.label} />}
      onSubmitted={onSubmitted}
    />
  )
}

beforeEach(() => {
  request.mockReset()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  configureCountyClient({ baseUrl: '/county', token: () => 'tok', onSessionLost: jest.fn() })
  setClock(() => Date.parse('2026-11-23T10:00:00+08:00'))
  useSession.setState({ userId: 'u1' })
})
afterEach(() => resetClock())

test('empty form: each field says in Chinese what is missing; nothing is sent', async () => {
  const { container } = form()
  type(container, 'diagnosisDate', '2027-01-01')
  await tap(screen.getByText('提交申请，下一步拍诊断证明'))
  expect(screen.getByText('请选择给谁申请')).toBeInTheDocument()
  expect(screen.getByText('请从县里的名单里选是什么病')).toBeInTheDocument()
  expect(screen.getByText('请写是哪家医院诊断的，例如 县人民医院')).toBeInTheDocument()
  expect(screen.getByText('诊断日期不能晚于今天')).toBeInTheDocument()
  expect(request).not.toHaveBeenCalled()
})

test('the diseases are the policy’s, in plain words; choosing one shows its yearly worth from the calculator; submit sends the fields', async () => {
  request.mockReturnValueOnce(
    answer(201, {
      applicationId: 'app_1',
      householdId: 'h1',
      kind: 'chronic_disease',
      status: 'submitted',
      fields: {},
      documents: [],
      reason: null,
      submittedAt: '2026-11-23T10:00:00+08:00',
      decidedAt: null
    })
  )
  const onSubmitted = jest.fn()
  const { container } = form(onSubmitted)
  expect(container.querySelector('.enrol-worth')).toBeNull()
  for (const d of diseases) expect(screen.getByText(d.label)).toBeInTheDocument()
  await tap(screen.getByText('李秀英'))
  await tap(screen.getByText('糖尿病'))
  const worth = chronicWorth(demo, 'diabetes', TODAY)!
  expect(screen.getByText(`认定以后每年能多报约 ${yuanText(worth.worth)}`)).toBeInTheDocument()
  type(container, 'hospital', ' 县人民医院 ')
  type(container, 'diagnosisDate', '2026.3.15')
  await tap(screen.getByText('提交申请，下一步拍诊断证明'))
  await waitFor(() => expect(onSubmitted).toHaveBeenCalled())
  const sent = request.mock.calls[0][0]
  const body = typeof sent.data === 'string' ? JSON.parse(sent.data) : sent.data
  expect(body).toEqual({
    householdId: 'h1',
    kind: 'chronic_disease',
    fields: { personId: 'p2', diseaseCode: 'diabetes', hospital: '县人民医院', diagnosisDate: '2026-03-15' }
  })
})

test("the county's refusal shows under the field it is about", async () => {
  request.mockReturnValueOnce(
    answer(400, {
      code: 'BAD_REQUEST',
      message: '填写的内容有误，请检查后再试',
      details: { problems: [{ field: 'diseaseCode', problem: 'already_certified' }] }
    })
  )
  const { container } = form()
  await tap(screen.getByText('王建国'))
  await tap(screen.getByText('糖尿病'))
  type(container, 'hospital', '县人民医院')
  type(container, 'diagnosisDate', '2026-03-15')
  await tap(screen.getByText('提交申请，下一步拍诊断证明'))
  await waitFor(() => expect(screen.getByText('这个人的这个病已经认定过了，不用再申请')).toBeInTheDocument())
})

test('on the status screen the card says whether it is certified yet; no policy, no figure', () => {
  const worth = chronicWorth(demo, 'hypertension', TODAY)
  const { rerender } = render(<ChronicWorthCard worth={worth} disease='高血压（Ⅱ级及以上）' certified={false} />)
  expect(screen.getByText('还没有认定，认定以前门诊慢特病这一块不报。')).toBeInTheDocument()
  rerender(<ChronicWorthCard worth={worth} disease='高血压（Ⅱ级及以上）' certified />)
  expect(screen.getByText('已经认定，门诊看这个病按门诊慢特病报销。')).toBeInTheDocument()
  rerender(<ChronicWorthCard worth={null} disease='糖尿病' />)
  expect(screen.getByText('暂时算不出认定以后能多报多少（没有拿到本县的政策）。')).toBeInTheDocument()
})
