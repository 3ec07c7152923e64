// The assisted path (issue 18): a 村医 or 协管员 the county registered (role `assistant`) acts for a
// household that cannot do it alone, only with that household's consent given then and there:
//   1. the villager in front of the assistant gives ID number, name and the booklet number (as for
//      binding); a one-time code goes to the phone the county has for the household's head (or the
//      person's own);
//   2. the villager reads the code to the assistant, who types it: the consent is active for
//      ASSIST_MINUTES, for looking up status, paying (the order and receipt are the household's) and
//      starting a newborn's enrolment (access.ts gives the assistant a grantee's masked view);
//   3. every action is written to the household's access log under the consent; the household sees
//      them all in "谁替我办过事" and can revoke at once.
// A household with no phone (or none that gets the code) consents on paper instead: the assistant
// photographs the form the head signed; the photo is an application (kind assist_consent) in the
// county's queue, and the reviewer's approval starts the consent, for ASSIST_FORM_HOURS.
import type { AssistConsent, AssistScope } from '../../src/contract'
import type { Ctx } from './context'
import type { AccessLogRow, ApplicationRow, AssistConsentRow, UserRow } from './db/rows'
import { ApiFailure } from './errors'
import { isoTime } from './clock'
import { newId, randomDigits, sha256 } from './ids'
import { inTx, mapInOrder } from './db'
import { maskName, maskPhone } from './mask'
import { clearFailures, recordFailure, recordSent, refuseIfLocked, refuseIfTooManySent } from './auth'
import { logHouseholdEvent, requireMember } from './access'
import { findPerson } from './bindings'

/** How long a consent lets the assistant act: one visit. */
export const ASSIST_MINUTES = 120
/** A consent on paper runs from the county's confirmation: the assistant comes back within a day. */
export const ASSIST_FORM_HOURS = 24
/** How long a form waits for the county before it lapses. */
const FORM_WAIT_DAYS = 7
const SCOPES: AssistScope[] = ['status', 'pay', 'enrol']

async function load(ctx: Ctx, id: string): Promise<AssistConsentRow> {
  const c = await ctx.db.get<AssistConsentRow>('SELECT * FROM assist_consents WHERE id = ?', id)
  if (!c) throw new ApiFailure('NOT_FOUND')
  return c
}

export async function consentView(ctx: Ctx, c: AssistConsentRow): Promise<AssistConsent> {
  const now = ctx.clock.now()
  const place = (await ctx.db.get<{ village: string; name: string }>(
    'SELECT h.village, p.name FROM households h JOIN persons p ON p.id = h.head_person_id WHERE h.id = ?',
    c.household_id
  ))!
  const assistant = (await ctx.db.get<{
    display_name: string
  }>('SELECT display_name FROM users WHERE id = ?', c.assistant_user_id))!
  const actions = await ctx.db.all<AccessLogRow>(
    'SELECT * FROM access_log WHERE subject = ? AND household_id = ? ORDER BY at, id',
    c.id,
    c.household_id
  )
  const live = c.status === 'code_sent' || c.status === 'form_pending' || c.status === 'active'
  return {
    consentId: c.id,
    householdId: c.household_id,
    headNameMasked: maskName(place.name),
    village: place.village,
    assistantName: assistant.display_name,
    status: live && c.expires_at <= now ? 'ended' : c.status,
    scopes: JSON.parse(c.scopes) as AssistScope[],
    phoneMasked: c.phone ? maskPhone(c.phone) : null,
    createdAt: isoTime(c.created_at),
    expiresAt: isoTime(c.expires_at),
    confirmedAt: c.confirmed_at === null ? null : isoTime(c.confirmed_at),
    endedAt: c.ended_at !== null ? isoTime(c.ended_at) : live && c.expires_at <= now ? isoTime(c.expires_at) : null,
    actions: actions.map((a) => ({ at: isoTime(a.at), action: a.action })),
    applicationId: c.application_id
  }
}

/** Step 1: the roster says which household; a code goes to its phone. */
export async function startAssist(
  ctx: Ctx,
  user: UserRow,
  body: { idNumber: string; name: string; householdNumber: string; method?: 'code' | 'form' }
): Promise<AssistConsent> {
  const found = await findPerson(ctx, body.idNumber, body.name, body.householdNumber)
  if (body.method === 'form') return await startConsentForm(ctx, user, found.person)
  const head = (await ctx.db.get<{
    phone: string | null
  }>('SELECT phone FROM persons WHERE id = ?', found.headPersonId))!
  const phone = head.phone ?? found.person.phone
  if (!phone)
    throw new ApiFailure(
      'CONFLICT',
      { reason: 'no_phone' },
      '县里没有登记这户的手机号，发不了验证码。请这户签一张代办同意书，拍照交县医保局确认后再办'
    )
  await refuseIfTooManySent(ctx, phone)
  const code = ctx.config.devOtp ?? randomDigits(6)
  const id = newId('as')
  const now = ctx.clock.now()
  await inTx(ctx, async (ctx) => {
    await ctx.db.run(
      `INSERT INTO assist_consents (id, assistant_user_id, household_id, person_id, phone, code_hash, status, scopes, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, 'code_sent', ?, ?, ?)`,
      id,
      user.id,
      found.person.household_id,
      found.person.id,
      phone,
      sha256(`${id}:${code}`),
      JSON.stringify(SCOPES),
      now,
      now + ctx.config.bindCodeMinutes * 60_000
    )
    await recordSent(ctx, phone)
    await logHouseholdEvent(ctx, found.person.household_id, user.id, 'assistant_asked_consent', now, { subject: id })
  })
  await ctx.sms.sendCode(phone, code, ctx.config.bindCodeMinutes)
  return await consentView(ctx, await load(ctx, id))
}

/** On paper: the consent waits for the form's photo and the county's confirmation (the queue). */
async function startConsentForm(
  ctx: Ctx,
  user: UserRow,
  person: { id: string; household_id: string }
): Promise<AssistConsent> {
  const now = ctx.clock.now()
  const waiting = await ctx.db.get<{ id: string }>(
    `SELECT id FROM assist_consents WHERE assistant_user_id = ? AND household_id = ? AND status = 'form_pending' AND expires_at > ?`,
    user.id,
    person.household_id,
    now
  )
  if (waiting) return await consentView(ctx, await load(ctx, waiting.id)) // one form at a time per household
  const id = newId('as')
  const appId = newId('app')
  await inTx(ctx, async (ctx) => {
    await ctx.db.run(
      `INSERT INTO applications (id, household_id, kind, status, fields, submitted_by, submitted_at) VALUES (?, ?, 'assist_consent', 'submitted', ?, ?, ?)`,
      appId,
      person.household_id,
      JSON.stringify({ personId: person.id }),
      user.id,
      now
    )
    await ctx.db.run(
      `INSERT INTO assist_consents (id, assistant_user_id, household_id, person_id, phone, code_hash, status, scopes, created_at, expires_at, application_id)
         VALUES (?, ?, ?, ?, NULL, NULL, 'form_pending', ?, ?, ?, ?)`,
      id,
      user.id,
      person.household_id,
      person.id,
      JSON.stringify(SCOPES),
      now,
      now + FORM_WAIT_DAYS * 86_400_000,
      appId
    )
    await logHouseholdEvent(ctx, person.household_id, user.id, 'assistant_sent_consent_form', now, { subject: id })
  })
  return await consentView(ctx, await load(ctx, id))
}

/** The consent form's application: only the assistant who sent it adds photos or reads it (a member reads it too). */
export async function requireConsentFormAccess(
  ctx: Ctx,
  user: UserRow,
  a: ApplicationRow,
  write: boolean
): Promise<void> {
  const c = await ctx.db.get<AssistConsentRow>('SELECT * FROM assist_consents WHERE application_id = ?', a.id)
  if (!c) throw new ApiFailure('NOT_FOUND')
  if (user.role === 'assistant') {
    if (c.assistant_user_id !== user.id) throw new ApiFailure('NOT_FOUND')
    return
  }
  if (write) throw new ApiFailure('FORBIDDEN', undefined, '代办同意书由代办人拍照上传')
  await requireMember(ctx, user, a.household_id)
}

/** The county decided the form (enrol.ts, inside the decision's transaction): approved starts the consent. */
export async function decideConsentForm(
  ctx: Ctx,
  a: ApplicationRow,
  status: string,
  reviewerId: string,
  now: number
): Promise<void> {
  const c = await ctx.db.get<AssistConsentRow>('SELECT * FROM assist_consents WHERE application_id = ?', a.id)
  if (!c) throw new ApiFailure('CONFLICT', undefined, '找不到这张同意书对应的代办')
  if (status === 'needs_more') return // the assistant sends a clearer photo; the consent keeps waiting
  if (c.status !== 'form_pending' || (status === 'approved' && c.expires_at <= now))
    throw new ApiFailure('CONFLICT', { status: (await consentView(ctx, c)).status }, '这次代办已经结束或被这户收回了')
  if (status === 'approved') {
    await ctx.db.run(
      `UPDATE assist_consents SET status = 'active', confirmed_at = ?, expires_at = ? WHERE id = ?`,
      now,
      now + ASSIST_FORM_HOURS * 3_600_000,
      c.id
    )
    await logHouseholdEvent(ctx, c.household_id, reviewerId, 'assistant_consent_form_confirmed', now, { subject: c.id })
  } else {
    await ctx.db.run(
      `UPDATE assist_consents SET status = 'refused', ended_at = ?, ended_by = ? WHERE id = ?`,
      now,
      reviewerId,
      c.id
    )
    await logHouseholdEvent(ctx, c.household_id, reviewerId, 'assistant_consent_form_refused', now, { subject: c.id })
  }
}

/** Step 2: the code the household read out; the consent runs for ASSIST_MINUTES from now. */
export async function confirmAssist(ctx: Ctx, user: UserRow, consentId: string, code: string): Promise<AssistConsent> {
  const c = await load(ctx, consentId)
  if (c.assistant_user_id !== user.id) throw new ApiFailure('NOT_FOUND')
  if (c.status !== 'code_sent') throw new ApiFailure('CONFLICT', { status: c.status })
  const phone = c.phone as string
  await refuseIfLocked(ctx, phone)
  const refused = await inTx(ctx, async (ctx): Promise<ApiFailure | null> => {
    const now = ctx.clock.now()
    const current = await load(ctx, consentId)
    if (current.status !== 'code_sent' || current.expires_at <= now || current.code_hash !== sha256(`${c.id}:${code}`))
      return await recordFailure(ctx, phone)
    await clearFailures(ctx, phone)
    await ctx.db.run(
      `UPDATE assist_consents SET status = 'active', code_hash = NULL, confirmed_at = ?, expires_at = ? WHERE id = ?`,
      now,
      now + ASSIST_MINUTES * 60_000,
      c.id
    )
    await logHouseholdEvent(ctx, c.household_id, user.id, 'assistant_consent_given', now, { subject: c.id })
    return null
  })
  if (refused) throw refused
  return await consentView(ctx, await load(ctx, consentId))
}

/** The assistant's own consents, the latest first. */
export async function myAssists(ctx: Ctx, user: UserRow): Promise<AssistConsent[]> {
  const rows = await ctx.db.all<AssistConsentRow>(
    'SELECT * FROM assist_consents WHERE assistant_user_id = ? ORDER BY created_at DESC LIMIT 50',
    user.id
  )
  return await mapInOrder(rows, async (c) => await consentView(ctx, c))
}

/** 谁替我办过事: every consent the household gave (or was asked for), with each action. */
export async function householdAssists(ctx: Ctx, user: UserRow, householdId: string): Promise<AssistConsent[]> {
  await requireMember(ctx, user, householdId)
  const rows = await ctx.db.all<AssistConsentRow>(
    'SELECT * FROM assist_consents WHERE household_id = ? ORDER BY created_at DESC LIMIT 50',
    householdId
  )
  return await mapInOrder(rows, async (c) => await consentView(ctx, c))
}

/** The household takes the consent back: the assistant can do nothing more for it, at once. */
export async function revokeAssist(ctx: Ctx, user: UserRow, consentId: string): Promise<AssistConsent> {
  const c = await load(ctx, consentId)
  await requireMember(ctx, user, c.household_id)
  const now = ctx.clock.now()
  if ((c.status !== 'code_sent' && c.status !== 'form_pending' && c.status !== 'active') || c.expires_at <= now)
    throw new ApiFailure('CONFLICT', { status: (await consentView(ctx, c)).status }, '这次代办已经结束了')
  await inTx(ctx, async (ctx) => {
    await ctx.db.run(
      `UPDATE assist_consents SET status = 'revoked', ended_at = ?, ended_by = ? WHERE id = ?`,
      now,
      user.id,
      c.id
    )
    // a form still waiting leaves the county's queue: nothing left to confirm
    if (c.application_id)
      await ctx.db.run(
        `UPDATE applications SET status = 'rejected', reason = '这户收回了代办同意', decided_at = ?, decided_by = ? WHERE id = ? AND status IN ('submitted', 'needs_more')`,
        now,
        user.id,
        c.application_id
      )
    await logHouseholdEvent(ctx, c.household_id, user.id, 'assist_revoked', now, { subject: c.id })
  })
  return await consentView(ctx, await load(ctx, consentId))
}
