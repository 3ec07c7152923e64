// One state, every screen: when something changes at the county (a payment confirmed, an
// application decided, a grant given or taken back), every screen showing data about it asks
// the county again at once — home, 缴费, the application's progress, receipts — so no tab keeps
// telling the old story until the app is restarted.
//
// A topic names what the data is about: `household:<id>` for everything of one household (its
// members and their cover, its quote, orders, applications, notifications). Screens read county
// data through useCountyData with their topics: a change announced there reloads them, and a
// fresh answer that differs from the saved copy is announced to the others (someone else paid,
// the county decided), so one screen noticing is enough for all.
import { useEffect, useState } from 'react'

type Listener = (source: object | undefined) => void
const listeners = new Map<string, Set<Listener>>()

export const householdTopic = (householdId: string) => `household:${householdId}`

/** Tells every screen listening on these topics that the county's data changed. */
export function announceChange(topics: readonly string[], source?: object): void {
  const called = new Set<Listener>()
  for (const t of topics)
    for (const fn of Array.from(listeners.get(t) ?? [])) {
      if (called.has(fn)) continue
      called.add(fn)
      try {
        fn(source)
      } catch (e) {
        console.warn('reload after a county change failed', e)
      }
    }
}

/** Calls `fn` on each change announced on any of `topics`; returns the unsubscribe. */
export function onCountyChange(topics: readonly string[], fn: Listener): () => void {
  for (const t of topics) {
    if (!listeners.has(t)) listeners.set(t, new Set())
    listeners.get(t)!.add(fn)
  }
  return () => {
    for (const t of topics) listeners.get(t)?.delete(fn)
  }
}

/** A number that goes up with each change on `topics` (for screens that load without useCountyData). */
export function useCountyChanges(topics: readonly string[]): number {
  const [n, setN] = useState(0)
  const key = topics.join('|')
  useEffect(() => (key ? onCountyChange(key.split('|'), () => setN((x) => x + 1)) : undefined), [key])
  return n
}

/** Tests only. */
export function resetCountyChangesForTests(): void {
  listeners.clear()
}
