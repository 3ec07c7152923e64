// Subscribe messages that are sent (issue 14, item 6). The background job queues what is due —
// a payment confirmed, a claim paid out, an application decided (at once, if it happened in the
// last 3 days), the collection window opening (its first 3 days) and the deadline 7 days and 1 day
// before it closes (for a household that still owes; both spread over MESSAGE_SPREAD_MINUTES from
// 09:00 so a county's reminders do not reach WeChat in one burst) — and sends what is due. A
// message is queued only while an acceptance is left (one acceptance, one message), under a key
// that makes it unique: a job run twice, or two processes, never send one twice. WeChat's
// "refused / no acceptance left" (43101) drops the user's acceptances; a message WeChat finds
// invalid is kept with its errcode (logged for the county); a busy WeChat is asked again later.
import crypto from 'node:crypto'
import type { ApplicationKind, ReminderKind, SentMessage } from '../../../src/contract'
import { maskName } from '../mask'
import type { Ctx } from '../context'
import type { OrderRow } from '../db/rows'
import { dateStart, isoDate, isoTime } from '../clock'
import { getMeta, setMeta, inTx } from '../db'
import { newId } from '../ids'
import { fenToYuan } from '../../../src/calculator/money'
import { computeQuote, defaultYear } from '../pay/quote'
import { messages, PAGES, templateId, TITLES, type MessageData } from './templates'
import { sendSubscribeMessage } from './wechat-api'

const DAY = 86_400_000
/** The deadline reminders: this many days before the window's last day. */
const DEADLINE_DAYS = [7, 1] as const
/** The deadline scan reads every subscribed household's quote: once an hour is enough. */
const DEADLINE_SCAN_EVERY = 3600_000
const SEND_BATCH = 50
const MAX_ATTEMPTS = 8
/** What happened longer ago than this is not announced any more (a job that was down, old claims). */
export const RESULT_WINDOW = 3 * DAY
/** "Collection has started" goes out in the window's first days only. */
const WINDOW_OPEN_DAYS = 3

/** Sending needs the mini-program's AppID and AppSecret (the access token). */
export function canSend(ctx: Ctx): boolean {
  return ctx.config.wechatAppId !== null && ctx.config.wechatSecret !== null
}

/** Minutes after the spread's start for this user and household: the same every day, spread evenly. */
export function spreadOffsetMinutes(spread: number, userId: string, householdId: string): number {
  if (spread === 0) return 0
  const h = crypto.createHash('sha256').update(`${userId} ${householdId}`).digest().readUInt32BE(0)
  return (h % (spread * 60)) / 60
}

interface Candidate {
  user_id: string
  household_id: string
  openid: string
  year: number | null
}

/** Those who accepted `kind` and have an acceptance left, with their WeChat openid. */
async function subscribers(ctx: Ctx, kind: ReminderKind, householdId?: string): Promise<Candidate[]> {
  return await ctx.db.all<Candidate>(
    `SELECT s.user_id, s.household_id, u.openid, s.year FROM subscriptions s JOIN users u ON u.id = s.user_id
       WHERE s.kind = ? AND s.acceptances > 0 AND u.openid IS NOT NULL ${householdId ? 'AND s.household_id = ?' : ''}`,
    ...(householdId ? [kind, householdId] : [kind])
  )
}

/** Queues one message under its key, taking one acceptance; false when already queued or none left. */
export async function queue(
  ctx: Ctx,
  m: {
    key: string
    kind: ReminderKind
    userId: string
    householdId: string
    page: string
    data: MessageData
    dueAt: number
  }
): Promise<boolean> {
  const template = templateId(ctx.config, m.kind)
  if (!template) return false
  try {
    return await inTx(ctx, async (ctx) => {
      const took = await ctx.db.run(
        'UPDATE subscriptions SET acceptances = acceptances - 1 WHERE user_id = ? AND household_id = ? AND kind = ? AND acceptances > 0',
        m.userId,
        m.householdId,
        m.kind
      )
      if (took.changes === 0) return false
      const r = await ctx.db.run(
        `INSERT INTO messages (id, key, user_id, household_id, kind, template_id, page, data, status, due_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT(key) DO NOTHING`,
        newId('msg'),
        m.key,
        m.userId,
        m.householdId,
        m.kind,
        template,
        m.page,
        JSON.stringify(m.data),
        m.dueAt,
        ctx.clock.now()
      )
      if (r.changes === 0) throw new AlreadyQueued()
      return true
    })
  } catch (e) {
    if (e instanceof AlreadyQueued) return false
    throw e
  }
}

/** Thrown inside the transaction to give the acceptance back when the key was queued before. */
class AlreadyQueued extends Error {}

/** Payments confirmed lately: their result, to whoever accepted it for the household. */
async function queueResults(ctx: Ctx): Promise<number> {
  if (!templateId(ctx.config, 'result')) return 0
  const now = ctx.clock.now()
  let n = 0
  for (const s of await subscribers(ctx, 'result')) {
    const orders = await ctx.db.all<OrderRow>(
      `SELECT * FROM orders WHERE household_id = ? AND status = 'confirmed' AND confirmed_at >= ? ORDER BY confirmed_at`,
      s.household_id,
      now - RESULT_WINDOW
    )
    for (const o of orders) {
      if (o.receipt_number === null || o.confirmed_at === null) continue
      const data = messages.result({
        year: o.year,
        paid: fenToYuan(o.amount_fen),
        paidOn: isoDate(o.paid_at ?? o.confirmed_at),
        receipt: o.receipt_number
      })
      const page = PAGES.result({ orderId: o.id })
      const key = `result:${o.id}:${s.user_id}`
      if (
        await queue(ctx, {
          key,
          kind: 'result',
          userId: s.user_id,
          householdId: s.household_id,
          page,
          data,
          dueAt: now
        })
      )
        n++
    }
  }
  return n
}

/** Whether an hourly scan (keyed by `metaKey`) is due now; if so, marks it done. */
async function scanDue(ctx: Ctx, metaKey: string): Promise<boolean> {
  const now = ctx.clock.now()
  const last = Number((await getMeta(ctx.db, metaKey)) ?? 0)
  if (now - last < DEADLINE_SCAN_EVERY && now >= last) return false
  await setMeta(ctx.db, metaKey, String(now))
  return true
}

/** 09:00 today (or now, if later) plus this user's place in the county's spread. */
function spreadDueAt(ctx: Ctx, today: string, s: Candidate): number {
  return (
    Math.max(ctx.clock.now(), dateStart(today) + 9 * 3600_000) +
    spreadOffsetMinutes(ctx.config.messageSpreadMinutes, s.user_id, s.household_id) * 60_000
  )
}

/** 7 days and 1 day before the window closes, for households that still owe (once an hour). */
async function queueDeadlines(ctx: Ctx): Promise<number> {
  if (!templateId(ctx.config, 'deadline')) return 0
  const now = ctx.clock.now()
  if (!(await scanDue(ctx, 'messages_deadline_scan'))) return 0
  const today = isoDate(now)
  let n = 0
  for (const s of await subscribers(ctx, 'deadline')) {
    const year = s.year ?? defaultYear(ctx)
    const { quote } = await computeQuote(ctx, s.household_id, year, { steps: false })
    const period = quote.collectionPeriod
    if (!period || !period.open || quote.totalFen <= 0) continue
    const daysLeft = Math.round((dateStart(period.end) - dateStart(today)) / DAY)
    // the nearest reminder day reached (7, then 1); a job down on the day still sends it later
    const mark = [...DEADLINE_DAYS].reverse().find((d) => daysLeft <= d)
    if (mark === undefined || daysLeft < 0) continue
    const data = messages.deadline({ year, due: fenToYuan(quote.totalFen), end: period.end, daysLeft })
    const dueAt = spreadDueAt(ctx, today, s)
    const key = `deadline:${year}:${mark}:${s.household_id}:${s.user_id}`
    const page = PAGES.deadline({ householdId: s.household_id })
    if (await queue(ctx, { key, kind: 'deadline', userId: s.user_id, householdId: s.household_id, page, data, dueAt }))
      n++
  }
  return n
}

/** The collection window's first days, for households that owe (once an hour). */
async function queueWindowOpening(ctx: Ctx): Promise<number> {
  if (!templateId(ctx.config, 'window')) return 0
  if (!(await scanDue(ctx, 'messages_window_scan'))) return 0
  const today = isoDate(ctx.clock.now())
  let n = 0
  for (const s of await subscribers(ctx, 'window')) {
    const year = s.year ?? defaultYear(ctx)
    const { quote } = await computeQuote(ctx, s.household_id, year, { steps: false })
    const period = quote.collectionPeriod
    if (!period || !period.open || quote.totalFen <= 0) continue
    const sinceStart = Math.round((dateStart(today) - dateStart(period.start)) / DAY)
    if (sinceStart < 0 || sinceStart >= WINDOW_OPEN_DAYS) continue
    const data = messages.window({ year, due: fenToYuan(quote.totalFen), start: period.start, end: period.end })
    const key = `window:${year}:${s.household_id}:${s.user_id}`
    const page = PAGES.window({ householdId: s.household_id })
    const dueAt = spreadDueAt(ctx, today, s)
    if (await queue(ctx, { key, kind: 'window', userId: s.user_id, householdId: s.household_id, page, data, dueAt }))
      n++
  }
  return n
}

/** Claims of the household paid out (拨付) in the last days: one message per claim. */
async function queueClaims(ctx: Ctx): Promise<number> {
  if (!templateId(ctx.config, 'claim')) return 0
  const now = ctx.clock.now()
  const today = isoDate(now)
  const since = isoDate(now - RESULT_WINDOW)
  let n = 0
  for (const s of await subscribers(ctx, 'claim')) {
    const claims = await ctx.db.all<{
      id: string
      institution_name: string
      payout_fen: number
      timeline: string
      name: string
    }>(
      `SELECT c.id, c.institution_name, c.payout_fen, c.timeline, p.name FROM claims c JOIN persons p ON p.id = c.person_id
         WHERE p.household_id = ? AND c.stage = 'paid_out'`,
      s.household_id
    )
    for (const c of claims) {
      const paidOn = (JSON.parse(c.timeline) as { stage: string; date: string }[]).find(
        (t) => t.stage === 'paid_out'
      )?.date
      if (!paidOn || paidOn < since || paidOn > today) continue
      const data = messages.claim({
        who: maskName(c.name),
        institution: c.institution_name,
        payout: fenToYuan(c.payout_fen),
        paidOn
      })
      const key = `claim:${c.id}:${s.user_id}`
      const page = PAGES.claim({ claimId: c.id })
      if (
        await queue(ctx, { key, kind: 'claim', userId: s.user_id, householdId: s.household_id, page, data, dueAt: now })
      )
        n++
    }
  }
  return n
}

/** Applications the county decided lately (approved, rejected, or more needed): one message per decision. */
async function queueDecisions(ctx: Ctx): Promise<number> {
  if (!templateId(ctx.config, 'decision')) return 0
  const now = ctx.clock.now()
  let n = 0
  for (const s of await subscribers(ctx, 'decision')) {
    const decided = await ctx.db.all<{
      id: string
      kind: ApplicationKind
      status: 'approved' | 'rejected' | 'needs_more'
      decided_at: number
    }>(
      `SELECT id, kind, status, decided_at FROM applications
         WHERE household_id = ? AND status IN ('approved', 'rejected', 'needs_more') AND decided_at >= ? ORDER BY decided_at`,
      s.household_id,
      now - RESULT_WINDOW
    )
    for (const a of decided) {
      const data = messages.decision({ kind: a.kind, status: a.status, decidedOn: isoDate(a.decided_at) })
      // a decision, not the application: "more needed", then approved after resubmitting, are two
      const key = `decision:${a.id}:${a.decided_at}:${s.user_id}`
      const page = PAGES.decision({ applicationId: a.id })
      if (
        await queue(ctx, {
          key,
          kind: 'decision',
          userId: s.user_id,
          householdId: s.household_id,
          page,
          data,
          dueAt: now
        })
      )
        n++
    }
  }
  return n
}

interface QueuedRow {
  id: string
  user_id: string
  household_id: string
  kind: ReminderKind
  template_id: string
  page: string
  data: string
  attempts: number
}

/** Sends the messages that are due; how many were sent. */
async function sendDue(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now()
  const due = await ctx.db.all<QueuedRow>(
    `SELECT m.id, m.user_id, m.household_id, m.kind, m.template_id, m.page, m.data, m.attempts FROM messages m
       WHERE m.status = 'queued' AND m.due_at <= ? ORDER BY m.due_at LIMIT ?`,
    now,
    SEND_BATCH
  )
  let sent = 0
  for (const m of due) {
    const user = await ctx.db.get<{ openid: string | null }>('SELECT openid FROM users WHERE id = ?', m.user_id)
    const outcome = user?.openid
      ? await sendSubscribeMessage(ctx, {
          touser: user.openid,
          templateId: m.template_id,
          page: m.page,
          data: JSON.parse(m.data) as MessageData
        })
      : ({ status: 'invalid', errcode: 0 } as const)
    const at = ctx.clock.now()
    if (outcome.status === 'sent') {
      await ctx.db.run(
        `UPDATE messages SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?`,
        at,
        m.id
      )
      sent++
    } else if (outcome.status === 'refused') {
      // refused, or no acceptance left at WeChat: nothing more of this kind until the user accepts again
      await inTx(ctx, async (ctx) => {
        await ctx.db.run(
          `UPDATE messages SET status = 'refused', errcode = 43101, attempts = attempts + 1 WHERE id = ?`,
          m.id
        )
        await ctx.db.run(
          'UPDATE subscriptions SET acceptances = 0 WHERE user_id = ? AND household_id = ? AND kind = ?',
          m.user_id,
          m.household_id,
          m.kind
        )
      })
    } else if (outcome.status === 'invalid') {
      await ctx.db.run(
        `UPDATE messages SET status = 'invalid', errcode = ?, attempts = attempts + 1 WHERE id = ?`,
        outcome.errcode,
        m.id
      )
    } else {
      const attempts = m.attempts + 1
      await ctx.db.run(
        'UPDATE messages SET status = ?, errcode = ?, attempts = ?, due_at = ? WHERE id = ?',
        attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
        outcome.errcode,
        attempts,
        at + 60_000 * 2 ** attempts,
        m.id
      )
    }
  }
  return sent
}

/** One round of the messages job (background job): queue what is due, send what is due. */
export async function runMessages(ctx: Ctx): Promise<{ queued: number; sent: number }> {
  if (!canSend(ctx)) return { queued: 0, sent: 0 }
  const queued =
    (await queueResults(ctx)) +
    (await queueClaims(ctx)) +
    (await queueDecisions(ctx)) +
    (await queueWindowOpening(ctx)) +
    (await queueDeadlines(ctx))
  return { queued, sent: await sendDue(ctx) }
}

/** What the county sent this user about this household, latest first (the app's reminder card). */
export async function sentMessages(ctx: Ctx, userId: string, householdId: string): Promise<SentMessage[]> {
  const rows = await ctx.db.all<{ kind: ReminderKind; sent_at: number }>(
    `SELECT kind, sent_at FROM messages WHERE user_id = ? AND household_id = ? AND status = 'sent' ORDER BY sent_at DESC LIMIT 5`,
    userId,
    householdId
  )
  return rows.map((r) => ({ kind: r.kind, title: TITLES[r.kind], sentAt: isoTime(r.sent_at) }))
}
