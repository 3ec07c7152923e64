// Dates for the app, always in Beijing time (Asia/Shanghai, UTC+8, no daylight saving).
// A fixed +08:00 offset is used instead of the tz database: it is exact for China and
// works on every WeChat client (some old ones lack full Intl time-zone data).
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

const OFFSET_MINUTES = 8 * 60

/** The clock, replaceable in tests. */
let clock: () => number = () => Date.now()
export function setClock(fn: () => number): void {
  clock = fn
}
export function resetClock(): void {
  clock = () => Date.now()
}

/** Now as ISO 8601 with +08:00, the contract's DateTime format. */
export function nowIso(): string {
  return dayjs(clock()).utcOffset(OFFSET_MINUTES).format('YYYY-MM-DDTHH:mm:ssZ')
}

/** Today's calendar date in Beijing, YYYY-MM-DD. */
export function todayShanghai(): string {
  return dayjs(clock()).utcOffset(OFFSET_MINUTES).format('YYYY-MM-DD')
}

export function currentYear(): number {
  return Number(todayShanghai().slice(0, 4))
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day')
}

/** 2026-03-01 → 2026年3月1日 */
export function formatDate(date: string): string {
  const d = dayjs.utc(date)
  return d.isValid() ? `${d.year()}年${d.month() + 1}月${d.date()}日` : '—'
}

/** An instant as Beijing wall time, e.g. 11月23日 19:30 (with the year when not this year). */
export function formatInstant(iso: string): string {
  const d = dayjs(iso)
  if (!d.isValid()) return '—'
  const local = d.utcOffset(OFFSET_MINUTES)
  const sameYear = local.year() === Number(todayShanghai().slice(0, 4))
  return local.format(sameYear ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
}

/** Full years between a birth date and today (Beijing). */
export function ageOn(birthDate: string, today: string = todayShanghai()): number {
  const b = dayjs.utc(birthDate)
  const t = dayjs.utc(today)
  if (!b.isValid() || !t.isValid()) return 0
  return Math.max(0, t.diff(b, 'year'))
}
