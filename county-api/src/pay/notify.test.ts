import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openTestDb } from '../testing/test-db'
import { isoTime, makeClock } from '../clock'
import { configFromEnv } from '../config'
import { makeLogger } from '../log'
import { calculator } from '../ports/shared-calculator'
import { seedDemo } from '../seed'
import { admitAll } from '../admission'
import type { Ctx } from '../context'
import type { OrderRow, UserRow } from '../db/rows'
import { createOrder, startPaying } from './orders'
import { acceptPayment, rematchPending } from './notify'

async function seededCtx(): Promise<Ctx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-test-'))
  const ctx = {
    db: await openTestDb(path.join(dir, 'c.sqlite')),
    clock: makeClock(Date.parse('2026-11-20T10:00:00+08:00')),
    calc: calculator,
    config: configFromEnv({} as NodeJS.ProcessEnv),
    log: makeLogger('silent'),
    admission: admitAll
  } as unknown as Ctx
  await seedDemo(ctx, { households: 30, claims: 0 })
  return ctx
}

/** An order being paid for 2027 by the head of a household that owes something. */
async function orderBeingPaid(ctx: Ctx): Promise<OrderRow> {
  const heads = await ctx.db.all<{
    household_id: string
    head_person_id: string
  }>(`SELECT h.id AS household_id, h.head_person_id FROM households h WHERE h.id > 'hh_0010'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = h.head_person_id) ORDER BY h.id`)
  for (const [i, h] of heads.entries()) {
    const user: UserRow = {
      id: `u_test_${i}`,
      role: 'villager',
      openid: null,
      phone: null,
      person_id: h.head_person_id,
      display_name: '微信用户'
    }
    await ctx.db.run(
      `INSERT INTO users (id, role, person_id, display_name, created_at) VALUES (?, 'villager', ?, ?, 0)`,
      user.id,
      user.person_id,
      user.display_name
    )
    try {
      const { order } = await createOrder(
        ctx,
        user,
        { householdId: h.household_id, year: 2027, channel: 'h5' },
        `key-${i}-abc`
      )
      return await startPaying(ctx, order)
    } catch {
      // owes nothing (paid for by a department, or already enrolled): the next household
    }
  }
  throw new Error('no household owes anything')
}

test('money whose matching fails is still on the order (paid, with the transaction), then matched by the retry job', async () => {
  const ctx = await seededCtx()
  const order = await orderBeingPaid(ctx)
  const row = async () => (await ctx.db.get<OrderRow>('SELECT * FROM orders WHERE id = ?', order.id))!
  // matching breaks: enrolling anyone fails
  await ctx.db.exec(
    ctx.db.engine === 'postgres'
      ? `CREATE FUNCTION broken() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'broken'; END $$;
         CREATE TRIGGER enrolments_broken BEFORE INSERT OR UPDATE ON enrolments FOR EACH ROW EXECUTE FUNCTION broken();`
      : `CREATE TEMP TRIGGER enrolments_broken BEFORE INSERT ON enrolments BEGIN SELECT RAISE(ABORT, 'broken'); END`
  )
  const paidAt = ctx.clock.now()
  await acceptPayment(ctx, {
    notifyId: 'n_test_1',
    orderId: order.id,
    transactionId: 'wx_test_1',
    result: 'SUCCESS',
    amountFen: order.amount_fen,
    paidAt: isoTime(paidAt)
  })
  expect(await row()).toMatchObject({
    status: 'paid',
    transaction_id: 'wx_test_1',
    paid_at: paidAt,
    receipt_number: null
  })
  expect((await row()).provider_done_at).not.toBeNull()
  expect(await ctx.db.get('SELECT COUNT(*) AS n FROM enrolments WHERE order_id = ?', order.id)).toEqual({ n: 0 })

  await ctx.db.exec(`DROP TRIGGER enrolments_broken${ctx.db.engine === 'postgres' ? ' ON enrolments' : ''}`)
  expect(await rematchPending(ctx)).toBe(1)
  expect(await row()).toMatchObject({ status: 'confirmed', transaction_id: 'wx_test_1', paid_at: paidAt })
  expect((await row()).receipt_number).toMatch(/^\d{6}-2027-\d{8}$/)
  const persons = JSON.parse(order.persons) as unknown[]
  expect(await ctx.db.get('SELECT COUNT(*) AS n FROM enrolments WHERE order_id = ?', order.id)).toEqual({
    n: persons.length
  })
  await ctx.db.close()
})

test('money matched at once is written on the order with the match, in one write of the row', async () => {
  const ctx = await seededCtx()
  const order = await orderBeingPaid(ctx)
  const paidAt = ctx.clock.now()
  await acceptPayment(ctx, {
    notifyId: 'n_test_2',
    orderId: order.id,
    transactionId: 'wx_test_2',
    result: 'SUCCESS',
    amountFen: order.amount_fen,
    paidAt: isoTime(paidAt)
  })
  const o = (await ctx.db.get<OrderRow>('SELECT * FROM orders WHERE id = ?', order.id))!
  expect(o).toMatchObject({ status: 'confirmed', transaction_id: 'wx_test_2', paid_at: paidAt, match_attempts: 1 })
  expect((o as OrderRow & { provider_done_at: number | null }).provider_done_at).not.toBeNull()
  await ctx.db.close()
})
