// County data the enrol pages read, each with its offline cache (shown at once, refreshed).
import { useCallback } from 'react'
import { useCountyData } from '@/services/use-county-data'
import { useActiveLink, useSession } from '@/features/session/store'
import * as api from './api'
import { applicationCache, applicationsCache, householdCache, policyCache } from './store'

export function useHouseholdId(): string | null {
  return useActiveLink()?.householdId ?? null
}

export function useHousehold() {
  const owner = useSession((s) => s.userId)
  const householdId = useHouseholdId()
  const load = useCallback(() => api.loadHousehold(householdId ?? ''), [householdId])
  return useCountyData({ cache: householdCache, owner, cacheKey: householdId, load })
}

export function useApplications() {
  const owner = useSession((s) => s.userId)
  const householdId = useHouseholdId()
  const load = useCallback(() => api.listApplications(householdId ?? ''), [householdId])
  return useCountyData({ cache: applicationsCache, owner, cacheKey: householdId, load })
}

export function useApplication(applicationId: string | null) {
  const owner = useSession((s) => s.userId)
  const load = useCallback(() => api.getApplication(applicationId ?? ''), [applicationId])
  return useCountyData({ cache: applicationCache, owner, cacheKey: applicationId, load })
}

export function usePolicy(regionCode: string | null) {
  const owner = useSession((s) => s.userId)
  const load = useCallback(() => api.loadPolicy(regionCode ?? ''), [regionCode])
  return useCountyData({ cache: policyCache, owner, cacheKey: regionCode, load })
}
