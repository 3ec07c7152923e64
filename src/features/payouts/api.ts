// County calls and offline caches of the payouts feature. Every read goes through
// useCountyData with one of these caches, so the claims open on the last saved copy.
import type { Claim, ClaimList, Household } from '@/contract'
import { createUserCache } from '@/services/cache'
import { call } from '@/services/county-client'
import { maskPerson } from '@/shared/mask'

function scrubHousehold(h: Household): Household {
  return { ...h, members: h.members.map((m) => (m.idNumberMasked ? m : maskPerson(m))) }
}

/** key: `${personId}:${year}` */
export const claimListCache = createUserCache<ClaimList>({ name: 'payouts.lists', version: 1, maxEntries: 40 })
/** key: claimId */
export const claimCache = createUserCache<Claim>({ name: 'payouts.claims', version: 1, maxEntries: 40 })
/** key: householdId — members to choose from (ID numbers masked before storage) */
export const claimsHouseholdCache = createUserCache<Household>({
  name: 'payouts.household',
  version: 1,
  maxEntries: 5,
  scrub: scrubHousehold
})

export const listKey = (personId: string, year: number) => `${personId}:${year}`

export const loadClaimList = (personId: string, year: number) =>
  call('listClaims', { params: { personId }, query: { year } })
export const loadClaim = (claimId: string) => call('getClaim', { params: { claimId } })
export const loadHousehold = (householdId: string) => call('getHousehold', { params: { householdId } })
