// An amount of money as a villager types it ("3200", "3200.5", "3,200.50"), read into the
// project's money text ("3200.50") or refused with a plain sentence. The phone and the county use
// the same reading, so what the form accepts the county accepts. No arithmetic here: the text is
// only checked and padded (sums and comparisons are the calculator's, src/calculator/money).

export type YuanProblem = 'required' | 'not_a_number' | 'negative' | 'too_many_decimals' | 'too_large'

/** Under 1亿元 (8 whole digits): a larger bill for one stay is a typo. */
export const MAX_BILL_YUAN_DIGITS = 8

export type YuanReading = { ok: true; value: string } | { ok: false; problem: YuanProblem; message: string }

export function readYuan(raw: string | undefined, what: string): YuanReading {
  const t = (raw ?? '')
    .replace(/[,，\s]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
  const no = (problem: YuanProblem, message: string): YuanReading => ({ ok: false, problem, message })
  if (t === '') return no('required', `请填写${what}`)
  if (/^-/.test(t)) return no('negative', `${what}不能是负数`)
  if (!/^\d+(\.\d*)?$/.test(t)) return no('not_a_number', `${what}要填数字，比如 3200.50`)
  const [whole, frac = ''] = t.split('.')
  if (frac.length > 2) return no('too_many_decimals', `${what}最多填到分（小数点后两位）`)
  const int = whole.replace(/^0+(?=\d)/, '')
  if (int.length > MAX_BILL_YUAN_DIGITS) return no('too_large', `${what}太大了，请核对（不能超过1亿元）`)
  return { ok: true, value: `${int}.${frac.padEnd(2, '0')}` }
}
