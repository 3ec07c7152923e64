// The 缴费 tab's content: this user's households to pay for, and any interrupted payment.
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { usePay } from '../store'
import { PayHome } from './pay-home'

export function PayTab() {
  const userId = useSession((s) => s.userId)
  const me = useSession((s) => s.me)
  useEffect(() => {
    usePay.getState().setOwner(userId)
  }, [userId])
  useDidShow(() => {
    // an interrupted payment: ask the county where it stands, so the banner is current
    const { pending, refreshOrder } = usePay.getState()
    Object.values(pending).forEach((p) => {
      if (p.orderId) void refreshOrder(p.orderId)
    })
  })
  return (
    <>
      <OfflineBanner />
      <PayHome
        owner={userId}
        households={me?.households ?? []}
        onSignIn={() => {
          void Taro.navigateTo({ url: '/subpackages/account/sign-in/index' })
        }}
      />
    </>
  )
}
