// A bank account for a payout (手工报销): checked the same way on the phone and by the county, and
// masked the same way wherever it is shown after entry (first 4 and last 4 digits: 6222********1234).
// Bank cards (借记卡, 社保卡的金融账户) carry a Luhn check digit, so a mistyped digit is caught
// before the county tries to pay into someone else's account.

export type BankAccountProblem = 'required' | 'not_digits' | 'length' | 'check_digit'

/** Spaces and dashes as written on the card are dropped. */
export function normaliseBankAccount(raw: string): string {
  return raw.replace(/[\s-]/g, '')
}

function luhnOk(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** null when the account number is fine; otherwise what is wrong with it. */
export function bankAccountProblem(raw: string): BankAccountProblem | null {
  const n = normaliseBankAccount(raw)
  if (n === '') return 'required'
  if (!/^\d+$/.test(n)) return 'not_digits'
  if (n.length < 16 || n.length > 19) return 'length'
  return luhnOk(n) ? null : 'check_digit'
}

export const BANK_ACCOUNT_MESSAGE: Record<BankAccountProblem, string> = {
  required: '请填写收钱的银行卡号',
  not_digits: '银行卡号只有数字，请照着卡上的号码填',
  length: '银行卡号是16到19位数字，请数一数',
  check_digit: '银行卡号有一位不对，请照着卡再核对一遍'
}

export function maskBankAccount(raw: string): string {
  const n = normaliseBankAccount(raw)
  if (n.includes('*')) return n
  if (n.length <= 8) return '*'.repeat(n.length)
  return n.slice(0, 4) + '*'.repeat(n.length - 8) + n.slice(-4)
}
