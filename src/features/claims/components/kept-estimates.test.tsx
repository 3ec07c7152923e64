// Keeping an estimate with the county is opt-in and undoable: the sentence says what is kept
// before anything is sent, 交给县里保存 sends the answers, 删除 deletes; on the claim the county's
// comparison is shown as sent, difference by difference.
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Claim, KeptEstimate } from '@/contract'
import { configureCountyClient } from '@/services/county-client'
import { configureTransport } from '@/services/transport'
import { resetNetworkForTests } from '@/services/network'
import { KEEP_SENTENCE } from '../kept'
import { KeptComparison, KeptEstimates } from './kept-estimates'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })
const tap = (el: Element) =>
  act(async () => {
    fireEvent.click(el)
  })
const sent = (i: number) => {
  const c = request.mock.calls[i][0]
  return { method: c.method, url: c.url as string, body: typeof c.data === 'string' ? JSON.parse(c.data) : c.data }
}

const kept: KeptEstimate = {
  estimateId: 'est_1',
  personId: 'p1',
  keptAt: '2026-11-20T10:00:00+08:00',
  kind: 'inpatient',
  admissionDate: '2026-11-25',
  dischargeDate: null,
  total: '8000.00',
  basicFund: '3000.00',
  insurancePaid: '3000.00',
  policyVersion: '2026.1',
  steps: []
}
const answers = { kind: 'inpatient' as const, institution: { tier: 'county' as const }, billAmount: '8000.00' }

beforeEach(() => {
  request.mockReset()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  configureCountyClient({ baseUrl: '/county', token: () => 'tok', onSessionLost: jest.fn() })
})

test('says what is kept first; keeping sends the answers and the day; the kept one can be deleted', async () => {
  request
    .mockReturnValueOnce(answer(200, { estimates: [] }))
    .mockReturnValueOnce(answer(201, kept))
    .mockReturnValueOnce(answer(200, { estimates: [kept] }))
    .mockReturnValueOnce(answer(200, { estimateId: 'est_1', deleted: true }))
    .mockReturnValueOnce(answer(200, { estimates: [] }))
  render(<KeptEstimates personId='p1' current={{ answers, date: '2026-11-25' }} />)
  expect(screen.getByText(KEEP_SENTENCE)).toBeInTheDocument()
  await waitFor(() => expect(request).toHaveBeenCalledTimes(1))
  await tap(screen.getByText('把这次估算交给县里保存'))
  await waitFor(() => expect(screen.getByText('已交给县里保存。')).toBeInTheDocument())
  expect(sent(1)).toMatchObject({
    method: 'POST',
    url: '/county/v1/persons/p1/estimates',
    body: { answers, admissionDate: '2026-11-25' }
  })
  // kept: the button goes (no second copy by a second tap), the list shows it
  expect(screen.queryByText('把这次估算交给县里保存')).toBeNull()
  await waitFor(() => expect(screen.getByText('删除')).toBeInTheDocument())
  await tap(screen.getByText('删除'))
  await waitFor(() => expect(screen.getByText('已删除，县里不再保存这次估算。')).toBeInTheDocument())
  expect(sent(3)).toMatchObject({ method: 'DELETE', url: '/county/v1/estimates/est_1' })
  await waitFor(() => expect(screen.queryByText('删除')).toBeNull())
})

test('on the claim: both figures and each difference as the county sent them, and how the stay was matched', () => {
  const estimate: NonNullable<Claim['estimate']> = {
    estimateId: 'est_1',
    keptAt: '2026-11-20T10:00:00+08:00',
    match: '同一个人、同一种看病，日期前后相差不超过7天',
    comparison: {
      estimated: { ...figures('8000.00'), basicFund: '3000.00' },
      actual: { ...figures('12000.00'), basicFund: '3360.00' },
      differences: [
        {
          figure: 'total',
          estimated: '8000.00',
          actual: '12000.00',
          change: '4000.00',
          sentence: '总费用：估算 8000.00元，实际 12000.00元。实际花费和估算时填的不一样。',
          estimateStep: null,
          actualStep: null
        }
      ]
    }
  }
  const { container } = render(<KeptComparison kept={estimate} />)
  expect(screen.getByText('和您交给县里保存的估算比')).toBeInTheDocument()
  expect(container.textContent).toContain('3,000.00')
  expect(container.textContent).toContain('3,360.00')
  expect(container.textContent).toContain('总费用：估算 8000.00元，实际 12000.00元。实际花费和估算时填的不一样。')
  expect(container.textContent).toContain('怎么认出是这次看病的：同一个人、同一种看病，日期前后相差不超过7天')
})

function figures(total: string) {
  return {
    total,
    eligible: total,
    deductible: '600.00',
    ratio: '0.8',
    catastrophic: '0.00',
    assistance: '0.00',
    basicFund: '0.00',
    patientPays: '0.00'
  }
}
