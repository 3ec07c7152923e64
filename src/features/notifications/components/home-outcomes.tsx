// Home's "县里有结果了" cards (issue 17 item 6): a request for material, an application decided,
// a payment confirmed, a claim paid — each with one big button to the next step.
import { useCallback, useMemo } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { HouseholdLink } from '@/contract'
import { householdTopic } from '@/services/county-changes'
import { useCountyData } from '@/services/use-county-data'
import { currentYear, todayShanghai } from '@/services/time'
import { useActiveLink, useSession } from '@/features/session/store'
import { useElderly } from '@/features/settings/store'
import { householdCache } from '@/features/session/household'
import { notificationsCache } from '../notices'
import { homeOutcomes, loadOutcomes, outcomesCache } from '../outcomes'
import './home-outcomes.scss'

/**
 * `place`: home puts one above the household and one below; the cards show in the top one, or in
 * elderly mode in the bottom one, after the elder's own answer (今天看病能报销吗), as the payment
 * reminder does.
 */
export function HomeOutcomes({ place }: { place: 'top' | 'bottom' }) {
  const elderly = useElderly()
  const userId = useSession((s) => s.userId)
  const link = useActiveLink()
  const householdId = link?.householdId ?? null
  // the members whose claims to look at: the household as home last read it
  const personIds = householdCache((s) => (householdId ? s.read(userId, householdId) : null))
    ?.data.members.map((m) => m.personId)
    .join(',')
  if (place !== (elderly ? 'bottom' : 'top')) return null
  if (!userId || !link || personIds === undefined) return null
  // a new member list is a new set of calls: mount afresh
  return <Outcomes key={`${link.householdId}:${personIds}`} owner={userId} link={link} personIds={personIds} />
}

function Outcomes({ owner, link, personIds }: { owner: string; link: HouseholdLink; personIds: string }) {
  const year = currentYear()
  const load = useCallback(
    () => loadOutcomes(link, personIds ? personIds.split(',') : [], year),
    [link, personIds, year]
  )
  // a failure shows nothing new: the rest of the page says whether the county answers
  const sources = useCountyData({
    cache: outcomesCache,
    owner,
    cacheKey: link.householdId,
    load,
    topics: [householdTopic(link.householdId)]
  })
  // a payment someone else made already has its own card (家里的缴费通知)
  const notices = notificationsCache((s) => s.read(owner, link.householdId))
  const told = useMemo(
    () =>
      new Set(
        (notices?.data.notifications ?? []).flatMap((n) =>
          n.kind === 'paid_by_other' && n.readAt === null ? [n.payment.orderId] : []
        )
      ),
    [notices]
  )
  const cards = sources.data ? homeOutcomes(sources.data, todayShanghai(), told) : []
  if (cards.length === 0) return null
  return (
    <View className='home-outcomes' ariaRole='region' ariaLabel='县里有结果了'>
      {cards.map((c) => (
        <View key={c.key} className={`card home-outcome home-outcome--${c.tone}`}>
          <Text className='home-outcome__text'>{c.text}</Text>
          <Button
            className={`btn home-outcome__go${c.tone === 'todo' ? ' btn-primary' : ''}`}
            onClick={() => Taro.navigateTo({ url: c.url })}
          >
            {c.button}
          </Button>
        </View>
      ))}
    </View>
  )
}
