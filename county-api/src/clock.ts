// Injectable clock. Times are stored as epoch milliseconds and shown in Asia/Shanghai
// (+08:00 all year: China has had no daylight saving since 1991, so a fixed offset is exact).
export interface Clock {
  now(): number
  /** Tests move "today" (TEST_HOOKS only). */
  set(ms: number): void
}

export function makeClock(start?: number): Clock {
  let offset = start === undefined ? 0 : start - Date.now()
  return {
    now: () => Date.now() + offset,
    set: (ms: number) => {
      offset = ms - Date.now()
    }
  }
}

const OFFSET = 8 * 3600 * 1000

export function isoTime(ms: number): string {
  return new Date(ms + OFFSET).toISOString().replace('Z', '+08:00')
}

const DAY = 86400000
let lastDay = NaN
let lastDate = ''

/** YYYY-MM-DD in Asia/Shanghai. Asked many times a request for the same day: the last day's text is kept. */
export function isoDate(ms: number): string {
  const day = Math.floor((ms + OFFSET) / DAY)
  if (day === lastDay) return lastDate
  const text = new Date(ms + OFFSET).toISOString().slice(0, 10)
  lastDay = day
  lastDate = text
  return text
}

/** Midnight (Asia/Shanghai) of a YYYY-MM-DD date, as epoch ms. */
export function dateStart(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`)
}

export function parseTime(s: string): number {
  return Date.parse(s)
}

export function yearOf(ms: number): number {
  return Number(isoDate(ms).slice(0, 4))
}

export function addDays(date: string, days: number): string {
  return isoDate(dateStart(date) + days * 86400000)
}
