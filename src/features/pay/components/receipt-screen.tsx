// 缴费票据: from the county when online, from the phone's saved copy when not.
import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { OfflineBanner } from '@/components/offline-banner'
import { AsOf } from '@/components/as-of'
import { useSession } from '@/features/session/store'
import { useCountyData } from '@/services/use-county-data'
import { payApi } from '../api'
import { orderCache, receiptCache, usePay } from '../store'
import { ReceiptView } from './receipt-view'

export function ReceiptScreen() {
  const params = useRouter().params as { orderId?: string }
  const orderId = params.orderId ?? null
  const userId = useSession((s) => s.userId)
  useEffect(() => {
    usePay.getState().setOwner(userId)
  }, [userId])
  const r = useCountyData({
    cache: receiptCache,
    owner: userId,
    cacheKey: orderId,
    load: () => payApi.getReceipt(orderId as string)
  })
  const order = orderCache((s) => (orderId ? s.read(userId, orderId) : null))
  // who paid (masked, from the county's receipt) and whether they belong to this household
  const relation = order ? (order.data.payerIsHousehold ? '本户家人' : '代缴，不是本户家人') : null
  const who = r.data?.payerNameMasked
  const payerText = who ? (relation ? `${who}（${relation}）` : who) : relation
  return (
    <>
      <OfflineBanner hasCachedData={!!r.data} />
      {r.data ? (
        <>
          <AsOf at={r.asOf} source={r.source} />
          <ReceiptView receipt={r.data} payerText={payerText} />
        </>
      ) : (
        <View className='card'>
          <Text>{r.loading ? '正在读取票据…' : r.error ? r.error.message : '没有找到票据'}</Text>
        </View>
      )}
    </>
  )
}
