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

test('a claim of an earlier year cites the documents of its own year, never the 2026 ones', () => {
  const claim = (date: string) => ({
    claimId: `c-${date}`,
    kind: 'inpatient' as const,
    institutionLevel: 'county' as const,
    institutionGrade: '二级甲等',
    ownership: 'public' as const,
    admissionDate: date,
    dischargeDate: date,
    totalFen: 5_000_000,
    excludedFen: 0,
    referred: true
  })
  const person = { birthDate: '1970-01-01', categories: ['ordinary' as const], continuousYears: 2 }
  for (const year of [2024, 2025, 2026, 2027]) {
    const s = calculator.settle(shipped, person, claim(`${year}-03-01`), undefined, `${year}-03-10`)
    expect(s.policyVersion).toBe(`${year}.1`)
    const cited = s.steps.flatMap((st) => (st.source ? [`${st.source.title} ${st.source.docNo ?? ''}`] : []))
    expect(cited.length).toBeGreaterThan(0)
    expect(cited.join('\n')).toContain(`${year}年`)
    // the year's documents are issued the year before; no other year's number appears
    for (const other of [2024, 2025, 2026, 2027].filter((y) => y !== year))
      expect(cited.join('\n')).not.toContain(`${other}年`)
    for (const st of s.steps) if (st.source?.docNo) expect(st.source.docNo).toContain(`〔${year - 1}〕`)
  }
})
