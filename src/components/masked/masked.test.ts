import { maskId, maskName, maskPhone } from './index'

test('masks ID numbers, phones and names (rare characters and the middle dot)', () => {
  expect(maskId('11010119900307123X')).toBe('110***********123X')
  expect(maskId('110***********123X')).toBe('110***********123X')
  expect(maskPhone('13800138000')).toBe('138****8000')
  expect(maskName('张三')).toBe('张*')
  expect(maskName('王小明')).toBe('王*明')
  expect(maskName('阿依古丽·买买提')).toBe('阿***·**提')
  expect(maskName('𠀾𠁠')).toBe('𠀾*')
})
