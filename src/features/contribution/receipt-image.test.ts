import { drawReceipt, imageHeight, receiptLines, type Ctx2D } from './receipt-image'
import { receipt } from './__fixtures__/data'

test('the picture names every member with masked ID, amount and coverage, plus number, payer and total', () => {
  const lines = receiptLines(receipt(), '本户家人').map((l) => l.text)
  expect(lines).toContain('票据号 990101-2026-00000001')
  expect(lines).toContain('2026年度  合计 ¥780.00')
  expect(lines).toContain('缴费人 本户家人')
  expect(lines).toContain('张建华  ¥400.00')
  expect(lines).toContain('李桂兰  ¥380.00')
  expect(lines).toContain('身份证 990***********1234')
  expect(lines).toContain('待遇期 2026年1月1日 至 2026年12月31日')
  expect(lines.join('\n')).not.toContain('990101197001011234')
})

test('drawing writes every line onto a canvas tall enough for them', () => {
  const lines = receiptLines(receipt(), null)
  const texts: string[] = []
  let lastY = 0
  const ctx: Ctx2D = { fillStyle: '', font: '', textBaseline: '', fillRect: jest.fn(), fillText: (t, _x, y) => { texts.push(t); lastY = y } }
  const h = drawReceipt(ctx, lines)
  expect(texts).toEqual(lines.map((l) => l.text))
  expect(h).toBe(imageHeight(lines))
  expect(lastY).toBeLessThan(h)
})
