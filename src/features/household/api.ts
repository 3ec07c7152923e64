// What the home tab reads besides the household (src/features/session/household.ts).
import type { Quote } from '@/contract'
import { createUserCache } from '@/services/cache'
import { call } from '@/services/county-client'

/** Next year's quote: only its collection period and total are shown on home. key: `${householdId}:${year}` */
export const quoteCache = createUserCache<Quote>({ name: 'home-quote', version: 1, maxEntries: 10 })
export const loadQuote = (householdId: string, year: number) =>
  call('getQuote', { params: { householdId }, query: { year } })
