// Display helpers for amounts already computed elsewhere (decimal strings → text).
import Decimal from 'decimal.js'

/** "1234.5" → "1,234.50" (no arithmetic: formatting only) */
export function yuanText(amount: string): string {
  const d = new Decimal(amount)
  const [int, frac] = d.abs().toFixed(2).split('.')
  return `${d.isNeg() ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`
}

/** "0.7" → "70%" */
export function rateText(rate: string): string {
  return `${new Decimal(rate).times(100).toString()}%`
}
