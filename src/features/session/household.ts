// The household on screen as last read from the county: one offline copy, per user and
// household, for every screen that shows it (参保 home, 报销 member choice, 在线办理). It sits
// with the session, which knows the active household and asks for it first at start-up, and is
// the one feature every other may import. ID numbers and phones are masked before the copy is
// written to the phone.
import { useCallback } from 'react'
import type { Household } from '@/contract'
import { createUserCache } from '@/services/cache'
import { householdTopic } from '@/services/county-changes'
import { call } from '@/services/county-client'
import { taroStorage } from '@/services/storage'
import { useCountyData } from '@/services/use-county-data'
import { maskPerson } from '@/shared/mask'
import { useSession } from './store'

function scrubHousehold(h: Household): Household {
  return { ...h, members: h.members.map(maskPerson) }
}

/** key: householdId */
export const householdCache = createUserCache<Household>({
  name: 'household',
  version: 1,
  scrub: scrubHousehold,
  maxEntries: 10
})

// The same household was kept twice more before (claims and enrol had their own copies):
// those copies are removed from the phone, so nothing stays behind after sign-out.
for (const retired of ['xqyb.cache.payouts.household', 'xqyb.cache.enrol.household']) taroStorage.removeItem(retired)

const loadHousehold = (householdId: string) => call('getHousehold', { params: { householdId } })

/** A household (null: none to read): the saved copy at once, the county's answer when it comes. */
export function useHousehold(householdId: string | null) {
  const owner = useSession((s) => s.userId)
  const load = useCallback(() => loadHousehold(householdId ?? ''), [householdId])
  const topics = householdId ? [householdTopic(householdId)] : undefined
  return useCountyData({ cache: householdCache, owner, cacheKey: householdId, load, topics })
}
