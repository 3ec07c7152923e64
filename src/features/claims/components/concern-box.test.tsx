// "多收钱了吗？": a report is checked (amount, note), saved on the phone with its Idempotency-Key
// before it is sent, and answered by the county with a tracking number and a status. Without a
// network it stays on the phone and goes out later with the same key; a county refusal is shown
// on the form and nothing stays saved.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ClaimConcern } from '@/contract'
import { appError } from '@/services/errors'
import {
  concernCache,
  refreshConcerns,
  reportClaimConcern,
  resetConcernApi,
  sendSavedConcerns,
  setConcernApi,
  validateConcern,
  type ConcernApi
} from '../concerns'
import { ConcernBox } from './concern-box'

type Fake = { [K in keyof ConcernApi]: jest.Mock }
let api: Fake

function answer(over: Partial<ClaimConcern> = {}): ClaimConcern {
  return {
    concernId: 'fk_1',
    trackingNumber: 'FK-2026-000123',
    claimId: 'c1',
    kind: 'paid-extra',
    amount: '200.50',
    note: '出院时让交的押金没退',
    status: 'received',
    createdAt: '2026-11-24T09:30:00+08:00',
    resolution: null,
    ...over
  }
}

beforeEach(() => {
  concernCache.getState().clear()
  api = { report: jest.fn(), list: jest.fn(async (claimId: string) => ({ ok: true, data: { claimId, concerns: [] } })) }
  setConcernApi(api as unknown as ConcernApi)
})
afterAll(() => resetConcernApi())

test.each([
  [{ kind: 'paid-extra' as const, amount: '', note: '' }, '请填写多交了多少钱'],
  [{ kind: 'paid-extra' as const, amount: '-20', note: '' }, '金额不能是负数'],
  [{ kind: 'paid-extra' as const, amount: '20.123', note: '' }, '请填写正确的金额，例如 200 或 200.50'],
  [{ kind: 'paid-extra' as const, amount: '0', note: '' }, '请填写正确的金额，例如 200 或 200.50'],
  [{ kind: 'dispute' as const, amount: '', note: '  ' }, '请简单说一下哪里不对']
])('%p is refused: %s', (input, message) => {
  expect(validateConcern({ claimId: 'c1', ...input })[0].message).toBe(message)
})

test("the report is saved with its key before it is sent; the county's answer gives the tracking number; another user never sees it", async () => {
  let release!: (v: unknown) => void
  api.report.mockImplementation(
    () =>
      new Promise((r) => {
        release = r
      })
  )
  const pending = reportClaimConcern('u1', {
    claimId: 'c1',
    kind: 'paid-extra',
    amount: '200.5',
    note: '出院时让交的押金没退'
  })
  const saved = concernCache.getState().read('u1', 'c1')!.data
  expect(saved).toEqual([
    expect.objectContaining({ status: 'saved-on-phone', amount: '200.50', key: expect.any(String) })
  ])
  expect(api.report).toHaveBeenCalledWith(
    'c1',
    { kind: 'paid-extra', amount: '200.50', note: '出院时让交的押金没退' },
    saved[0].key
  )
  release({ ok: true, data: answer() })
  const r = await pending
  expect(r.ok && r.concern).toMatchObject({
    claimId: 'c1',
    status: 'received',
    trackingNumber: 'FK-2026-000123',
    concernId: 'fk_1'
  })
  expect(concernCache.getState().read('u1', 'c1')!.data).toEqual([
    expect.objectContaining({ status: 'received', trackingNumber: 'FK-2026-000123' })
  ])
  expect(concernCache.getState().read('u2', 'c1')).toBeNull()
})

test('offline: the report stays on the phone and is sent later with the same key', async () => {
  api.report.mockResolvedValueOnce({ ok: false, error: appError('OFFLINE') })
  const r = await reportClaimConcern('u1', { claimId: 'c1', kind: 'dispute', amount: '', note: '住院天数算少了' })
  expect(r).toMatchObject({ ok: true, queued: true, concern: { status: 'saved-on-phone', trackingNumber: null } })
  const key = api.report.mock.calls[0][2]
  api.report.mockResolvedValueOnce({
    ok: true,
    data: answer({ kind: 'dispute', amount: null, note: '住院天数算少了' })
  })
  await sendSavedConcerns('u1', 'c1')
  expect(api.report.mock.calls[1][2]).toBe(key)
  expect(api.report.mock.calls[1][1]).toEqual({ kind: 'dispute', amount: null, note: '住院天数算少了' })
  expect(concernCache.getState().read('u1', 'c1')!.data).toEqual([
    expect.objectContaining({ status: 'received', trackingNumber: 'FK-2026-000123', amount: null })
  ])
})

test('a report kept on the phone before the county route existed (no key) gets one and is sent', async () => {
  concernCache.getState().put('u1', 'c1', [
    {
      localId: 'local-old',
      claimId: 'c1',
      kind: 'paid-extra',
      amount: '300.00',
      note: '',
      createdAt: '2026-11-20T09:00:00+08:00',
      status: 'saved-on-phone',
      trackingNumber: null
    }
  ])
  api.report.mockResolvedValueOnce({ ok: true, data: answer({ amount: '300.00', note: null }) })
  await sendSavedConcerns('u1', 'c1')
  expect(api.report.mock.calls[0][2]).toEqual(expect.any(String))
  expect(concernCache.getState().read('u1', 'c1')!.data).toEqual([
    expect.objectContaining({ localId: 'local-old', status: 'received', note: '' })
  ])
})

test('a county refusal is shown on the field and nothing stays saved', async () => {
  api.report.mockResolvedValueOnce({
    ok: false,
    error: appError('BAD_REQUEST', {
      status: 400,
      message: '多交的金额不能超过这次看病的总费用150.00元',
      details: { problems: [{ field: 'amount', problem: 'more_than_total' }] }
    })
  })
  const r = await reportClaimConcern('u1', { claimId: 'c1', kind: 'paid-extra', amount: '300', note: '' })
  expect(r).toMatchObject({
    ok: false,
    fields: [{ field: 'amount', message: '多交的金额不能超过这次看病的总费用150.00元' }]
  })
  expect(concernCache.getState().read('u1', 'c1')!.data).toEqual([])
})

test("refreshing reads the new status and the county's answer; reports not yet sent stay", async () => {
  concernCache.getState().put('u1', 'c1', [
    {
      localId: 'local-a',
      claimId: 'c1',
      kind: 'paid-extra',
      amount: '200.50',
      note: '',
      createdAt: '2026-11-24T09:30:00+08:00',
      status: 'received',
      trackingNumber: 'FK-2026-000123',
      concernId: 'fk_1'
    },
    {
      localId: 'local-b',
      claimId: 'c1',
      kind: 'dispute',
      amount: null,
      note: '不对',
      createdAt: '2026-11-24T10:00:00+08:00',
      status: 'saved-on-phone',
      trackingNumber: null,
      key: 'k-b'
    }
  ])
  api.list.mockResolvedValueOnce({
    ok: true,
    data: { claimId: 'c1', concerns: [answer({ status: 'resolved', resolution: '已责令医院退还200.50元' })] }
  })
  await refreshConcerns('u1', 'c1')
  expect(
    concernCache
      .getState()
      .read('u1', 'c1')!
      .data.map((c) => [c.localId, c.status, c.resolution ?? null])
  ).toEqual([
    ['local-a', 'resolved', '已责令医院退还200.50元'],
    ['local-b', 'saved-on-phone', null]
  ])
})

test('on screen: choose, fill in, send, and see the tracking number and status; a refusal keeps what was typed', async () => {
  const { rerender } = render(<ConcernBox owner='u1' claimId='c9' reports={[]} />)
  await waitFor(() => expect(api.list).toHaveBeenCalledWith('c9'))
  fireEvent.click(screen.getByText('医院让我多交了钱'))
  fireEvent.click(screen.getByText('提交'))
  expect(await screen.findByRole('alert')).toHaveTextContent('请填写多交了多少钱')
  expect(api.report).not.toHaveBeenCalled()

  api.report.mockResolvedValueOnce({
    ok: false,
    error: appError('BAD_REQUEST', {
      status: 400,
      message: '多交的金额不能超过这次看病的总费用150.00元',
      details: { problems: [{ field: 'amount' }] }
    })
  })
  fireEvent.change(document.querySelector('.concern-amount') as HTMLInputElement, { target: { value: '300' } })
  fireEvent.click(screen.getByText('提交'))
  expect(await screen.findByText('多交的金额不能超过这次看病的总费用150.00元')).toBeInTheDocument()
  expect((document.querySelector('.concern-amount') as HTMLInputElement).value).toBe('300')

  api.report.mockResolvedValueOnce({ ok: true, data: answer({ claimId: 'c9', amount: '120.00', note: null }) })
  fireEvent.change(document.querySelector('.concern-amount') as HTMLInputElement, { target: { value: '120' } })
  await act(async () => {
    fireEvent.click(screen.getByText('提交'))
  })
  await screen.findByText('我对这笔报销有疑问')
  const saved = concernCache.getState().read('u1', 'c9')!.data
  expect(saved).toEqual([expect.objectContaining({ amount: '120.00', status: 'received' })])
  rerender(<ConcernBox owner='u1' claimId='c9' reports={saved} />)
  expect(screen.getByText('受理号 FK-2026-000123')).toBeInTheDocument()
  expect(screen.getByText(/县医保局已收到/)).toBeInTheDocument()
})

test('on screen: a report saved without a network says so, and how to reach the county meanwhile', async () => {
  render(
    <ConcernBox
      owner='u1'
      claimId='c9'
      reports={[
        {
          localId: 'l1',
          claimId: 'c9',
          kind: 'dispute',
          amount: null,
          note: '不对',
          createdAt: '2026-11-24T10:00:00+08:00',
          status: 'saved-on-phone',
          trackingNumber: null,
          key: 'k1'
        }
      ]}
    />
  )
  expect(screen.getByText(/还没发出去，已保存在手机上，联网后会自动发送/)).toBeInTheDocument()
  expect(screen.getByText('着急的话，请直接打县医保局电话反映。')).toBeInTheDocument()
  await waitFor(() => expect(api.list).toHaveBeenCalled())
})
