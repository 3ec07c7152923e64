import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openTestDb } from '../testing/test-db'
import { makeClock } from '../clock'
import { configFromEnv } from '../config'
import { makeLogger } from '../log'
import { calculator } from '../ports/shared-calculator'
import { seedDemo } from '../seed'
import type { Ctx } from '../context'
import { enrolFundedMembers, fundedEnrolmentJob } from './funded'
import { quoteView } from './quote'

async function seededCtx(now: string): Promise<Ctx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'funded-test-'))
  const db = await openTestDb(path.join(dir, 'c.sqlite'))
  const ctx = {
    db,
    clock: makeClock(Date.parse(now)),
    calc: calculator,
    config: configFromEnv({} as NodeJS.ProcessEnv),
    log: makeLogger('silent')
  } as unknown as Ctx
  await seedDemo(ctx, { households: 60 })
  return ctx
}

type Row = {
  id: string
  household_id: string
  categories: string
  status: string | null
  payer: string | null
  amount_fen: number | null
  coverage_start: string | null
  waiting_end: string | null
  order_id: string | null
}
const people = async (ctx: Ctx, year: number) =>
  await ctx.db.all<Row>(
    `SELECT p.id, p.household_id, p.categories, e.status, e.payer, e.amount_fen, e.coverage_start, e.waiting_end, e.order_id
  FROM persons p LEFT JOIN enrolments e ON e.person_id = p.id AND e.year = ? ORDER BY p.id`,
    year
  )
// 五保/特困: the demo policy has 民政 pay the whole personal share
const fullyFunded = (r: Row) => /"(wubao|tekun)"/.test(r.categories)

describe('资助参保: members a department pays for in full', () => {
  it('are enrolled for the year being collected, paid by that department, nothing charged and no order', async () => {
    const ctx = await seededCtx('2026-11-20T10:00:00+08:00')
    const before = (await people(ctx, 2027)).filter((r) => fullyFunded(r) && r.status === null)
    expect(before.length).toBeGreaterThan(0) // the seed leaves some for the batch

    expect(await enrolFundedMembers(ctx)).toBeGreaterThanOrEqual(before.length)
    const after = new Map((await people(ctx, 2027)).map((r) => [r.id, r]))
    for (const r of before) {
      expect(after.get(r.id)).toMatchObject({
        status: 'enrolled',
        payer: 'civil_affairs',
        amount_fen: 0,
        coverage_start: '2027-01-01',
        waiting_end: null,
        order_id: null
      })
    }
    // nobody who pays a share themself was touched
    for (const r of after.values())
      if (r.status === 'enrolled' && r.order_id === null && r.payer === 'self')
        throw new Error(`${r.id} enrolled without an order`)
    // the household's quote lists them as enrolled, and does not charge for them
    const q = await quoteView(ctx, before[0].household_id, 2027)
    expect(q.lines.find((l) => l.personId === before[0].id)).toMatchObject({
      alreadyEnrolled: true,
      payer: 'civil_affairs',
      due: '0.00'
    })
    // once only
    expect(await enrolFundedMembers(ctx)).toBe(0)
  })

  it("outside the collection window nothing is batched (a late batch is the county's call)", async () => {
    const ctx = await seededCtx('2027-02-15T10:00:00+08:00')
    const count = async () => (await people(ctx, 2027)).filter((r) => r.status === 'enrolled').length
    const n = await count()
    expect(await enrolFundedMembers(ctx, 2027)).toBe(0)
    expect(await count()).toBe(n)
  })

  it('the daily job runs once a county day', async () => {
    const ctx = await seededCtx('2026-11-20T10:00:00+08:00')
    const job = fundedEnrolmentJob(ctx, '2026-11-20')
    await job() // same day as start: already done by the server before it listened
    expect((await people(ctx, 2027)).some((r) => fullyFunded(r) && r.status === null)).toBe(true)
    ctx.clock.set(Date.parse('2026-11-21T08:00:00+08:00'))
    await job()
    expect((await people(ctx, 2027)).some((r) => fullyFunded(r) && r.status === null)).toBe(false)
  })

  it('a job whose start-up batch did not run (or failed) runs at its first tick', async () => {
    const ctx = await seededCtx('2026-11-20T10:00:00+08:00')
    await fundedEnrolmentJob(ctx, null)()
    expect((await people(ctx, 2027)).some((r) => fullyFunded(r) && r.status === null)).toBe(false)
  })
})
