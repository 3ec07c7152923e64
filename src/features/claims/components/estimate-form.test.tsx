// The estimate form on screen: wrong amounts and unknown levels get a Chinese message
// under the field and nothing is estimated; good answers reach onSubmit with defaults.
import { fireEvent, render, screen } from '@testing-library/react'
import { bundledPolicies, DEMO_POLICY_ID } from '@/calculator'
import { policyFacts } from '../form'
import { EstimateForm } from './estimate-form'

const facts = policyFacts(bundledPolicies[DEMO_POLICY_ID])

function setup(f = facts) {
  const onSubmit = jest.fn()
  const view = render(
    <EstimateForm facts={f} defaults={{ birthDate: '1960-01-01', admissionsThisYear: 1 }} onSubmit={onSubmit} />
  )
  const amount = view.container.querySelector('.ef-amount') as HTMLInputElement
  const type = (v: string) => fireEvent.change(amount, { target: { value: v } })
  const pick = (label: string) => fireEvent.click(screen.getByRole('button', { name: label }))
  const submit = () => fireEvent.click(screen.getByText('算一算'))
  return { onSubmit, view, type, pick, submit }
}

test.each([
  ['', '请填写大概要花多少钱'],
  ['-300', '花费不能是负数'],
  ['abc', '花费只能填数字，例如 8000 或 8000.50'],
  ['123.456', '花费最多填到分（小数点后两位）'],
  ['80000000', '花费太大了（超过 500 万元），请检查是不是多填了 0']
])('amount %p shows "%s" and estimates nothing', (value, message) => {
  const { onSubmit, type, pick, submit } = setup()
  pick('县医院')
  type(value)
  submit()
  expect(screen.getByRole('alert')).toHaveTextContent(message)
  expect(onSubmit).not.toHaveBeenCalled()
})

test('no hospital chosen asks for one', () => {
  const { onSubmit, type, submit } = setup()
  type('8000')
  submit()
  expect(screen.getByRole('alert')).toHaveTextContent('请选择去哪一级医院，或在定点医院名单里找一家')
  expect(onSubmit).not.toHaveBeenCalled()
})

test('a level the policy does not know is refused in plain Chinese', () => {
  const narrow = policyFacts({
    inpatient: { deductible: { rows: [{ when: { tier: ['village', 'township'] } }] }, ratio: { rows: [] } }
  })
  const { onSubmit, type, pick, submit } = setup(narrow)
  pick('省医院')
  type('8000')
  submit()
  expect(screen.getByRole('alert')).toHaveTextContent(
    '现行政策里没有「省医院」这一级医院的报销规定，请换一个医院等级，或问村医'
  )
  expect(onSubmit).not.toHaveBeenCalled()
})

test('a good answer is passed on with the member defaults and the place in words', () => {
  const { onSubmit, type, pick, submit } = setup()
  pick('乡镇卫生院')
  type('6000')
  pick('没办')
  submit()
  expect(screen.queryByRole('alert')).toBeNull()
  expect(onSubmit).toHaveBeenCalledWith(
    {
      kind: 'inpatient',
      institution: { tier: 'township' },
      area: 'local',
      billAmount: '6000.00',
      birthDate: '1960-01-01',
      admissionsThisYear: 1,
      referralApproved: false
    },
    '乡镇卫生院'
  )
})
