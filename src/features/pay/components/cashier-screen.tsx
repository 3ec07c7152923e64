// h5 only: the reference server's simulated cashier (stands in for WeChat Pay).
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { PageShell } from '@/shell/page-shell'
import { CashierSim } from '@/features/pay/components/cashier'
import { payApi } from '@/features/pay/api'
import { usePay } from '@/features/pay/store'
import { PAY_ROUTES } from '@/features/pay/use-order-flow'

export default function CashierPage() {
  const params = useRouter().params as { orderId?: string; amount?: string }
  const orderId = params.orderId ?? ''
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const act = async (what: 'pay' | 'fail' | 'abandon') => {
    if (busy || !orderId) return
    setBusy(true)
    setError(null)
    const r =
      what === 'pay'
        ? await payApi.cashierPay(orderId)
        : what === 'fail'
          ? await payApi.cashierFail(orderId)
          : await payApi.cashierAbandon(orderId)
    setBusy(false)
    if (!r.ok && what !== 'abandon') {
      setError(r.error.message)
      return
    }
    // pay/fail: the provider tells the county; the order page asks the county for the result
    if (what !== 'abandon') usePay.getState().markSubmitted(orderId)
    await Taro.redirectTo({ url: PAY_ROUTES.order(orderId, what === 'abandon' ? '&note=abandoned' : '') })
  }
  return (
    <PageShell title='付款' className='pay-cashier-page'>
      <CashierSim
        amount={params.amount ? decodeURIComponent(params.amount) : null}
        busy={busy}
        error={error}
        onPay={() => {
          void act('pay')
        }}
        onFail={() => {
          void act('fail')
        }}
        onAbandon={() => {
          void act('abandon')
        }}
      />
    </PageShell>
  )
}
