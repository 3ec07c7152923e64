// Test data shaped exactly like the county API's answers (contract types).
import type { Order, Quote, QuoteLine, Receipt } from '@/contract'

export function order(over: Partial<Order> = {}): Order {
  return {
    orderId: 'ord_1',
    householdId: 'hh_1',
    year: 2026,
    status: 'created',
    amount: '780.00',
    channel: 'h5',
    persons: [
      { personId: 'p1', name: '张建华', due: '400.00', benefitStart: null, benefitEnd: null },
      { personId: 'p2', name: '李桂兰', due: '380.00', benefitStart: null, benefitEnd: null }
    ],
    payerIsHousehold: true,
    payerNameMasked: '张**',
    createdAt: '2025-11-20T10:00:00+08:00',
    expiresAt: '2025-11-20T10:30:00+08:00',
    paidAt: null,
    confirmedAt: null,
    receiptNumber: null,
    failureReason: null,
    ...over
  }
}

export function line(over: Partial<QuoteLine> = {}): QuoteLine {
  return {
    personId: 'p1',
    name: '张建华',
    categories: ['ordinary'],
    categoryLabel: '18至59周岁居民',
    payer: 'self',
    standard: '1100.00',
    subsidy: '700.00',
    paidByOthers: '0.00',
    arrears: '0.00',
    due: '400.00',
    alreadyEnrolled: false,
    benefitStart: '2026-01-01',
    benefitEnd: '2026-12-31',
    ...over
  }
}

export function quote(over: Partial<Quote> = {}): Quote {
  return {
    householdId: 'hh_1',
    year: 2026,
    policyVersion: '2026.1',
    collectionPeriod: { start: '2025-09-01', end: '2025-12-31', open: true },
    lines: [
      line({ personId: 'p1', name: '张建华', categories: ['ordinary'], categoryLabel: '18至59周岁居民' }),
      line({
        personId: 'p2',
        name: '李桂兰',
        categories: ['elderly'],
        categoryLabel: '60周岁及以上居民',
        subsidy: '720.00',
        due: '380.00'
      }),
      line({
        personId: 'p3',
        name: '张德福',
        categories: ['wubao'],
        categoryLabel: '60周岁及以上居民',
        payer: 'civil_affairs',
        subsidy: '720.00',
        paidByOthers: '380.00',
        due: '0.00'
      })
    ],
    total: '780.00',
    payable: true,
    issues: [],
    steps: [
      {
        rule: 'contribution.household',
        label:
          '全家 3 人，筹资标准合计 3,300.00 元：财政补助 2,140.00 元，有关部门代缴 380.00 元，个人缴费 780.00 元，本次应交 780.00 元'
      }
    ],
    calculation: null,
    ...over
  }
}

export function receipt(over: Partial<Receipt> = {}): Receipt {
  return {
    receiptNumber: '990101-2026-00000001',
    orderId: 'ord_1',
    householdId: 'hh_1',
    year: 2026,
    amount: '780.00',
    payerNameMasked: '张**',
    paidAt: '2025-11-20T10:05:00+08:00',
    issuedAt: '2025-11-20T10:05:03+08:00',
    issuer: '城乡居民医保基金',
    persons: [
      {
        name: '张建华',
        idNumber: '990101197001011234',
        amount: '400.00',
        coverageStart: '2026-01-01',
        coverageEnd: '2026-12-31',
        benefitStart: '2026-01-01',
        benefitEnd: '2026-12-31'
      },
      {
        name: '李桂兰',
        idNumber: '990101195502022345',
        amount: '380.00',
        coverageStart: '2026-01-01',
        coverageEnd: '2026-12-31',
        // paid arrears: claims are paid after the waiting period, as the county recorded
        benefitStart: '2026-04-01',
        benefitEnd: '2026-12-31'
      }
    ],
    ...over
  }
}
