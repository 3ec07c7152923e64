// The head's message when an account is bound to the household (issue 15, item 1: "each new binding
// is announced to the head — notice, and message where subscribed"). The notice on the home page is
// written with the binding (bindings.ts); this is the subscribe message, for a head who accepted
// the `binding` template for this household: one per binding, sent by the background job like the
// others (outbox.ts). The account that was bound is not told, and a head's own new account is not
// announced to itself. No ID number or phone in it: the account shows as 微信用户 or its phone masked.
import type { Ctx } from '../context'
import { isoTime } from '../clock'
import { accountName } from '../bindings'
import { canSend, queue, RESULT_WINDOW } from './outbox'
import { date, PAGES, templateId, thing, type MessageData } from './templates'

export function bindingMessage(p: { personName: string; accountName: string; boundAt: number }): MessageData {
  // WeChat's date may carry the time: 2026年12月03日 14:30 (Shanghai time)
  const at = isoTime(p.boundAt)
  return {
    thing1: thing(`${p.personName}的医保绑定了新账号`),
    thing2: thing(p.accountName),
    date3: `${date(at.slice(0, 10))} ${at.slice(11, 16)}`,
    thing4: thing('不认识这个账号，请在“家人查看”里移除')
  }
}

interface NewBinding {
  binding_id: string
  household_id: string
  bound_user_id: string
  person_name: string
  created_at: number
  head_user_id: string
}

/** Bindings made lately, to each account of the household's head that accepted the message. */
export async function queueBindingMessages(ctx: Ctx): Promise<number> {
  if (!canSend(ctx) || !templateId(ctx.config, 'binding')) return 0
  const now = ctx.clock.now()
  const rows = await ctx.db.all<NewBinding>(
    `SELECT b.id AS binding_id, b.household_id, b.user_id AS bound_user_id, p.name AS person_name, b.created_at, u.id AS head_user_id
       FROM bindings b JOIN persons p ON p.id = b.person_id JOIN households h ON h.id = b.household_id
       JOIN users u ON u.person_id = h.head_person_id AND u.openid IS NOT NULL AND u.id != b.user_id
       JOIN subscriptions s ON s.user_id = u.id AND s.household_id = b.household_id AND s.kind = 'binding' AND s.acceptances > 0
       WHERE b.created_at >= ? ORDER BY b.created_at`,
    now - RESULT_WINDOW
  )
  let n = 0
  for (const b of rows) {
    const data = bindingMessage({
      personName: b.person_name,
      accountName: await accountName(ctx, b.bound_user_id),
      boundAt: b.created_at
    })
    const key = `binding:${b.binding_id}:${b.head_user_id}`
    const m = { key, kind: 'binding' as const, userId: b.head_user_id, householdId: b.household_id }
    if (await queue(ctx, { ...m, page: PAGES.binding(), data, dueAt: now })) n++
  }
  return n
}
