// 缴费进度: where the money is, from the county's word only; resumes after the app was closed.
import { useEffect } from 'react'
import { View, Button } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageShell } from '@/shell/page-shell'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { usePay } from '@/features/pay/store'
import { PaymentStatus } from '@/features/pay/components/payment-status'
import { NOTES, PAY_ROUTES, useOrderFlow } from '@/features/pay/use-order-flow'

export default function OrderPage() {
  const params = useRouter().params as { orderId?: string; note?: string }
  const userId = useSession((s) => s.userId)
  useEffect(() => {
    usePay.getState().setOwner(userId)
  }, [userId])
  const flow = useOrderFlow(params.orderId ?? null, params.note ? (NOTES[params.note] ?? null) : null)
  return (
    <PageShell title='缴费进度' className='pay-order-page'>
      <OfflineBanner hasCachedData={!!flow.order} />
      {flow.screen ? (
        <PaymentStatus
          screen={flow.screen}
          busy={flow.busy}
          note={flow.note}
          onPay={flow.pay}
          onRetry={flow.refresh}
          onRefresh={flow.refresh}
          onNewOrder={flow.newOrder}
          onReceipt={() => {
            if (flow.order) void Taro.navigateTo({ url: PAY_ROUTES.receipt(flow.order.orderId) })
          }}
          onCall={(phone) => {
            void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
          }}
        />
      ) : (
        <View className='card'>正在向县里查询…</View>
      )}
      <Button
        className='btn pay-action'
        onClick={() => {
          void Taro.switchTab({ url: '/pages/pay/index' })
        }}
      >
        回到缴费首页
      </Button>
    </PageShell>
  )
}
