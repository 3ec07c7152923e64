// h5 only: the reference server's simulated cashier (stands in for WeChat Pay).
// The page is a shell: the screen is the pay feature's cashier-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { CashierScreen } from '@/features/pay/components/cashier-screen'

export default function CashierPage() {
  return (
    <PageShell title='付款' className='pay-cashier-page'>
      <CashierScreen />
    </PageShell>
  )
}
