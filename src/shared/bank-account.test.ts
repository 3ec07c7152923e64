import { bankAccountProblem, maskBankAccount, normaliseBankAccount } from './bank-account'

it('takes a card number as written on the card, and catches a mistyped digit by its check digit', () => {
  expect(normaliseBankAccount('6217 0000-0012 3456 786')).toBe('6217000000123456786')
  expect(bankAccountProblem('6217 0000 0012 3456 786')).toBeNull()
  expect(bankAccountProblem('6217000000123456787')).toBe('check_digit')
  expect(bankAccountProblem('6217000000213456786')).toBe('check_digit') // two digits swapped
  expect(bankAccountProblem('621700000012345')).toBe('length')
  expect(bankAccountProblem('62170000001234567860')).toBe('length')
  expect(bankAccountProblem('6217O00000123456786')).toBe('not_digits')
  expect(bankAccountProblem('  ')).toBe('required')
})

it('masks all but the first and last four digits, and a masked number stays as it is', () => {
  expect(maskBankAccount('6217 0000 0012 3456 786')).toBe('6217***********6786')
  expect(maskBankAccount('6217***********6786')).toBe('6217***********6786')
  expect(maskBankAccount('1234567')).toBe('*******')
})
