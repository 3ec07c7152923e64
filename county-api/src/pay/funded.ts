// 资助参保: 民政、残联、退役军人事务部门 pay the whole personal share for the people they cover
// (特困/五保、重度残疾、优抚 in the demo policy), in one batch to the county, whatever the household
// does. So once a year's collection window is open such a member is enrolled, with that payer and
// nothing charged to the household; the household's quote then lists them as already enrolled.
// Before this, a member like that stayed 未缴费 until the household paid for someone else, and a
// household of only such members could never be enrolled at all (nothing to pay, so no order).
import type { Ctx } from '../context'
import { inTx, sqliteHandle } from '../db'
import { isoDate } from '../clock'
import { ApiFailure } from '../errors'
import { computeQuote, defaultYear } from './quote'

/** Enrols the fully funded members for `year` (default: the year being collected). Returns how many. */
export async function enrolFundedMembers(ctx: Ctx, year = defaultYear(ctx)): Promise<number> {
  // households with someone who has no record for the year (or only an unpaid one, e.g. a newborn's)
  const households = await ctx.db.all<{ id: string }>(
    `SELECT DISTINCT p.household_id AS id FROM persons p
    LEFT JOIN enrolments e ON e.person_id = p.id AND e.year = ?
    WHERE e.person_id IS NULL OR e.status = 'unpaid' ORDER BY p.household_id`,
    year
  )
  // dates as a paid order records them: the year from 1 January, benefits from the end of any wait
  const insert = `INSERT INTO enrolments (person_id, year, status, payer, amount_fen, coverage_start, coverage_end, waiting_end, order_id)
    VALUES (?, ?, 'enrolled', ?, 0, ?, ?, ?, NULL)
    ON CONFLICT (person_id, year) DO UPDATE SET status = 'enrolled', payer = excluded.payer, amount_fen = 0,
      coverage_start = excluded.coverage_start, coverage_end = excluded.coverage_end, waiting_end = excluded.waiting_end, order_id = NULL
    WHERE enrolments.status = 'unpaid'`
  let enrolled = 0
  let failed = 0
  let firstFailure: string | undefined
  // in chunks of 200 households: the daily run never holds the write lock for the whole county
  for (let i = 0; i < households.length; i += 200)
    await inTx(ctx, async (ctx) => {
      for (const h of households.slice(i, i + 200)) {
        // a savepoint per household: one the calculator refuses leaves the others enrolled
        await inTx(ctx, async (ctx) => {
          let quote
          try {
            // with the steps, as the quote screen asks: thousands of step-less quotes at start-up left V8's
            // code shaped for those, and every later quote 17% slower (bench:api, 3.0 → 3.5 ms a flow)
            quote = (await computeQuote(ctx, h.id, year, { steps: true })).quote
          } catch (e) {
            // no policy for the year yet, or a household the calculator refuses: nothing to batch
            failed++
            firstFailure ??= e instanceof ApiFailure ? e.code : String(e)
            return
          }
          // only inside the window: a late batch would carry a waiting period the county decides on
          if (quote.collectionClosed || quote.issues.some((issue) => issue.code === 'OUTSIDE_COLLECTION')) return
          for (const l of quote.lines) {
            if (l.dueFen !== 0 || l.payer === 'self' || l.benefitStart > l.benefitEnd) continue
            const jan1 = `${year}-01-01`
            enrolled += (
              await ctx.db.run(
                insert,
                l.personId,
                year,
                l.payer,
                jan1,
                l.benefitEnd,
                l.benefitStart > jan1 ? l.benefitStart : null
              )
            ).changes
          }
        })
      }
    })
  // (SQLite: the WAL the batch grew is folded back into the file now, not at some later commit)
  const raw = sqliteHandle(ctx.db)
  if (enrolled && raw) raw.pragma('wal_checkpoint(TRUNCATE)')
  if (enrolled) ctx.log.info({ year, enrolled }, 'funded members enrolled (资助参保)')
  if (failed)
    ctx.log.warn({ year, households: failed, firstFailure }, 'funded enrolment skipped households it could not quote')
  return enrolled
}

/**
 * Runs the batch once per county day (the background job asks every few seconds); a batch that
 * failed is tried again ten minutes later. `doneOn`: the day already done (the server runs the
 * batch once before it listens).
 */
export function fundedEnrolmentJob(ctx: Ctx, doneOn: string | null): () => Promise<void> {
  let lastDay = doneOn
  let failedAt = -Infinity
  return async () => {
    const now = ctx.clock.now()
    const day = isoDate(now)
    if (day === lastDay || now - failedAt < 10 * 60_000) return
    try {
      await enrolFundedMembers(ctx)
      lastDay = day
    } catch (e) {
      failedAt = now
      throw e // the job runner logs it
    }
  }
}

/** The first batch, before the server listens: a failure is logged, not fatal (the job tries again). */
export async function enrolFundedAtStart(ctx: Ctx): Promise<string | null> {
  try {
    await enrolFundedMembers(ctx)
    return isoDate(ctx.clock.now())
  } catch (e) {
    ctx.log.error({ err: e }, 'funded enrolment at start failed; the background job tries again')
    return null
  }
}
