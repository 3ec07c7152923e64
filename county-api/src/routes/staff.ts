// Tag `staff`: the county staff's workspace. The queue of every reviewable request (staff/queue.ts),
// one application with its household's members, and the supervisor's audit: who read which
// household and document, who decided what, what an assistant did under which consent. Every read
// of a household's request is written to that household's access log. (Decisions stay with their
// domain: an application's in enrol.ts, money in pay.ts, answers to concerns in claims.ts.)
import type { Role } from '../../../src/contract'
import type { Ctx } from '../context'
import type { AccessLogRow, ApplicationRow, PersonRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { logHouseholdEvent } from '../access'
import { ApiFailure } from '../errors'
import { isoTime } from '../clock'
import { maskBirthCertificate, maskIdNumber, maskName } from '../mask'
import { cursorOf, pageOf } from '../paging'
import { transact } from '../db'
import { queuePage } from '../staff/queue'
import { applicationView } from './enrol'

interface HouseholdPlace {
  township: string
  village: string
  head_name: string
}

function placeOf(ctx: Ctx, householdId: string): HouseholdPlace {
  return ctx.db
    .prepare(
      'SELECT h.township, h.village, p.name AS head_name FROM households h JOIN persons p ON p.id = h.head_person_id WHERE h.id = ?'
    )
    .get(householdId) as HouseholdPlace
}

export const staffRoutes = (ctx: Ctx): TagHandlers<'staff'> => ({
  staffQueue: ({ query, user }) => {
    const { limit, after } = pageOf(query)
    const filter = { kind: query.kind, status: query.status ?? 'submitted', township: query.township }
    const { rows, more, counts } = queuePage(ctx, query.source, filter, after, limit)
    const now = ctx.clock.now()
    transact(ctx.db, () => {
      for (const r of rows)
        logHouseholdEvent(ctx, r.householdId, user.id, `reviewer_read_${r.source}`, now, { subject: r.id })
    })
    const places = new Map<string, HouseholdPlace>()
    const last = rows[rows.length - 1]
    return {
      items: rows.map((r) => {
        const place = places.get(r.householdId) ?? placeOf(ctx, r.householdId)
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

  staffApplication: ({ params, user }) => {
    const a = ctx.db.prepare('SELECT * FROM applications WHERE id = ?').get(params.applicationId) as
      ApplicationRow | undefined
    if (!a) throw new ApiFailure('NOT_FOUND')
    logHouseholdEvent(ctx, a.household_id, user.id, 'reviewer_read_application', ctx.clock.now(), { subject: a.id })
    const place = placeOf(ctx, a.household_id)
    const members = ctx.db
      .prepare('SELECT * FROM persons WHERE household_id = ? ORDER BY birth_date')
      .all(a.household_id) as PersonRow[]
    return {
      application: applicationView(ctx, a),
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
  staffAudit: ({ query }) => {
    const { limit, after } = pageOf(query)
    const first = query.after === undefined
    const rows = ctx.db
      .prepare(
        `SELECT l.*, u.display_name, u.role, p.name AS person_name FROM access_log l
           JOIN users u ON u.id = l.actor_user_id LEFT JOIN persons p ON p.id = u.person_id
         WHERE (@household IS NULL OR l.household_id = @household) AND (@actor IS NULL OR l.actor_user_id = @actor)
           AND (@first = 1 OR l.at < @at OR (l.at = @at AND l.id < @id))
         ORDER BY l.at DESC, l.id DESC LIMIT @limit`
      )
      .all({
        household: query.householdId ?? null,
        actor: query.actorUserId ?? null,
        first: first ? 1 : 0,
        at: after.at,
        id: Number(after.id) || 0,
        limit: limit + 1
      }) as (AccessLogRow & { display_name: string; role: Role; person_name: string | null })[]
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
