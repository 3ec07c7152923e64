// h5 only: the reference server's simulated cashier (stands in for WeChat Pay).
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { CashierSim } from './cashier'
import { payApi } from '../api'
import { usePay } from '../store'
import { PAY_ROUTES } from '../use-order-flow'

export function CashierScreen() {
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
    <>
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
    </>
  )
}
