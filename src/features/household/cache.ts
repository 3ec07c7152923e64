// The household last read from the county, per user and household, for offline start.
// Full ID numbers and phones are masked before the copy is written to the phone.
import type { Household, Quote } from '@/contract'
import { createUserCache } from '@/services/cache'
import { maskPerson } from '@/shared/mask'

export function scrubHousehold(h: Household): Household {
  return {
    ...h,
    members: h.members.map(maskPerson)
  }
}

export const householdCache = createUserCache<Household>({
  name: 'household',
  version: 1,
  scrub: scrubHousehold,
  maxEntries: 10
})

/** Next year's quote: only its collection period and total are shown on home. */
export const quoteCache = createUserCache<Quote>({ name: 'home-quote', version: 1, maxEntries: 10 })
