// Money display from the contract's decimal strings ("1234.50"), by string operations only:
// no float ever touches an amount. Anything that is not a decimal string shows as "—".
const MONEY_RE = /^(-?)(\d+)(?:\.(\d{1,2}))?$/

/** "1234.5" → "1,234.50"; invalid → null */
export function formatMoney(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null
  const m = MONEY_RE.exec(value.trim())
  if (!m) return null
  const [, sign, intRaw, frac = ''] = m
  const int = intRaw.replace(/^0+(?=\d)/, '')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const negative = sign === '-' && /[1-9]/.test(int + frac)
  return `${negative ? '-' : ''}${grouped}.${frac.padEnd(2, '0')}`
}

/** For screen readers and read-aloud: "380.00" → "380元", "12.50" → "12元5角" */
export function spokenMoney(value: string): string {
  const m = MONEY_RE.exec(value.trim())
  if (!m) return '金额不详'
  const [, sign, intRaw, frac = ''] = m
  const f = frac.padEnd(2, '0')
  const int = intRaw.replace(/^0+(?=\d)/, '')
  let s = `${sign === '-' ? '负' : ''}${int}元`
  if (f[0] !== '0') s += `${f[0]}角`
  if (f[1] !== '0') s += `${f[0] === '0' ? '零' : ''}${f[1]}分`
  return s
}
