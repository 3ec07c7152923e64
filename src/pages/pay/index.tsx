// 缴费 tab: a thin shell over the pay feature.
import { PageShell } from '@/shell/page-shell'
import { PayTab } from '@/features/pay/components/pay-tab'

export default function PayPage() {
  return (
    <PageShell title='缴费' tab='pay' className='pay-page'>
      <PayTab />
    </PageShell>
  )
}
