// 缴费进度: where the money is, from the county's word only; resumes after the app was closed.
import { useEffect } from 'react'
import { View, Button } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { usePay } from '../store'
import { PaymentStatus } from './payment-status'
import { NOTES, PAY_ROUTES, useOrderFlow } from '../use-order-flow'

export function OrderScreen() {
  const params = useRouter().params as { orderId?: string; note?: string }
  const userId = useSession((s) => s.userId)
  useEffect(() => {
    usePay.getState().setOwner(userId)
  }, [userId])
  const flow = useOrderFlow(params.orderId ?? null, params.note ? (NOTES[params.note] ?? null) : null)
  return (
    <>
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
    </>
  )
}
