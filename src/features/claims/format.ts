// Display helper for rates the calculator wrote into steps ("0.7" → "70%").
import Decimal from 'decimal.js'

export function rateText(rate: string): string {
  return `${new Decimal(rate).times(100).toString()}%`
}
