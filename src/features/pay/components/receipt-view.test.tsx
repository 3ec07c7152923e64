import { render, screen as view } from '@testing-library/react'
import { setClock, resetClock } from '@/services/time'
import { ReceiptView } from './receipt-view'
import { receipt } from '../__fixtures__/data'

afterEach(() => resetClock())

test('times carry the full date with the year, even in the year they were paid', () => {
  setClock(() => Date.parse('2025-11-24T12:00:00+08:00'))
  render(
    <ReceiptView
      receipt={receipt({ paidAt: '2025-11-24T10:03:00+08:00', issuedAt: '2025-11-24T02:03:09Z' })}
      payerText='张**（本户家人）'
    />
  )
  expect(view.getAllByText('2025年11月24日 10:03')).toHaveLength(2) // paid, and entered (UTC shown as Beijing time)
  expect(view.getByText('城乡居民医保基金')).toBeInTheDocument()
  expect(document.body.textContent).not.toContain('参考实现')
})

test('a name with the middle dot is shown as the county wrote it', () => {
  render(
    <ReceiptView
      receipt={receipt({
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
      })}
      payerText={null}
    />
  )
  expect(view.getByText('阿依古丽·买买提')).toBeInTheDocument()
})

test('each member carries the day claims are paid from, as the county recorded it (a wait after arrears)', () => {
  const { container } = render(<ReceiptView receipt={receipt()} payerText={null} />)
  const dates = Array.from(container.querySelectorAll('[data-benefit-start]')).map((e) =>
    e.getAttribute('data-benefit-start')
  )
  expect(dates).toEqual(['2026-01-01', '2026-04-01'])
  expect(view.getByText('2026年4月1日起看病能报销，到2026年12月31日')).toBeInTheDocument()
  expect(container.querySelector('.benefit-dates--waiting')!.textContent).toContain('2026年4月1日')
})
