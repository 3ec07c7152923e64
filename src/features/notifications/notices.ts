// The household's notices from the county (issue #6): someone other than the head paid for the
// household. Read by the head and members only (the county refuses grantees), cached per user
// like every county answer; 知道了 marks a notice read at the county, for this user only.
// The notice holds masked payer names, the members' names, amounts and the receipt number:
// never an ID number or a phone, and nothing of it is logged.
import type { HouseholdLink, HouseholdNotification, HouseholdNotificationList, PaidByOther } from '@/contract'
import { createUserCache } from '@/services/cache'
import { call, type CallResult } from '@/services/county-client'
import { formatMoney } from '@/components/money/format'
import { nowIso } from '@/services/time'

export const notificationsCache = createUserCache<HouseholdNotificationList>({
  name: 'notifications',
  version: 1,
  maxEntries: 5
})

/** The household whose notices this user may read: their own (head or member), never a granted one. */
export function noticesHousehold(link: Pick<HouseholdLink, 'householdId' | 'relation'> | null): string | null {
  return link && link.relation !== 'grantee' ? link.householdId : null
}

export function loadNotifications(householdId: string): Promise<CallResult<HouseholdNotificationList>> {
  return call('listHouseholdNotifications', { params: { householdId } })
}

export function unreadNotices(list: HouseholdNotificationList | null): HouseholdNotification[] {
  return list ? list.notifications.filter((n) => n.readAt === null) : []
}

type BindingItem = Exclude<HouseholdNotification, { kind: 'paid_by_other' }>

/** 微信用户（微信小程序）绑定了 刘桂兰 — or asks the head to approve it (issue 15). */
export function bindingSentence(n: BindingItem): string {
  const b = n.binding
  const from = b.channel === 'weapp' ? '微信小程序' : '网页'
  return n.kind === 'new_binding'
    ? `${b.accountName}（${from}）绑定了您家的 ${b.personName}，能看到您家的参保信息`
    : `${b.accountName}（${from}）想绑定您家的 ${b.personName}，要您同意`
}

const SHOWN_NAMES = 3

/** 王建国、刘桂兰 — or 王建国、刘桂兰、王浩然等5人 */
export function membersText(names: string[]): string {
  if (names.length <= SHOWN_NAMES) return names.join('、')
  return `${names.slice(0, SHOWN_NAMES).join('、')}等${names.length}人`
}

/** 阿***·*** 已为您家交了2027年医保费 ¥760.00（买买提·艾力、古丽娜尔·吐尔逊） */
export function paidByOtherSentence(p: PaidByOther): string {
  const who = p.payerIsHousehold ? `家里的${p.payerNameMasked}` : p.payerNameMasked
  const amount = formatMoney(p.amount)
  const members = p.members.length > 0 ? `（${membersText(p.members)}）` : ''
  return `${who} 已为您家交了${p.year}年医保费${amount === null ? '' : ` ¥${amount}`}${members}`
}

function setReadAt(owner: string, householdId: string, notificationId: string, readAt: string): void {
  const entry = notificationsCache.getState().read(owner, householdId)
  if (!entry) return
  const notifications = entry.data.notifications.map((n) =>
    n.notificationId === notificationId ? { ...n, readAt } : n
  )
  notificationsCache.getState().put(owner, householdId, { ...entry.data, notifications }, entry.asOf)
}

/** 知道了: once the county took it, the phone's copy says read too (the card goes, and stays gone on the next start). */
export async function markNoticeRead(
  owner: string,
  householdId: string,
  notificationId: string
): Promise<CallResult<HouseholdNotification>> {
  const r = await call('markNotificationRead', { params: { notificationId } })
  if (r.ok) setReadAt(owner, householdId, notificationId, r.data.readAt ?? nowIso())
  return r
}
