import { fireEvent, render, screen as view } from '@testing-library/react'
import { makeIdNumber } from '@/shared/id-number'
import { PayeeForm } from './payee-form'

const valid = makeIdNumber('999901', '19630821', '017')

function setup(props: Partial<Parameters<typeof PayeeForm>[0]> = {}) {
  const onLookup = jest.fn()
  const onConfirm = jest.fn()
  render(<PayeeForm lookup={null} onLookup={onLookup} onConfirm={onConfirm} {...props} />)
  return { onLookup, onConfirm, input: view.getByPlaceholderText('18位身份证号') }
}

test('a wrong ID number is caught on the phone with a plain message, and nothing is sent', () => {
  const { onLookup, input } = setup()
  fireEvent.change(input, { target: { value: '12345' } })
  fireEvent.click(view.getByText('查找这家人'))
  expect(view.getByText('身份证号应是18位数字（最后一位可以是X），请核对')).toBeInTheDocument()
  const badCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0')
  fireEvent.change(input, { target: { value: badCheck } })
  fireEvent.click(view.getByText('查找这家人'))
  expect(view.getByText('身份证号有一位不对，请对照身份证再核对一下')).toBeInTheDocument()
  expect(onLookup).not.toHaveBeenCalled()
})

test('a valid number is looked up; the result shows the village, masked names and the total only', () => {
  const { onLookup, onConfirm, input } = setup({
    lookup: {
      householdId: 'hh_3',
      year: 2027,
      village: '竹林村',
      total: '490.00',
      membersMasked: ['买**·**', '古***·***']
    }
  })
  fireEvent.change(input, { target: { value: ` ${valid} ` } })
  fireEvent.click(view.getByText('查找这家人'))
  expect(onLookup).toHaveBeenCalledWith(valid)
  expect(view.getByText('买**·**')).toBeInTheDocument()
  expect(view.getByText('竹林村')).toBeInTheDocument()
  expect(view.getByText('¥490.00')).toBeInTheDocument()
  // one amount only, the total: a member's amount would give away their category (110.00 = 低保)
  expect(view.getAllByText(/¥/)).toHaveLength(1)
  expect(view.getByText(/您看不到这家人的看病和报销信息/)).toBeInTheDocument()
  fireEvent.click(view.getByText('确认，替这家缴费'))
  expect(onConfirm).toHaveBeenCalledWith(valid)
})

test("the county's refusal is shown as it said it", () => {
  setup({ error: '没有找到这个身份证号的参保家庭' })
  expect(view.getByText('没有找到这个身份证号的参保家庭')).toBeInTheDocument()
})

test('a household already paid up: says so, no ¥0.00 and no pay button', () => {
  setup({
    lookup: {
      householdId: 'hh_3',
      year: 2027,
      village: '竹林村',
      total: '0.00',
      membersMasked: ['买**·**']
    }
  })
  expect(view.getByText('2027年这家已经交清了')).toBeInTheDocument()
  expect(view.getByText('买**·**')).toBeInTheDocument()
  expect(view.queryByText('¥0.00')).toBeNull()
  expect(view.queryByText('确认，替这家缴费')).toBeNull()
})
