// The one fen↔yuan conversion and the display sums built on it: exact, no rounding.
import { buildSync } from 'esbuild'
import { join } from 'path'
import {
  addYuan,
  compareYuan,
  fenToYuan,
  insurancePaid,
  percentOf,
  ratePercent,
  subtractYuan,
  yuanToFen
} from './money'
import { CalculatorError } from './errors'

function codeOf(f: () => unknown): string | undefined {
  try {
    f()
  } catch (e) {
    if (e instanceof CalculatorError) return e.code
    throw e
  }
  return undefined
}

describe('fen ↔ yuan', () => {
  it('writes whole fen as yuan with two decimals', () => {
    expect(fenToYuan(0)).toBe('0.00')
    expect(fenToYuan(5)).toBe('0.05')
    expect(fenToYuan(123450)).toBe('1234.50')
    expect(fenToYuan(-320)).toBe('-3.20')
    expect(fenToYuan(10_000_000_000)).toBe('100000000.00')
  })
  it('reads yuan with up to two decimals as whole fen', () => {
    expect(yuanToFen('1234.5')).toBe(123450)
    expect(yuanToFen('1234.50')).toBe(123450)
    expect(yuanToFen('7')).toBe(700)
    expect(yuanToFen('0.07')).toBe(7)
    expect(yuanToFen('-3.20')).toBe(-320)
    expect(yuanToFen('-0.00')).toBe(0)
  })
  it('never rounds: a third decimal, a float, text or a fraction of a fen is refused', () => {
    for (const bad of ['1.234', '1e5', ' 12', '12 ', '', 'abc', '01.00', '1.', '.5', '¥5'])
      expect(codeOf(() => yuanToFen(bad))).toBe('INVALID_AMOUNT')
    expect(codeOf(() => yuanToFen(12 as unknown as string))).toBe('INVALID_AMOUNT')
    expect(codeOf(() => fenToYuan(0.5))).toBe('INVALID_AMOUNT')
    expect(codeOf(() => fenToYuan(Number.NaN))).toBe('INVALID_AMOUNT')
  })
  it('round-trips every amount', () => {
    for (const f of [0, 1, 9, 10, 99, 100, 101, 999999, 123456789012, -1, -99, -100])
      expect(yuanToFen(fenToYuan(f))).toBe(f)
  })
})

describe('display sums', () => {
  it('adds, subtracts and compares exactly (0.1 + 0.2 is 0.30)', () => {
    expect(addYuan('0.10', '0.20')).toBe('0.30')
    expect(addYuan()).toBe('0.00')
    expect(addYuan('1200.5', '0.50', '3')).toBe('1204.00')
    expect(subtractYuan('100.00', '250.25')).toBe('-150.25')
    expect(compareYuan('10.00', '9.99')).toBe(1)
    expect(compareYuan('10', '10.00')).toBe(0)
    expect(compareYuan('-1', '0')).toBe(-1)
  })
  it('what insurance paid is fund + 大病保险 + 医疗救助, never the household account', () => {
    const s = { basicFund: '3520.00', catastrophic: '4839.00', assistance: '12.34', householdAccount: '50.00' }
    expect(insurancePaid(s)).toBe('8371.34')
  })
  it('rates as percentages', () => {
    expect(ratePercent('0.7')).toBe('70%')
    expect(ratePercent('0.70')).toBe('70%')
    expect(ratePercent('0.595')).toBe('59.5%')
    expect(ratePercent('0.0001')).toBe('0.01%')
    expect(ratePercent('1')).toBe('100%')
    expect(ratePercent('0')).toBe('0%')
    for (const bad of ['1.01', '70%', '-0.1', '0.12345', '2'])
      expect(codeOf(() => ratePercent(bad))).toBe('INVALID_INPUT')
  })
  it('a share of a whole, rounded half up for display', () => {
    // seed 000 C16: 实际补偿比 66.94%
    expect(percentOf('6694.00', '10000.00', 2)).toBe('66.94%')
    expect(percentOf('1.00', '3.00')).toBe('33.3%')
    expect(percentOf('2.00', '3.00')).toBe('66.7%')
    expect(percentOf('1.00', '8.00')).toBe('12.5%')
    expect(percentOf('1.00', '16.00')).toBe('6.3%') // 6.25 → 6.3, a tie goes up
    expect(percentOf('5.00', '5.00')).toBe('100%')
    expect(percentOf('5.00', '0.00')).toBeNull()
  })
})

describe('the money entry is cheap to import (the mini-program main package is ≤ 500 KB)', () => {
  it('bundles on its own to under 3 KB, without decimal.js or the engine', () => {
    const out = buildSync({
      entryPoints: [join(__dirname, 'money.ts')],
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      logLevel: 'silent'
    }).outputFiles[0].text
    expect(out.length).toBeLessThan(3 * 1024)
    expect(out).not.toMatch(/decimal|toDecimalPlaces|settle/i)
  })
})
