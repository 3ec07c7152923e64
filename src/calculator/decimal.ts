import DecimalBase from 'decimal.js'
import { CalculatorError, show } from './errors'

/** The calculator's own Decimal: 40 significant digits, half-up. Nobody else configures it. */
export const Money = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP })
export type Dec = InstanceType<typeof Money>

export const ZERO = new Money(0)
export const ONE = new Money(1)
/** Largest amount accepted on a bill, a claim or a contribution: 1 亿元 (no single bill comes near it). */
const MAX_AMOUNT = new Money('100000000')
/**
 * Largest amount a claim history (a person's running year totals) may hold: 10 亿元. A year's
 * total is a sum of bills, so it may pass one bill's 1 亿. Still bounded so that whole-fen
 * arithmetic stays exact (settle-fen.ts): with rates in ten-thousandths, an amount of A fen
 * times a rate is at most A × 10^4, exact while below 2^53, i.e. A ≤ 900,719,925,474 fen
 * (9,007,199,254.74 元). 10 亿元 is 10^11 fen: a year total plus one more bill (≤ 1.1 × 10^11
 * fen) times any rate stays below 1.1 × 10^15, well inside. A claim that would take a year
 * total past it is refused (YEAR_TOTAL_OUT_OF_RANGE), so every history the calculator writes
 * can be read back.
 */
export const MAX_YEAR_TOTAL = new Money('1000000000')

const MONEY_RE = /^(0|[1-9]\d{0,8})(\.\d{1,2})?$/

/** Parse a money string from input; anything else is refused with a typed error. */
export function parseMoney(s: unknown, path: string, what = '金额'): Dec {
  if (typeof s !== 'string') {
    throw new CalculatorError('INVALID_AMOUNT', `${what}必须是文字形式的金额，例如 "1200.00"`, path)
  }
  if (!MONEY_RE.test(s)) {
    if (/^-/.test(s)) throw new CalculatorError('INVALID_AMOUNT', `${what}不能是负数：${s}`, path)
    if (/^\d+\.\d{3,}$/.test(s)) throw new CalculatorError('INVALID_AMOUNT', `${what}最多两位小数（到分）：${s}`, path)
    if (/^\d{10,}(\.\d+)?$/.test(s))
      throw new CalculatorError('INVALID_AMOUNT', `${what}太大，不像真实金额：${s}`, path)
    throw new CalculatorError('INVALID_AMOUNT', `${what}不是有效金额：${show(s)}`, path)
  }
  if (s === '0.00' || s === '0') return ZERO
  const d = new Money(s)
  if (s.length >= 9 && d.gt(MAX_AMOUNT))
    throw new CalculatorError('INVALID_AMOUNT', `${what}太大，不像真实金额：${s}`, path)
  return d
}

const YEAR_TOTAL_RE = /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/

/** Parse a year total of a claim history (up to MAX_YEAR_TOTAL); refused as parseMoney refuses, with INVALID_AMOUNT. */
export function parseYearTotal(s: unknown, path: string, what = '本年度累计金额'): Dec {
  if (typeof s === 'string' && YEAR_TOTAL_RE.test(s)) {
    if (s === '0.00' || s === '0') return ZERO
    const d = new Money(s)
    // fewer than 10 characters: at most 999,999,999, below the limit
    if (s.length < 10 || d.lte(MAX_YEAR_TOTAL)) return d
    throw new CalculatorError('INVALID_AMOUNT', `${what}超过年度累计上限 10 亿元，不像真实金额：${s}`, path)
  }
  // not a plain amount: negative, three decimals, not a string… refused with parseMoney's messages
  return parseMoney(s, path, what)
}

/** Round to the fen, half up. Only named steps call this. */
export function toFen(d: Dec): Dec {
  return d.decimalPlaces() <= 2 ? d : d.toDecimalPlaces(2, DecimalBase.ROUND_HALF_UP)
}
/** "1234.50": amounts here are already whole fen, so toString plus padding is exact and
 * much cheaper than toFixed (which rounds through a new Decimal). */
export function fmt(d: Dec): string {
  if (d.isZero()) return '0.00'
  // d.e is the decimal exponent: below 15 toString never switches to exponent notation
  if (d.e >= 15 || d.decimalPlaces() > 2) return d.toFixed(2)
  const s = d.toString()
  const dot = s.indexOf('.')
  if (dot < 0) return `${s}.00`
  return s.length - dot === 2 ? `${s}0` : s
}
export function fmtRate(d: Dec): string {
  // at least two decimals: 0.7 → "0.70", 0.595 → "0.595"
  const s = d.toString()
  const dot = s.indexOf('.')
  if (dot < 0) return d.toFixed(2)
  return s.length - dot - 1 < 2 ? d.toFixed(2) : s
}
/** 0.7 → "70%", 0.595 → "59.5%" */
export function pct(d: Dec): string {
  return `${d.times(100).toString()}%`
}
export function yuan(d: Dec): string {
  return `${d.toFixed(2)} 元`
}
export function min(a: Dec, b: Dec): Dec {
  return a.lt(b) ? a : b
}
export function max(a: Dec, b: Dec): Dec {
  return a.gt(b) ? a : b
}
/** d > 0 without building a Decimal from the literal 0 (a hot check on the settle path) */
export function positive(d: Dec): boolean {
  return !d.isZero() && !d.isNeg()
}
