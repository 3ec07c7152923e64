// 缴费票据: from the county when online, from the phone's saved copy when not.
// The page is a shell: the screen is the pay feature's receipt-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { ReceiptScreen } from '@/features/pay/components/receipt-screen'

export default function ReceiptPage() {
  return (
    <PageShell title='缴费票据' className='pay-receipt-page'>
      <ReceiptScreen />
    </PageShell>
  )
}
