// Money as people and programs exchange it: yuan strings ("1234.50") at every boundary,
// whole fen (integers) where a program stores or adds amounts. The only fen↔yuan conversion
// of the project, and a few sums for screens that show the calculator's results.
//
// Rounding rule: conversions never round. A yuan amount has at most two decimals and is
// refused otherwise (INVALID_AMOUNT); a fen amount is a whole number. The calculator's one
// rounding rule — half up to the fen, a tie away from zero — is applied only inside a
// settlement, at the steps that say so (docs/policy-format.md §3). The one place here that
// rounds is a display percentage (percentOf), by the same rule.
//
// Cheap to import: no decimal.js, no policy, no engine (`@/calculator/money` in the app).
import { CalculatorError, show } from './errors'

/** up to 13 whole digits (10 万亿元), so the fen count stays a safe integer */
const YUAN_RE = /^(-?)(0|[1-9]\d{0,12})(?:\.(\d{1,2}))?$/

/** Whole fen → "1234.50" (negative amounts "-3.20"). Exact; a fraction of a fen is refused. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new CalculatorError('INVALID_AMOUNT', `分必须是整数：${show(fen)}`, '$')
  const abs = Math.abs(fen)
  const cents = abs % 100
  return `${fen < 0 ? '-' : ''}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`
}

/** "1234.5", "1234.50", "-3.20", "7" → whole fen. Exact; more than two decimals or anything else is refused. */
export function yuanToFen(yuan: string): number {
  const m = typeof yuan === 'string' ? YUAN_RE.exec(yuan) : null
  if (!m) throw new CalculatorError('INVALID_AMOUNT', `不是有效金额（最多两位小数）：${show(yuan)}`, '$')
  const frac = m[3] === undefined ? 0 : m[3].length === 1 ? Number(m[3]) * 10 : Number(m[3])
  const fen = Number(m[2]) * 100 + frac
  return m[1] && fen !== 0 ? -fen : fen
}

/** The sum of yuan amounts, exact ("0.00" for none). */
export function addYuan(...amounts: string[]): string {
  let fen = 0
  for (const a of amounts) fen += yuanToFen(a)
  return fenToYuan(fen)
}

/** a − b, exact (may be negative). */
export function subtractYuan(a: string, b: string): string {
  return fenToYuan(yuanToFen(a) - yuanToFen(b))
}

/** −1, 0 or 1 as a is less than, equal to or more than b. */
export function compareYuan(a: string, b: string): -1 | 0 | 1 {
  const d = yuanToFen(a) - yuanToFen(b)
  return d < 0 ? -1 : d > 0 ? 1 : 0
}

/**
 * What insurance paid on a settled claim (医保报销): basic fund + 大病保险 + 医疗救助 — all
 * that the schemes paid in the one-stop settlement. The household account (家庭账户) is
 * not in it: that account is the family's own contribution set aside (seed 000 A4: 80% of
 * the personal 60 yuan, 「不計入統籌基金」), so paying from it is the family paying.
 * Hence total = insurancePaid + householdAccount + patientPays. Settlement.insurancePaid
 * carries the same figure; this reads it from the three parts of any settlement record.
 */
export function insurancePaid(s: { basicFund: string; catastrophic: string; assistance: string }): string {
  return fenToYuan(yuanToFen(s.basicFund) + yuanToFen(s.catastrophic) + yuanToFen(s.assistance))
}

const RATE_RE = /^(0|1)(?:\.(\d{1,4}))?$/

/** A rate as the policy writes it → a percentage: "0.7" → "70%", "0.595" → "59.5%", "1" → "100%". */
export function ratePercent(rate: string): string {
  const m = typeof rate === 'string' ? RATE_RE.exec(rate) : null
  if (!m || (m[1] === '1' && /[1-9]/.test(m[2] ?? '')))
    throw new CalculatorError('INVALID_INPUT', `不是有效比例（0 到 1 之间）：${show(rate)}`, '$')
  // in ten-thousandths, so the percentage has at most two decimals
  const units = Number(m[1]) * 10000 + Number((m[2] ?? '').padEnd(4, '0'))
  return `${decimalText(units, 2)}%`
}

/**
 * part ÷ whole as a percentage with `digits` decimals, rounded half up (for display only,
 * e.g. 实际报销比例 = insurance paid ÷ total bill). null when whole is not above 0.
 */
export function percentOf(part: string, whole: string, digits = 1): string | null {
  const p = yuanToFen(part)
  const w = yuanToFen(whole)
  if (w <= 0) return null
  const scale = 10 ** digits
  // p × 100 × scale ÷ w, half up, in integers (amounts below 10^13 fen and digits ≤ 2 stay exact)
  const num = Math.abs(p) * 100 * scale
  let q = Math.floor(num / w)
  if ((num - q * w) * 2 >= w) q += 1
  return `${p < 0 && q !== 0 ? '-' : ''}${decimalText(q, digits)}%`
}

/** n / 10^digits written without trailing zeros: (5950, 2) → "59.5", (7000, 2) → "70" */
function decimalText(n: number, digits: number): string {
  const scale = 10 ** digits
  const whole = Math.floor(n / scale)
  const frac = String(n - whole * scale)
    .padStart(digits, '0')
    .replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : String(whole)
}
