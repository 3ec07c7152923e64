// The home page's notice cards: "阿***·*** 已为您家交了2027年医保费 ¥760.00（…）", the receipt
// number, when it was paid, 看票据 and a big 知道了 that makes the card go away. The head also
// sees every new binding of the household (不是家里人？去移除) and requests to approve (issue 15).
import { useCallback, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { HouseholdNotification } from '@/contract'
import { householdTopic } from '@/services/county-changes'
import { useCountyData } from '@/services/use-county-data'
import { formatInstant } from '@/services/time'
import { useActiveLink, useSession } from '@/features/session/store'
import { call } from '@/services/county-client'
import {
  bindingSentence,
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
      {unread.map((n) =>
        n.kind === 'paid_by_other' ? (
          <PaidNotice key={n.notificationId} notice={n} owner={userId} householdId={householdId} />
        ) : (
          <BindingNoticeCard key={n.notificationId} notice={n} owner={userId} householdId={householdId} />
        )
      )}
    </View>
  )
}

type PaidItem = Extract<HouseholdNotification, { kind: 'paid_by_other' }>
type BindingItem = Exclude<HouseholdNotification, PaidItem>

function BindingNoticeCard({
  notice,
  owner,
  householdId
}: {
  notice: BindingItem
  owner: string
  householdId: string
}) {
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const done = async () => {
    const r = await markNoticeRead(owner, householdId, notice.notificationId)
    if (!r.ok) setMessage('没有连上县医保系统，请稍后再点')
  }
  const decide = async (approve: boolean) => {
    const requestId = notice.binding.requestId
    if (busy || !requestId) return
    setBusy(true)
    setMessage(null)
    const r = await call(approve ? 'approveBindingRequest' : 'refuseBindingRequest', { params: { requestId } })
    // already decided or expired: nothing left to do with this card either
    if (r.ok || r.error.code === 'CONFLICT') await done()
    else setMessage(r.error.message)
    setBusy(false)
  }
  return (
    <View className='card paid-notice binding-notice' ariaRole='region' ariaLabel='家里的绑定通知'>
      <Text className='paid-notice__text'>{bindingSentence(notice)}</Text>
      <Text className='muted'>{formatInstant(notice.binding.at)}</Text>
      {message ? <Text className='paid-notice__error'>{message}</Text> : null}
      {notice.kind === 'binding_request' ? (
        <View className='paid-notice__actions'>
          <Button className='btn binding-notice__refuse' disabled={busy || undefined} onClick={() => decide(false)}>
            不同意
          </Button>
          <Button
            className='btn btn-primary binding-notice__approve'
            disabled={busy || undefined}
            onClick={() => decide(true)}
          >
            同意
          </Button>
        </View>
      ) : (
        <View className='paid-notice__actions'>
          <Button
            className='btn binding-notice__manage'
            onClick={() => Taro.navigateTo({ url: '/subpackages/account/family/index' })}
          >
            不是家里人？去移除
          </Button>
          <Button className='btn btn-primary paid-notice__ok' disabled={busy || undefined} onClick={done}>
            知道了
          </Button>
        </View>
      )}
    </View>
  )
}

function PaidNotice({ notice, owner, householdId }: { notice: PaidItem; owner: string; householdId: string }) {
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
