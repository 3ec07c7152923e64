// Tag `staff`: the county staff's workspace. The queue of every reviewable request (staff/queue.ts),
// one application with its household's members, and the supervisor's audit: who read which
// household and document, who decided what, what an assistant did under which consent. Every read
// of a household's request is written to that household's access log. (Decisions stay with their
// domain: an application's in enrol.ts, money in pay.ts, answers to concerns in claims.ts.)
import type { Notice, Role, StaffNoticeItem } from '../../../src/contract'
import type { Ctx } from '../context'
import type { AccessLogRow, ApplicationRow, NoticeRow, PersonRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { logHouseholdEvent } from '../access'
import { ApiFailure } from '../errors'
import { isoDate, isoTime } from '../clock'
import { maskBirthCertificate, maskIdNumber, maskName } from '../mask'
import { cursorOf, pageOf } from '../paging'
import { inTx, mapInOrder } from '../db'
import { newId } from '../ids'
import { fenToYuan } from '../../../src/calculator/money'
import { queuePage } from '../staff/queue'
import { listedDiseases } from '../chronic'
import { applicationView } from './enrol'

interface HouseholdPlace {
  township: string
  village: string
  head_name: string
}

async function placeOf(ctx: Ctx, householdId: string): Promise<HouseholdPlace> {
  return (await ctx.db.get<HouseholdPlace>(
    'SELECT h.township, h.village, p.name AS head_name FROM households h JOIN persons p ON p.id = h.head_person_id WHERE h.id = ?',
    householdId
  ))!
}

function noticeView(r: NoticeRow): Notice {
  return {
    noticeId: r.id,
    kind: r.kind,
    title: r.title,
    publishedAt: isoTime(r.published_at),
    body: r.body,
    entries: JSON.parse(r.entries) as Notice['entries']
  }
}

/** A year's 公示: its large inpatient payouts (as the seed's), names masked before they are stored. */
async function disclosureEntries(ctx: Ctx, year: number): Promise<Notice['entries']> {
  const rows = await ctx.db.all<{ name: string; village: string; total_fen: number; payout_fen: number }>(
    `SELECT p.name, h.village, c.total_fen, c.payout_fen FROM claims c JOIN persons p ON p.id = c.person_id
         JOIN households h ON h.id = p.household_id
       WHERE c.year = ? AND c.kind = 'inpatient' AND c.payout_fen >= ? ORDER BY c.payout_fen DESC LIMIT 100`,
    year,
    LARGE_PAYOUT_FEN
  )
  return rows.map((r) => ({
    nameMasked: maskName(r.name),
    village: r.village,
    kind: '住院',
    totalCost: fenToYuan(r.total_fen),
    payout: fenToYuan(r.payout_fen)
  }))
}

/** Payouts from this amount are disclosed (5,000 yuan). */
const LARGE_PAYOUT_FEN = 500_000

function staffNoticeView(r: NoticeRow, now: number): StaffNoticeItem {
  return {
    notice: noticeView(r),
    scheduled: r.published_at > now,
    withdrawn: r.withdrawn_at === null ? null : { at: isoTime(r.withdrawn_at), reason: r.withdraw_reason ?? '' }
  }
}

async function loadNotice(ctx: Ctx, id: string): Promise<NoticeRow> {
  const row = await ctx.db.get<NoticeRow>('SELECT * FROM notices WHERE id = ?', id)
  if (!row) throw new ApiFailure('NOT_FOUND')
  return row
}

/** A publishing time the county asked for: now when absent; never in the past (a minute of clock slack). */
function publishingTime(now: number, publishAt: string | undefined): number {
  const at = publishAt === undefined ? now : Date.parse(publishAt)
  if (at < now - 60_000)
    throw new ApiFailure('BAD_REQUEST', { field: 'publishAt', problem: 'in_past' }, '发布时间不能早于现在')
  return Math.max(at, now)
}

export const staffRoutes = (ctx: Ctx): TagHandlers<'staff'> => ({
  staffNotices: async () => {
    const now = ctx.clock.now()
    const rows = await ctx.db.all<NoticeRow>('SELECT * FROM notices ORDER BY published_at DESC LIMIT 200')
    return { notices: rows.map((r) => staffNoticeView(r, now)) }
  },

  // A public notice is never changed under the villagers' eyes: once published it can only be
  // withdrawn (and a corrected one written); before that, title, text and time may change.
  staffEditNotice: async ({ params, body, user }) => {
    const now = ctx.clock.now()
    const row = await loadNotice(ctx, params.noticeId)
    if (row.withdrawn_at !== null)
      throw new ApiFailure('CONFLICT', { reason: 'withdrawn' }, '这条已经撤回了，请重新写一条')
    if (row.published_at <= now)
      throw new ApiFailure('CONFLICT', { reason: 'published' }, '已经发布的不能改：请撤回，再发一条更正')
    const at = publishingTime(now, body.publishAt ?? isoTime(row.published_at))
    await ctx.db.run(
      'UPDATE notices SET title = ?, body = ?, published_at = ?, edited_at = ? WHERE id = ?',
      body.title.trim(),
      body.body.trim(),
      at,
      now,
      row.id
    )
    ctx.log.info({ noticeId: row.id, by: user.id }, 'notice changed before publication')
    return staffNoticeView(await loadNotice(ctx, row.id), now)
  },

  staffWithdrawNotice: async ({ params, body, user }) => {
    const now = ctx.clock.now()
    const row = await loadNotice(ctx, params.noticeId)
    if (row.withdrawn_at !== null) throw new ApiFailure('CONFLICT', { reason: 'withdrawn' }, '这条已经撤回了')
    await ctx.db.run(
      'UPDATE notices SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? WHERE id = ?',
      now,
      user.id,
      body.reason.trim(),
      row.id
    )
    ctx.log.info({ noticeId: row.id, by: user.id }, 'notice withdrawn')
    return staffNoticeView(await loadNotice(ctx, row.id), now)
  },

  staffCreateNotice: async ({ body, user, reply }) => {
    const now = ctx.clock.now()
    const at = publishingTime(now, body.publishAt)
    if (body.kind === 'payout_disclosure' && body.disclosureYear === undefined)
      throw new ApiFailure('BAD_REQUEST', { field: 'disclosureYear', problem: 'required' }, '公示要选哪一年的报销')
    const entries = body.kind === 'payout_disclosure' ? await disclosureEntries(ctx, body.disclosureYear as number) : []
    if (body.kind === 'payout_disclosure' && entries.length === 0)
      throw new ApiFailure('CONFLICT', { reason: 'nothing_to_disclose' }, '这一年还没有要公示的大额报销')
    const id = newId('n')
    await ctx.db.run(
      'INSERT INTO notices (id, kind, title, published_at, body, entries) VALUES (?, ?, ?, ?, ?, ?)',
      id,
      body.kind,
      body.title.trim(),
      at,
      body.body.trim(),
      JSON.stringify(entries)
    )
    ctx.log.info({ noticeId: id, by: user.id, kind: body.kind }, 'notice written')
    void reply.status(201)
    return noticeView((await ctx.db.get<NoticeRow>('SELECT * FROM notices WHERE id = ?', id))!)
  },

  staffQueue: async ({ query, user }) => {
    const { limit, after } = pageOf(query)
    const filter = { kind: query.kind, status: query.status ?? 'submitted', township: query.township }
    const { rows, more, counts } = await queuePage(ctx, query.source, filter, after, limit)
    const now = ctx.clock.now()
    await inTx(ctx, async (ctx) => {
      for (const r of rows)
        await logHouseholdEvent(ctx, r.householdId, user.id, `reviewer_read_${r.source}`, now, { subject: r.id })
    })
    const places = new Map<string, HouseholdPlace>()
    const last = rows[rows.length - 1]
    return {
      items: await mapInOrder(rows, async (r) => {
        const place = places.get(r.householdId) ?? (await placeOf(ctx, r.householdId))
        places.set(r.householdId, place)
        return {
          source: r.source,
          itemId: r.id,
          kind: r.kind,
          status: r.status,
          householdId: r.householdId,
          township: place.township,
          village: place.village,
          headNameMasked: maskName(place.head_name),
          submittedAt: isoTime(r.at),
          documentCount: r.documentCount,
          reason: r.reason
        }
      }),
      next: more ? cursorOf(last.at, last.id) : null,
      counts
    }
  },

  staffApplication: async ({ params, user }) => {
    const a = await ctx.db.get<ApplicationRow>('SELECT * FROM applications WHERE id = ?', params.applicationId)
    if (!a) throw new ApiFailure('NOT_FOUND')
    await logHouseholdEvent(ctx, a.household_id, user.id, 'reviewer_read_application', ctx.clock.now(), {
      subject: a.id
    })
    const place = await placeOf(ctx, a.household_id)
    const members = await ctx.db.all<PersonRow>(
      'SELECT * FROM persons WHERE household_id = ? ORDER BY birth_date',
      a.household_id
    )
    const code = (JSON.parse(a.fields) as { diseaseCode?: string }).diseaseCode
    const region = code
      ? (await ctx.db.get<{
          region_code: string
        }>('SELECT region_code FROM households WHERE id = ?', a.household_id))!
      : null
    const diseaseName =
      code && region ? (await listedDiseases(ctx, region.region_code, isoDate(ctx.clock.now()))).get(code) : undefined
    return {
      application: await applicationView(ctx, a),
      ...(diseaseName ? { diseaseName } : {}),
      household: {
        householdId: a.household_id,
        township: place.township,
        village: place.village,
        headNameMasked: maskName(place.head_name),
        members: members.map((p) => ({
          personId: p.id,
          name: p.name,
          relation: p.relation,
          birthDate: p.birth_date,
          idNumberMasked:
            p.id_number !== null
              ? maskIdNumber(p.id_number)
              : p.birth_certificate_number
                ? maskBirthCertificate(p.birth_certificate_number)
                : null
        }))
      }
    }
  },

  // newest first; the cursor is the last entry's time and row id
  staffAudit: async ({ query }) => {
    const { limit, after } = pageOf(query)
    const first = query.after === undefined
    const rows = await ctx.db.all<AccessLogRow & { display_name: string; role: Role; person_name: string | null }>(
      `SELECT l.*, u.display_name, u.role, p.name AS person_name FROM access_log l
           JOIN users u ON u.id = l.actor_user_id LEFT JOIN persons p ON p.id = u.person_id
         WHERE (CAST(@household AS TEXT) IS NULL OR l.household_id = @household) AND (CAST(@actor AS TEXT) IS NULL OR l.actor_user_id = @actor)
           AND (@first = 1 OR l.at < @at OR (l.at = @at AND l.id < @id))
         ORDER BY l.at DESC, l.id DESC LIMIT @limit`,
      {
        household: query.householdId ?? null,
        actor: query.actorUserId ?? null,
        first: first ? 1 : 0,
        at: after.at,
        id: Number(after.id) || 0,
        limit: limit + 1
      }
    )
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return {
      entries: page.map((r) => ({
        at: isoTime(r.at),
        actorUserId: r.actor_user_id,
        // staff and assistants by their title; villagers masked (the supervisor needs who, not the name)
        actorName: r.role === 'villager' ? (r.person_name ? maskName(r.person_name) : r.display_name) : r.display_name,
        actorRole: r.role,
        action: r.action,
        householdId: r.household_id,
        subject: r.subject
      })),
      next: rows.length > limit ? cursorOf(last.at, String(last.id)) : null
    }
  }
})
