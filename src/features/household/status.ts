// "Can I get care today?" and the collection-window banner, from the county's enrolment
// records. Pure functions of (records, today) so every state is tested without a clock.
import type { Enrolment, Person } from '@/contract'
import { daysBetween, formatDate } from '@/services/time'

export interface CareAnswer {
  yes: boolean
  /** one short sentence for the card and for read-aloud */
  reason: string
  /** the day cover starts (or started), when known */
  from: string | null
}

/**
 * The reason without its own 看病可以/不能报销, for a sentence that has already said whether care
 * is covered (the estimate's warning, read-aloud).
 */
export function careWhy(care: CareAnswer): string {
  return care.reason.replace(/^已参保，看病可以报销，?/, '').replace('，看病不能报销', '')
}

export function enrolmentFor(person: Pick<Person, 'enrolments'>, year: number): Enrolment | undefined {
  return person.enrolments.find((e) => e.year === year)
}

export function careToday(e: Enrolment | undefined, today: string): CareAnswer {
  if (!e) return { yes: false, reason: '今年没有参保记录，看病不能报销', from: null }
  switch (e.status) {
    case 'unpaid':
      return { yes: false, reason: '今年的钱还没缴，缴费后才能报销', from: null }
    case 'lapsed':
      return { yes: false, reason: '已断保，看病不能报销。补缴后还要过等待期', from: null }
    case 'pending_review':
      return { yes: false, reason: '参保申请正在审核，审核通过后才能报销', from: null }
    case 'enrolled': {
      // the county's record of when claims are paid (after any waiting period), the same day the
      // payment's confirmation and the receipt show
      const start = e.benefitStart
      const end = e.benefitEnd
      if (start && today < start) {
        const waiting = !!e.coverageStart && start > e.coverageStart
        return { yes: false, reason: `${waiting ? '还在等待期，' : ''}${formatDate(start)}起才能报销`, from: start }
      }
      if (end && today > end) {
        return { yes: false, reason: `保障已在${formatDate(end)}结束`, from: start }
      }
      return {
        yes: true,
        reason: end ? `已参保，看病可以报销，保障到${formatDate(end)}` : '已参保，看病可以报销',
        from: start
      }
    }
  }
}

/** Why a member cannot claim on `today` (unpaid, lapsed, still waiting …), or null when covered. */
export function whyNotCovered(person: Pick<Person, 'enrolments'>, year: number, today: string): string | null {
  const care = careToday(enrolmentFor(person, year), today)
  return care.yes ? null : careWhy(care)
}

export interface CollectionBanner {
  year: number
  deadline: string
  daysLeft: number
}

/** The banner during the collection window for `year`; null outside it. */
export function collectionBanner(
  period: { start: string; end: string } | null | undefined,
  year: number,
  today: string
): CollectionBanner | null {
  if (!period) return null
  if (today < period.start || today > period.end) return null
  return { year, deadline: period.end, daysLeft: daysBetween(today, period.end) }
}

/** Members of `year` who still have to pay (status unpaid or no record yet). */
export function unpaidMembers(members: Pick<Person, 'enrolments' | 'name'>[], year: number): string[] {
  return members
    .filter((m) => {
      const e = enrolmentFor(m, year)
      return !e || e.status === 'unpaid'
    })
    .map((m) => m.name)
}
