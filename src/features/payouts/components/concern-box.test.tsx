// "多收钱了吗？": a report is checked (amount, note), kept for this user on the phone with a
// visible status, and says plainly that the county cannot take it online yet.
import { fireEvent, render, screen } from '@testing-library/react'
import { concernCache, CONCERN_ROUTE_AVAILABLE, reportClaimConcern, validateConcern } from '../concerns'
import { ConcernBox } from './concern-box'

beforeEach(() => concernCache.getState().clear())

test.each([
  [{ kind: 'paid-extra' as const, amount: '', note: '' }, '请填写多交了多少钱'],
  [{ kind: 'paid-extra' as const, amount: '-20', note: '' }, '金额不能是负数'],
  [{ kind: 'paid-extra' as const, amount: '20.123', note: '' }, '请填写正确的金额，例如 200 或 200.50'],
  [{ kind: 'paid-extra' as const, amount: '0', note: '' }, '请填写正确的金额，例如 200 或 200.50'],
  [{ kind: 'dispute' as const, amount: '', note: '  ' }, '请简单说一下哪里不对']
])('%p is refused: %s', (input, message) => {
  expect(validateConcern({ claimId: 'c1', ...input })[0].message).toBe(message)
})

test('a report is kept for its owner with its status; another user never sees it', async () => {
  expect(CONCERN_ROUTE_AVAILABLE).toBe(false)
  const r = await reportClaimConcern('u1', { claimId: 'c1', kind: 'paid-extra', amount: '200.5', note: '出院时让交的押金没退' })
  expect(r.ok && r.concern).toMatchObject({ claimId: 'c1', kind: 'paid-extra', amount: '200.50', status: 'saved-on-phone', trackingNumber: null })
  expect(concernCache.getState().read('u1', 'c1')!.data).toHaveLength(1)
  expect(concernCache.getState().read('u2', 'c1')).toBeNull()
})

test('on screen: choose, fill in, send, and see the report with its status', async () => {
  const { rerender } = render(<ConcernBox owner='u1' claimId='c9' reports={[]} />)
  fireEvent.click(screen.getByText('医院让我多交了钱'))
  fireEvent.click(screen.getByText('提交'))
  expect(await screen.findByRole('alert')).toHaveTextContent('请填写多交了多少钱')
  fireEvent.change(document.querySelector('.concern-amount') as HTMLInputElement, { target: { value: '300' } })
  fireEvent.click(screen.getByText('提交'))
  await screen.findByText('我对这笔报销有疑问')
  const saved = concernCache.getState().read('u1', 'c9')!.data
  expect(saved[0].amount).toBe('300.00')
  rerender(<ConcernBox owner='u1' claimId='c9' reports={saved} />)
  expect(screen.getByText(/已保存在手机上，县医保系统开通网上反映后发送/)).toBeInTheDocument()
  expect(screen.getByText('着急的话，请直接打县医保局电话反映。')).toBeInTheDocument()
})
