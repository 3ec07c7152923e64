// Allowed: decimal.js and the calculator's own modules.
import { Decimal } from 'decimal.js'
import type { Money } from './money'

export const add = (a: Money, b: Money) => new Decimal(a).plus(b).toFixed(2)
