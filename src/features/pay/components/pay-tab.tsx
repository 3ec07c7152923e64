// 缴费 tab: a thin shell over the contribution feature.
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { PageShell } from '@/shell/page-shell'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { PayHome } from '@/features/pay/components/pay-home'
import { usePay } from '@/features/pay/store'

export default function PayPage() {
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
    <PageShell title='缴费' className='pay-page'>
      <OfflineBanner />
      <PayHome
        owner={userId}
        households={me?.households ?? []}
        onSignIn={() => {
          void Taro.navigateTo({ url: '/subpackages/account/sign-in/index' })
        }}
      />
    </PageShell>
  )
}
