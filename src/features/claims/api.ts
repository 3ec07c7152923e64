// County calls and offline caches of the claims feature. Every read goes through
// useCountyData with one of these caches, so the 报销 screens open on the last saved copy.
// Storage names (payouts.*, estimator.*, institutions.*) are kept from before the claims
// feature was one folder, so phones keep what they saved. The household is the session's
// (src/features/session/household.ts), one copy for every tab.
import type { Claim, ClaimList, PolicyEnvelope } from '@/contract'
import { createUserCache } from '@/services/cache'
import { call, type RouteData } from '@/services/county-client'

/** key: `${personId}:${year}` */
// v2: lists carry the county's year summary (older copies without it are dropped)
export const claimListCache = createUserCache<ClaimList>({ name: 'payouts.lists', version: 2, maxEntries: 40 })
/** key: claimId. v2: a claim names its patient (older copies without the name are dropped) */
export const claimCache = createUserCache<Claim>({ name: 'payouts.claims', version: 2, maxEntries: 40 })

export const listKey = (personId: string, year: number) => `${personId}:${year}`

export const loadClaimList = (personId: string, year: number) =>
  call('listClaims', { params: { personId }, query: { year } })
export const loadClaim = (claimId: string) => call('getClaim', { params: { claimId } })

/**
 * The county's policy document, cached so estimates work offline: the same document it settles
 * claims with (calculator format). key: region code
 */
export const policyCache = createUserCache<PolicyEnvelope>({ name: 'estimator.policy', version: 1, maxEntries: 3 })
export const loadPolicy = (region: string, date: string) => call('getPolicy', { query: { region, date } })

export type InstitutionList = RouteData<'listInstitutions'>

/**
 * Designated institutions: the whole list is read once and kept on the phone, so search by
 * township, level and name works offline. key: 'all'; owner is the signed-in user or 'guest'
 * (the list is public).
 */
export const institutionsCache = createUserCache<InstitutionList>({
  name: 'institutions.list',
  version: 1,
  maxEntries: 2
})
export const loadInstitutions = () => call('listInstitutions', { query: {} })
