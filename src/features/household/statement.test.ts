import type { Statement } from '@/contract'
import { statementLines, statementYears } from './statement'

const statement: Statement = {
  verificationCode: 'ZM-2026-7KQ4-M2XD',
  householdId: 'hh_0001',
  year: 2026,
  issuedAt: '2026-11-20T09:30:00.000+08:00',
  issuer: '城乡居民医保经办机构',
  township: '石桥镇',
  village: '青石村',
  headName: '王建国',
  members: [
    {
      personId: 'p1',
      name: '王建国',
      relation: '户主',
      idNumberMasked: '999***********1234',
      status: 'enrolled',
      payer: 'self',
      amountPaid: '380.00',
      benefitStart: '2026-01-01',
      benefitEnd: '2026-12-31'
    },
    {
      personId: 'p2',
      name: '王志强',
      relation: '子',
      idNumberMasked: '999***********2345',
      status: 'lapsed',
      payer: null,
      amountPaid: null,
      benefitStart: null,
      benefitEnd: null
    }
  ],
  payments: [
    {
      receiptNumber: '999901-2026-00000042',
      paidAt: '2025-11-02T10:00:00.000+08:00',
      amount: '380.00',
      payerNameMasked: '王**',
      members: ['王建国']
    }
  ],
  claims: [],
  totals: {
    contributions: '380.00',
    claims: 0,
    totalCost: '0.00',
    basicFund: '0.00',
    catastrophic: '0.00',
    assistance: '0.00',
    insurancePaid: '0.00',
    householdAccount: '0.00',
    patientPays: '0.00'
  }
}

test("the statement's picture carries each member's cover, the receipts, the totals and the code, and never an ID number", () => {
  const text = statementLines(statement).map((l) => l.text)
  expect(text[0]).toBe('2026年度城乡居民医保参保缴费证明')
  expect(text).toContain('王建国  已参保  2026-01-01至2026-12-31能报销')
  expect(text).toContain('王志强  断保了')
  expect(text).toContain('票据号 999901-2026-00000042  ¥380.00')
  expect(text).toContain('缴费 1笔  合计 ¥380.00')
  expect(text).toContain('核验码 ZM-2026-7KQ4-M2XD')
  expect(text.join('\n')).not.toContain('***********')
})

test('a statement can be asked for this year and the two before', () => {
  expect(statementYears(2026)).toEqual([2026, 2025, 2024])
})
