// Hand-computed checks of the calculator's small building blocks (money text, whole-fen
// arithmetic, dates): each value worked out by hand, each refusal with its reason. Run by
// pins.test.ts and, with every policies/*.cases.json case, by bench/mutation.ts against each
// mutant. Test tooling: the calculator never imports it.
import {
  Exact,
  fen2,
  moneyFen,
  mulRound,
  parseFen,
  parseYearTotalFen,
  pct,
  RATE,
  rateText,
  rateUnits,
  scaleRate,
  yuan
} from '../amounts'
import {
  addDays,
  addMonths,
  ageAtYearEnd,
  ageOn,
  coverageYearStart,
  daysBetween,
  firstOfMonthAfter,
  isIsoDate,
  makeDate,
  parseDate,
  yearOf
} from '../dates'
import {
  addYuan,
  compareYuan,
  fenToYuan,
  insurancePaid,
  percentOf,
  ratePercent,
  subtractYuan,
  yuanToFen
} from '../money'

import { quoteContribution } from '../contribution'
import { bundledPolicies } from '../policies'
import { yearSummary } from '../year-summary'

export interface Pin {
  name: string
  run(): void
}

function eq(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`)
}
/** the refusal's code and a piece of its message */
function refuses(f: () => unknown, code: string, text: string, what: string): void {
  try {
    f()
  } catch (e) {
    const err = e as { code?: string; message: string }
    if (err.code !== code || !err.message.includes(text))
      throw new Error(`${what}: expected ${code} “${text}”, got ${err.code} “${err.message}”`)
    return
  }
  throw new Error(`${what}: expected ${code}, got no refusal`)
}

export const PINS: Pin[] = [
  {
    name: 'a quote’s enrolment record names lapsed years only when some were paid (the record settle takes back)',
    run() {
      const demo = bundledPolicies['demo-county-2026']
      const paid = (lapsedYears?: number) =>
        quoteContribution(
          demo,
          { members: [{ id: 'a', birthDate: '1980-05-01', lapsedYears }], paymentDate: '2025-11-15' },
          '2025-11-15',
          { coverageYear: 2026 }
        ).members[0].enrolment
      eq(
        [paid(), paid(0), paid(1)],
        [
          { status: 'enrolled', paid: { coverageYear: 2026, paidOn: '2025-11-15' } },
          { status: 'enrolled', paid: { coverageYear: 2026, paidOn: '2025-11-15' } },
          { status: 'enrolled', paid: { coverageYear: 2026, paidOn: '2025-11-15', lapsedYears: 1 } }
        ],
        'enrolment record'
      )
    }
  },
  {
    name: 'a year summary refuses a settlement without its coverage year (an older calculator’s)',
    run() {
      const demo = bundledPolicies['demo-county-2026']
      const old = { kind: 'inpatient', total: '100.00', yearAdds: { admissions: 1 } }
      for (const s of [
        old,
        { ...old, coverageYear: { start: '2026-01-01', end: '2026-12-31' }, yearAdds: undefined },
        null
      ])
        refuses(() => yearSummary(demo, [s as never], '2026-06-01'), 'INVALID_INPUT', '参保年度', 'no coverage year')
    }
  },
  {
    name: 'fen ↔ yuan, exactly',
    run() {
      eq(
        [fenToYuan(0), fenToYuan(5), fenToYuan(10), fenToYuan(99), fenToYuan(100), fenToYuan(123456)],
        ['0.00', '0.05', '0.10', '0.99', '1.00', '1234.56'],
        'fenToYuan'
      )
      eq([fenToYuan(-5), fenToYuan(-123450)], ['-0.05', '-1234.50'], 'negative')
      eq(
        [yuanToFen('7'), yuanToFen('7.5'), yuanToFen('7.05'), yuanToFen('0'), yuanToFen('-3.2'), yuanToFen('-0.00')],
        [700, 750, 705, 0, -320, 0],
        'yuanToFen'
      )
      eq(yuanToFen('9999999999999.99'), 999999999999999, 'thirteen digits')
      refuses(() => yuanToFen('1.234'), 'INVALID_AMOUNT', '最多两位小数', 'three decimals')
      refuses(() => yuanToFen('01'), 'INVALID_AMOUNT', '不是有效金额', 'leading zero')
      refuses(() => yuanToFen(5 as never), 'INVALID_AMOUNT', '5', 'a number')
      refuses(() => fenToYuan(1.5), 'INVALID_AMOUNT', '整数', 'a fraction of a fen')
      eq([yuanToFen('-0.01'), yuanToFen('-0.1'), fenToYuan(-1)], [-1, -10, '-0.01'], 'a negative fen')
    }
  },
  {
    name: 'sums and percentages for screens',
    run() {
      eq(addYuan('0.10', '0.20', '1'), '1.30', 'addYuan')
      eq(addYuan(), '0.00', 'no amounts')
      eq(subtractYuan('5.00', '7.25'), '-2.25', 'subtractYuan')
      eq([compareYuan('1.00', '1'), compareYuan('0.99', '1'), compareYuan('1.01', '1')], [0, -1, 1], 'compareYuan')
      eq(insurancePaid({ basicFund: '10.00', catastrophic: '2.50', assistance: '0.05' }), '12.55', 'insurancePaid')
      eq(
        [
          ratePercent('0.7'),
          ratePercent('0.595'),
          ratePercent('1'),
          ratePercent('1.0000'),
          ratePercent('0.0001'),
          ratePercent('0')
        ],
        ['70%', '59.5%', '100%', '100%', '0.01%', '0%'],
        'ratePercent'
      )
      refuses(() => ratePercent('1.0001'), 'INVALID_INPUT', '比例', 'above 1')
      refuses(() => ratePercent('0.12345'), 'INVALID_INPUT', '比例', 'five decimals')
      refuses(() => ratePercent(0.5 as never), 'INVALID_INPUT', '比例', 'a number')
      eq(
        [
          percentOf('1.00', '3.00'),
          percentOf('2.00', '3.00'),
          percentOf('1.00', '16.00'),
          percentOf('6694.00', '10000.00', 2)
        ],
        ['33.3%', '66.7%', '6.3%', '66.94%'],
        'percentOf'
      )
      eq(
        [percentOf('-1.00', '3.00'), percentOf('1.00', '0'), percentOf('1.00', '-2.00'), percentOf('3.00', '3.00', 0)],
        ['-33.3%', null, null, '100%'],
        'percentOf edges'
      )
      eq(percentOf('0.01', '3000.00'), '0%', 'rounds to 0, not -0')
      eq([percentOf('0.01', '0.01'), percentOf('0.01', '0.02')], ['100%', '50%'], 'a whole of one fen')
    }
  },
  {
    name: 'whole-fen products and the one rounding rule (half up)',
    run() {
      const r = rateUnits
      eq(
        [mulRound(25, r('0.5')), mulRound(24, r('0.5')), mulRound(0, r('0.7')), mulRound(100, 0)],
        [13, 12, 0, 0],
        'ties up'
      )
      eq(
        [mulRound(2499, r('0.0002')), mulRound(2500, r('0.0002')), mulRound(7501, r('0.0002'))],
        [0, 1, 2],
        'tenths of a fen'
      )
      eq(mulRound(9_500_00, r('0.59')), 560500, '9500 × 59%')
      eq(mulRound(123456789, r('0.1234')), 15234568, '1234567.89 × 12.34%')
      eq(mulRound(100_000_000_000, 99_990_001), 99_990_001_000, '10亿 × an eight-decimal rate')
      eq(mulRound(99_999_999_999, 56_997_000), 56_996_999_999, 'rounded down below a half')
      eq(mulRound(3, 50_000_001), 2, '1.50000003 fen → 2')
      eq(mulRound(1, RATE), 1, 'a whole rate')
      eq(
        [RATE, new Exact().add(1, 40_000_000).round(), new Exact().add(1, 34_000_000).roundFrom(5)],
        [100_000_000, 0, 5],
        'below a half: down'
      )
      const x = new Exact()
        .add(1, RATE / 2)
        .add(1, RATE / 2 - 1)
        .add(0, RATE)
        .add(5, 0)
      eq([x.fen, x.frac, x.round(), x.roundFrom(10)], [0, RATE - 1, 1, 9], 'Exact accumulates exactly')
      const y = new Exact().add(3, RATE / 2).add(1, RATE / 2)
      eq([y.fen, y.frac, y.round(), y.roundFrom(10), y.yuanText()], [2, 0, 2, 8, '0.02'], 'carries into whole fen')
      const z = new Exact().add(1, RATE / 2)
      eq([z.round(), z.roundFrom(10), z.yuanText()], [1, 10, '0.005'], 'a half fen: up, and X − ½ up to X')
      eq(new Exact().add(123456, 3_300_000).yuanText(), '40.74048', 'exact yuan text')
      eq(new Exact().add(475000, RATE).yuanText(), '4750', 'whole yuan')
      eq(
        [scaleRate(90_000_000, 90_000_000), scaleRate(60_000_000, 70_000_000), scaleRate(56_997_001, 90_000_000)],
        [81_000_000, 42_000_000, 51_297_300],
        'rate × keep'
      )
      eq(scaleRate(60_000_000, -10_000_000), -6_000_000, 'below zero is the caller’s to clamp')
    }
  },
  {
    name: 'amounts as text and as read',
    run() {
      eq(
        [fen2(0), fen2(7), fen2(10), fen2(100), fen2(123405), fen2(-7)],
        ['0.00', '0.07', '0.10', '1.00', '1234.05', '-0.07'],
        'fen2'
      )
      eq(yuan(5), '0.05 元', 'yuan')
      eq(
        [
          rateText(70_000_000),
          rateText(59_500_000),
          rateText(100_000_000),
          rateText(0),
          rateText(12_345_678),
          rateText(5_000_000)
        ],
        ['0.70', '0.595', '1.00', '0.00', '0.12345678', '0.05'],
        'rateText'
      )
      eq([pct(70_000_000), pct(59_500_000), pct(123_456)], ['70%', '59.5%', '0.123456%'], 'pct')
      eq([moneyFen('5'), moneyFen('5.5'), moneyFen('5.05'), moneyFen('0.00')], [500, 550, 505, 0], 'moneyFen')
      // 0.29 × 100 is 28.999999999999996 in floating point: read by digits, not by multiplying
      eq(
        [moneyFen('0.29'), moneyFen('7'), rateUnits('0.29'), rateUnits('0.57')],
        [29, 700, 29_000_000, 57_000_000],
        'by digits'
      )
      eq(
        [rateUnits('0.7'), rateUnits('1'), rateUnits('0.0001'), rateUnits('1.00')],
        [70_000_000, RATE, 10_000, RATE],
        'rateUnits'
      )
      eq(
        [parseFen('0', '$'), parseFen('12.3', '$'), parseFen('100000000.00', '$'), parseFen('99999999.99', '$')],
        [0, 1230, 10_000_000_000, 9_999_999_999],
        'parseFen'
      )
      refuses(() => parseFen(12, '$'), 'INVALID_AMOUNT', '必须是文字', 'a number')
      refuses(() => parseFen('-1.00', '$'), 'INVALID_AMOUNT', '不能是负数', 'negative')
      refuses(() => parseFen('1.234', '$'), 'INVALID_AMOUNT', '最多两位小数', 'three decimals')
      refuses(() => parseFen('100000000.01', '$'), 'INVALID_AMOUNT', '太大', 'over 1亿')
      refuses(() => parseFen('1000000000', '$'), 'INVALID_AMOUNT', '太大', 'ten digits')
      refuses(() => parseFen('01.00', '$'), 'INVALID_AMOUNT', '不是有效金额', 'a leading zero')
      refuses(() => parseFen('1.', '$'), 'INVALID_AMOUNT', '不是有效金额', 'a dot without decimals')
      refuses(() => parseFen('１.00', '$'), 'INVALID_AMOUNT', '不是有效金额', 'a full-width digit')
      refuses(() => parseFen('.5', '$'), 'INVALID_AMOUNT', '不是有效金额', 'no whole digit')
      refuses(() => parseFen('1:', '$'), 'INVALID_AMOUNT', '不是有效金额', 'the character after 9')
      refuses(() => parseFen('1/', '$'), 'INVALID_AMOUNT', '不是有效金额', 'the character before 0')
      eq([parseFen('7', '$'), parseFen('7.5', '$'), parseFen('7.05', '$')], [700, 750, 705], 'whole yuan and decimals')
      eq(
        [parseYearTotalFen('1000000000.00', '$'), parseYearTotalFen('150000000.5', '$')],
        [100_000_000_000, 15_000_000_050],
        'a year total up to 10亿'
      )
      refuses(() => parseYearTotalFen('1000000000.01', '$'), 'INVALID_AMOUNT', '10 亿', 'over 10亿')
      refuses(() => parseYearTotalFen('-5', '$'), 'INVALID_AMOUNT', '不能是负数', 'a negative year total')
    }
  },
  {
    name: 'dates: which exist, and their arithmetic',
    run() {
      eq(
        ['2024-02-29', '2000-02-29', '1900-02-28', '2100-12-31', '1900-01-01', '2026-04-30', '2026-12-31'].map(
          isIsoDate
        ),
        [true, true, true, true, true, true, true],
        'real days'
      )
      eq(
        [
          '2026-02-29',
          '1900-02-29',
          '2100-02-29',
          '1899-12-31',
          '2101-01-01',
          '2026-04-31',
          '2026-13-01',
          '2026-00-10',
          '2026-01-00',
          '2026-1-01',
          '2026/01/01',
          '2026-0a-01',
          5
        ].map((d) => isIsoDate(d)),
        [false, false, false, false, false, false, false, false, false, false, false, false, false],
        'not days'
      )
      eq(
        [
          '2026-09-31',
          '2026-10-31',
          '2026-11-31',
          '2026-12-31',
          '2096-02-29',
          '2066-02-29',
          '2000-02-29',
          '1904-02-29'
        ].map(isIsoDate),
        [false, true, false, true, true, false, true, true],
        'month lengths and leap years'
      )
      eq(
        ['2026-0:-01', '202a-01-01', '2026-01-011', '2026x01-01', '2026-01x01', '2026-01-0:', ':026-01-01'].map((d) =>
          isIsoDate(d)
        ),
        [false, false, false, false, false, false, false],
        'characters next to the digits'
      )
      refuses(() => parseDate('1900-02-30', '$'), 'INVALID_DATE', '不存在', 'the first year, a day that does not exist')
      refuses(() => parseDate('2100-02-30', '$'), 'INVALID_DATE', '不存在', 'the last year, a day that does not exist')
      refuses(() => parseDate('2101-01-01', '$'), 'DATE_OUT_OF_RANGE', '年份不合理', 'after 2100')
      eq(parseDate('2026-03-15', '$'), '2026-03-15', 'parseDate')
      refuses(() => parseDate('2026-02-30', '$', '入院日期'), 'INVALID_DATE', '入院日期不存在', 'no such day')
      refuses(() => parseDate('1899-01-01', '$'), 'DATE_OUT_OF_RANGE', '年份不合理', 'year out of range')
      refuses(() => parseDate('15/03/2026', '$'), 'INVALID_DATE', '格式不对', 'format')
      eq([yearOf('2026-03-15'), yearOf('1999-12-31')], [2026, 1999], 'yearOf')
      eq(makeDate(987, 3, 4), '0987-03-04', 'makeDate pads')
      eq(
        [
          firstOfMonthAfter('2008-03-10', 3),
          firstOfMonthAfter('2025-11-30', 3),
          firstOfMonthAfter('2025-12-01', 0),
          firstOfMonthAfter('2026-01-31', 12)
        ],
        ['2008-06-01', '2026-02-01', '2025-12-01', '2027-01-01'],
        'firstOfMonthAfter'
      )
      eq(
        [
          addMonths('2026-01-31', 1),
          addMonths('2024-01-31', 1),
          addMonths('2026-03-15', -3),
          addMonths('2026-12-10', 1)
        ],
        ['2026-02-28', '2024-02-29', '2025-12-15', '2027-01-10'],
        'addMonths'
      )
      eq(
        [
          daysBetween('2026-03-01', '2026-06-29'),
          daysBetween('2024-02-28', '2024-03-01'),
          daysBetween('2023-02-28', '2023-03-01'),
          daysBetween('2000-01-01', '2100-01-01'),
          daysBetween('2026-06-29', '2026-03-01')
        ],
        [120, 2, 1, 36525, -120],
        'daysBetween'
      )
      eq(daysBetween('1900-02-28', '1900-03-01'), 1, '1900 is not a leap year')
      eq(
        ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) =>
          daysBetween('2026-01-01', `2026-${m}-01`)
        ),
        [31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334],
        'the first of each month'
      )
      eq(
        [
          daysBetween('2026-01-01', '2027-01-01'),
          daysBetween('2004-06-01', '2005-06-01'),
          daysBetween('2026-06-30', '2026-07-01')
        ],
        [365, 365, 1],
        'a year, across a leap year, into July'
      )
      eq(
        [
          daysBetween('2026-01-09', '2026-01-21'),
          daysBetween('2026-02-27', '2026-03-12'),
          daysBetween('1999-12-31', '2000-03-01')
        ],
        [12, 13, 61],
        'days of the month, 2000 is a leap year'
      )
      eq(
        [
          addDays('2026-12-31', 1),
          addDays('2024-03-01', -1),
          addDays('2026-01-31', 29),
          addDays('2026-01-01', -1),
          addDays('2026-01-01', 365),
          addDays('2024-01-01', 366),
          addDays('2026-03-31', -31)
        ],
        ['2027-01-01', '2024-02-29', '2026-03-01', '2025-12-31', '2027-01-01', '2025-01-01', '2026-02-28'],
        'addDays'
      )
      eq(
        [addDays('2026-01-30', 1), addDays('2026-02-15', -20), addDays('2026-03-01', -1), addDays('2026-01-12', 10)],
        ['2026-01-31', '2026-01-26', '2026-02-28', '2026-01-22'],
        'to the last day of a month, back into the month before'
      )
      eq([addMonths('2026-01-12', 1), addMonths('2026-11-30', 3)], ['2026-02-12', '2027-02-28'], 'addMonths by the day')
      eq(
        [
          ageOn('1961-06-15', '2026-06-14'),
          ageOn('1961-06-15', '2026-06-15'),
          ageOn('2000-02-29', '2026-02-28'),
          ageOn('2026-01-01', '2026-12-31')
        ],
        [64, 65, 25, 0],
        'ageOn'
      )
      eq([ageAtYearEnd('1990-12-30', 2008), ageAtYearEnd('2008-01-01', 2008)], [18, 0], 'ageAtYearEnd')
      eq(
        [
          coverageYearStart('2026-03-01', '01-01'),
          coverageYearStart('2026-08-31', '09-01'),
          coverageYearStart('2026-09-01', '09-01'),
          coverageYearStart('2026-01-01', '01-01')
        ],
        ['2026-01-01', '2025-09-01', '2026-09-01', '2026-01-01'],
        'coverageYearStart'
      )
    }
  }
]
