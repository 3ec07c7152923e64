// Defaults for the estimate from the member's own data: population group (age, student,
// subsidised groups), years of continuous contribution, and this year's history.
import type { ClaimList, Person } from '@/contract'
import { capUsedOf, catastrophicOf } from './history'
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

export function memberDefaults(p: Person | undefined, thisYear: number, list?: ClaimList | null): MemberDefaults {
  if (!p) return {}
  const groups = p.categories.map((c) => GROUPS[c]).filter((g): g is string => !!g)
  const d: MemberDefaults = {
    birthDate: p.birthDate,
    student: p.categories.includes('student'),
    groups,
    continuousYears: continuousYears(p, thisYear)
  }
  if (list && list.year === thisYear) {
    d.admissionsThisYear = list.claims.filter((c) => c.kind === 'inpatient').length
    d.fundPaidThisYear = capUsedOf(list).used
    const cat = catastrophicOf(list)
    d.catastrophicBaseThisYear = cat.base
    d.catastrophicPaidThisYear = cat.paid
  }
  return d
}
