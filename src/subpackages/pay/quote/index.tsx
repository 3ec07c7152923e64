// 缴费明细: the county's quote, then one button to pay (the same order on every tap).
// The page is a shell: the screen is the pay feature's quote-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { QuoteScreen } from '@/features/pay/components/quote-screen'

export default function QuotePage() {
  return (
    <PageShell title='缴费明细' className='pay-quote-page'>
      <QuoteScreen />
    </PageShell>
  )
}
