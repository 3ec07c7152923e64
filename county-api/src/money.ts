// Money is integer fen in SQLite and a two-decimal string everywhere else; decimal.js converts.
import Decimal from 'decimal.js'

export function fenToYuan(fen: number): string {
  return new Decimal(fen).div(100).toFixed(2)
}

export function yuanToFen(yuan: string): number {
  const d = new Decimal(yuan).mul(100)
  if (!d.isInteger()) throw new Error(`amount has more than 2 decimals: ${yuan}`)
  return d.toNumber()
}
