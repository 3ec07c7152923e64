// The pieces the four application forms share, on a small form of their own: the draft and its red
// text, who it is for, a date, and the submit block with the county's three kinds of answer.
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { Application } from '@/contract'
import { clearPageMessage, usePageMessage } from '@/services/page-message'
import type { Submit } from '../store'
import { DateField, PersonPicker, SubmitBlock, useApplicationForm } from './application-fields'

interface Draft {
  personId: string
  day: string
}
const members = [
  { personId: 'p1', name: '王建国' },
  { personId: 'p2', name: '李秀英' }
]
const type = (container: HTMLElement, name: string, value: string) =>
  fireEvent.change(container.querySelector(`.enrol-input--${name}`)!, { target: { value } })
const tap = (el: Element) =>
  act(async () => {
    fireEvent.click(el)
  })

/** The county's answer, given when the test says so. */
function deferred() {
  let answer: (s: Submit) => void = () => {}
  const promise = new Promise<Submit>((resolve) => (answer = resolve))
  return { promise, answer: (s: Submit) => act(async () => answer(s)) }
}

function TinyForm(props: { send: (d: Draft) => Promise<Submit>; save?: (d: Draft) => void; onSubmitted: () => void }) {
  const f = useApplicationForm<Draft>({ personId: '', day: '' }, props)
  return (
    <>
      <PersonPicker label='给谁办' members={members} {...f.choice('personId')} />
      <DateField label='哪天' example='2026-10-01' {...f.text('day')} />
      <button className='start-over' onClick={() => f.reset({ personId: '', day: '' })} />
      <SubmitBlock label='提交，下一步拍照' form={f} />
    </>
  )
}

afterEach(() => clearPageMessage())

describe('useApplicationForm with the shared fields', () => {
  test('what is typed and chosen is kept, saved as it changes, and sent as it stands', async () => {
    const send = jest.fn((_: Draft) =>
      Promise.resolve<Submit>({ ok: true, application: { applicationId: 'a1' } as Application })
    )
    const save = jest.fn()
    const onSubmitted = jest.fn()
    const { container } = render(<TinyForm send={send} save={save} onSubmitted={onSubmitted} />)
    await tap(screen.getByRole('radio', { name: '李秀英' }))
    type(container, 'day', '2026.10.1')
    expect(save).toHaveBeenLastCalledWith({ personId: 'p2', day: '2026.10.1' })
    await tap(screen.getByText('提交，下一步拍照'))
    expect(send).toHaveBeenCalledWith({ personId: 'p2', day: '2026.10.1' })
    expect(onSubmitted).toHaveBeenCalledWith({ applicationId: 'a1' })
  })

  test('refused fields get their red text and a count; fixing one clears only its own; starting over clears all', async () => {
    const send = jest.fn(() =>
      Promise.resolve<Submit>({
        ok: false,
        errors: [
          { field: 'personId', code: 'required', message: '请选择给谁办' },
          { field: 'day', code: 'required', message: '请填写日期' }
        ]
      })
    )
    const onSubmitted = jest.fn()
    const { container } = render(<TinyForm send={send} onSubmitted={onSubmitted} />)
    await tap(screen.getByText('提交，下一步拍照'))
    expect(container.querySelector('.enrol-error--personId')!.textContent).toBe('请选择给谁办')
    expect(container.querySelector('.enrol-error--day')!.textContent).toBe('请填写日期')
    expect(screen.getByText('有 2 处要改，请看上面红字')).toBeInTheDocument()
    type(container, 'day', '2026-10-01')
    expect(container.querySelector('.enrol-error--day')).toBeNull()
    expect(container.querySelector('.enrol-error--personId')).not.toBeNull()
    expect(screen.getByText('有 1 处要改，请看上面红字')).toBeInTheDocument()
    await tap(container.querySelector('.start-over')!)
    expect(container.querySelector('.enrol-error')).toBeNull()
    expect(onSubmitted).not.toHaveBeenCalled()
  })

  test('busy while the county answers: the button says so and a second tap sends nothing more', async () => {
    const answer = deferred()
    const send = jest.fn(() => answer.promise)
    render(<TinyForm send={send} onSubmitted={jest.fn()} />)
    await tap(screen.getByText('提交，下一步拍照'))
    const busy = screen.getByText('正在提交…')
    expect(busy).toBeDisabled()
    await tap(busy)
    expect(send).toHaveBeenCalledTimes(1)
    await answer.answer({
      ok: false,
      error: { code: 'UNREACHABLE', message: '县里的系统暂时连不上，请稍后再试', retryable: true }
    })
    expect(screen.getByText('提交，下一步拍照')).not.toBeDisabled()
    // not a field's fault: said on the page's message line, nothing red under the fields
    expect(usePageMessage.getState().message).toMatchObject({ text: '县里的系统暂时连不上，请稍后再试', kind: 'error' })
    expect(document.querySelector('.enrol-error')).toBeNull()
  })
})

describe('PersonPicker', () => {
  test('one chip a member, by name; the chosen one is ticked and its id goes up', async () => {
    const onChange = jest.fn()
    const { container } = render(
      <PersonPicker label='给谁申请' members={members} value='p1' onChange={onChange} error='请选择给谁申请' />
    )
    expect(screen.getByText('给谁申请')).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: '王建国' })).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByRole('radio', { name: '王建国' }).textContent).toBe('✓ 王建国')
    expect(screen.getByRole('radio', { name: '李秀英' })).toHaveAttribute('aria-checked', 'false')
    await tap(screen.getByRole('radio', { name: '李秀英' }))
    expect(onChange).toHaveBeenCalledWith('p2')
    expect(
      container.querySelector('.enrol-field--personId.enrol-field--error .enrol-error--personId')!.textContent
    ).toBe('请选择给谁申请')
  })
})

describe('DateField', () => {
  test('shows the example greyed in the box, its hint, and passes up what is typed', () => {
    const onInput = jest.fn()
    const { container } = render(
      <DateField name='from' label='从哪天开始' example='2026-12-01' hint='一般备案一年' value='' onInput={onInput} />
    )
    const input = container.querySelector('.enrol-input--from')!
    expect(input).toHaveAttribute('placeholder', '例如 2026-12-01')
    expect(screen.getByText('一般备案一年')).toBeInTheDocument()
    fireEvent.change(input, { target: { value: '2026年12月1日' } })
    expect(onInput).toHaveBeenCalledWith('2026年12月1日')
  })
})

describe('SubmitBlock', () => {
  test('no count when nothing is wrong; the count and the busy text when there is', async () => {
    const submit = jest.fn(() => Promise.resolve())
    const { container, rerender } = render(
      <SubmitBlock label='提交备案，下一步拍照上传' form={{ errorCount: 0, sending: false, submit }} />
    )
    expect(container.querySelector('.enrol-error--summary')).toBeNull()
    await tap(screen.getByText('提交备案，下一步拍照上传'))
    expect(submit).toHaveBeenCalledTimes(1)
    rerender(<SubmitBlock label='提交备案，下一步拍照上传' form={{ errorCount: 3, sending: true, submit }} />)
    expect(container.querySelector('.enrol-error--summary')!.textContent).toBe('有 3 处要改，请看上面红字')
    expect(screen.getByText('正在提交…')).toBeDisabled()
    expect(screen.queryByText('提交备案，下一步拍照上传')).toBeNull()
  })
})
