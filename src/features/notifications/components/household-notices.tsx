// The home page's notice cards: "阿***·*** 已为您家交了2027年医保费 ¥760.00（…）", the receipt
// number, when it was paid, 看票据 and a big 知道了 that makes the card go away.
import { useCallback, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { HouseholdNotification } from '@/contract'
import { householdTopic } from '@/services/county-changes'
import { useCountyData } from '@/services/use-county-data'
import { formatInstant } from '@/services/time'
import { useActiveLink, useSession } from '@/features/session/store'
import {
  loadNotifications,
  markNoticeRead,
  notificationsCache,
  noticesHousehold,
  paidByOtherSentence,
  unreadNotices
} from '../notices'
import './household-notices.scss'

export function HouseholdNotices() {
  const userId = useSession((s) => s.userId)
  const householdId = noticesHousehold(useActiveLink())
  const load = useCallback(() => loadNotifications(householdId as string), [householdId])
  // a failure to read notices shows nothing: the rest of the page says whether the county answers
  const list = useCountyData({
    cache: notificationsCache,
    owner: userId,
    cacheKey: householdId,
    load,
    topics: householdId ? [householdTopic(householdId)] : undefined
  })
  const unread = unreadNotices(list.data)
  if (!userId || !householdId || unread.length === 0) return null
  return (
    <View className='household-notices'>
      {unread.map((n) => (
        <PaidNotice key={n.notificationId} notice={n} owner={userId} householdId={householdId} />
      ))}
    </View>
  )
}

function PaidNotice({
  notice,
  owner,
  householdId
}: {
  notice: HouseholdNotification
  owner: string
  householdId: string
}) {
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)
  const p = notice.payment
  const ok = async () => {
    if (busy) return
    setBusy(true)
    setFailed(false)
    const r = await markNoticeRead(owner, householdId, notice.notificationId)
    setBusy(false)
    if (!r.ok) setFailed(true)
  }
  return (
    <View className='card paid-notice' ariaRole='region' ariaLabel='家里的缴费通知'>
      <Text className='paid-notice__text'>{paidByOtherSentence(p)}</Text>
      <Text className='paid-notice__receipt'>票据号 {p.receiptNumber}</Text>
      <Text className='muted'>{formatInstant(p.paidAt)} 付的款</Text>
      {failed ? <Text className='paid-notice__error'>没有连上县医保系统，请稍后再点“知道了”</Text> : null}
      <View className='paid-notice__actions'>
        <Button
          className='btn paid-notice__receipt-btn'
          onClick={() =>
            Taro.navigateTo({ url: `/subpackages/pay/receipt/index?orderId=${encodeURIComponent(p.orderId)}` })
          }
        >
          看票据
        </Button>
        <Button className='btn btn-primary paid-notice__ok' disabled={busy || undefined} onClick={ok}>
          知道了
        </Button>
      </View>
    </View>
  )
}
