// Sessions (opaque random tokens, stored as SHA-256), OTP for h5, WeChat users (the code
// exchange itself is a port: ports/wechat.ts). Limits on sign-in are in limits.ts.
import type { Ctx } from './context'
import type { UserRow } from './db/rows'
import { ApiFailure } from './errors'
import { newId, randomDigits, randomToken, sha256 } from './ids'
import { isoTime } from './clock'
import { maskPhone } from './mask'
import { inTx } from './db'
import { waitText, withinWindow } from './limits'

/** The session's last use is written at most this often (not on every request). */
const SEEN_EVERY_MS = 60_000

export async function authenticate(ctx: Ctx, header: string | undefined): Promise<UserRow> {
  const m = header ? /^Bearer\s+(\S+)$/.exec(header) : null
  if (!m) throw new ApiFailure('UNAUTHENTICATED')
  const hash = sha256(m[1])
  // the session, its user and the household the user is bound to, in one read
  const row = await ctx.db.get<SessionRow>(
    `SELECT s.expires_at, s.last_seen_at, u.id, u.role, u.openid, u.phone, u.person_id, u.display_name,
        p.name AS person_name, p.household_id, h.head_person_id, h.region_code
      FROM sessions s JOIN users u ON u.id = s.user_id
        LEFT JOIN persons p ON p.id = u.person_id LEFT JOIN households h ON h.id = p.household_id
      WHERE s.token_hash = ?`,
    hash
  )
  if (!row) throw new ApiFailure('UNAUTHENTICATED')
  const now = ctx.clock.now()
  const seen = row.last_seen_at ?? 0
  // past its expiry, or not used for SESSION_IDLE_MINUTES: sign in again
  if (row.expires_at <= now || seen + ctx.config.sessionIdleMinutes * 60_000 <= now) {
    await ctx.db.run('DELETE FROM sessions WHERE token_hash = ?', hash)
    throw new ApiFailure('SESSION_EXPIRED')
  }
  if (now - seen >= SEEN_EVERY_MS)
    await ctx.db.run('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', now, hash)
  return {
    id: row.id,
    role: row.role,
    openid: row.openid,
    phone: row.phone,
    person_id: row.person_id,
    display_name: row.display_name,
    home:
      row.household_id === null || row.head_person_id === null
        ? null
        : {
            personId: row.person_id as string,
            householdId: row.household_id,
            headPersonId: row.head_person_id,
            regionCode: row.region_code as string,
            personName: row.person_name as string
          }
  }
}

type SessionRow = Omit<UserRow, 'home'> & {
  expires_at: number
  last_seen_at: number | null
  person_name: string | null
  household_id: string | null
  head_person_id: string | null
  region_code: string | null
}

export async function createSession(ctx: Ctx, userId: string): Promise<{ token: string; expiresAt: string }> {
  const token = randomToken()
  const now = ctx.clock.now()
  const expires = now + ctx.config.sessionTtlHours * 3600_000
  await ctx.db.run(
    'INSERT INTO sessions (token_hash, user_id, expires_at, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
    sha256(token),
    userId,
    expires,
    now,
    now
  )
  return { token, expiresAt: isoTime(expires) }
}

export async function signOut(ctx: Ctx, header: string | undefined): Promise<void> {
  const m = header ? /^Bearer\s+(\S+)$/.exec(header) : null
  if (m) await ctx.db.run('DELETE FROM sessions WHERE token_hash = ?', sha256(m[1]))
}

/** "Sign out on every phone": every session of the user ends at once. */
export async function signOutEverywhere(ctx: Ctx, userId: string): Promise<number> {
  return (await ctx.db.run('DELETE FROM sessions WHERE user_id = ?', userId)).changes
}

/** The background job: sessions past their expiry or idle time, codes and counts nobody needs any more. */
export async function purgeExpired(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now()
  await ctx.db.run(
    'DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?',
    now,
    now - ctx.config.sessionIdleMinutes * 60_000
  )
  await ctx.db.run('DELETE FROM otps WHERE expires_at <= ?', now)
  // the longest window counted is a day (sends per day; a lockout is at most a day)
  await ctx.db.run('DELETE FROM otp_log WHERE at <= ?', now - 86_400_000)
  await ctx.db.run(
    `UPDATE binding_requests SET status = 'expired' WHERE status IN ('code_sent', 'waiting_for_head') AND expires_at <= ?`,
    now
  )
}

export async function findOrCreateWechatUser(ctx: Ctx, openid: string): Promise<string> {
  const row = await ctx.db.get<{ id: string }>('SELECT id FROM users WHERE openid = ?', openid)
  if (row) return row.id
  const id = newId('u')
  await ctx.db.run(
    'INSERT INTO users (id, role, openid, display_name, created_at) VALUES (?, ?, ?, ?, ?)',
    id,
    'villager',
    openid,
    '微信用户',
    ctx.clock.now()
  )
  return id
}

// ---- one-time codes: counted per phone, across re-sent codes (sign-in and binding alike) ----

async function countSince(
  ctx: Ctx,
  phone: string,
  event: 'sent' | 'failed',
  since: number
): Promise<{ n: number; first: number | null }> {
  return (await ctx.db.get<{ n: number; first: number | null }>(
    'SELECT COUNT(*) AS n, MIN(at) AS first FROM otp_log WHERE phone = ? AND event = ? AND at > ?',
    phone,
    event,
    since
  ))!
}

/** Too many wrong codes for this phone lately (whichever code they were for): locked for a while. */
export async function refuseIfLocked(ctx: Ctx, phone: string): Promise<void> {
  const c = ctx.config
  const windowMs = c.otpLockoutMinutes * 60_000
  await withinWindow(
    ctx.clock.now(),
    c.otpMaxFailures,
    windowMs,
    async (since) => await countSince(ctx, phone, 'failed', since),
    (w) => `验证码输错的次数太多了，为了安全，这个手机号暂时不能用验证码，请${w}后再试`
  )
}

/** Before a code is sent: the phone is not locked, and has not had too many codes this hour or today. */
export async function refuseIfTooManySent(ctx: Ctx, phone: string): Promise<void> {
  await refuseIfLocked(ctx, phone)
  const now = ctx.clock.now()
  const sent = async (since: number) => await countSince(ctx, phone, 'sent', since)
  await withinWindow(
    now,
    ctx.config.otpSendsPerHour,
    3_600_000,
    sent,
    (w) => `这个手机号收到的验证码太多了，请${w}后再试`
  )
  await withinWindow(
    now,
    ctx.config.otpSendsPerDay,
    86_400_000,
    sent,
    (w) => `这个手机号今天收到的验证码太多了，请${w}后再试`
  )
}

export async function recordSent(ctx: Ctx, phone: string): Promise<void> {
  await ctx.db.run(`INSERT INTO otp_log (phone, event, at) VALUES (?, 'sent', ?)`, phone, ctx.clock.now())
}

/** A wrong code: counted for the phone; the answer says how many tries are left before the lock. */
export async function recordFailure(ctx: Ctx, phone: string): Promise<ApiFailure> {
  const now = ctx.clock.now()
  await ctx.db.run(`INSERT INTO otp_log (phone, event, at) VALUES (?, 'failed', ?)`, phone, now)
  const failed = (await countSince(ctx, phone, 'failed', now - ctx.config.otpLockoutMinutes * 60_000)).n
  const left = Math.max(0, ctx.config.otpMaxFailures - failed)
  return new ApiFailure(
    'OTP_INVALID',
    { attemptsLeft: left },
    left > 0
      ? `验证码不对或已过期，还可以再试${left}次`
      : `验证码输错的次数太多了，为了安全，这个手机号暂时不能用验证码，请${waitText(ctx.config.otpLockoutMinutes * 60)}后再试`
  )
}

/** A right code: the phone's wrong tries are forgiven. */
export async function clearFailures(ctx: Ctx, phone: string): Promise<void> {
  await ctx.db.run(`DELETE FROM otp_log WHERE phone = ? AND event = 'failed'`, phone)
}

// ---- sign-in by phone (h5) ----
const OTP_TTL_MS = 5 * 60_000

/** Stores a new code for the phone and sends it by SMS (the SMS port; in development, the log). */
export async function requestOtp(ctx: Ctx, phone: string): Promise<number> {
  await refuseIfTooManySent(ctx, phone)
  const code = ctx.config.devOtp ?? randomDigits(6)
  await inTx(ctx, async (ctx) => {
    await ctx.db.run(
      `INSERT INTO otps (phone, code_hash, expires_at, attempts) VALUES (?, ?, ?, 0)
    ON CONFLICT(phone) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0`,
      phone,
      sha256(`${phone}:${code}`),
      ctx.clock.now() + OTP_TTL_MS
    )
    await recordSent(ctx, phone)
  })
  await ctx.sms.sendCode(phone, code, OTP_TTL_MS / 60_000)
  return OTP_TTL_MS / 1000
}

export async function verifyOtp(ctx: Ctx, phone: string, code: string): Promise<string> {
  await refuseIfLocked(ctx, phone)
  // A wrong code must still count, so the transaction returns the refusal instead of throwing it.
  const r = await inTx(ctx, async (ctx): Promise<string | ApiFailure> => {
    const row = await ctx.db.get<{ code_hash: string; expires_at: number }>(
      'SELECT code_hash, expires_at FROM otps WHERE phone = ?',
      phone
    )
    if (!row || row.expires_at <= ctx.clock.now() || row.code_hash !== sha256(`${phone}:${code}`))
      return await recordFailure(ctx, phone)
    await ctx.db.run('DELETE FROM otps WHERE phone = ?', phone)
    await clearFailures(ctx, phone)
    const user = await ctx.db.get<{ id: string }>('SELECT id FROM users WHERE phone = ?', phone)
    if (user) return user.id
    const id = newId('u')
    await ctx.db.run(
      'INSERT INTO users (id, role, phone, display_name, created_at) VALUES (?, ?, ?, ?, ?)',
      id,
      'villager',
      phone,
      maskPhone(phone),
      ctx.clock.now()
    )
    return id
  })
  if (r instanceof ApiFailure) throw r
  return r
}
