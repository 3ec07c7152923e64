// Small pure helpers on ISO "YYYY-MM-DD" strings. No Date objects, no clock.
import { CalculatorError, show } from './errors'

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const MIN_YEAR = 1900
const MAX_YEAR = 2100

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

// dates repeat (a county-year has 365 of them), so remember the valid ones
const valid = new Set<string>()

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false
  if (valid.has(s)) return true
  if (!checkIso(s)) return false
  if (valid.size > 50_000) valid.clear()
  valid.add(s)
  return true
}

function checkIso(s: string): boolean {
  const m = ISO_RE.exec(s)
  if (!m) return false
  const y = +m[1]
  const mo = +m[2]
  const d = +m[3]
  return y >= MIN_YEAR && y <= MAX_YEAR && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

export function parseDate(s: unknown, path: string, what = '日期'): string {
  if (typeof s !== 'string' || !ISO_RE.test(s)) {
    throw new CalculatorError('INVALID_DATE', `${what}格式不对，应写成 2026-03-15 这样：${show(s)}`, path)
  }
  if (!isIsoDate(s as unknown)) {
    const y = +s.slice(0, 4)
    if (y < MIN_YEAR || y > MAX_YEAR) {
      throw new CalculatorError('DATE_OUT_OF_RANGE', `${what}的年份不合理：${s}`, path)
    }
    throw new CalculatorError('INVALID_DATE', `${what}不存在：${s}`, path)
  }
  return s
}

export function yearOf(d: string): number {
  return +d.slice(0, 4)
}
function monthOf(d: string): number {
  return +d.slice(5, 7)
}
function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0')
}
export function makeDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}
/** ISO strings compare correctly as strings. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
/** First day of the month `months` after the month of `d`. */
export function firstOfMonthAfter(d: string, months: number): string {
  const total = yearOf(d) * 12 + (monthOf(d) - 1) + months
  return makeDate(Math.floor(total / 12), (total % 12) + 1, 1)
}
/** Same day `months` later, clamped to the month's last day. */
export function addMonths(d: string, months: number): string {
  const total = yearOf(d) * 12 + (monthOf(d) - 1) + months
  const y = Math.floor(total / 12)
  const m = (total % 12) + 1
  return makeDate(y, m, Math.min(+d.slice(8, 10), daysInMonth(y, m)))
}
/** Day number (days since 0000-03-01) for differences. */
function dayNumber(d: string): number {
  let y = yearOf(d)
  let m = monthOf(d)
  const day = +d.slice(8, 10)
  if (m <= 2) {
    y -= 1
    m += 12
  }
  return (
    365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + Math.floor((153 * (m - 3) + 2) / 5) + day
  )
}
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a)
}
export function addDays(d: string, days: number): string {
  // walk by months is not needed: invert dayNumber by search over years is overkill; step day by day for small spans
  let y = yearOf(d)
  let m = monthOf(d)
  let day = +d.slice(8, 10) + days
  while (day > daysInMonth(y, m)) {
    day -= daysInMonth(y, m)
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
  while (day < 1) {
    m -= 1
    if (m < 1) {
      m = 12
      y -= 1
    }
    day += daysInMonth(y, m)
  }
  return makeDate(y, m, day)
}
/** Age in full years on date `on`. */
export function ageOn(birth: string, on: string): number {
  let age = yearOf(on) - yearOf(birth)
  if (on.slice(5) < birth.slice(5)) age -= 1
  return age
}
/** Age at 31 Dec of `year` (seed 001: 年龄计算截止参保缴费当年的12月31日). */
export function ageAtYearEnd(birth: string, year: number): number {
  return year - yearOf(birth)
}
/**
 * Start of the coverage year containing `d`, given its first day "MM-DD".
 */
export function coverageYearStart(d: string, startMonthDay: string): string {
  const y = yearOf(d)
  const candidate = `${pad(y, 4)}-${startMonthDay}`
  return d >= candidate ? candidate : `${pad(y - 1, 4)}-${startMonthDay}`
}

/** 2025-09-01 → 2025年9月1日: dates inside sentences people read. */
export function chineseDate(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
}
