// Contribution orders: create (idempotent, one open order per household, year and payer, a limited
// number per account: nobody can block another's payment), who may see
// one, expiry, and starting the payment. The provider's notify and matching the money to
// enrolments are in notify.ts.
//   created → paying → paid → confirmed
//   created/paying → expired (TTL) | failed (provider says FAIL)
//   paid → paid_not_matched (money in, enrolment not recordable; retried, listed for reviewers)
import type { CreateOrderBody } from '../../../src/contract'
import type { Ctx } from '../context'
import type { EnrolmentRow, OrderPerson, OrderRow, Recorded, RecordedEnrolment, UserRow } from '../db/rows'
import { requireHousehold, relationTo } from '../access'
import { ApiFailure } from '../errors'
import { newId } from '../ids'
import { inTx } from '../db'
import { isUniqueViolation } from '../db/errors'
import { isoDate, isoTime } from '../clock'
import { requestHash, sameRequest } from '../idempotency'
import { checkIdNumber } from '../../../src/shared/id-number'
import { maskedPayerName, payerNameMasked } from '../views'
import { closedMessage, computeQuote, readQuoteInputs, type ClosedWindow } from './quote'
import { withinRate } from '../limits'
import { RATE_WINDOW_MS } from '../config/kinds'

export async function expireStale(ctx: Ctx, where?: { householdId: string; year: number }): Promise<number> {
  const now = ctx.clock.now()
  if (where) {
    return (
      await ctx.db.run(
        `UPDATE orders SET status = 'expired' WHERE household_id = ? AND year = ? AND status IN ('created', 'paying') AND expires_at <= ?`,
        where.householdId,
        where.year,
        now
      )
    ).changes
  }
  return (
    await ctx.db.run(
      `UPDATE orders SET status = 'expired' WHERE status IN ('created', 'paying') AND expires_at <= ?`,
      now
    )
  ).changes
}

export async function householdByIdNumber(ctx: Ctx, raw: string): Promise<string> {
  const id = checkIdNumber(raw)
  if (!id.ok) throw new ApiFailure('BAD_REQUEST', { field: 'idNumber', problem: id.problem }, '身份证号不正确，请核对')
  const row = await ctx.db.get<{ household_id: string }>(
    'SELECT household_id FROM persons WHERE id_number = ?',
    id.value
  )
  if (!row) throw new ApiFailure('NOT_FOUND', undefined, '没有找到这个身份证号的参保家庭')
  return row.household_id
}

type OpenOrder = Pick<OrderRow, 'id' | 'payer_user_id' | 'payer_name_masked' | 'created_at' | 'expires_at'>

/** Who started the open order and when (masked name), so the app can say 已由 张** 于 11月20日 发起缴费; its id only to its payer. */
async function openOrderExists(ctx: Ctx, user: UserRow, open: OpenOrder): Promise<ApiFailure> {
  return new ApiFailure('OPEN_ORDER_EXISTS', {
    ...(open.payer_user_id === user.id ? { orderId: open.id } : {}),
    startedByYou: open.payer_user_id === user.id,
    payerNameMasked: await payerNameMasked(ctx, open),
    startedAt: isoTime(open.created_at),
    expiresAt: isoTime(open.expires_at)
  })
}

function notInCollectionPeriod(ctx: Ctx, year: number, closed: ClosedWindow): ApiFailure {
  const details = {
    year,
    collectionPeriod: { start: closed.from, end: closed.to },
    today: isoDate(ctx.clock.now()),
    reason: closed.reason
  }
  return new ApiFailure('NOT_IN_COLLECTION_PERIOD', details, closedMessage(year, closed))
}

/** `namesVisible`: the payer is of the household or holds a grant on it (else names are masked). */
export async function createOrder(
  ctx: Ctx,
  user: UserRow,
  body: CreateOrderBody,
  idemKey: string
): Promise<{ order: OrderRow; created: boolean; namesVisible: boolean }> {
  let householdId: string
  let payerIsHousehold = false
  let namesVisible = true
  if (body.householdId) {
    const access = await requireHousehold(ctx, user, body.householdId, 'pay', 'create_order')
    householdId = body.householdId
    payerIsHousehold = access.relation !== 'grantee'
  } else if (body.payeeIdNumber) {
    householdId = await householdByIdNumber(ctx, body.payeeIdNumber)
    const rel = await relationTo(ctx, user, householdId)
    payerIsHousehold = rel?.relation === 'head' || rel?.relation === 'member'
    namesVisible = rel !== null
  } else {
    throw new ApiFailure('BAD_REQUEST', { field: 'householdId' }, '请选择要缴费的家庭')
  }
  const hash = requestHash([householdId, body.year, body.channel])
  // one open order per household, year and payer: nobody else's order can stand in the way of yours
  const openOrder = async () =>
    await ctx.db.get<OpenOrder>(
      `SELECT id, payer_user_id, payer_name_masked, created_at, expires_at FROM orders WHERE household_id = ? AND year = ? AND payer_user_id = ? AND status IN ('created', 'paying')`,
      householdId,
      body.year,
      user.id
    )

  const result = async () =>
    await inTx(ctx, async (ctx) => {
      const now = ctx.clock.now()
      // One read: the first order made with this key (a replay), the payer's orders within the
      // limit's window, and their open order for the household and year (at most one: orders_one_open).
      const seen = (await ctx.db.get<SeenOrders>(
        `SELECT o.*,
            (SELECT COUNT(*) FROM orders WHERE payer_user_id = @user AND created_at > @since) AS recent_n,
            (SELECT MIN(created_at) FROM orders WHERE payer_user_id = @user AND created_at > @since) AS recent_first,
            x.id AS open_id, x.payer_name_masked AS open_payer_name_masked, x.created_at AS open_created_at,
            x.expires_at AS open_expires_at
          FROM (SELECT 1 AS one) AS one LEFT JOIN orders o ON o.payer_user_id = @user AND o.idempotency_key = @key
            LEFT JOIN orders x ON x.household_id = @household AND x.year = @year AND x.payer_user_id = @user
              AND x.status IN ('created', 'paying')`,
        {
          user: user.id,
          key: idemKey,
          since: now - RATE_WINDOW_MS[ctx.config.orderLimit.per],
          household: householdId,
          year: body.year
        }
      ))!
      const { recent_n, recent_first, open_id, open_payer_name_masked, open_created_at, open_expires_at, ...first } =
        seen
      const same = sameRequest(first.id === null ? undefined : (first as OrderRow), hash)
      if (same) return { order: same, created: false, namesVisible }
      // a new flow: the county's admission first, before anything is written (a refused key is not spent)
      const inputs = await readQuoteInputs(ctx, householdId, body.year)
      admitFlow(ctx, inputs?.regionCode ?? ctx.config.regionCode)
      await withinRate(
        now,
        ctx.config.orderLimit,
        async () => ({ n: recent_n, first: recent_first }),
        (w) => `缴费订单下得太多了，请${w}后再试`
      )
      if (open_id !== null) {
        // the payer's open order stands in the way, unless it has run out (then it expires now)
        if (open_expires_at > now)
          throw await openOrderExists(ctx, user, {
            id: open_id,
            payer_user_id: user.id,
            payer_name_masked: open_payer_name_masked,
            created_at: open_created_at,
            expires_at: open_expires_at
          })
        await expireStale(ctx, { householdId, year: body.year })
      }
      const { quote, people } = await computeQuote(ctx, householdId, body.year, { steps: false, inputs })
      if (quote.totalFen <= 0) throw new ApiFailure('ALREADY_PAID')
      if (quote.collectionClosed) throw notInCollectionPeriod(ctx, body.year, quote.collectionClosed)
      if (!quote.payable) throw new ApiFailure('CONFLICT', { issues: quote.issues }, quote.issues[0]?.message)
      const names = new Map(people.map((p) => [p.id, p.name]))
      const quotedOn = isoDate(now)
      const persons: OrderPerson[] = quote.lines
        .filter((l) => l.dueFen > 0)
        .map((l) => ({
          personId: l.personId,
          name: names.get(l.personId) as string,
          dueFen: l.dueFen,
          benefitStart: l.benefitStart,
          benefitEnd: l.benefitEnd,
          quotedOn
        }))
      // The row as inserted (no read back: every column is known here).
      const order: OrderRow = {
        id: newId('ord'),
        household_id: householdId,
        year: body.year,
        status: 'created',
        amount_fen: quote.totalFen,
        channel: body.channel,
        payer_user_id: user.id,
        payer_is_household: payerIsHousehold ? 1 : 0,
        persons: JSON.stringify(persons),
        policy_version: quote.policyVersion,
        idempotency_key: idemKey,
        request_hash: hash,
        created_at: now,
        expires_at: now + ctx.config.orderTtlMinutes * 60_000,
        paid_at: null,
        confirmed_at: null,
        transaction_id: null,
        receipt_number: null,
        failure_reason: null,
        match_attempts: 0,
        payer_name_masked: await maskedPayerName(ctx, user.id, user)
      }
      await ctx.db.run(
        `INSERT INTO orders (id, household_id, year, status, amount_fen, channel, payer_user_id, payer_is_household, persons, policy_version, idempotency_key, request_hash, created_at, expires_at, payer_name_masked)
      VALUES (?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        order.id,
        householdId,
        body.year,
        order.amount_fen,
        body.channel,
        user.id,
        order.payer_is_household,
        order.persons,
        order.policy_version,
        idemKey,
        hash,
        now,
        order.expires_at,
        order.payer_name_masked
      )
      return { order, created: true, namesVisible }
    })
  try {
    return await result()
  } catch (first) {
    if (!isUniqueViolation(first)) throw first
  }
  // Another request committed its order between our read and our write (PostgreSQL runs them side
  // by side): read again, now seeing it — the same key replays that order, another open order is
  // OPEN_ORDER_EXISTS.
  try {
    return await result()
  } catch (e) {
    // The partial unique index is the last line of defence against two open orders.
    if (isUniqueViolation(e)) {
      const open = await openOrder()
      throw open ? await openOrderExists(ctx, user, open) : new ApiFailure('OPEN_ORDER_EXISTS')
    }
    throw e
  }
}

/** Order-level access: the payer who created it, or the household with the `pay` scope. */
export async function loadOrderFor(
  ctx: Ctx,
  user: UserRow,
  orderId: string,
  action: string,
  opts: { withRecorded?: boolean } = {}
): Promise<{ order: OrderRow & Recorded; namesVisible: boolean; access: Awaited<ReturnType<typeof relationTo>> }> {
  const order = opts.withRecorded
    ? await orderWithRecorded(ctx, orderId)
    : await ctx.db.get<OrderRow>('SELECT * FROM orders WHERE id = ?', orderId)
  if (!order) throw new ApiFailure('NOT_FOUND')
  const rel = await relationTo(ctx, user, order.household_id)
  if (order.payer_user_id === user.id && (!rel || (rel.relation === 'grantee' && !rel.scopes.includes('pay')))) {
    return { order, namesVisible: rel !== null, access: rel }
  }
  const access = await requireHousehold(ctx, user, order.household_id, 'pay', action, rel)
  return { order, namesVisible: true, access }
}

// the order, and per member of its household the enrolment this order recorded (if any): indexed
// lookups (persons by household, enrolments by key), assembled in TypeScript
const WITH_RECORDED = `SELECT o.*, e.person_id AS e_person_id, e.status AS e_status, e.coverage_start AS e_coverage_start,
    e.coverage_end AS e_coverage_end, e.waiting_end AS e_waiting_end
  FROM orders o LEFT JOIN persons p ON o.status = 'confirmed' AND p.household_id = o.household_id
    LEFT JOIN enrolments e ON e.person_id = p.id AND e.year = o.year AND e.order_id = o.id
  WHERE o.id = ?`

type WithRecordedRow = OrderRow & {
  e_person_id: string | null
  e_status: EnrolmentRow['status']
  e_coverage_start: string | null
  e_coverage_end: string | null
  e_waiting_end: string | null
}

async function orderWithRecorded(ctx: Ctx, orderId: string): Promise<(OrderRow & Recorded) | undefined> {
  const rows = await ctx.db.all<WithRecordedRow>(WITH_RECORDED, orderId)
  if (rows.length === 0) return undefined
  const {
    e_person_id: _p,
    e_status: _s,
    e_coverage_start: _cs,
    e_coverage_end: _ce,
    e_waiting_end: _w,
    ...order
  } = rows[0]
  if (order.status !== 'confirmed') return order
  const paidFor = new Set((JSON.parse(order.persons) as OrderPerson[]).map((p) => p.personId))
  const recorded: RecordedEnrolment[] = []
  for (const r of rows)
    if (r.e_person_id !== null && paidFor.has(r.e_person_id))
      recorded.push({
        person_id: r.e_person_id,
        status: r.e_status,
        coverage_start: r.e_coverage_start,
        coverage_end: r.e_coverage_end,
        waiting_end: r.e_waiting_end
      })
  return { ...order, recorded }
}

export async function refreshOrder(ctx: Ctx, order: OrderRow): Promise<OrderRow> {
  if ((order.status === 'created' || order.status === 'paying') && order.expires_at <= ctx.clock.now()) {
    await expireStale(ctx, { householdId: order.household_id, year: order.year })
    return (await ctx.db.get<OrderRow>('SELECT * FROM orders WHERE id = ?', order.id))!
  }
  return order
}

export async function startPaying(ctx: Ctx, order: OrderRow): Promise<OrderRow> {
  // One guarded write: only an open order that has not run out becomes (or stays) paying.
  const changed = (
    await ctx.db.run(
      `UPDATE orders SET status = 'paying' WHERE id = ? AND status IN ('created', 'paying') AND expires_at > ?`,
      order.id,
      ctx.clock.now()
    )
  ).changes
  if (changed === 1) return { ...order, status: 'paying' }
  const o = await refreshOrder(ctx, (await ctx.db.get<OrderRow>('SELECT * FROM orders WHERE id = ?', order.id))!)
  throw new ApiFailure('CONFLICT', { status: o.status })
}

/** Admits a new payment flow of the county, or throws BUSY (429, Retry-After) before anything is written. */
function admitFlow(ctx: Ctx, county: string): void {
  const r = ctx.admission.admit(county, ctx.clock.now())
  if (!r.ok) throw new ApiFailure('BUSY', { retryAfterSeconds: Math.max(1, Math.ceil(r.retryAfterMs / 1000)) })
}

/** The row createOrder reads first: an order made with the key (all null when none) and what the checks need. */
type SeenOrders = { [K in keyof OrderRow]: OrderRow[K] | null } & {
  recent_n: number
  recent_first: number | null
  open_id: string | null
  open_payer_name_masked: string | null
  open_created_at: number
  open_expires_at: number
}
