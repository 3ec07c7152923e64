// The calculator's arithmetic: every amount a whole number of fen, every rate a whole
// number of hundred-millionths (RATE = 10^8, so "0.7" is 70,000,000), in plain JS numbers.
//
// Exact, not approximate. Input amounts have at most two decimals and policy rates at most
// four, so they are whole numbers in these units. A claim's amounts are at most 1 亿元
// (10^10 fen) and a history's year totals at most 10 亿元 (10^11 fen), so sums stay far
// below 2^53. A product amount × rate is split (mulExact) so that no intermediate passes
// 2^53 either, whatever the rate (a relative referral penalty may give eight decimals).
// Rounding to the fen is the one documented rule: half up, a tie away from zero (as
// decimal.js ROUND_HALF_UP), applied to the exact value at the steps that say so.
import { CalculatorError, show } from './errors'
import { memo, textTable } from './memo'

/** rate units per 1: rates are whole hundred-millionths */
export const RATE = 100_000_000
/** Largest amount accepted on a bill, a claim or a contribution: 1 亿元 in fen. */
export const MAX_FEN = 10_000_000_000
/**
 * Largest amount a claim history (a person's running year totals) may hold: 10 亿元 in fen.
 * A year total is a sum of bills, so it may pass one bill's 1 亿; a claim that would take a
 * year total past it is refused (YEAR_TOTAL_OUT_OF_RANGE), so every history the calculator
 * writes can be read back.
 */
export const MAX_YEAR_FEN = 100_000_000_000

// ---------------------------------------------------------------- products, exactly

/** whole fen and hundred-millionths of a fen of the last mulExact (module scratch: no allocation) */
let Q = 0
let M = 0

/** a × r / RATE exactly, into Q (whole fen) and M (the rest, 0 ≤ M < RATE); a, r ≥ 0 whole numbers */
function mulExact(a: number, r: number): void {
  // r = hi × 10^4 + lo: both partial products stay below 2^53 for any a ≤ 10^11 × 10
  // mutation: not money — where r is split: lo and the remainder make up any split exactly
  const hi = Math.floor(r / 10_000)
  const lo = r - hi * 10_000
  const p1 = a * hi
  // mutation: not money — the same: m1 makes up any quotient
  let q1 = Math.floor(p1 / 10_000)
  let m1 = p1 - q1 * 10_000
  // mutation: not money — a float quotient one off next to a whole number is corrected (cannot happen below 2^53 here, kept as a guard)
  if (m1 < 0) {
    q1 -= 1
    m1 += 10_000
  } else if (m1 >= 10_000) {
    q1 += 1
    m1 -= 10_000
  }
  const rest = m1 * 10_000 + a * lo
  let q2 = Math.floor(rest / RATE)
  let m2 = rest - q2 * RATE
  // mutation: not money — the same guard
  if (m2 < 0) {
    q2 -= 1
    m2 += RATE
  } else if (m2 >= RATE) {
    q2 += 1
    m2 -= RATE
  }
  Q = q1 + q2
  M = m2
}

/** a × r rounded to the fen, half up (a ≥ 0 fen, r ≥ 0 rate units) */
export function mulRound(a: number, r: number): number {
  // mutation: not money — a shortcut: the product is 0 anyway
  if (a === 0 || r === 0) return 0
  mulExact(a, r)
  return M * 2 >= RATE ? Q + 1 : Q
}

/**
 * An exact sum of amount × rate products, rounded once at the end (bands, the eligible
 * cost): `fen` whole fen plus `frac` hundred-millionths.
 */
export class Exact {
  fen = 0
  frac = 0
  add(a: number, r: number): this {
    // mutation: not money — a shortcut: nothing to add anyway
    if (a === 0 || r === 0) return this
    mulExact(a, r)
    this.fen += Q
    this.frac += M
    if (this.frac >= RATE) {
      this.fen += 1
      this.frac -= RATE
    }
    return this
  }
  /** rounded to the fen, half up */
  round(): number {
    return this.frac * 2 >= RATE ? this.fen + 1 : this.fen
  }
  /** X − this, rounded to the fen half up (X whole fen) */
  roundFrom(x: number): number {
    return x - this.fen - (this.frac * 2 > RATE ? 1 : 0)
  }
  /** the exact value in yuan, as decimal.js would write it ("4750", "1234.5678") */
  yuanText(): string {
    return exactYuan(this.fen, this.frac)
  }
}

/** a rate × (1 − points), rounded down never: both are rate units, the result exact when the rate has at most four decimals */
export function scaleRate(r: number, keep: number): number {
  // r × keep / RATE; policy rates are whole ten-thousandths, so this is exact below 2^53
  // mutation: not money — the fast path; the exact BigInt path below gives the same
  if (r % 10_000 === 0 && keep % 10_000 === 0) return (r / 10_000) * (keep / 10_000)
  return Number((BigInt(r) * BigInt(keep)) / BigInt(RATE))
}

// ---------------------------------------------------------------- text

/** the amounts below 1,000 元, which a county-year writes over and over: one string each (fewer to make and collect) */
const FEN_TEXT_SIZE = 100_000
const FEN_TEXT = textTable(FEN_TEXT_SIZE)

/** whole fen → "1234.50" */
// mutation: not money — a memo of fenText (emptied between mutants)
export function fen2(f: number): string {
  // nothing: the commonest amount of all (most parts of most claims), without reaching into the table
  if (f === 0) return '0.00'
  if (!(f >= 0 && f < FEN_TEXT_SIZE)) return fenText(f)
  const known = FEN_TEXT[f]
  if (known) return known
  const s = fenText(f)
  // only a whole number in the table's range has a slot ('' until known)
  if (known === '') FEN_TEXT[f] = s
  return s
}
/** whole fen → "1234.50", computed */
function fenText(f: number): string {
  if (f < 0) return `-${fenText(-f)}`
  const y = Math.floor(f / 100)
  const r = f - y * 100
  return r < 10 ? `${y}.0${r}` : `${y}.${r}`
}
/** "1234.50 元" */
export function yuan(f: number): string {
  return `${fen2(f)} 元`
}

// mutation: not money — text of the explanation
function trimmed(whole: number, frac: number, digits: number): string {
  if (frac === 0) return String(whole)
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`
}

/** fen + frac/RATE fen, in yuan without trailing zeros */
// mutation: not money — text of the explanation
function exactYuan(fen: number, frac: number): string {
  const y = Math.floor(fen / 100)
  const rest = fen - y * 100 // 0..99 fen
  // yuan decimals: two for the fen, eight more for the fraction of a fen
  const digits = String(rest).padStart(2, '0') + String(frac).padStart(8, '0')
  const t = digits.replace(/0+$/, '')
  return t ? `${y}.${t}` : String(y)
}

const RATE_TEXT = memo<number, string>()
/** a rate as the policy writes it, at least two decimals: "0.70", "0.595", "1.00" */
// mutation: not money — a memo of rateTextOf (rates are few; emptied between mutants)
export function rateText(r: number): string {
  let s = RATE_TEXT.get(r)
  if (s === undefined) {
    s = rateTextOf(r)
    if (RATE_TEXT.size < 10_000) RATE_TEXT.set(r, s)
  }
  return s
}
function rateTextOf(r: number): string {
  const whole = Math.floor(r / RATE)
  const t = trimmed(whole, r - whole * RATE, 8)
  const dot = t.indexOf('.')
  return dot === -1 ? `${t}.00` : t.length - dot - 1 < 2 ? `${t}0` : t
}
// mutation: not money — text of the explanation
/** 0.7 → "70%", 0.595 → "59.5%" */
export function pct(r: number): string {
  // percent = r / 10^6
  const whole = Math.floor(r / 1_000_000)
  return `${trimmed(whole, r - whole * 1_000_000, 6)}%`
}

// ---------------------------------------------------------------- reading amounts

/** A validated policy amount ("200.00", "5") → fen. */
export function moneyFen(s: string): number {
  const dot = s.indexOf('.')
  if (dot === -1) return Number(s) * 100
  const frac = s.slice(dot + 1)
  return Number(s.slice(0, dot)) * 100 + (frac.length === 1 ? Number(frac) * 10 : Number(frac))
}
/** A validated policy rate ("0.7", "1.00") → rate units. */
export function rateUnits(s: string): number {
  const dot = s.indexOf('.')
  if (dot === -1) return Number(s) * RATE
  return Number(s.slice(0, dot)) * RATE + Number(s.slice(dot + 1).padEnd(8, '0'))
}

/**
 * A plain amount ("1234.5", at most `digits` whole digits, no leading zero, one or two
 * decimals or none) of at most `maxFen`, read straight into fen; NaN for anything else.
 */
function plainFen(s: unknown, digits: number, maxFen: number): number {
  if (typeof s !== 'string') return NaN
  const len = s.length
  const dot = s.indexOf('.')
  const whole = dot === -1 ? len : dot
  const decimals = dot === -1 ? 0 : len - dot - 1
  if (
    whole < 1 ||
    whole > digits ||
    (dot >= 0 && decimals !== 1 && decimals !== 2) ||
    (whole > 1 && s.charCodeAt(0) === 48)
  )
    return NaN
  let v = 0
  for (let i = 0; i < len; i++) {
    if (i === dot) continue
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return NaN
    v = v * 10 + d
  }
  v = decimals === 0 ? v * 100 : decimals === 1 ? v * 10 : v
  return v <= maxFen ? v : NaN
}

/** Parse a money string from input (at most 1 亿, two decimals) into fen; anything else is refused with INVALID_AMOUNT. */
export function parseFen(s: unknown, path: string, what = '金额'): number {
  const v = plainFen(s, 9, MAX_FEN)
  if (v >= 0) return v
  if (typeof s !== 'string') {
    throw new CalculatorError('INVALID_AMOUNT', `${what}必须是文字形式的金额，例如 "1200.00"`, path)
  }
  if (/^-/.test(s)) throw new CalculatorError('INVALID_AMOUNT', `${what}不能是负数：${s}`, path)
  if (/^\d+\.\d{3,}$/.test(s)) throw new CalculatorError('INVALID_AMOUNT', `${what}最多两位小数（到分）：${s}`, path)
  if (/^\d{9,}(\.\d{1,2})?$/.test(s))
    throw new CalculatorError('INVALID_AMOUNT', `${what}太大，不像真实金额：${s}`, path)
  throw new CalculatorError('INVALID_AMOUNT', `${what}不是有效金额：${show(s)}`, path)
}

/** Parse a year total of a claim history (up to 10 亿) into fen; refused as parseFen refuses. */
export function parseYearTotalFen(s: unknown, path: string, what = '本年度累计金额'): number {
  const v = plainFen(s, 10, MAX_YEAR_FEN)
  if (v >= 0) return v
  if (typeof s === 'string' && /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/.test(s))
    throw new CalculatorError('INVALID_AMOUNT', `${what}超过年度累计上限 10 亿元，不像真实金额：${s}`, path)
  return parseFen(s, path, what)
}
