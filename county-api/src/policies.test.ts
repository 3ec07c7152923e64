import { openDb, inTx } from './db'
import { makeClock } from './clock'
import { configFromEnv } from './config'
import { makeLogger } from './log'
import { calculator } from './ports/shared-calculator'
import type { Ctx } from './context'
import { cachedSeries } from './policies'

test('the parsed policy series is read once per server, inside transactions too (each gets its own Ctx)', async () => {
  const db = openDb(':memory:')
  const ctx = {
    db,
    clock: makeClock(Date.parse('2026-10-01T10:00:00+08:00')),
    calc: calculator,
    config: configFromEnv({} as NodeJS.ProcessEnv),
    log: makeLogger('silent')
  } as unknown as Ctx
  const p = calculator.shippedPolicies()[0]
  await db.run(
    'INSERT INTO policies (region_code, version, effective_from, effective_to, document, etag) VALUES (?, ?, ?, ?, ?, ?)',
    p.regionCode,
    p.version,
    p.effectiveFrom,
    p.effectiveTo,
    JSON.stringify(p.document),
    'e1'
  )
  const first = await cachedSeries(ctx, p.regionCode)
  const before = db.counts().statements
  const inside = await inTx(ctx, async (t) => await cachedSeries(t, p.regionCode))
  expect(inside).toBe(first)
  expect(db.counts().statements).toBe(before) // no statement: from the cache
  await db.close()
})
