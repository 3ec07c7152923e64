// "Today" on a phone whose clock is days off: the county's answers carry its clock (their Date
// header), and the app's dates follow it, so the phone and the county mean the same day.
import { currentYear, noteCountyTime, nowIso, resetClock, setClock, todayShanghai } from './time'

afterEach(() => resetClock())

const county = Date.parse('2026-12-30T10:00:00+08:00')

test.each([
  ['three days behind', -3],
  ['three days ahead', 3]
])('a phone %s takes today and this year from the county once it has answered', (_label, days) => {
  setClock(() => county + days * 86_400_000)
  expect(todayShanghai()).not.toBe('2026-12-30')
  noteCountyTime(new Date(county).toUTCString())
  expect(todayShanghai()).toBe('2026-12-30')
  expect(currentYear()).toBe(2026)
  expect(nowIso()).toBe('2026-12-30T10:00:00+08:00')
})

test('a phone a minute off keeps its own clock (no jumping about), and a bad header changes nothing', () => {
  setClock(() => county + 60_000)
  noteCountyTime(new Date(county).toUTCString())
  expect(nowIso()).toBe('2026-12-30T10:01:00+08:00')
  noteCountyTime('not a date')
  expect(nowIso()).toBe('2026-12-30T10:01:00+08:00')
})

test('the county answering again with the phone put right drops the correction', () => {
  let phone = county + 3 * 86_400_000
  setClock(() => phone)
  noteCountyTime(new Date(county).toUTCString())
  expect(todayShanghai()).toBe('2026-12-30')
  phone = county + 86_400_000 + 30_000 // the user set the clock (a day later, 30 s off)
  noteCountyTime(new Date(county + 86_400_000).toUTCString())
  expect(nowIso()).toBe('2026-12-31T10:00:30+08:00')
})
