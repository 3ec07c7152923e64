import { normaliseName, relationText } from './names'

test('every look-alike of the middle dot becomes ·, spaces go', () => {
  expect(normaliseName('阿依古丽 . 买买提')).toBe('阿依古丽·买买提')
  expect(normaliseName('阿依古丽・买买提')).toBe('阿依古丽·买买提')
})

test('relations read as people say them', () => {
  expect(relationText('子')).toBe('儿子')
  expect(relationText('女')).toBe('女儿')
  expect(relationText('配偶')).toBe('配偶')
})
