// Contribution orders: quote, create (idempotent, one open order per household-year),
// notify (verified, idempotent) and matching the money to enrolments.
//   created → paying → paid → confirmed
//   created/paying → expired (TTL) | failed (provider says FAIL)
//   paid → paid_not_matched (money in, enrolment not recordable; retried, listed for reviewers)
import type { Category, CreateOrderBody, PaymentNotifyBody, Quote, QuoteLine } from '../../../src/contract'
import type { Ctx, UserRow } from '../context'
import { requireHousehold, relationTo } from '../access'
import { ApiFailure } from '../errors'
import { newId } from '../ids'
import { transact } from '../db'
import { isoDate, isoTime, parseTime } from '../clock'
import { requestHash, sameRequest } from '../idempotency'
import { fenToYuan } from '../money'
import { recordPaidByOther } from '../notifications'
import { checkIdNumber } from '../../../src/shared/id-number'
import {
  maskedPayerName,
  payerNameMasked,
  type EnrolmentRow,
  type OrderPerson,
  type OrderRow,
  type PersonRow
} from '../views'
import type { PolicyRecord, QuoteResult } from '../settlement/port'
import { chineseDate } from '../../../src/calculator/dates'

export function policyForDate(ctx: Ctx, regionCode: string, date: string): PolicyRecord {
  const row = ctx.db
    .prepare(
      `SELECT * FROM policies WHERE region_code = ? AND effective_from <= ? AND (effective_to IS NULL OR effective_to >= ?)
    ORDER BY effective_from DESC LIMIT 1`
    )
    .get(regionCode, date, date) as
    | { region_code: string; version: string; effective_from: string; effective_to: string | null; document: string }
    | undefined
  if (!row) throw new ApiFailure('POLICY_NOT_FOUND', { region: regionCode, date })
  return {
    regionCode: row.region_code,
    version: row.version,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    document: JSON.parse(row.document)
  }
}

/** Every version for the region: the calculator picks the one for the year or date. */
export function policySeries(ctx: Ctx, regionCode: string): PolicyRecord[] {
  const rows = ctx.db
    .prepare('SELECT * FROM policies WHERE region_code = ? ORDER BY effective_from DESC')
    .all(regionCode) as {
    region_code: string
    version: string
    effective_from: string
    effective_to: string | null
    document: string
  }[]
  if (rows.length === 0) throw new ApiFailure('POLICY_NOT_FOUND', { region: regionCode })
  return rows.map((row) => ({
    regionCode: row.region_code,
    version: row.version,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    document: JSON.parse(row.document)
  }))
}

const seriesCache = new WeakMap<Ctx, Map<string, PolicyRecord[]>>()
/** Policies are immutable once published: cache the parsed series per server. */
export function cachedSeries(ctx: Ctx, regionCode: string): PolicyRecord[] {
  let m = seriesCache.get(ctx)
  if (!m) seriesCache.set(ctx, (m = new Map()))
  let s = m.get(regionCode)
  if (!s) m.set(regionCode, (s = policySeries(ctx, regionCode)))
  return s
}

export function defaultYear(ctx: Ctx): number {
  // From September the collection is for next year (集中缴费期 for year N runs in year N-1's autumn).
  const today = isoDate(ctx.clock.now())
  const y = Number(today.slice(0, 4))
  return Number(today.slice(5, 7)) >= 9 ? y + 1 : y
}

/** `steps: false` when nobody will read the explanation (orders, matching): the calculator skips writing it. */
/**
 * `keepUncovered`: matching a payment already taken must see every person paid for, even one the
 * payment day leaves without cover (the caller refuses to match then); quotes and new orders leave
 * such a person out, listed in `uncovered`, so nobody is charged for no cover.
 */
export function computeQuote(
  ctx: Ctx,
  householdId: string,
  year: number,
  opts: { only?: string[]; paymentDate?: string; steps?: boolean; keepUncovered?: boolean } = {}
): { quote: QuoteResult; people: PersonRow[]; uncovered: string[] } {
  const h = ctx.db.prepare('SELECT region_code FROM households WHERE id = ?').get(householdId) as
    { region_code: string } | undefined
  if (!h) throw new ApiFailure('NOT_FOUND')
  const people = ctx.db
    .prepare('SELECT * FROM persons WHERE household_id = ? ORDER BY id')
    .all(householdId) as PersonRow[]
  // One query for the household's enrolment history: this year's status and the lapsed streak before it.
  const status = new Map<string, string>()
  const history = new Map<string, { year: number; status: string }[]>()
  for (const r of ctx.db
    .prepare(
      `SELECT e.person_id, e.year, e.status FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE p.household_id = ? AND e.year <= ? ORDER BY e.year DESC`
    )
    .all(householdId, year) as { person_id: string; year: number; status: string }[]) {
    if (r.year === year) status.set(r.person_id, r.status)
    else history.set(r.person_id, [...(history.get(r.person_id) ?? []), r])
  }
  const lapsedYears = (personId: string) => {
    let n = 0
    for (const r of history.get(personId) ?? []) {
      if (r.status === 'lapsed') n++
      else break
    }
    return n
  }
  const members = people
    .filter((p) => p.birth_date <= `${year}-12-31`)
    .map((p) => ({
      personId: p.id,
      birthDate: p.birth_date,
      categories: JSON.parse(p.categories) as Category[],
      alreadyEnrolled: status.get(p.id) === 'enrolled' || (opts.only !== undefined && !opts.only.includes(p.id)),
      excludedReason: status.get(p.id) === 'pending_review' ? '参保申请待审核' : undefined,
      lapsedYears: lapsedYears(p.id)
    }))
  const series = cachedSeries(ctx, h.region_code)
  const today = isoDate(ctx.clock.now())
  let quote = ctx.calc.quote(series, members, year, today, opts.paymentDate, { steps: opts.steps })
  // Paid this late, a member would get no day of cover in that year (the waiting period runs past
  // its end): nobody is charged for that; they are shown as not payable for the year instead.
  // (When nobody would be covered the window counts as closed: collectionClosed already says so.)
  const noCover = new Set(
    opts.keepUncovered ? [] : quote.lines.filter((l) => l.benefitStart > l.benefitEnd).map((l) => l.personId)
  )
  if (noCover.size && noCover.size < quote.lines.length) {
    for (const m of members) if (noCover.has(m.personId)) m.excludedReason = 'no cover left in the year'
    quote = ctx.calc.quote(series, members, year, today, opts.paymentDate, { steps: opts.steps })
    return { quote, people, uncovered: [...noCover] }
  }
  return { quote, people, uncovered: [] }
}

export function quoteView(ctx: Ctx, householdId: string, year: number): Quote {
  const { quote, people, uncovered } = computeQuote(ctx, householdId, year)
  const byId = new Map(people.map((p) => [p.id, p]))
  // left out of the quote because paying now would give them no day of cover: say who and why
  const noCoverIssue = uncovered.length
    ? [
        {
          code: 'NO_COVER_LEFT',
          message: `${uncovered.map((id) => byId.get(id)?.name ?? id).join('、')}：${year}年剩下的时间不够等待期，现在交也报销不了，这次不收；请交下一年的`
        }
      ]
    : []
  const quoted = new Set(quote.lines.map((l) => l.personId))
  const rest = people.filter((p) => !quoted.has(p.id))
  // the year's records of those not quoted, in one query (not one per person: 资助参保 members are many)
  const records =
    rest.length === 0
      ? new Map<string, { status: string; payer: string | null }>()
      : new Map(
          (
            ctx.db
              .prepare(
                `SELECT e.person_id, e.status, e.payer FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE p.household_id = ? AND e.year = ?`
              )
              .all(householdId, year) as { person_id: string; status: string; payer: string | null }[]
          ).map((r) => [r.person_id, r])
        )
  const enrolledLines = rest
    .map((p): QuoteLine | null => {
      const e = records.get(p.id)
      return e?.status === 'enrolled'
        ? {
            personId: p.id,
            name: p.name,
            categories: JSON.parse(p.categories) as Category[],
            categoryLabel: '本年度已参保',
            payer: (e.payer ?? 'self') as QuoteLine['payer'],
            standard: '0.00',
            subsidy: '0.00',
            paidByOthers: '0.00',
            arrears: '0.00',
            due: '0.00',
            alreadyEnrolled: true,
            benefitStart: null,
            benefitEnd: null
          }
        : null
    })
    .filter((l): l is QuoteLine => l !== null)
  return {
    householdId,
    year,
    policyVersion: quote.policyVersion,
    collectionPeriod: quote.collectionPeriod,
    lines: [
      ...quote.lines.map((l): QuoteLine => {
        const p = byId.get(l.personId) as PersonRow
        return {
          personId: l.personId,
          name: p.name,
          categories: JSON.parse(p.categories) as Category[],
          categoryLabel: l.categoryLabel,
          payer: l.payer,
          standard: fenToYuan(l.standardFen),
          subsidy: fenToYuan(l.subsidyFen),
          paidByOthers: fenToYuan(l.paidByOthersFen),
          arrears: fenToYuan(l.arrearsFen),
          due: fenToYuan(l.dueFen),
          alreadyEnrolled: false,
          benefitStart: l.benefitStart,
          benefitEnd: l.benefitEnd
        }
      }),
      ...enrolledLines
    ],
    total: fenToYuan(quote.totalFen),
    payable: quote.payable && quote.totalFen > 0 && !quote.collectionClosed,
    // A closed window is a refusal, not the calculator's "late: waiting period" note.
    issues: [
      ...(quote.collectionClosed
        ? [
            { code: 'NOT_IN_COLLECTION_PERIOD', message: closedMessage(year, quote.collectionClosed) },
            ...quote.issues.filter((i) => i.code !== 'OUTSIDE_COLLECTION')
          ]
        : quote.issues),
      ...noCoverIssue
    ],
    steps: quote.steps,
    calculation: quote.raw as Quote['calculation']
  }
}

export function expireStale(ctx: Ctx, where?: { householdId: string; year: number }): number {
  const now = ctx.clock.now()
  if (where) {
    return ctx.db
      .prepare(
        `UPDATE orders SET status = 'expired' WHERE household_id = ? AND year = ? AND status IN ('created', 'paying') AND expires_at <= ?`
      )
      .run(where.householdId, where.year, now).changes
  }
  return ctx.db
    .prepare(`UPDATE orders SET status = 'expired' WHERE status IN ('created', 'paying') AND expires_at <= ?`)
    .run(now).changes
}

export function householdByIdNumber(ctx: Ctx, raw: string): string {
  const id = checkIdNumber(raw)
  if (!id.ok) throw new ApiFailure('BAD_REQUEST', { field: 'idNumber', problem: id.problem }, '身份证号不正确，请核对')
  const row = ctx.db.prepare('SELECT household_id FROM persons WHERE id_number = ?').get(id.value) as
    { household_id: string } | undefined
  if (!row) throw new ApiFailure('NOT_FOUND', undefined, '没有找到这个身份证号的参保家庭')
  return row.household_id
}

type OpenOrder = Pick<OrderRow, 'id' | 'payer_user_id' | 'payer_name_masked' | 'created_at' | 'expires_at'>

/** Who started the open order and when (masked name), so the app can say 已由 张** 于 11月20日 发起缴费; its id only to its payer. */
function openOrderExists(ctx: Ctx, user: UserRow, open: OpenOrder): ApiFailure {
  return new ApiFailure('OPEN_ORDER_EXISTS', {
    ...(open.payer_user_id === user.id ? { orderId: open.id } : {}),
    startedByYou: open.payer_user_id === user.id,
    payerNameMasked: payerNameMasked(ctx, open),
    startedAt: isoTime(open.created_at),
    expiresAt: isoTime(open.expires_at)
  })
}

type ClosedWindow = NonNullable<QuoteResult['collectionClosed']>

/** e.g. 2026年度的集中缴费期为2025年9月1日至2025年12月31日，已经结束，现在不能缴费 */
function closedMessage(year: number, closed: ClosedWindow): string {
  const window = closed.from
    ? `集中缴费期为${chineseDate(closed.from)}至${chineseDate(closed.to)}`
    : `缴费截止日期为${chineseDate(closed.to)}`
  return `${year}年度的${window}，${closed.reason === 'not_open_yet' ? '还没有开始' : '已经结束'}，现在不能缴费`
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
export function createOrder(
  ctx: Ctx,
  user: UserRow,
  body: CreateOrderBody,
  idemKey: string
): { order: OrderRow; created: boolean; namesVisible: boolean } {
  let householdId: string
  let payerIsHousehold = false
  let namesVisible = true
  if (body.householdId) {
    const access = requireHousehold(ctx, user, body.householdId, 'pay', 'create_order')
    householdId = body.householdId
    payerIsHousehold = access.relation !== 'grantee'
  } else if (body.payeeIdNumber) {
    householdId = householdByIdNumber(ctx, body.payeeIdNumber)
    const rel = relationTo(ctx, user, householdId)
    payerIsHousehold = rel?.relation === 'head' || rel?.relation === 'member'
    namesVisible = rel !== null
  } else {
    throw new ApiFailure('BAD_REQUEST', { field: 'householdId' }, '请选择要缴费的家庭')
  }
  const hash = requestHash([householdId, body.year, body.channel])
  const openOrder = () =>
    ctx.db
      .prepare(
        `SELECT id, payer_user_id, payer_name_masked, created_at, expires_at FROM orders WHERE household_id = ? AND year = ? AND status IN ('created', 'paying')`
      )
      .get(householdId, body.year) as OpenOrder | undefined

  const result = () =>
    transact(ctx.db, () => {
      const same = sameRequest(
        ctx.db.prepare('SELECT * FROM orders WHERE payer_user_id = ? AND idempotency_key = ?').get(user.id, idemKey) as
          OrderRow | undefined,
        hash
      )
      if (same) return { order: same, created: false, namesVisible }
      expireStale(ctx, { householdId, year: body.year })
      const open = openOrder()
      if (open) throw openOrderExists(ctx, user, open)
      const { quote, people } = computeQuote(ctx, householdId, body.year, { steps: false })
      if (quote.totalFen <= 0) throw new ApiFailure('ALREADY_PAID')
      if (quote.collectionClosed) throw notInCollectionPeriod(ctx, body.year, quote.collectionClosed)
      if (!quote.payable) throw new ApiFailure('CONFLICT', { issues: quote.issues }, quote.issues[0]?.message)
      const names = new Map(people.map((p) => [p.id, p.name]))
      const now = ctx.clock.now()
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
        payer_name_masked: maskedPayerName(ctx, user.id)
      }
      ctx.db
        .prepare(
          `INSERT INTO orders (id, household_id, year, status, amount_fen, channel, payer_user_id, payer_is_household, persons, policy_version, idempotency_key, request_hash, created_at, expires_at, payer_name_masked)
      VALUES (?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
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
    return result()
  } catch (e) {
    // The partial unique index is the last line of defence against two open orders.
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      const open = openOrder()
      throw open ? openOrderExists(ctx, user, open) : new ApiFailure('OPEN_ORDER_EXISTS')
    }
    throw e
  }
}

/** Order-level access: the payer who created it, or the household with the `pay` scope. */
export function loadOrderFor(
  ctx: Ctx,
  user: UserRow,
  orderId: string,
  action: string
): { order: OrderRow; namesVisible: boolean; access: ReturnType<typeof relationTo> } {
  const order = ctx.db.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as OrderRow | undefined
  if (!order) throw new ApiFailure('NOT_FOUND')
  const rel = relationTo(ctx, user, order.household_id)
  if (order.payer_user_id === user.id && (!rel || (rel.relation === 'grantee' && !rel.scopes.includes('pay')))) {
    return { order, namesVisible: rel !== null, access: rel }
  }
  const access = requireHousehold(ctx, user, order.household_id, 'pay', action, rel)
  return { order, namesVisible: true, access }
}

export function refreshOrder(ctx: Ctx, order: OrderRow): OrderRow {
  if ((order.status === 'created' || order.status === 'paying') && order.expires_at <= ctx.clock.now()) {
    expireStale(ctx, { householdId: order.household_id, year: order.year })
    return ctx.db.prepare('SELECT * FROM orders WHERE id = ?').get(order.id) as OrderRow
  }
  return order
}

export function startPaying(ctx: Ctx, order: OrderRow): OrderRow {
  // One guarded write: only an open order that has not run out becomes (or stays) paying.
  const changed = ctx.db
    .prepare(`UPDATE orders SET status = 'paying' WHERE id = ? AND status IN ('created', 'paying') AND expires_at > ?`)
    .run(order.id, ctx.clock.now()).changes
  if (changed === 1) return { ...order, status: 'paying' }
  const o = refreshOrder(ctx, ctx.db.prepare('SELECT * FROM orders WHERE id = ?').get(order.id) as OrderRow)
  throw new ApiFailure('CONFLICT', { status: o.status })
}

/** Applies a verified notify. Returns the order (as now paid) to match, if any. Same notify twice → no change. */
export function applyNotify(ctx: Ctx, n: PaymentNotifyBody): OrderRow | null {
  return transact(ctx.db, () => {
    if (ctx.db.prepare('SELECT 1 FROM payment_notices WHERE notify_id = ?').get(n.notifyId)) return null
    const order = ctx.db.prepare('SELECT * FROM orders WHERE id = ?').get(n.orderId) as OrderRow | undefined
    const record = (outcome: string) =>
      ctx.db
        .prepare(
          'INSERT INTO payment_notices (notify_id, order_id, transaction_id, result, amount_fen, received_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)'
        )
        .run(n.notifyId, n.orderId, n.transactionId, n.result, n.amountFen, ctx.clock.now(), outcome)
    if (!order) {
      record('unknown_order')
      ctx.log.warn({ orderId: n.orderId }, 'notify for unknown order')
      return null
    }
    if (order.transaction_id === n.transactionId) {
      record('duplicate')
      return null
    }
    if (n.result === 'FAIL') {
      if (order.status === 'created' || order.status === 'paying') {
        ctx.db
          .prepare(`UPDATE orders SET status = 'failed', failure_reason = ? WHERE id = ?`)
          .run('支付未成功', order.id)
      }
      record('failed')
      return null
    }
    if (order.transaction_id !== null) {
      // A second, different payment for an order already paid: money to refund, never silent.
      record('second_payment')
      ctx.log.error({ orderId: order.id }, 'second payment received for an already paid order')
      return null
    }
    const paidAt = parseTime(n.paidAt)
    if (n.amountFen !== order.amount_fen) {
      ctx.db
        .prepare(
          `UPDATE orders SET status = 'paid_not_matched', paid_at = ?, transaction_id = ?, failure_reason = ? WHERE id = ?`
        )
        .run(paidAt, n.transactionId, `到账金额 ${fenToYuan(n.amountFen)} 与订单金额不符`, order.id)
      record('amount_mismatch')
      return null
    }
    // Late money for an expired or failed order is still the villager's money: try to match it.
    ctx.db
      .prepare(`UPDATE orders SET status = 'paid', paid_at = ?, transaction_id = ? WHERE id = ?`)
      .run(paidAt, n.transactionId, order.id)
    record('paid')
    return { ...order, status: 'paid' as const, paid_at: paidAt, transaction_id: n.transactionId }
  })
}

/**
 * The notify callback: verify the signature over the exact bytes, apply once, then match, in
 * one commit. Matching runs in a savepoint: if it fails, the payment is still recorded (paid)
 * and the background job retries the match.
 */
export function processNotify(ctx: Ctx, rawBody: string, signature: string | undefined, body: PaymentNotifyBody): void {
  if (!ctx.payments.verify(rawBody, signature)) {
    ctx.log.warn({ orderId: body.orderId }, 'payment notify with a bad signature rejected')
    throw new ApiFailure('SIGNATURE_INVALID')
  }
  transact(ctx.db, () => {
    const paid = applyNotify(ctx, body)
    if (!paid) return
    try {
      confirmOrder(ctx, paid.id, paid)
    } catch (e) {
      ctx.log.error({ orderId: paid.id, err: e }, 'matching a paid order failed; left paid for the retry job')
    }
  })
}

/** paid (or paid_not_matched) → confirmed: enrol every member paid for and issue the receipt. */
export function matchOrder(ctx: Ctx, orderId: string): OrderRow {
  confirmOrder(ctx, orderId)
  return ctx.db.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as OrderRow
}

/** `known`: the row as the same transaction just wrote it (saves reading it back). */
function confirmOrder(ctx: Ctx, orderId: string, known?: OrderRow): void {
  transact(ctx.db, () => {
    const o = known ?? (ctx.db.prepare('SELECT * FROM orders WHERE id = ?').get(orderId) as OrderRow)
    if (o.status !== 'paid' && o.status !== 'paid_not_matched') return
    if (o.status === 'paid_not_matched' && o.failure_reason?.startsWith('到账金额')) return // needs a refund, not a retry
    const persons = JSON.parse(o.persons) as OrderPerson[]
    const problems: string[] = []
    // The household's members now and their enrolment for the year, in one query.
    const members = new Map(
      (
        ctx.db
          .prepare(
            `SELECT p.id, e.status, e.order_id FROM persons p LEFT JOIN enrolments e ON e.person_id = p.id AND e.year = ? WHERE p.household_id = ?`
          )
          .all(o.year, o.household_id) as {
          id: string
          status: EnrolmentRow['status'] | null
          order_id: string | null
        }[]
      ).map((m) => [m.id, m])
    )
    for (const p of persons) {
      const m = members.get(p.personId)
      if (!m) problems.push('成员已迁出')
      else if (m.status === 'enrolled' && m.order_id !== o.id) problems.push('该成员本年度已经缴费')
    }
    if (problems.length > 0) {
      ctx.db
        .prepare(
          `UPDATE orders SET status = 'paid_not_matched', failure_reason = ?, match_attempts = match_attempts + 1 WHERE id = ?`
        )
        .run([...new Set(problems)].join('；'), o.id)
      return
    }
    // (and whether the payer is the head: anyone else paying is told to the household)
    const h = ctx.db
      .prepare(
        'SELECT h.region_code, h.head_person_id, (SELECT person_id FROM users WHERE id = ?) AS payer_person_id FROM households h WHERE h.id = ?'
      )
      .get(o.payer_user_id, o.household_id) as {
      region_code: string
      head_person_id: string
      payer_person_id: string | null
    }
    // Benefit dates depend on the payment date (waiting period outside the collection period):
    // reuse the quote's when paid the day it was quoted, otherwise ask the calculator again.
    const paidDate = isoDate(o.paid_at as number)
    const dates = new Map<string, { benefitStart: string; benefitEnd: string }>()
    if (persons.every((p) => p.quotedOn === paidDate && p.benefitStart && p.benefitEnd)) {
      for (const p of persons)
        dates.set(p.personId, { benefitStart: p.benefitStart as string, benefitEnd: p.benefitEnd as string })
    } else {
      const { quote } = computeQuote(ctx, o.household_id, o.year, {
        only: persons.map((p) => p.personId),
        paymentDate: paidDate,
        steps: false,
        keepUncovered: true
      })
      for (const l of quote.lines) dates.set(l.personId, l)
    }
    // Paid for someone the payment day leaves without a benefit period (paid past midnight at the
    // end of a window, a newborn on day 91): never guess a full year; the county looks at it
    // (paid_not_matched: visible, refundable), nothing is recorded as cover.
    const noDates = persons.filter((p) => {
      const l = dates.get(p.personId)
      return !l || l.benefitStart > l.benefitEnd
    })
    if (noDates.length > 0) {
      ctx.db
        .prepare(
          `UPDATE orders SET status = 'paid_not_matched', failure_reason = ?, match_attempts = match_attempts + 1 WHERE id = ?`
        )
        .run('按缴费日期计算，有成员当年已没有待遇期（需人工核对或退款）', o.id)
      return
    }
    for (const p of persons) {
      const l = dates.get(p.personId) as { benefitStart: string; benefitEnd: string }
      const cov = {
        start: `${o.year}-01-01`,
        end: l.benefitEnd,
        waitingEnd: l.benefitStart > `${o.year}-01-01` ? l.benefitStart : null
      }
      ctx.db
        .prepare(
          `INSERT INTO enrolments (person_id, year, status, payer, amount_fen, coverage_start, coverage_end, waiting_end, order_id)
        VALUES (?, ?, 'enrolled', 'self', ?, ?, ?, ?, ?)
        ON CONFLICT(person_id, year) DO UPDATE SET status = 'enrolled', payer = 'self', amount_fen = excluded.amount_fen,
          coverage_start = excluded.coverage_start, coverage_end = excluded.coverage_end, waiting_end = excluded.waiting_end, order_id = excluded.order_id`
        )
        .run(p.personId, o.year, p.dueFen, cov.start, cov.end, cov.waitingEnd, o.id)
    }
    const seqKey = `receipt_seq_${o.year}`
    const seq = Number(
      (
        ctx.db
          .prepare(
            `INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING value`
          )
          .get(seqKey) as { value: string | number }
      ).value
    )
    const receipt = `${h.region_code}-${o.year}-${String(seq).padStart(8, '0')}`
    const now = ctx.clock.now()
    ctx.db
      .prepare(
        `UPDATE orders SET status = 'confirmed', confirmed_at = ?, receipt_number = ?, failure_reason = NULL, match_attempts = match_attempts + 1 WHERE id = ?`
      )
      .run(now, receipt, o.id)
    // Someone other than the head paid: the household is notified, in this same commit.
    if (h.payer_person_id !== h.head_person_id) recordPaidByOther(ctx, o, receipt, now)
  })
}

/** Start-up and periodic recovery: orders left in `paid` (crash between notify and match) and unmatched ones. */
export function rematchPending(ctx: Ctx): number {
  // (written so the partial index orders_unsettled serves it: no scan of every order every 5 s)
  const ids = ctx.db
    .prepare(
      `SELECT id FROM orders WHERE status IN ('paid', 'paid_not_matched') AND (status = 'paid' OR match_attempts < 20) LIMIT 500`
    )
    .all() as { id: string }[]
  let confirmed = 0
  for (const { id } of ids) if (matchOrder(ctx, id).status === 'confirmed') confirmed++
  return confirmed
}
