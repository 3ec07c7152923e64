import { readYuan } from './yuan-input'

it('reads amounts as villagers type them into the money text', () => {
  expect(readYuan('3200', '总费用')).toEqual({ ok: true, value: '3200.00' })
  expect(readYuan(' ¥3,200.5元 ', '总费用')).toEqual({ ok: true, value: '3200.50' })
  expect(readYuan('0012.30', '总费用')).toEqual({ ok: true, value: '12.30' })
  expect(readYuan('99999999.99', '总费用')).toEqual({ ok: true, value: '99999999.99' })
})

it('refuses what is not an amount, in plain words naming the field', () => {
  const no = (raw: string) => {
    const r = readYuan(raw, '总费用')
    return r.ok ? null : [r.problem, r.message]
  }
  expect(no('')).toEqual(['required', '请填写总费用'])
  expect(no('-1')).toEqual(['negative', '总费用不能是负数'])
  expect(no('NaN')).toEqual(['not_a_number', '总费用要填数字，比如 3200.50'])
  expect(no('1e5')).toEqual(['not_a_number', '总费用要填数字，比如 3200.50'])
  expect(no('Infinity')).toEqual(['not_a_number', '总费用要填数字，比如 3200.50'])
  expect(no('1.234')).toEqual(['too_many_decimals', '总费用最多填到分（小数点后两位）'])
  expect(no('100000000')).toEqual(['too_large', '总费用太大了，请核对（不能超过1亿元）'])
})
