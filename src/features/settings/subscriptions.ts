// Subscribe messages (微信订阅消息): the deadline reminder and payment result (缴费), the collection
// window opening, a claim paid (报销), an application decided (参保申请), a new binding (户主). WeChat
// asks the user once per template, at most 3 at a time, only after a tap (Taro.requestSubscribeMessage),
// and each acceptance lets the county send one message; the county sends only what it knows was accepted, so the answer (per kind,
// accepted or not) goes to the county: POST /v1/me/subscriptions, per user and household
// (GET reads it back). Telling the county never stands in the way of paying: when it cannot
// be reached the answer stays on the phone, for this user only, and is sent when the network
// or the county comes back, or the next time the reminder card is shown (a refusal drops it).
// h5 has no subscribe messages: the screens say what the mini-program would send, and offer no
// choice, so nothing is stored. Every feature may ask (settings is the feature all may import).
import Taro from '@tarojs/taro'
import type { ReminderKind, SentMessage, SubscriptionsBody } from '@/contract'
import { call } from '@/services/county-client'
import { isCountyDownError } from '@/services/errors'
import { onReconnect } from '@/services/network'
import { taroStorage } from '@/services/storage'
import { useSession } from '@/features/session/store'

/**
 * Template ids are issued to the county's mini-program account in the WeChat console; the county
 * tells them (GET /v1/me/subscriptions). These stand in for the payment reminders when it has not
 * yet; the other kinds are offered only once the county has said it sends them.
 */
export const TEMPLATES: Partial<Record<ReminderKind, string>> = {
  deadline: 'county-tmpl-contribution-deadline',
  result: 'county-tmpl-contribution-result'
}

/** WeChat shows at most three templates in one prompt. */
const MAX_KINDS_PER_PROMPT = 3

export type { ReminderKind }
/** `stored`: the county has the answer (false: kept on the phone, sent later). */
export type SubscribeOutcome = { ok: true; accepted: ReminderKind[]; stored: boolean } | { ok: false; message: string }

export interface ReminderTarget {
  /** the signed-in user: a kept answer is only ever sent for them */
  owner: string
  householdId: string
  /** the year the message is about (payments); none for a claim, a decision or a binding */
  year?: number
}

/** `templateIds`: the county's (GET /v1/me/subscriptions, from its configuration) when known. */
export async function askForReminders(
  target: ReminderTarget,
  kinds: ReminderKind[] = ['deadline', 'result'],
  templateIds: Partial<Record<ReminderKind, string>> = TEMPLATES
): Promise<SubscribeOutcome> {
  // only kinds the county has a template for, three at most (WeChat refuses more)
  kinds = kinds.filter((k) => templateIds[k]).slice(0, MAX_KINDS_PER_PROMPT)
  if (kinds.length === 0) return { ok: false, message: '县里还没有开通这项微信通知' }
  let accepted: ReminderKind[]
  try {
    const res = (await Taro.requestSubscribeMessage({
      tmplIds: kinds.map((k) => templateIds[k])
    } as never)) as unknown as Record<string, string>
    accepted = kinds.filter((k) => res?.[templateIds[k] as string] === 'accept')
  } catch {
    return { ok: false, message: '没有打开提醒，可以以后在这里再打开' }
  }
  const stored = await tellCounty(target.owner, {
    householdId: target.householdId,
    ...(target.year !== undefined ? { year: target.year } : {}),
    channel: 'weapp',
    templates: kinds.map((kind) => ({ kind, accepted: accepted.includes(kind) }))
  })
  return { ok: true, accepted, stored }
}

// ---- the answer on its way to the county ----
const PENDING_KEY = 'xqyb.reminders.pending'
interface Pending {
  owner: string
  choices: Record<string, SubscriptionsBody>
}

/** One kept answer per household and set of kinds: a later answer to the same question replaces it. */
const pendingKey = (body: SubscriptionsBody) =>
  `${body.householdId}|${body.templates
    .map((t) => t.kind)
    .sort()
    .join(',')}`

function readPending(): Pending | null {
  try {
    const raw = taroStorage.getItem(PENDING_KEY) as string | null
    const p = raw ? (JSON.parse(raw) as Pending) : null
    if (!p || typeof p.owner !== 'string' || !p.choices || typeof p.choices !== 'object') return null
    // (an answer kept by an earlier version is keyed by household alone)
    return { owner: p.owner, choices: Object.fromEntries(Object.values(p.choices).map((b) => [pendingKey(b), b])) }
  } catch {
    return null
  }
}

function writePending(p: Pending | null): void {
  if (!p || Object.keys(p.choices).length === 0) void taroStorage.removeItem(PENDING_KEY)
  else void taroStorage.setItem(PENDING_KEY, JSON.stringify(p))
}

let retryArmed: (() => void) | null = null
function armRetry(): void {
  if (retryArmed) return
  retryArmed = onReconnect(() => {
    retryArmed?.()
    retryArmed = null
    // only the signed-in user's own answers go out, with their own session
    const p = readPending()
    const me = useSession.getState().userId
    if (p && me && p.owner === me) void sendPendingReminderChoices(me)
    else if (p) void Promise.resolve().then(armRetry) // kept for its owner's next time online (armed after this round of retries)
  })
}

/** Sends one answer; kept on the phone (newest per question wins) only while the county cannot be reached. */
async function tellCounty(owner: string, body: SubscriptionsBody): Promise<boolean> {
  const r = await call('saveSubscriptions', { body })
  const p = readPending()
  const mine = p && p.owner === owner ? { ...p.choices } : {}
  if (!r.ok && isCountyDownError(r.error)) {
    mine[pendingKey(body)] = body
    writePending({ owner, choices: mine })
    armRetry()
    return false
  }
  // taken, or refused for good (no access any more): nothing left to send for this question
  delete mine[pendingKey(body)]
  writePending({ owner, choices: mine })
  return r.ok
}

let sending: Promise<void> | null = null

/**
 * Sends answers kept on the phone for `owner`; another user's are dropped, never sent. One
 * round at a time: the county answering wakes the armed retry while a round is on its way,
 * and the same answer must not go out twice.
 */
export function sendPendingReminderChoices(owner: string | null): Promise<void> {
  if (!sending) sending = sendPending(owner).finally(() => (sending = null))
  return sending
}

async function sendPending(owner: string | null): Promise<void> {
  const p = readPending()
  if (!p) return
  if (!owner || p.owner !== owner) {
    writePending(null)
    return
  }
  for (const body of Object.values(p.choices)) {
    if (!(await tellCounty(owner, body))) {
      const left = readPending()
      if (left?.choices[pendingKey(body)]) return // the county is still away: the rest waits too
    }
  }
}

export interface SentSoFar {
  /** what the county sent this user about the household, latest first */
  sent: SentMessage[]
  /** the county's template ids; a kind without one is not sent by this county */
  templateIds: Partial<Record<ReminderKind, string>>
}

/** What the county already sent (and its template ids); null when it cannot be asked now. */
export async function readSentMessages(householdId: string): Promise<SentSoFar | null> {
  const r = await call('listSubscriptions', { query: { householdId } })
  if (!r.ok) return null
  const ids: Partial<Record<ReminderKind, string>> = {}
  for (const k of Object.keys(r.data.templateIds) as ReminderKind[]) {
    const id = r.data.templateIds[k]
    if (id) ids[k] = id
  }
  return { sent: r.data.sent, templateIds: ids }
}
