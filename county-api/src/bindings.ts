// Binding an account to the person it belongs to (issue 15). An ID number and a name are found on
// many papers; binding needs what a villager has and a stranger does not:
//   1. ID number, name and the household booklet's number (户口簿户号) must match the roster;
//   2. then either a one-time code sent to the phone the county has for that person, or the
//      head's approval from the head's own account (a member without a phone of their own);
//      a head without a phone on file binds at the village or township office (assisted).
// Every binding is a row of `bindings` (who, which person, how it was proved, from where and
// when), announced to the head on the home page in the same commit, written to the household's
// access log, and listed for the head, who can remove any other account.
import type { BindingRequest, BindStart, BoundAccount } from '../../src/contract'
import type { Ctx } from './context'
import type { BindingRequestRow, BindingRow, PersonRow, UserRow } from './db/rows'
import { ApiFailure } from './errors'
import { isoTime } from './clock'
import { newId, randomDigits, sha256 } from './ids'
import { transact } from './db'
import { maskName, maskPhone } from './mask'
import { clearFailures, recordFailure, recordSent, refuseIfLocked, refuseIfTooManySent } from './auth'
import { logHouseholdEvent, relationTo } from './access'
import { recordBindingNotice } from './notifications'
import { checkIdNumber } from '../../src/shared/id-number'
import { normaliseName as normaliseDots } from '../../src/shared/names'

/** A request waiting for the head lasts a week; then the applicant asks again. */
const HEAD_APPROVAL_MS = 7 * 86_400_000

/** Names are compared as the app's normaliser does (every look-alike of the middle dot is ·), on NFC text. */
function sameName(a: string, b: string): boolean {
  return normaliseDots(a.normalize('NFC')) === normaliseDots(b.normalize('NFC'))
}

/** The booklet's number as people copy it: spaces and case do not matter. */
const bookletNumber = (s: string) => s.replace(/\s+/g, '').toUpperCase()

/** Where a request came from, coarsely (the first three parts): enough to tell "not here", never a full address. */
export function coarseAddress(ip: string | undefined): string | null {
  if (!ip) return null
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$/.exec(ip)
  if (v4) return `${v4[1]}.*`
  const parts = ip.split(':').filter((p) => p !== '')
  return parts.length >= 3 ? `${parts.slice(0, 3).join(':')}::*` : null
}

/** weapp accounts sign in with WeChat, h5 accounts with a phone. */
export const channelOf = (user: Pick<UserRow, 'openid'>): 'weapp' | 'h5' => (user.openid ? 'weapp' : 'h5')

/** How an account appears to the head: 微信用户, or its phone masked. */
export function accountName(ctx: Ctx, userId: string): string {
  const u = ctx.db.prepare('SELECT display_name, phone FROM users WHERE id = ?').get(userId) as
    { display_name: string; phone: string | null } | undefined
  if (!u) return '*'
  return u.phone ? maskPhone(u.phone) : u.display_name
}

const MISMATCH = () => new ApiFailure('BIND_MISMATCH')

export interface Found {
  person: PersonRow
  householdNumber: string | null
  headPersonId: string
  headName: string
}

export function findPerson(ctx: Ctx, idNumber: string, name: string, householdNumber: string): Found {
  const id = checkIdNumber(idNumber)
  if (!id.ok) throw new ApiFailure('BAD_REQUEST', { field: 'idNumber', problem: id.problem }, '身份证号不正确，请核对')
  const p = ctx.db
    .prepare(
      `SELECT p.*, h.household_number, h.head_person_id, hp.name AS head_name FROM persons p
      JOIN households h ON h.id = p.household_id JOIN persons hp ON hp.id = h.head_person_id WHERE p.id_number = ?`
    )
    .get(id.value) as
    (PersonRow & { household_number: string | null; head_person_id: string; head_name: string }) | undefined
  // One answer for an unknown number, a wrong name and a wrong booklet number: nothing to probe with.
  if (!p || !sameName(p.name, name)) throw MISMATCH()
  if (p.household_number !== null && bookletNumber(p.household_number) !== bookletNumber(householdNumber))
    throw MISMATCH()
  const { household_number, head_person_id, head_name, ...person } = p
  return { person, householdNumber: household_number, headPersonId: head_person_id, headName: head_name }
}

const ASSISTED =
  '请带户口簿和本人身份证到村委会或乡镇医保经办点，工作人员会帮您绑定（也可以在那里登记或更新您的手机号）。' +
  '自己办不了的，可以请村医或村里的医保协管员在您家同意后替您办：查参保、交医保费、给新生儿参保。'

export interface BindingClient {
  user: UserRow
  ip: string | undefined
}

/** Step 1: the roster says who; a code goes to their phone, or the head is asked. */
export async function startBinding(
  ctx: Ctx,
  { user, ip }: BindingClient,
  body: { idNumber: string; name: string; householdNumber: string; method?: 'sms' | 'head_approval' }
): Promise<BindStart> {
  const found = findPerson(ctx, body.idNumber, body.name, body.householdNumber)
  const p = found.person
  if (user.person_id === p.id) throw new ApiFailure('CONFLICT', undefined, '这个账号已经绑定好了')
  if (user.person_id) throw new ApiFailure('CONFLICT', undefined, '这个账号已经绑定了其他人')
  const now = ctx.clock.now()
  // a household without a booklet number on file cannot be proved this way
  if (found.householdNumber === null)
    return { method: 'assisted', requestId: null, phoneMasked: null, expiresAt: null, message: ASSISTED }

  const method = body.method ?? (p.phone ? 'sms' : 'head_approval')
  if (method === 'sms' && p.phone) {
    refuseIfTooManySent(ctx, p.phone)
    const code = ctx.config.devOtp ?? randomDigits(6)
    const requestId = newId('br')
    const expires = now + ctx.config.bindCodeMinutes * 60_000
    transact(ctx.db, () => {
      ctx.db
        .prepare(
          `INSERT INTO binding_requests (id, user_id, person_id, household_id, method, phone, code_hash, status, channel, ip, created_at, expires_at)
        VALUES (?, ?, ?, ?, 'sms', ?, ?, 'code_sent', ?, ?, ?, ?)`
        )
        .run(
          requestId,
          user.id,
          p.id,
          p.household_id,
          p.phone,
          sha256(`${requestId}:${code}`),
          channelOf(user),
          coarseAddress(ip),
          now,
          expires
        )
      recordSent(ctx, p.phone as string)
    })
    await ctx.sms.sendCode(p.phone, code, ctx.config.bindCodeMinutes)
    return {
      method: 'sms',
      requestId,
      phoneMasked: maskPhone(p.phone),
      expiresAt: isoTime(expires),
      message: `验证码已发到县里登记的手机 ${maskPhone(p.phone)}，${ctx.config.bindCodeMinutes}分钟内有效`
    }
  }
  const noPhone = p.phone ? '' : '县里没有登记您的手机号。'
  // the head cannot approve themself
  if (p.id === found.headPersonId)
    return { method: 'assisted', requestId: null, phoneMasked: null, expiresAt: null, message: `${noPhone}${ASSISTED}` }
  const headBound = ctx.db.prepare('SELECT 1 FROM users WHERE person_id = ? LIMIT 1').get(found.headPersonId) as
    unknown | undefined
  const request = transact(ctx.db, () => {
    const open = ctx.db
      .prepare(
        `SELECT * FROM binding_requests WHERE user_id = ? AND person_id = ? AND status = 'waiting_for_head' AND expires_at > ?`
      )
      .get(user.id, p.id, now) as BindingRequestRow | undefined
    if (open) return open
    const row: BindingRequestRow = {
      id: newId('br'),
      user_id: user.id,
      person_id: p.id,
      household_id: p.household_id,
      method: 'head_approval',
      phone: null,
      code_hash: null,
      status: 'waiting_for_head',
      channel: channelOf(user),
      ip: coarseAddress(ip),
      created_at: now,
      expires_at: now + HEAD_APPROVAL_MS,
      decided_at: null,
      decided_by: null
    }
    ctx.db
      .prepare(
        `INSERT INTO binding_requests (id, user_id, person_id, household_id, method, status, channel, ip, created_at, expires_at)
      VALUES (?, ?, ?, ?, 'head_approval', 'waiting_for_head', ?, ?, ?, ?)`
      )
      .run(row.id, row.user_id, row.person_id, row.household_id, row.channel, row.ip, now, row.expires_at)
    recordBindingNotice(ctx, 'binding_request', row, p.name, accountName(ctx, user.id), now)
    return row
  })
  return {
    method: 'head_approval',
    requestId: request.id,
    phoneMasked: null,
    expiresAt: isoTime(request.expires_at),
    message: `${noPhone}已请户主${maskName(found.headName)}确认：户主在乡亲医保“我的 → 家人查看”里点“同意”后，您就能看到家里的信息。${
      headBound ? '' : `户主还没有在手机上绑定，也可以${ASSISTED}`
    }`
  }
}

/** Binds the account (inside the caller's transaction): the row, the head's notice, the access log. */
function bind(ctx: Ctx, req: BindingRequestRow, via: BoundAccount['via'], personName: string, now: number): void {
  const changed = ctx.db
    .prepare('UPDATE users SET person_id = ? WHERE id = ? AND (person_id IS NULL OR person_id = ?)')
    .run(req.person_id, req.user_id, req.person_id).changes
  if (changed !== 1) throw new ApiFailure('CONFLICT', undefined, '这个账号已经绑定了其他人')
  const b: BindingRow = {
    id: newId('b'),
    user_id: req.user_id,
    person_id: req.person_id,
    household_id: req.household_id,
    via,
    channel: req.channel,
    ip: req.ip,
    created_at: now,
    removed_at: null,
    removed_by: null
  }
  ctx.db
    .prepare(
      'INSERT INTO bindings (id, user_id, person_id, household_id, via, channel, ip, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    )
    .run(b.id, b.user_id, b.person_id, b.household_id, b.via, b.channel, b.ip, now)
  ctx.db
    .prepare(`UPDATE binding_requests SET status = 'bound', decided_at = ?, code_hash = NULL WHERE id = ?`)
    .run(now, req.id)
  recordBindingNotice(ctx, 'new_binding', { ...req, binding_id: b.id }, personName, accountName(ctx, req.user_id), now)
  logHouseholdEvent(
    ctx,
    req.household_id,
    req.user_id,
    via === 'head_approval' ? 'bound_with_head_approval' : 'bound_with_sms_code',
    now
  )
}

/** Step 2 (sms): the code from the roster phone. A wrong code counts against that phone, across re-sent codes. */
export function confirmBinding(ctx: Ctx, user: UserRow, requestId: string, code: string): void {
  const req = ctx.db.prepare('SELECT * FROM binding_requests WHERE id = ? AND user_id = ?').get(requestId, user.id) as
    BindingRequestRow | undefined
  if (!req) throw new ApiFailure('NOT_FOUND')
  if (req.method !== 'sms' || !req.phone)
    throw new ApiFailure('CONFLICT', { status: req.status }, '这个申请要等户主确认，不用填验证码')
  if (req.status === 'bound') return
  const phone = req.phone
  refuseIfLocked(ctx, phone)
  const r = transact(ctx.db, (): ApiFailure | null => {
    const now = ctx.clock.now()
    const current = ctx.db.prepare('SELECT * FROM binding_requests WHERE id = ?').get(req.id) as BindingRequestRow
    if (
      current.status !== 'code_sent' ||
      current.expires_at <= now ||
      current.code_hash !== sha256(`${req.id}:${code}`)
    )
      return recordFailure(ctx, phone)
    clearFailures(ctx, phone)
    const name = (ctx.db.prepare('SELECT name FROM persons WHERE id = ?').get(req.person_id) as { name: string }).name
    bind(ctx, current, 'sms_code', name, now)
    return null
  })
  if (r) throw r
}

function requestView(ctx: Ctx, r: BindingRequestRow, now: number): BindingRequest {
  const name = (ctx.db.prepare('SELECT name FROM persons WHERE id = ?').get(r.person_id) as { name: string }).name
  const live = r.status === 'code_sent' || r.status === 'waiting_for_head'
  return {
    requestId: r.id,
    householdId: r.household_id,
    method: r.method,
    status: live && r.expires_at <= now ? 'expired' : r.status,
    personName: name,
    accountName: accountName(ctx, r.user_id),
    channel: r.channel,
    from: r.ip,
    createdAt: isoTime(r.created_at),
    expiresAt: isoTime(r.expires_at)
  }
}

/** The applicant's own request (did the head approve?). */
export function ownRequest(ctx: Ctx, user: UserRow, requestId: string): BindingRequest {
  const r = ctx.db.prepare('SELECT * FROM binding_requests WHERE id = ? AND user_id = ?').get(requestId, user.id) as
    BindingRequestRow | undefined
  if (!r) throw new ApiFailure('NOT_FOUND')
  return requestView(ctx, r, ctx.clock.now())
}

/** Only the head manages who is bound (uniform 404 to strangers, 403 to members and grantees). */
function requireHead(ctx: Ctx, user: UserRow, householdId: string): void {
  const access = relationTo(ctx, user, householdId)
  if (!access) throw new ApiFailure('NOT_FOUND')
  if (access.relation !== 'head') throw new ApiFailure('FORBIDDEN', { needs: 'head' })
}

function accountView(ctx: Ctx, b: BindingRow & { person_name: string }, viewer: UserRow): BoundAccount {
  return {
    bindingId: b.id,
    personId: b.person_id,
    personName: b.person_name,
    accountName: accountName(ctx, b.user_id),
    channel: b.channel,
    via: b.via,
    from: b.ip,
    boundAt: isoTime(b.created_at),
    removedAt: b.removed_at === null ? null : isoTime(b.removed_at),
    isYou: b.user_id === viewer.id
  }
}

export function listBindings(ctx: Ctx, user: UserRow, householdId: string) {
  requireHead(ctx, user, householdId)
  const now = ctx.clock.now()
  const accounts = ctx.db
    .prepare(
      `SELECT b.*, p.name AS person_name FROM bindings b JOIN persons p ON p.id = b.person_id
      WHERE b.household_id = ? AND b.removed_at IS NULL ORDER BY b.created_at DESC`
    )
    .all(householdId) as (BindingRow & { person_name: string })[]
  const requests = ctx.db
    .prepare(
      `SELECT * FROM binding_requests WHERE household_id = ? AND status = 'waiting_for_head' AND expires_at > ? ORDER BY created_at DESC`
    )
    .all(householdId, now) as BindingRequestRow[]
  return {
    householdId,
    accounts: accounts.map((b) => accountView(ctx, b, user)),
    requests: requests.map((r) => requestView(ctx, r, now))
  }
}

/** The head approves (binds the applicant) or refuses a request waiting for them. */
export function decideRequest(ctx: Ctx, user: UserRow, requestId: string, approve: boolean): BindingRequest {
  return transact(ctx.db, () => {
    const r = ctx.db.prepare('SELECT * FROM binding_requests WHERE id = ?').get(requestId) as
      BindingRequestRow | undefined
    if (!r) throw new ApiFailure('NOT_FOUND')
    requireHead(ctx, user, r.household_id)
    const now = ctx.clock.now()
    if (r.status !== 'waiting_for_head' || r.expires_at <= now)
      throw new ApiFailure('CONFLICT', { status: requestView(ctx, r, now).status }, '这个申请已经处理过或过期了')
    if (approve) {
      const name = (ctx.db.prepare('SELECT name FROM persons WHERE id = ?').get(r.person_id) as { name: string }).name
      bind(ctx, r, 'head_approval', name, now)
    } else {
      ctx.db.prepare(`UPDATE binding_requests SET status = 'refused' WHERE id = ?`).run(r.id)
      logHouseholdEvent(ctx, r.household_id, user.id, 'refused_binding', now)
    }
    ctx.db.prepare('UPDATE binding_requests SET decided_at = ?, decided_by = ? WHERE id = ?').run(now, user.id, r.id)
    return requestView(
      ctx,
      ctx.db.prepare('SELECT * FROM binding_requests WHERE id = ?').get(r.id) as BindingRequestRow,
      now
    )
  })
}

/** The head removes an account bound to the household: it sees nothing of it from now on. */
export function removeBinding(ctx: Ctx, user: UserRow, bindingId: string): BoundAccount {
  return transact(ctx.db, () => {
    const b = ctx.db
      .prepare('SELECT b.*, p.name AS person_name FROM bindings b JOIN persons p ON p.id = b.person_id WHERE b.id = ?')
      .get(bindingId) as (BindingRow & { person_name: string }) | undefined
    if (!b) throw new ApiFailure('NOT_FOUND')
    requireHead(ctx, user, b.household_id)
    if (b.user_id === user.id) throw new ApiFailure('CONFLICT', undefined, '不能移除您正在用的这个账号')
    const now = ctx.clock.now()
    if (b.removed_at === null) {
      ctx.db.prepare('UPDATE bindings SET removed_at = ?, removed_by = ? WHERE id = ?').run(now, user.id, b.id)
      ctx.db.prepare('UPDATE users SET person_id = NULL WHERE id = ? AND person_id = ?').run(b.user_id, b.person_id)
      logHouseholdEvent(ctx, b.household_id, user.id, 'removed_binding', now)
    }
    const after = ctx.db.prepare('SELECT * FROM bindings WHERE id = ?').get(b.id) as BindingRow
    return accountView(ctx, { ...after, person_name: b.person_name }, user)
  })
}
