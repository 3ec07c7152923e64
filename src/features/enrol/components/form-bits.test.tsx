// ChoiceField: a labelled row of chips whose field, chips and red text share one name.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { ChoiceField } from './form-bits'

const CARE = [
  { id: 'inpatient', label: '住院' },
  { id: 'outpatient', label: '门诊' }
] as const

describe('ChoiceField', () => {
  test('label, chips named after the field, hint, and the red text under them', async () => {
    const onChange = jest.fn()
    const { container } = render(
      <ChoiceField
        name='careKind'
        label='住院还是门诊'
        options={CARE}
        value='outpatient'
        onChange={onChange}
        hint='发票上写着'
        error='请选择住院还是门诊'
      />
    )
    expect(container.querySelector('.enrol-field--careKind.enrol-field--error .enrol-chips--careKind')).not.toBeNull()
    expect(screen.getByText('住院还是门诊')).toBeInTheDocument()
    expect(screen.getByText('发票上写着')).toBeInTheDocument()
    expect(container.querySelector('.enrol-error--careKind')!.textContent).toBe('请选择住院还是门诊')
    expect(screen.getByRole('radio', { name: '门诊' })).toHaveAttribute('aria-checked', 'true')
    await act(async () => {
      fireEvent.click(screen.getByRole('radio', { name: '住院' }))
    })
    expect(onChange).toHaveBeenCalledWith('inpatient')
  })

  test('nothing chosen yet and nothing wrong: no tick, no red text', () => {
    const { container } = render(
      <ChoiceField name='careKind' label='住院还是门诊' options={CARE} value='' onChange={jest.fn()} />
    )
    expect(container.querySelectorAll('[aria-checked="true"]')).toHaveLength(0)
    expect(container.querySelector('.enrol-field--error')).toBeNull()
    expect(container.querySelector('.enrol-error')).toBeNull()
  })
})
