// Defaults for the estimate from the member's own data: population group (age, student,
// subsidised groups), years of continuous contribution, and this year's history — the last
// from the county's year summary sent with the claims list (the calculator's yearSummary of
// the member's settled claims, the figures the county settled with and the 报销 tab shows).
import type { ClaimList, Person } from '@/contract'
import type { MemberDefaults } from './form'

/** County categories → the calculator's person groups (as the demo policy names them). */
const GROUPS: Partial<Record<Person['categories'][number], string>> = {
  wubao: 'wubao',
  tekun: 'tekun',
  dibao: 'dibao',
  family_planning: 'family-planning'
}

/** Full years enrolled without a break, counting back from last year. */
export function continuousYears(p: Pick<Person, 'enrolments'>, thisYear: number): number {
  const enrolled = new Set(p.enrolments.filter((e) => e.status === 'enrolled').map((e) => e.year))
  let n = 0
  for (let y = thisYear - 1; enrolled.has(y); y--) n++
  return n
}

/** `list`: this year's claims with the county's year summary (admissions, fund counted towards the cap, 大病保险 base and paid). */
export function memberDefaults(p: Person | undefined, thisYear: number, list?: ClaimList | null): MemberDefaults {
  if (!p) return {}
  const groups = p.categories.map((c) => GROUPS[c]).filter((g): g is string => !!g)
  const d: MemberDefaults = {
    birthDate: p.birthDate,
    student: p.categories.includes('student'),
    groups,
    continuousYears: continuousYears(p, thisYear)
  }
  // without the county's summary (an old saved copy, another year) the estimate says it
  // assumed no claims this year, rather than guessing
  const y = list && list.year === thisYear ? list.summary : null
  if (y) {
    d.admissionsThisYear = y.admissions
    if (y.annualCap) d.fundPaidThisYear = y.annualCap.used
    if (y.catastrophicLayer) {
      d.catastrophicBaseThisYear = y.catastrophicLayer.base
      d.catastrophicPaidThisYear = y.catastrophicLayer.paid
    }
  }
  return d
}
