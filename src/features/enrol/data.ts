// County data the enrol pages read, each with its offline cache (shown at once, refreshed).
import { useCallback } from 'react'
import { householdTopic } from '@/services/county-changes'
import { useCountyData } from '@/services/use-county-data'
import { useActiveLink, useSession } from '@/features/session/store'
import { useHousehold as useSessionHousehold } from '@/features/session/household'
import * as api from './api'
import { applicationCache, applicationsCache, policyCache } from './store'

export function useHouseholdId(): string | null {
  return useActiveLink()?.householdId ?? null
}

/** The active household, from the one copy the session keeps. */
export function useHousehold() {
  return useSessionHousehold(useHouseholdId())
}

export function useApplications() {
  const owner = useSession((s) => s.userId)
  const householdId = useHouseholdId()
  const load = useCallback(() => api.listApplications(householdId ?? ''), [householdId])
  const topics = householdId ? [householdTopic(householdId)] : undefined
  return useCountyData({ cache: applicationsCache, owner, cacheKey: householdId, load, topics })
}

export function useApplication(applicationId: string | null) {
  const owner = useSession((s) => s.userId)
  const load = useCallback(() => api.getApplication(applicationId ?? ''), [applicationId])
  const householdId = useHouseholdId()
  const topics = householdId ? [householdTopic(householdId)] : undefined
  return useCountyData({ cache: applicationCache, owner, cacheKey: applicationId, load, topics })
}

export function usePolicy(regionCode: string | null) {
  const owner = useSession((s) => s.userId)
  const load = useCallback(() => api.loadPolicy(regionCode ?? ''), [regionCode])
  return useCountyData({ cache: policyCache, owner, cacheKey: regionCode, load })
}
