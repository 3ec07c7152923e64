import { previewMessages } from './reminder-preview'

test('h5: what would be sent, in words', () => {
  const [deadline, result] = previewMessages({ year: 2027, total: '760.00', deadline: '2026-12-31' })
  expect(deadline.body).toBe('您家2027年医保费 ¥760.00 还没交，2026年12月31日截止。截止前7天、前1天各提醒一次。')
  expect(result.body).toContain('已入账')
})
