// What the claims subpackage pages share: the member on screen (from the household the
// session keeps), the county's policy document (cached for offline estimates)
// and the designated institutions list.
import Taro from '@tarojs/taro'
import { useSession } from '@/features/session/store'
import { useHousehold } from '@/features/session/household'
import { useCountyData } from '@/services/use-county-data'
import { currentYear, todayShanghai } from '@/services/time'
import {
  claimListCache,
  listKey,
  loadClaimList,
  policyCache,
  loadPolicy,
  institutionsCache,
  loadInstitutions
} from './api'

export function routeParam(name: string): string | null {
  const v = Taro.getCurrentInstance()?.router?.params?.[name]
  return typeof v === 'string' && v !== '' ? decodeURIComponent(v) : null
}

export function useMemberAndPolicy(personIdParam: string | null) {
  const userId = useSession((s) => s.userId)
  const householdId = useSession((s) => s.activeHouseholdId)
  const myPersonId = useSession((s) => s.me?.personId ?? null)
  const hh = useHousehold(householdId)
  const members = hh.data?.members ?? []
  const member =
    members.find((m) => m.personId === personIdParam) ?? members.find((m) => m.personId === myPersonId) ?? members[0]
  const year = currentYear()
  const list = useCountyData({
    cache: claimListCache,
    owner: userId,
    cacheKey: member ? listKey(member.personId, year) : null,
    load: () => loadClaimList(member!.personId, year)
  })
  const region = hh.data?.regionCode ?? null
  const policy = useCountyData({
    cache: policyCache,
    owner: userId,
    cacheKey: region,
    load: () => loadPolicy(region as string, todayShanghai())
  })
  return { userId, household: hh, member, list, policy, year }
}

export function useInstitutions() {
  const userId = useSession((s) => s.userId)
  return useCountyData({ cache: institutionsCache, owner: userId ?? 'guest', cacheKey: 'all', load: loadInstitutions })
}
