// Designated institutions: the whole list is read once and kept on the phone, so search
// by township, level and name works offline.
import { createUserCache } from '@/services/cache'
import { call, type RouteData } from '@/services/county-client'

export type InstitutionList = RouteData<'listInstitutions'>

/** key: 'all'. Owner is the signed-in user or 'guest' (the list is public). */
export const institutionsCache = createUserCache<InstitutionList>({
  name: 'institutions.list',
  version: 1,
  maxEntries: 2
})
export const loadInstitutions = () => call('listInstitutions', { query: {} })
