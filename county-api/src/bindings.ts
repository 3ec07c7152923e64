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
import { inTx, mapInOrder } from './db'
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
export async function accountName(ctx: Ctx, userId: string): Promise<string> {
  const u = await ctx.db.get<{ display_name: string; phone: string | null }>(
    'SELECT display_name, phone FROM users WHERE id = ?',
    userId
  )
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

export async function findPerson(ctx: Ctx, idNumber: string, name: string, householdNumber: string): Promise<Found> {
  const id = checkIdNumber(idNumber)
  if (!id.ok) throw new ApiFailure('BAD_REQUEST', { field: 'idNumber', problem: id.problem }, '身份证号不正确，请核对')
  const p = await ctx.db.get<
    PersonRow & { household_number: string | null; head_person_id: string; head_name: string }
  >(
    `SELECT p.*, h.household_number, h.head_person_id, hp.name AS head_name FROM persons p
      JOIN households h ON h.id = p.household_id JOIN persons hp ON hp.id = h.head_person_id WHERE p.id_number = ?`,
    id.value
  )
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
  const found = await findPerson(ctx, body.idNumber, body.name, body.householdNumber)
  const p = found.person
  if (user.person_id === p.id) throw new ApiFailure('CONFLICT', undefined, '这个账号已经绑定好了')
  if (user.person_id) throw new ApiFailure('CONFLICT', undefined, '这个账号已经绑定了其他人')
  const now = ctx.clock.now()
  // a household without a booklet number on file cannot be proved this way
  if (found.householdNumber === null)
    return { method: 'assisted', requestId: null, phoneMasked: null, expiresAt: null, message: ASSISTED }

  const method = body.method ?? (p.phone ? 'sms' : 'head_approval')
  if (method === 'sms' && p.phone) {
    await refuseIfTooManySent(ctx, p.phone)
    const code = ctx.config.devOtp ?? randomDigits(6)
    const requestId = newId('br')
    const expires = now + ctx.config.bindCodeMinutes * 60_000
    await inTx(ctx, async (ctx) => {
      await ctx.db.run(
        `INSERT INTO binding_requests (id, user_id, person_id, household_id, method, phone, code_hash, status, channel, ip, created_at, expires_at)
        VALUES (?, ?, ?, ?, 'sms', ?, ?, 'code_sent', ?, ?, ?, ?)`,
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
      await recordSent(ctx, p.phone as string)
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
  const headBound = await ctx.db.get<unknown>('SELECT 1 FROM users WHERE person_id = ? LIMIT 1', found.headPersonId)
  const request = await inTx(ctx, async (ctx) => {
    const open = await ctx.db.get<BindingRequestRow>(
      `SELECT * FROM binding_requests WHERE user_id = ? AND person_id = ? AND status = 'waiting_for_head' AND expires_at > ?`,
      user.id,
      p.id,
      now
    )
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
    await ctx.db.run(
      `INSERT INTO binding_requests (id, user_id, person_id, household_id, method, status, channel, ip, created_at, expires_at)
      VALUES (?, ?, ?, ?, 'head_approval', 'waiting_for_head', ?, ?, ?, ?)`,
      row.id,
      row.user_id,
      row.person_id,
      row.household_id,
      row.channel,
      row.ip,
      now,
      row.expires_at
    )
    await recordBindingNotice(ctx, 'binding_request', row, p.name, await accountName(ctx, user.id), now)
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
async function bind(
  ctx: Ctx,
  req: BindingRequestRow,
  via: BoundAccount['via'],
  personName: string,
  now: number
): Promise<void> {
  const changed = (
    await ctx.db.run(
      'UPDATE users SET person_id = ? WHERE id = ? AND (person_id IS NULL OR person_id = ?)',
      req.person_id,
      req.user_id,
      req.person_id
    )
  ).changes
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
  await ctx.db.run(
    'INSERT INTO bindings (id, user_id, person_id, household_id, via, channel, ip, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    b.id,
    b.user_id,
    b.person_id,
    b.household_id,
    b.via,
    b.channel,
    b.ip,
    now
  )
  await ctx.db.run(
    `UPDATE binding_requests SET status = 'bound', decided_at = ?, code_hash = NULL WHERE id = ?`,
    now,
    req.id
  )
  await recordBindingNotice(
    ctx,
    'new_binding',
    { ...req, binding_id: b.id },
    personName,
    await accountName(ctx, req.user_id),
    now
  )
  await logHouseholdEvent(
    ctx,
    req.household_id,
    req.user_id,
    via === 'head_approval' ? 'bound_with_head_approval' : 'bound_with_sms_code',
    now
  )
}

/** Step 2 (sms): the code from the roster phone. A wrong code counts against that phone, across re-sent codes. */
export async function confirmBinding(ctx: Ctx, user: UserRow, requestId: string, code: string): Promise<void> {
  const req = await ctx.db.get<BindingRequestRow>(
    'SELECT * FROM binding_requests WHERE id = ? AND user_id = ?',
    requestId,
    user.id
  )
  if (!req) throw new ApiFailure('NOT_FOUND')
  if (req.method !== 'sms' || !req.phone)
    throw new ApiFailure('CONFLICT', { status: req.status }, '这个申请要等户主确认，不用填验证码')
  if (req.status === 'bound') return
  const phone = req.phone
  await refuseIfLocked(ctx, phone)
  const r = await inTx(ctx, async (ctx): Promise<ApiFailure | null> => {
    const now = ctx.clock.now()
    const current = (await ctx.db.get<BindingRequestRow>('SELECT * FROM binding_requests WHERE id = ?', req.id))!
    if (
      current.status !== 'code_sent' ||
      current.expires_at <= now ||
      current.code_hash !== sha256(`${req.id}:${code}`)
    )
      return await recordFailure(ctx, phone)
    await clearFailures(ctx, phone)
    const name = (await ctx.db.get<{ name: string }>('SELECT name FROM persons WHERE id = ?', req.person_id))!.name
    await bind(ctx, current, 'sms_code', name, now)
    return null
  })
  if (r) throw r
}

async function requestView(ctx: Ctx, r: BindingRequestRow, now: number): Promise<BindingRequest> {
  const name = (await ctx.db.get<{ name: string }>('SELECT name FROM persons WHERE id = ?', r.person_id))!.name
  const live = r.status === 'code_sent' || r.status === 'waiting_for_head'
  return {
    requestId: r.id,
    householdId: r.household_id,
    method: r.method,
    status: live && r.expires_at <= now ? 'expired' : r.status,
    personName: name,
    accountName: await accountName(ctx, r.user_id),
    channel: r.channel,
    from: r.ip,
    createdAt: isoTime(r.created_at),
    expiresAt: isoTime(r.expires_at)
  }
}

/** The applicant's own request (did the head approve?). */
export async function ownRequest(ctx: Ctx, user: UserRow, requestId: string): Promise<BindingRequest> {
  const r = await ctx.db.get<BindingRequestRow>(
    'SELECT * FROM binding_requests WHERE id = ? AND user_id = ?',
    requestId,
    user.id
  )
  if (!r) throw new ApiFailure('NOT_FOUND')
  return await requestView(ctx, r, ctx.clock.now())
}

/** Only the head manages who is bound (uniform 404 to strangers, 403 to members and grantees). */
async function requireHead(ctx: Ctx, user: UserRow, householdId: string): Promise<void> {
  const access = await relationTo(ctx, user, householdId)
  if (!access) throw new ApiFailure('NOT_FOUND')
  if (access.relation !== 'head') throw new ApiFailure('FORBIDDEN', { needs: 'head' })
}

async function accountView(ctx: Ctx, b: BindingRow & { person_name: string }, viewer: UserRow): Promise<BoundAccount> {
  return {
    bindingId: b.id,
    personId: b.person_id,
    personName: b.person_name,
    accountName: await accountName(ctx, b.user_id),
    channel: b.channel,
    via: b.via,
    from: b.ip,
    boundAt: isoTime(b.created_at),
    removedAt: b.removed_at === null ? null : isoTime(b.removed_at),
    isYou: b.user_id === viewer.id
  }
}

export async function listBindings(ctx: Ctx, user: UserRow, householdId: string) {
  await requireHead(ctx, user, householdId)
  const now = ctx.clock.now()
  const accounts = await ctx.db.all<BindingRow & { person_name: string }>(
    `SELECT b.*, p.name AS person_name FROM bindings b JOIN persons p ON p.id = b.person_id
      WHERE b.household_id = ? AND b.removed_at IS NULL ORDER BY b.created_at DESC`,
    householdId
  )
  const requests = await ctx.db.all<BindingRequestRow>(
    `SELECT * FROM binding_requests WHERE household_id = ? AND status = 'waiting_for_head' AND expires_at > ? ORDER BY created_at DESC`,
    householdId,
    now
  )
  return {
    householdId,
    accounts: await mapInOrder(accounts, async (b) => await accountView(ctx, b, user)),
    requests: await mapInOrder(requests, async (r) => await requestView(ctx, r, now))
  }
}

/** The head approves (binds the applicant) or refuses a request waiting for them. */
export async function decideRequest(
  ctx: Ctx,
  user: UserRow,
  requestId: string,
  approve: boolean
): Promise<BindingRequest> {
  return await inTx(ctx, async (ctx) => {
    const r = await ctx.db.get<BindingRequestRow>('SELECT * FROM binding_requests WHERE id = ?', requestId)
    if (!r) throw new ApiFailure('NOT_FOUND')
    await requireHead(ctx, user, r.household_id)
    const now = ctx.clock.now()
    if (r.status !== 'waiting_for_head' || r.expires_at <= now)
      throw new ApiFailure(
        'CONFLICT',
        { status: (await requestView(ctx, r, now)).status },
        '这个申请已经处理过或过期了'
      )
    if (approve) {
      const name = (await ctx.db.get<{ name: string }>('SELECT name FROM persons WHERE id = ?', r.person_id))!.name
      await bind(ctx, r, 'head_approval', name, now)
    } else {
      await ctx.db.run(`UPDATE binding_requests SET status = 'refused' WHERE id = ?`, r.id)
      await logHouseholdEvent(ctx, r.household_id, user.id, 'refused_binding', now)
    }
    await ctx.db.run('UPDATE binding_requests SET decided_at = ?, decided_by = ? WHERE id = ?', now, user.id, r.id)
    return await requestView(
      ctx,
      (await ctx.db.get<BindingRequestRow>('SELECT * FROM binding_requests WHERE id = ?', r.id))!,
      now
    )
  })
}

/** The head removes an account bound to the household: it sees nothing of it from now on. */
export async function removeBinding(ctx: Ctx, user: UserRow, bindingId: string): Promise<BoundAccount> {
  return await inTx(ctx, async (ctx) => {
    const b = await ctx.db.get<BindingRow & { person_name: string }>(
      'SELECT b.*, p.name AS person_name FROM bindings b JOIN persons p ON p.id = b.person_id WHERE b.id = ?',
      bindingId
    )
    if (!b) throw new ApiFailure('NOT_FOUND')
    await requireHead(ctx, user, b.household_id)
    if (b.user_id === user.id) throw new ApiFailure('CONFLICT', undefined, '不能移除您正在用的这个账号')
    const now = ctx.clock.now()
    if (b.removed_at === null) {
      await ctx.db.run('UPDATE bindings SET removed_at = ?, removed_by = ? WHERE id = ?', now, user.id, b.id)
      await ctx.db.run('UPDATE users SET person_id = NULL WHERE id = ? AND person_id = ?', b.user_id, b.person_id)
      await logHouseholdEvent(ctx, b.household_id, user.id, 'removed_binding', now)
    }
    const after = (await ctx.db.get<BindingRow>('SELECT * FROM bindings WHERE id = ?', b.id))!
    return await accountView(ctx, { ...after, person_name: b.person_name }, user)
  })
}
