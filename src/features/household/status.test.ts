import type { Enrolment } from '@/contract'
import { careToday, careWhy, collectionBanner, unpaidMembers, whyNotCovered } from './status'

const e = (over: Partial<Enrolment>): Enrolment => ({
  year: 2026,
  status: 'enrolled',
  payer: 'self',
  amountPaid: '380.00',
  coverageStart: '2026-01-01',
  coverageEnd: '2026-12-31',
  waitingPeriodEnd: null,
  benefitStart: '2026-01-01',
  benefitEnd: '2026-12-31',
  orderId: null,
  ...over
})

test('enrolled and inside cover: yes, with the end date', () => {
  expect(careToday(e({}), '2026-11-23')).toEqual({
    yes: true,
    reason: '已参保，看病可以报销，保障到2026年12月31日',
    from: '2026-01-01'
  })
})

test('waiting period: no, with the day cover starts', () => {
  const a = careToday(e({ waitingPeriodEnd: '2026-12-01', benefitStart: '2026-12-01' }), '2026-11-23')
  expect(a).toEqual({ yes: false, reason: '还在等待期，2026年12月1日起才能报销', from: '2026-12-01' })
  expect(careToday(e({ waitingPeriodEnd: '2026-12-01', benefitStart: '2026-12-01' }), '2026-12-01').yes).toBe(true)
})

test('cover not yet started / already ended', () => {
  expect(careToday(e({}), '2025-12-20')).toMatchObject({ yes: false, reason: '2026年1月1日起才能报销' })
  expect(careToday(e({ coverageEnd: '2026-06-30', benefitEnd: '2026-06-30' }), '2026-11-23')).toMatchObject({
    yes: false,
    reason: '保障已在2026年6月30日结束'
  })
})

test('unpaid, lapsed, pending and no record all say no, each with its reason', () => {
  expect(careToday(e({ status: 'unpaid' }), '2026-11-23')).toMatchObject({
    yes: false,
    reason: expect.stringContaining('还没缴')
  })
  expect(careToday(e({ status: 'lapsed' }), '2026-11-23')).toMatchObject({
    yes: false,
    reason: expect.stringContaining('断保')
  })
  expect(careToday(e({ status: 'pending_review' }), '2026-11-23')).toMatchObject({
    yes: false,
    reason: expect.stringContaining('审核')
  })
  expect(careToday(undefined, '2026-11-23')).toMatchObject({
    yes: false,
    reason: expect.stringContaining('没有参保记录')
  })
})

test('collection banner only inside the window, with days left', () => {
  const p = { start: '2026-09-01', end: '2026-12-31' }
  expect(collectionBanner(p, 2027, '2026-11-23')).toEqual({ year: 2027, deadline: '2026-12-31', daysLeft: 38 })
  expect(collectionBanner(p, 2027, '2026-12-31')).toEqual({ year: 2027, deadline: '2026-12-31', daysLeft: 0 })
  expect(collectionBanner(p, 2027, '2027-01-01')).toBeNull()
  expect(collectionBanner(p, 2027, '2026-08-31')).toBeNull()
  expect(collectionBanner(null, 2027, '2026-11-23')).toBeNull()
})

test('unpaid members for next year', () => {
  const members = [
    { name: '甲', enrolments: [e({ year: 2027 })] },
    { name: '乙', enrolments: [e({ year: 2027, status: 'unpaid' })] },
    { name: '丙', enrolments: [] }
  ]
  expect(unpaidMembers(members, 2027)).toEqual(['乙', '丙'])
})

test('careWhy: the reason without saying again whether care is covered', () => {
  expect(careWhy(careToday(e({}), '2026-11-23'))).toBe('保障到2026年12月31日')
  expect(careWhy(careToday(e({ status: 'lapsed' }), '2026-11-23'))).toBe('已断保。补缴后还要过等待期')
  expect(careWhy(careToday(undefined, '2026-11-23'))).toBe('今年没有参保记录')
  expect(careWhy(careToday(e({ waitingPeriodEnd: '2026-12-01', benefitStart: '2026-12-01' }), '2026-11-23'))).toBe(
    '还在等待期，2026年12月1日起才能报销'
  )
})

test('why a member cannot claim today, for the estimate: null when covered', () => {
  expect(whyNotCovered({ enrolments: [e({})] }, 2026, '2026-11-23')).toBeNull()
  expect(whyNotCovered({ enrolments: [e({ status: 'lapsed' })] }, 2026, '2026-11-23')).toBe(
    '已断保。补缴后还要过等待期'
  )
  expect(whyNotCovered({ enrolments: [e({})] }, 2027, '2027-01-02')).toBe('今年没有参保记录')
})
