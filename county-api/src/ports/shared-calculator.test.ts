// The collection window as the county applies it (issue 8): before it opens no payment is taken;
// after it closes only if the policy takes late payments (a waiting period outside the window)
// and a late payment still starts some benefit within the year.
import { calculator } from './shared-calculator'
import type { PolicyRecord, QuoteMember } from './calculator'

const members: QuoteMember[] = [
  { personId: 'p1', birthDate: '1980-05-01', categories: ['ordinary'], alreadyEnrolled: false }
]
const shipped = calculator.shippedPolicies()

/** The demo series with the 2027 version taking no late payments. */
function withoutLatePayments(): PolicyRecord[] {
  return shipped.map((r) => {
    if (r.version !== '2027.1') return r
    const doc = r.document as { contribution: Record<string, unknown> }
    const { waitingPeriod: _dropped, ...contribution } = doc.contribution
    void _dropped
    return { ...r, document: { ...doc, contribution } }
  })
}

test('inside the window the county takes the payment', () => {
  expect(calculator.quote(shipped, members, 2027, '2026-11-24').collectionClosed).toBeNull()
})

test('before the window opens it is closed, with its dates', () => {
  expect(calculator.quote(shipped, members, 2027, '2026-08-20').collectionClosed).toEqual({
    from: '2026-09-01',
    to: '2026-12-31',
    reason: 'not_open_yet'
  })
})

test('after the window, a policy with a waiting period for late payments takes them while benefits can still start', () => {
  const q = calculator.quote(shipped, members, 2027, '2027-02-15')
  expect(q.collectionClosed).toBeNull()
  expect(q.lines[0].benefitStart > '2027-02-15').toBe(true)
  // November of the year itself: a 3-month wait would end after the year
  expect(calculator.quote(shipped, members, 2027, '2027-11-20').collectionClosed).toEqual({
    from: '2026-09-01',
    to: '2026-12-31',
    reason: 'closed'
  })
})

test('after the window, a policy without late payments is closed', () => {
  expect(calculator.quote(withoutLatePayments(), members, 2027, '2027-02-15').collectionClosed).toEqual({
    from: '2026-09-01',
    to: '2026-12-31',
    reason: 'closed'
  })
})
