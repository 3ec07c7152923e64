// 缴费进度: where the money is, from the county's word only; resumes after the app was closed.
// The page is a shell: the screen is the pay feature's order-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { OrderScreen } from '@/features/pay/components/order-screen'

export default function OrderPage() {
  return (
    <PageShell title='缴费进度' className='pay-order-page'>
      <OrderScreen />
    </PageShell>
  )
}
