// Small pure helpers on ISO "YYYY-MM-DD" strings. No Date objects, no clock.
import { CalculatorError, show } from './errors'

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const MIN_YEAR = 1900
const MAX_YEAR = 2100

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

/** a digit's value, or −1 */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

/** "YYYY-MM-DD" of a day that exists, 1900–2100 (read character by character: it runs several times a claim) */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  const a = digit(s, 0)
  const b = digit(s, 1)
  const c = digit(s, 2)
  const d = digit(s, 3)
  const e = digit(s, 5)
  const f = digit(s, 6)
  const g = digit(s, 8)
  const h = digit(s, 9)
  if ((a | b | c | d | e | f | g | h) < 0) return false
  const y = a * 1000 + b * 100 + c * 10 + d
  const mo = e * 10 + f
  const day = g * 10 + h
  return y >= MIN_YEAR && y <= MAX_YEAR && mo >= 1 && mo <= 12 && day >= 1 && day <= daysInMonth(y, mo)
}

export function parseDate(s: unknown, path: string, what = '日期'): string {
  if (isIsoDate(s)) return s
  if (typeof s !== 'string' || !ISO_RE.test(s)) {
    throw new CalculatorError('INVALID_DATE', `${what}格式不对，应写成 2026-03-15 这样：${show(s)}`, path)
  }
  // the form is right but the day is not: a year out of range, or a day that does not exist
  const y = +s.slice(0, 4)
  if (y < MIN_YEAR || y > MAX_YEAR) throw new CalculatorError('DATE_OUT_OF_RANGE', `${what}的年份不合理：${s}`, path)
  throw new CalculatorError('INVALID_DATE', `${what}不存在：${s}`, path)
}

/** the year of a checked "YYYY-MM-DD" (read by character: it runs several times a claim) */
export function yearOf(d: string): number {
  return (
    (d.charCodeAt(0) - 48) * 1000 + (d.charCodeAt(1) - 48) * 100 + (d.charCodeAt(2) - 48) * 10 + d.charCodeAt(3) - 48
  )
}
function monthOf(d: string): number {
  return (d.charCodeAt(5) - 48) * 10 + d.charCodeAt(6) - 48
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
