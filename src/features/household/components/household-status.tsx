// The home tab's content: "are we covered?" for the household on screen.
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect } from 'react'
import { householdTopic } from '@/services/county-changes'
import { useCountyData } from '@/services/use-county-data'
import { currentYear, formatDate, todayShanghai } from '@/services/time'
import { AsOf } from '@/components/as-of'
import { Money } from '@/components/money'
import { OfflineBanner } from '@/components/offline-banner'
import { useElderly } from '@/features/settings/store'
import { hasScope, refreshMe, useActiveLink, useSession } from '@/features/session/store'
import { householdCache, useHousehold } from '@/features/session/household'
import { loadQuote as loadQuoteOf, quoteCache } from '../api'
import { collectionBanner } from '../status'
import { MemberCard } from './member-card'
import { HouseholdSwitcher } from './household-switcher'
import './household-status.scss'

/** The signed-in person's own card first, the others in the county's order. */
function ownFirst<T extends { personId: string }>(members: T[], personId: string | null): T[] {
  const own = members.find((m) => m.personId === personId)
  return own ? [own, ...members.filter((m) => m !== own)] : members
}

export function HouseholdStatus() {
  const userId = useSession((s) => s.userId)
  const me = useSession((s) => s.me)
  const link = useActiveLink()
  const elderly = useElderly()
  const householdId = link?.householdId ?? null
  const year = currentYear()
  const today = todayShanghai()
  const mayView = hasScope(link, 'status')
  const mayPay = hasScope(link, 'pay')

  const hh = useHousehold(mayView ? householdId : null)
  // Access gone (grant revoked, household unbound): forget the copy and re-read my households.
  const lostAccess = hh.error?.code === 'FORBIDDEN' || hh.error?.code === 'NOT_FOUND'
  useEffect(() => {
    if (!lostAccess || !householdId) return
    householdCache.getState().remove(householdId)
    refreshMe()
  }, [lostAccess, householdId])
  const loadQuote = useCallback(() => loadQuoteOf(householdId as string, year + 1), [householdId, year])
  const quote = useCountyData({
    cache: quoteCache,
    owner: userId,
    cacheKey: mayPay && householdId ? `${householdId}:${year + 1}` : null,
    load: loadQuote,
    topics: householdId ? [householdTopic(householdId)] : undefined
  })

  if (!userId || !me) {
    return (
      <View className='card home-welcome'>
        <Text>登录后，这里显示全家每个人今年和明年有没有参保、今天看病能不能报销。</Text>
        <Button
          className='btn btn-primary'
          onClick={() => Taro.navigateTo({ url: '/subpackages/account/sign-in/index' })}
        >
          去登录
        </Button>
      </View>
    )
  }
  if (!link) {
    return (
      <View className='card home-bind'>
        <Text>还没有绑定家庭。用身份证号和姓名绑定后，就能看到全家的参保情况。</Text>
        <Button className='btn btn-primary' onClick={() => Taro.navigateTo({ url: '/subpackages/account/bind/index' })}>
          绑定我家
        </Button>
        <Button className='btn' onClick={() => Taro.navigateTo({ url: '/subpackages/account/accept/index' })}>
          我有家人的邀请码
        </Button>
      </View>
    )
  }

  const banner = quote.data ? collectionBanner(quote.data.collectionPeriod, quote.data.year, today) : null
  const h = hh.data
  // Elderly mode: the answer a person opened the app for (今天看病能报销吗) comes first — their own
  // card, then the family's — and the payment reminder after it (MIIT 适老化: main content first).
  const members = h ? (elderly ? ownFirst(h.members, me.personId) : h.members) : []
  const bannerCard = banner ? (
    <View className='card collection-banner' ariaRole='region' ariaLabel='缴费提醒'>
      <Text className='collection-banner__title'>{banner.year}年医保正在缴费</Text>
      <Text>
        截止 {formatDate(banner.deadline)}，还剩 {banner.daysLeft} 天
      </Text>
      {quote.data && quote.data.total !== '0.00' ? (
        <Text>
          全家还需缴 <Money value={quote.data.total} />
        </Text>
      ) : null}
      <AsOf at={quote.asOf} source={quote.source} />
      <Button
        className='btn btn-primary collection-banner__go'
        onClick={() =>
          // straight to what each member pays (the pay feature's quote page, by its URL)
          Taro.navigateTo({
            url: `/subpackages/pay/quote/index?householdId=${encodeURIComponent(householdId ?? '')}&year=${banner.year}`
          })
        }
      >
        去缴费
      </Button>
    </View>
  ) : null

  return (
    <View className='household-status'>
      <OfflineBanner hasCachedData={!!h} />
      <HouseholdSwitcher />
      {!mayView ? (
        <View className='card'>
          <Text>户主没有给您“看参保情况”的权限。需要的话，请户主在“我的 → 家人查看”里重新邀请。</Text>
        </View>
      ) : null}
      {elderly ? null : bannerCard}
      {mayView && !h ? (
        <View className='card'>
          {hh.error ? (
            <>
              <Text className='home-error'>{hh.error.message}</Text>
              <Button className='btn' onClick={hh.reload}>
                再试一次
              </Button>
            </>
          ) : (
            <Text>正在读取全家的参保情况…</Text>
          )}
        </View>
      ) : null}
      {mayView && h ? (
        <>
          <View className='card household-summary'>
            <Text className='household-summary__title'>
              {h.township}
              {h.village} · {h.members.find((m) => m.isHead)?.name ?? link.headNameMasked}家
            </Text>
            {h.accountBalance !== null ? (
              <View className='row'>
                <Text>家庭账户余额</Text>
                <Money value={h.accountBalance} className='household-summary__balance' />
              </View>
            ) : null}
            {h.accountBalance !== null ? (
              // what the account is for, in the calculator's rule (part of each year's payment goes in)
              <Text className='muted household-summary__account-why'>
                每年交的医保费有一部分存在这里。家里人看门诊，报销后自己要付的钱先从这里扣。上面是还剩多少。
              </Text>
            ) : null}
            {link.relation === 'grantee' ? (
              <Text className='muted'>您是家人授权查看（{link.scopes.length}项权限）</Text>
            ) : null}
            <AsOf at={hh.asOf} source={hh.source} />
            {hh.loading ? <Text className='muted'>正在更新…</Text> : null}
          </View>
          {members.map((p) => (
            <MemberCard key={p.personId} person={p} year={year} today={today} elderly={elderly} />
          ))}
        </>
      ) : null}
      {elderly ? bannerCard : null}
    </View>
  )
}
