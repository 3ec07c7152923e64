// Background work: expire stale orders and grants, purge ended sessions and old one-time-code
// counts, redeliver the simulated provider's notifies, re-match orders left paid (crash between
// notify and enrolment) or unmatched, ask the provider about late notifies and close expired
// orders there, follow refunds, reconcile yesterday with the provider's bill, send the subscribe
// messages that are due (messages/outbox.ts; the head's on a new binding, messages/binding-message.ts),
// and once a day enrol the members a department pays for in full (资助参保).
import type { Ctx } from './context'
import { releaseLease, takeLease } from './job-lease'
import { purgeRateCounts } from './shared-limits'
import { expireStale } from './pay/orders'
import { rematchPending } from './pay/notify'
import { fundedEnrolmentJob } from './pay/funded'
import { purgeExpired } from './auth'
import { expireGrants } from './grants'
import { syncWithProvider } from './pay/provider-sync'
import { followRefunds } from './pay/refunds'
import { reconcileIfDue } from './pay/reconcile'
import { runMessages } from './messages/outbox'
import { queueBindingMessages } from './messages/binding-message'

/** A step that needs the provider: a failure is logged and tried again next round, the others still run. */
async function withProvider(ctx: Ctx, what: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step()
  } catch (e) {
    ctx.log.warn({ err: { message: String((e as Error).message) } }, `${what}: provider not reachable; next round`)
  }
}

async function runRecovery(ctx: Ctx): Promise<void> {
  await expireStale(ctx)
  await expireGrants(ctx)
  await purgeExpired(ctx)
  // (wall clock: the windows are counted on it; the longest is a day)
  await purgeRateCounts(ctx.db, Date.now() - 86_400_000)
  await rematchPending(ctx)
  // A negative delay means "the provider never retries by itself" (tests stop between payment and notify).
  if (ctx.config.simNotifyDelayMs >= 0) await ctx.payments.deliverPending()
  await withProvider(ctx, 'late notifies', () => syncWithProvider(ctx))
  await withProvider(ctx, 'refunds', () => followRefunds(ctx))
  await withProvider(ctx, 'reconciliation', () => reconcileIfDue(ctx))
  await withProvider(ctx, 'subscribe messages', async () => {
    await queueBindingMessages(ctx)
    return runMessages(ctx)
  })
}

export interface BackgroundJobs {
  /** resolves once a running pass has finished; no pass starts after it */
  stop: () => Promise<void>
  /** one whole pass now, after the running one (tests, through TEST_HOOKS: no waiting for the timer) */
  runOnce: () => Promise<void>
}

const LEASE = 'background-jobs'

/**
 * Starts the periodic job. Every process runs the timer; a pass runs where the lease is held
 * (job-lease.ts: several processes, one pass at a time; a dead holder's lease runs out after
 * three periods, wall clock).
 */
export function startBackgroundJobs(ctx: Ctx, everyMs = 5000, fundedDoneOn: string | null = null): BackgroundJobs {
  let current: Promise<void> | null = null
  let stopped = false
  const funded = fundedEnrolmentJob(ctx, fundedDoneOn)
  const pass = async () => {
    if (!(await takeLease(ctx.db, LEASE, Date.now(), Math.max(3 * everyMs, 15_000)))) return
    await runRecovery(ctx)
    await funded()
  }
  const tick = () => {
    if (current || stopped) return
    current = pass()
      .catch((e: unknown) => ctx.log.error({ err: e }, 'background job failed'))
      .finally(() => {
        current = null
      })
  }
  const first = setImmediate(tick) // right after start: whatever a crash left behind
  const timer = setInterval(tick, everyMs)
  timer.unref()
  return {
    async stop() {
      stopped = true
      clearImmediate(first)
      clearInterval(timer)
      if (current) await current
      // another process may take over at once
      await releaseLease(ctx.db, LEASE).catch((e: unknown) => ctx.log.warn({ err: e }, 'job lease not released'))
    },
    async runOnce() {
      // a pass already running may have read the clock before the test moved it: wait, then one more
      while (current) await current
      tick()
      if (current) await current
    }
  }
}
