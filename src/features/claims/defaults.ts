// Defaults for the estimate from the member's own data: population group (age, student,
// subsidised groups), years of continuous contribution, and this year's history — the last
// from the calculator's yearSummary of the member's settled claims, the figures the county
// settled with. Only the claims subpackage imports this file (the calculator is big).
import { isCalculatorError, yearSummary, type PolicyDocument, type Settlement } from '@/calculator'
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

/**
 * `list`, `policy` and `today`: this year's claims, the county's policy document and the date,
 * for the year so far (admissions, fund counted towards the cap, 大病保险 base and paid).
 */
export function memberDefaults(
  p: Person | undefined,
  thisYear: number,
  list?: ClaimList | null,
  policy?: unknown,
  today?: string
): MemberDefaults {
  if (!p) return {}
  const groups = p.categories.map((c) => GROUPS[c]).filter((g): g is string => !!g)
  const d: MemberDefaults = {
    birthDate: p.birthDate,
    student: p.categories.includes('student'),
    groups,
    continuousYears: continuousYears(p, thisYear)
  }
  if (list && list.year === thisYear && policy && today) {
    const settled = list.claims.map((c) => c.settlement).filter((s): s is Settlement => !!s)
    try {
      const y = yearSummary(policy as PolicyDocument, settled, today, { student: d.student })
      d.admissionsThisYear = y.admissions
      if (y.annualCap) d.fundPaidThisYear = y.annualCap.used
      if (y.catastrophicLayer) {
        d.catastrophicBaseThisYear = y.catastrophicLayer.base
        d.catastrophicPaidThisYear = y.catastrophicLayer.paid
      }
    } catch (e) {
      // a settlement the calculator cannot sum (made by an older one): the estimate then
      // says it assumed no claims this year, rather than guessing
      if (!isCalculatorError(e)) throw e
    }
  }
  return d
}
