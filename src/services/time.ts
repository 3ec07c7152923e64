// Dates for the app, always in Beijing time (Asia/Shanghai, UTC+8, no daylight saving).
// A fixed +08:00 offset is used instead of the tz database: it is exact for China and
// works on every WeChat client (some old ones lack full Intl time-zone data).
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

const OFFSET_MINUTES = 8 * 60

/** The phone's clock, replaceable in tests. */
let phone: () => number = () => Date.now()
/**
 * The county's clock minus the phone's, when the phone is more than a few minutes off (farmers'
 * phones often are, by days): "today", "this year" and 数据时间 are then the county's, so a
 * phone three days ahead on 30 December does not ask for next year's claims, and "今天看病能报销"
 * is answered for the county's today. 0 while the phone's clock is about right. Only what the
 * app shows as dates moves; pauses and timeouts are timers and never compare clocks.
 */
let countyOffset = 0
const OFF_BY_MS = 5 * 60_000

export function setClock(fn: () => number): void {
  phone = fn
  countyOffset = 0
}
export function resetClock(): void {
  phone = () => Date.now()
  countyOffset = 0
}

/** A county answer's Date header (RFC 1123, the county's clock): corrects the app's today when the phone is off. */
export function noteCountyTime(httpDate: string): void {
  const county = Date.parse(httpDate)
  if (!Number.isFinite(county)) return
  const diff = county - phone()
  countyOffset = Math.abs(diff) > OFF_BY_MS ? diff : 0
}

function clock(): number {
  return phone() + countyOffset
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
