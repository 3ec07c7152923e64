import fc from 'fast-check'
import { formatMoney, spokenMoney } from './format'

test('formats decimal strings with grouping and two places, without floats', () => {
  expect(formatMoney('380.00')).toBe('380.00')
  expect(formatMoney('1234567.5')).toBe('1,234,567.50')
  expect(formatMoney('0.10')).toBe('0.10')
  expect(formatMoney('-12.30')).toBe('-12.30')
  expect(formatMoney('-0.00')).toBe('0.00')
  expect(formatMoney('90071992547409931.99')).toBe('90,071,992,547,409,931.99') // beyond float precision
})

test('anything that is not a decimal string is refused', () => {
  for (const bad of ['', 'abc', '1e3', '1.234', 'NaN', null, undefined, ' '])
    expect(formatMoney(bad as string)).toBeNull()
  expect(formatMoney(380 as unknown as string)).toBeNull()
})

test('grouping never changes the digits', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 99 }), (i, f) => {
      const s = `${i}.${String(f).padStart(2, '0')}`
      expect(formatMoney(s)!.replace(/,/g, '')).toBe(s)
    })
  )
})

test('spoken form for read-aloud', () => {
  expect(spokenMoney('380.00')).toBe('380元')
  expect(spokenMoney('12.50')).toBe('12元5角')
  expect(spokenMoney('3.05')).toBe('3元零5分')
})
