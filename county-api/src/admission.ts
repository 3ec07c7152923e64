// Admission control: at most ADMISSION_RATE new payment orders a county (the household's
// region_code) is admitted, so a deadline-day rush waits on the phones (the app counts down and
// retries by itself) instead of queueing inside the server until every answer is late.
// Only creating an order is admitted here: it starts the flow's heavy part (the quote worked
// out again, the writes, then the payment provider). A replay of an admitted order's key is
// never refused, and starting the payment of an order that exists is not counted, so a
// household that got in keeps its place. The quote is a read the app keeps a copy of.
// A token bucket in memory, per process: with COUNTY_API_WORKERS=N each worker admits its share
// (rate / N; node:cluster deals the connections round robin, so the county gets the rate). Behind
// another load balancer with several machines, ADMISSION_RATE is set per machine. (Not in the
// database on purpose: a shared bucket is one hot row every new order of the county would wait on.)
import type { AdmissionRate } from './config/kinds'
import { ADMISSION_WINDOW_MS } from './config/kinds'

export type Admitted = { ok: true } | { ok: false; retryAfterMs: number }

export interface Admission {
  /** Takes one place for a new payment flow of the county at `now`, or says how long until one is free. */
  admit(county: string, now: number): Admitted
}

/** No limit (development without ADMISSION_RATE). */
export const admitAll: Admission = { admit: () => ({ ok: true }) }

/**
 * A token bucket per county: it holds at most `count` places (a burst of one window's worth)
 * and gets them back at `count` per window. The clock is the county's (tests move it).
 */
export function tokenBucket(rate: AdmissionRate): Admission {
  const capacity = rate.count
  const perMs = rate.count / ADMISSION_WINDOW_MS[rate.per]
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    admit(county, now) {
      const b = buckets.get(county) ?? { tokens: capacity, at: now }
      // (a clock moved back refills nothing, then or later)
      b.tokens = Math.min(capacity, b.tokens + Math.max(0, now - b.at) * perMs)
      b.at = Math.max(b.at, now)
      buckets.set(county, b)
      if (b.tokens >= 1) {
        b.tokens -= 1
        return { ok: true }
      }
      return { ok: false, retryAfterMs: (1 - b.tokens) / perMs }
    }
  }
}

/** The county's rate shared among `workers` processes of this machine (each keeps at least one place a window). */
export function makeAdmission(rate: AdmissionRate | null, workers = 1): Admission {
  if (!rate) return admitAll
  return tokenBucket(workers > 1 ? { ...rate, count: Math.max(1, Math.floor(rate.count / workers)) } : rate)
}
