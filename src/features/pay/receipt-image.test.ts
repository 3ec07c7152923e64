import { IMAGE_FONT, drawLines, imageHeight, type Ctx2D } from '@/components/line-image'
import { receiptLines, receiptTime } from './receipt-image'
import { receipt } from './__fixtures__/data'

test('the picture names every member with masked ID, amount and coverage, plus number, payer and total', () => {
  const lines = receiptLines(receipt(), '本户家人').map((l) => l.text)
  expect(lines).toContain('票据号 990101-2026-00000001')
  expect(lines).toContain('2026年度  合计 ¥780.00')
  expect(lines).toContain('缴费人 本户家人')
  expect(lines).toContain('张建华  ¥400.00')
  expect(lines).toContain('李桂兰  ¥380.00')
  expect(lines).toContain('身份证 990***********1234')
  // the day each one's claims are paid from, as the county recorded it (李桂兰 paid arrears: a wait)
  expect(lines).toContain('2026年1月1日起看病能报销，到2026年12月31日')
  expect(lines).toContain('2026年4月1日起看病能报销，到2026年12月31日')
  expect(lines.join('\n')).not.toContain('990101197001011234')
})

test('drawing writes every line onto a canvas tall enough for them', () => {
  const lines = receiptLines(receipt(), null)
  const texts: string[] = []
  let lastY = 0
  const ctx: Ctx2D = {
    fillStyle: '',
    font: '',
    textBaseline: '',
    fillRect: jest.fn(),
    fillText: (t, _x, y) => {
      texts.push(t)
      lastY = y
    }
  }
  const h = drawLines(ctx, lines)
  expect(texts).toEqual(lines.map((l) => l.text))
  expect(h).toBe(imageHeight(lines))
  expect(lastY).toBeLessThan(h)
})

test('times on the picture carry the year, in Beijing time', () => {
  const lines = receiptLines(
    receipt({ paidAt: '2025-11-24T10:03:00+08:00', issuedAt: '2025-11-24T02:03:09Z' }),
    null
  ).map((l) => l.text)
  expect(lines).toContain('付款时间 2025年11月24日 10:03')
  expect(lines).toContain('入账时间 2025年11月24日 10:03')
  expect(receiptTime('nonsense')).toBe('—')
})

test('a name with the middle dot keeps it, and is drawn with the CJK fonts first (not a Latin full stop)', () => {
  const lines = receiptLines(
    receipt({
      persons: [
        {
          name: '阿依古丽·买买提',
          idNumber: null,
          amount: '400.00',
          coverageStart: '2026-01-01',
          coverageEnd: '2026-12-31',
          benefitStart: '2026-01-01',
          benefitEnd: '2026-12-31'
        }
      ]
    }),
    null
  )
  expect(lines.map((l) => l.text)).toContain('阿依古丽·买买提  ¥400.00')
  const fonts: string[] = []
  const ctx = {
    fillStyle: '',
    textBaseline: '',
    fillRect: jest.fn(),
    fillText: jest.fn(),
    set font(f: string) {
      fonts.push(f)
    },
    get font() {
      return fonts[fonts.length - 1] ?? ''
    }
  }
  drawLines(ctx as Ctx2D, lines)
  for (const f of fonts) expect(f).toMatch(/^(bold )?\d+px "PingFang SC", "Noto Sans CJK SC",.*sans-serif$/)
  expect(IMAGE_FONT.indexOf('Noto Sans CJK SC')).toBeLessThan(IMAGE_FONT.indexOf('sans-serif'))
})
