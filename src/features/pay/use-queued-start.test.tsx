import { act, fireEvent, render, screen as view } from '@testing-library/react'
import { appError } from '@/services/errors'
import { PaymentStatus } from './components/payment-status'
import { useQueuedStart, type StartOutcome } from './use-queued-start'

function Probe({ run }: { run: () => Promise<StartOutcome> }) {
  const q = useQueuedStart(run)
  return (
    <>
      <button disabled={q.busy} onClick={q.start}>
        缴费
      </button>
      {/* a tap that gets through anyway (a disabled button some platform still reports) */}
      <button onClick={q.start}>再点一次</button>
      {q.screen ? <PaymentStatus screen={q.screen} /> : <div>没有状态</div>}
    </>
  )
}

beforeEach(() => {
  jest.useFakeTimers()
})
afterEach(() => {
  jest.useRealTimers()
})

async function flush() {
  await act(async () => {
    await Promise.resolve()
  })
}
async function seconds(n: number) {
  for (let i = 0; i < n; i++) {
    await act(async () => {
      jest.advanceTimersByTime(1000)
    })
    await flush()
  }
}

test('a busy county: 排队中 with a countdown, a tap while waiting sends nothing, then it starts again by itself', async () => {
  const run = jest
    .fn<Promise<StartOutcome>, []>()
    .mockResolvedValueOnce({ ok: false, screen: { kind: 'queued', secondsLeft: 3 } })
    .mockResolvedValueOnce({ ok: true })
  render(<Probe run={run} />)
  fireEvent.click(view.getByText('缴费'))
  await flush()
  expect(view.getByText('排队中')).toBeInTheDocument()
  expect(view.getByText('3 秒后')).toBeInTheDocument()
  expect(view.getByText(/不用关掉，到时自动再试/)).toBeInTheDocument()
  expect(view.getByText('缴费')).toBeDisabled()

  fireEvent.click(view.getByText('再点一次'))
  await seconds(1)
  expect(view.getByText('2 秒后')).toBeInTheDocument()
  fireEvent.click(view.getByText('再点一次'))
  expect(run).toHaveBeenCalledTimes(1)

  await seconds(1)
  expect(view.getByText('1 秒后')).toBeInTheDocument()
  expect(run).toHaveBeenCalledTimes(1)
  await seconds(1)
  expect(run).toHaveBeenCalledTimes(2)
  expect(view.getByText('没有状态')).toBeInTheDocument()
  expect(view.getByText('缴费')).not.toBeDisabled()
})

test('still busy after the wait: back in line with the new wait; another failure ends the queue', async () => {
  const run = jest
    .fn<Promise<StartOutcome>, []>()
    .mockResolvedValueOnce({ ok: false, screen: { kind: 'queued', secondsLeft: 1 } })
    .mockResolvedValueOnce({ ok: false, screen: { kind: 'queued', secondsLeft: 2 } })
    .mockResolvedValueOnce({ ok: false, screen: { kind: 'trouble', error: appError('TIMEOUT'), order: null } })
  render(<Probe run={run} />)
  fireEvent.click(view.getByText('缴费'))
  await flush()
  expect(view.getByText('1 秒后')).toBeInTheDocument()
  await seconds(1)
  expect(view.getByText('2 秒后')).toBeInTheDocument()
  await seconds(2)
  expect(run).toHaveBeenCalledTimes(3)
  expect(view.getByText('暂时连不上县里')).toBeInTheDocument()
  expect(view.getByText('缴费')).not.toBeDisabled()
})

test('while a start is out, another tap joins nothing and sends nothing', async () => {
  let finish!: (r: StartOutcome) => void
  const run = jest.fn(() => new Promise<StartOutcome>((r) => (finish = r)))
  render(<Probe run={run} />)
  fireEvent.click(view.getByText('缴费'))
  fireEvent.click(view.getByText('再点一次'))
  expect(run).toHaveBeenCalledTimes(1)
  expect(view.getByText('正在准备付款…')).toBeInTheDocument()
  await act(async () => finish({ ok: true }))
  expect(view.getByText('没有状态')).toBeInTheDocument()
})
