import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDb } from '../db'
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

function seededCtx(): Ctx {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-test-'))
  const ctx = {
    db: openDb(path.join(dir, 'c.sqlite')),
    clock: makeClock(Date.parse('2026-11-20T10:00:00+08:00')),
    calc: calculator,
    config: configFromEnv({} as NodeJS.ProcessEnv),
    log: makeLogger('silent'),
    admission: admitAll
  } as unknown as Ctx
  seedDemo(ctx, { households: 30, claims: 0 })
  return ctx
}

/** An order being paid for 2027 by the head of a household that owes something. */
function orderBeingPaid(ctx: Ctx): OrderRow {
  const heads = ctx.db
    .prepare(
      `SELECT h.id AS household_id, h.head_person_id FROM households h WHERE h.id > 'hh_0010'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = h.head_person_id) ORDER BY h.id`
    )
    .all() as { household_id: string; head_person_id: string }[]
  for (const [i, h] of heads.entries()) {
    const user: UserRow = {
      id: `u_test_${i}`,
      role: 'villager',
      openid: null,
      phone: null,
      person_id: h.head_person_id,
      display_name: '微信用户'
    }
    ctx.db
      .prepare(`INSERT INTO users (id, role, person_id, display_name, created_at) VALUES (?, 'villager', ?, ?, 0)`)
      .run(user.id, user.person_id, user.display_name)
    try {
      const { order } = createOrder(
        ctx,
        user,
        { householdId: h.household_id, year: 2027, channel: 'h5' },
        `key-${i}-abc`
      )
      return startPaying(ctx, order)
    } catch {
      // owes nothing (paid for by a department, or already enrolled): the next household
    }
  }
  throw new Error('no household owes anything')
}

test('money whose matching fails is still on the order (paid, with the transaction), then matched by the retry job', () => {
  const ctx = seededCtx()
  const order = orderBeingPaid(ctx)
  const row = () => ctx.db.prepare('SELECT * FROM orders WHERE id = ?').get(order.id) as OrderRow
  // matching breaks: enrolling anyone fails
  ctx.db.exec(
    `CREATE TEMP TRIGGER enrolments_broken BEFORE INSERT ON enrolments BEGIN SELECT RAISE(ABORT, 'broken'); END`
  )
  const paidAt = ctx.clock.now()
  acceptPayment(ctx, {
    notifyId: 'n_test_1',
    orderId: order.id,
    transactionId: 'wx_test_1',
    result: 'SUCCESS',
    amountFen: order.amount_fen,
    paidAt: isoTime(paidAt)
  })
  expect(row()).toMatchObject({ status: 'paid', transaction_id: 'wx_test_1', paid_at: paidAt, receipt_number: null })
  expect(row().provider_done_at).not.toBeNull()
  expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM enrolments WHERE order_id = ?').get(order.id)).toEqual({ n: 0 })

  ctx.db.exec('DROP TRIGGER enrolments_broken')
  expect(rematchPending(ctx)).toBe(1)
  expect(row()).toMatchObject({ status: 'confirmed', transaction_id: 'wx_test_1', paid_at: paidAt })
  expect(row().receipt_number).toMatch(/^\d{6}-2027-\d{8}$/)
  const persons = JSON.parse(order.persons) as unknown[]
  expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM enrolments WHERE order_id = ?').get(order.id)).toEqual({
    n: persons.length
  })
  ctx.db.close()
})

test('money matched at once is written on the order with the match, in one write of the row', () => {
  const ctx = seededCtx()
  const order = orderBeingPaid(ctx)
  const paidAt = ctx.clock.now()
  acceptPayment(ctx, {
    notifyId: 'n_test_2',
    orderId: order.id,
    transactionId: 'wx_test_2',
    result: 'SUCCESS',
    amountFen: order.amount_fen,
    paidAt: isoTime(paidAt)
  })
  const o = ctx.db.prepare('SELECT * FROM orders WHERE id = ?').get(order.id) as OrderRow
  expect(o).toMatchObject({ status: 'confirmed', transaction_id: 'wx_test_2', paid_at: paidAt, match_attempts: 1 })
  expect((o as OrderRow & { provider_done_at: number | null }).provider_done_at).not.toBeNull()
  ctx.db.close()
})
