// The county's policy document, cached on the phone so estimates work offline. The
// county sends the same document it settles claims with (calculator format).
import type { PolicyEnvelope } from '@/contract'
import { createUserCache } from '@/services/cache'
import { call } from '@/services/county-client'

/** key: region code */
export const estimatorPolicyCache = createUserCache<PolicyEnvelope>({
  name: 'estimator.policy',
  version: 1,
  maxEntries: 3
})
export const loadPolicy = (region: string, date: string) => call('getPolicy', { query: { region, date } })
