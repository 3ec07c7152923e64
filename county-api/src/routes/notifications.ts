// Tag `notifications`: the household's notifications and reminder subscriptions (issue #6).
//   - The household's notifications (someone other than the head paid for it) are read by the
//     household only: the head and members. Not by grantees, whatever their scopes: it is the
//     household's own inbox, a grantee with `pay` already sees the orders (and who paid) in
//     GET …/orders, and a grantee's 知道了 must not take the notice away from the head. Each
//     user marks their own copy read; the payer is not told about their own payment.
//   - Subscriptions: the user's answer to WeChat's subscribe-message prompt (deadline reminder,
//     payment result) per household, for whoever may pay for it (household, or a grantee with
//     `pay`). The latest answer replaces the earlier one; acceptances add up (one message each).
//     The list also says which messages were sent and when (messages/outbox.ts).
import type { SubscriptionList } from '../../../src/contract'
import type { Ctx } from '../context'
import type { NotificationRow, SubscriptionRow, UserRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { requireHousehold, requireMember } from '../access'
import { ApiFailure } from '../errors'
import { isoTime } from '../clock'
import { inTx } from '../db'
import { notificationView } from '../notifications'
import { sentMessages } from '../messages/outbox'
import { templateIds } from '../messages/templates'

const LIST_LIMIT = 50
/**
 * Each acceptance in WeChat's prompt lets the county send one message of that kind (WeChat adds
 * them up); a refusal means the user wants none, so none are kept. A bound on those kept.
 */
const MAX_ACCEPTANCES = 20

async function subscriptions(ctx: Ctx, user: UserRow, householdId: string): Promise<SubscriptionList> {
  const rows = await ctx.db.all<SubscriptionRow>(
    'SELECT kind, accepted, year, channel, updated_at FROM subscriptions WHERE user_id = ? AND household_id = ? ORDER BY kind',
    user.id,
    householdId
  )
  return {
    householdId,
    subscriptions: rows.map((r) => ({
      kind: r.kind,
      accepted: r.accepted === 1,
      year: r.year,
      channel: r.channel,
      updatedAt: isoTime(r.updated_at)
    })),
    sent: await sentMessages(ctx, user.id, householdId),
    templateIds: templateIds(ctx.config)
  }
}

export const notificationsRoutes = (ctx: Ctx): TagHandlers<'notifications'> => ({
  listHouseholdNotifications: async ({ params, user }) => {
    const access = await requireMember(ctx, user, params.householdId)
    // who was bound to the household (and requests to approve) is for the head, who manages it
    const rows = await ctx.db.all<NotificationRow>(
      `SELECT n.*, r.read_at FROM notifications n
      LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = ?
      WHERE n.household_id = ? AND (n.payer_user_id IS NULL OR n.payer_user_id != ?)
        AND (n.kind = 'paid_by_other' OR ? = 1)
      ORDER BY n.created_at DESC, n.id LIMIT ${LIST_LIMIT}`,
      user.id,
      params.householdId,
      user.id,
      access.relation === 'head' ? 1 : 0
    )
    return { householdId: params.householdId, notifications: rows.map(notificationView) }
  },

  markNotificationRead: async ({ params, user }) => {
    const n = await ctx.db.get<{ household_id: string }>(
      'SELECT household_id FROM notifications WHERE id = ?',
      params.notificationId
    )
    if (!n) throw new ApiFailure('NOT_FOUND')
    await requireMember(ctx, user, n.household_id)
    // the first 知道了 counts; a repeat (double tap, retry) changes nothing
    await ctx.db.run(
      'INSERT INTO notification_reads (notification_id, user_id, read_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      params.notificationId,
      user.id,
      ctx.clock.now()
    )
    const row = (await ctx.db.get<NotificationRow>(
      `SELECT n.*, r.read_at FROM notifications n JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = ? WHERE n.id = ?`,
      user.id,
      params.notificationId
    ))!
    return notificationView(row)
  },

  saveSubscriptions: async ({ body, user }) => {
    await requireHousehold(ctx, user, body.householdId, 'pay', 'save_subscriptions')
    const kinds = body.templates.map((t) => t.kind)
    if (new Set(kinds).size !== kinds.length) {
      throw new ApiFailure(
        'BAD_REQUEST',
        { problems: [{ field: 'templates', problem: 'duplicate_kind' }] },
        '每种提醒只能填一次'
      )
    }
    const now = ctx.clock.now()
    await inTx(ctx, async (ctx) => {
      for (const t of body.templates) {
        await ctx.db.run(
          `INSERT INTO subscriptions (user_id, household_id, kind, accepted, year, channel, updated_at, acceptances) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(user_id, household_id, kind) DO UPDATE SET accepted = excluded.accepted, year = excluded.year, channel = excluded.channel, updated_at = excluded.updated_at,
            acceptances = CASE WHEN excluded.accepted <> 1 THEN 0 WHEN subscriptions.acceptances < ${MAX_ACCEPTANCES} THEN subscriptions.acceptances + 1 ELSE ${MAX_ACCEPTANCES} END`,
          user.id,
          body.householdId,
          t.kind,
          t.accepted ? 1 : 0,
          body.year ?? null,
          body.channel ?? 'weapp',
          now,
          t.accepted ? 1 : 0
        )
      }
    })
    return await subscriptions(ctx, user, body.householdId)
  },

  listSubscriptions: async ({ query, user }) => {
    await requireHousehold(ctx, user, query.householdId, 'pay', 'view_subscriptions')
    return await subscriptions(ctx, user, query.householdId)
  }
})
