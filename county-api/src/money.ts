// Money is integer fen in SQLite and a two-decimal string everywhere else; decimal.js converts.
import Decimal from 'decimal.js'

export function fenToYuan(fen: number): string {
  // Whole fen (every stored amount): exact integer arithmetic, the same text decimal.js gives.
  if (Number.isSafeInteger(fen) && !Object.is(fen, -0)) {
    const abs = Math.abs(fen)
    const cents = abs % 100
    return `${fen < 0 ? '-' : ''}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`
  }
  return new Decimal(fen).div(100).toFixed(2)
}

export function yuanToFen(yuan: string): number {
  const d = new Decimal(yuan).mul(100)
  if (!d.isInteger()) throw new Error(`amount has more than 2 decimals: ${yuan}`)
  return d.toNumber()
}
