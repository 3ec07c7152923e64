// Sessions (opaque random tokens, stored as SHA-256), OTP for h5, WeChat users (the code
// exchange itself is a port: ports/wechat.ts). Limits on sign-in are in limits.ts.
import type { Ctx } from './context'
import type { UserRow } from './db/rows'
import { ApiFailure } from './errors'
import { newId, randomDigits, randomToken, sha256 } from './ids'
import { isoTime } from './clock'
import { maskPhone } from './mask'
import { transact } from './db'
import { waitText, withinWindow } from './limits'

/** The session's last use is written at most this often (not on every request). */
const SEEN_EVERY_MS = 60_000

export function authenticate(ctx: Ctx, header: string | undefined): UserRow {
  const m = header ? /^Bearer\s+(\S+)$/.exec(header) : null
  if (!m) throw new ApiFailure('UNAUTHENTICATED')
  const hash = sha256(m[1])
  // the session, its user and the household the user is bound to, in one read
  const row = ctx.db
    .prepare(
      `SELECT s.expires_at, s.last_seen_at, u.id, u.role, u.openid, u.phone, u.person_id, u.display_name,
        p.name AS person_name, p.household_id, h.head_person_id, h.region_code
      FROM sessions s JOIN users u ON u.id = s.user_id
        LEFT JOIN persons p ON p.id = u.person_id LEFT JOIN households h ON h.id = p.household_id
      WHERE s.token_hash = ?`
    )
    .get(hash) as SessionRow | undefined
  if (!row) throw new ApiFailure('UNAUTHENTICATED')
  const now = ctx.clock.now()
  const seen = row.last_seen_at ?? 0
  // past its expiry, or not used for SESSION_IDLE_MINUTES: sign in again
  if (row.expires_at <= now || seen + ctx.config.sessionIdleMinutes * 60_000 <= now) {
    ctx.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash)
    throw new ApiFailure('SESSION_EXPIRED')
  }
  if (now - seen >= SEEN_EVERY_MS)
    ctx.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now, hash)
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

export function createSession(ctx: Ctx, userId: string): { token: string; expiresAt: string } {
  const token = randomToken()
  const now = ctx.clock.now()
  const expires = now + ctx.config.sessionTtlHours * 3600_000
  ctx.db
    .prepare('INSERT INTO sessions (token_hash, user_id, expires_at, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)')
    .run(sha256(token), userId, expires, now, now)
  return { token, expiresAt: isoTime(expires) }
}

export function signOut(ctx: Ctx, header: string | undefined): void {
  const m = header ? /^Bearer\s+(\S+)$/.exec(header) : null
  if (m) ctx.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(sha256(m[1]))
}

/** "Sign out on every phone": every session of the user ends at once. */
export function signOutEverywhere(ctx: Ctx, userId: string): number {
  return ctx.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes
}

/** The background job: sessions past their expiry or idle time, codes and counts nobody needs any more. */
export function purgeExpired(ctx: Ctx): void {
  const now = ctx.clock.now()
  ctx.db
    .prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?')
    .run(now, now - ctx.config.sessionIdleMinutes * 60_000)
  ctx.db.prepare('DELETE FROM otps WHERE expires_at <= ?').run(now)
  // the longest window counted is a day (sends per day; a lockout is at most a day)
  ctx.db.prepare('DELETE FROM otp_log WHERE at <= ?').run(now - 86_400_000)
  ctx.db
    .prepare(
      `UPDATE binding_requests SET status = 'expired' WHERE status IN ('code_sent', 'waiting_for_head') AND expires_at <= ?`
    )
    .run(now)
}

export function findOrCreateWechatUser(ctx: Ctx, openid: string): string {
  const row = ctx.db.prepare('SELECT id FROM users WHERE openid = ?').get(openid) as { id: string } | undefined
  if (row) return row.id
  const id = newId('u')
  ctx.db
    .prepare('INSERT INTO users (id, role, openid, display_name, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(id, 'villager', openid, '微信用户', ctx.clock.now())
  return id
}

// ---- one-time codes: counted per phone, across re-sent codes (sign-in and binding alike) ----

function countSince(
  ctx: Ctx,
  phone: string,
  event: 'sent' | 'failed',
  since: number
): { n: number; first: number | null } {
  return ctx.db
    .prepare('SELECT COUNT(*) AS n, MIN(at) AS first FROM otp_log WHERE phone = ? AND event = ? AND at > ?')
    .get(phone, event, since) as { n: number; first: number | null }
}

/** Too many wrong codes for this phone lately (whichever code they were for): locked for a while. */
export function refuseIfLocked(ctx: Ctx, phone: string): void {
  const c = ctx.config
  const windowMs = c.otpLockoutMinutes * 60_000
  withinWindow(
    ctx.clock.now(),
    c.otpMaxFailures,
    windowMs,
    (since) => countSince(ctx, phone, 'failed', since),
    (w) => `验证码输错的次数太多了，为了安全，这个手机号暂时不能用验证码，请${w}后再试`
  )
}

/** Before a code is sent: the phone is not locked, and has not had too many codes this hour or today. */
export function refuseIfTooManySent(ctx: Ctx, phone: string): void {
  refuseIfLocked(ctx, phone)
  const now = ctx.clock.now()
  const sent = (since: number) => countSince(ctx, phone, 'sent', since)
  withinWindow(now, ctx.config.otpSendsPerHour, 3_600_000, sent, (w) => `这个手机号收到的验证码太多了，请${w}后再试`)
  withinWindow(
    now,
    ctx.config.otpSendsPerDay,
    86_400_000,
    sent,
    (w) => `这个手机号今天收到的验证码太多了，请${w}后再试`
  )
}

export function recordSent(ctx: Ctx, phone: string): void {
  ctx.db.prepare(`INSERT INTO otp_log (phone, event, at) VALUES (?, 'sent', ?)`).run(phone, ctx.clock.now())
}

/** A wrong code: counted for the phone; the answer says how many tries are left before the lock. */
export function recordFailure(ctx: Ctx, phone: string): ApiFailure {
  const now = ctx.clock.now()
  ctx.db.prepare(`INSERT INTO otp_log (phone, event, at) VALUES (?, 'failed', ?)`).run(phone, now)
  const failed = countSince(ctx, phone, 'failed', now - ctx.config.otpLockoutMinutes * 60_000).n
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
export function clearFailures(ctx: Ctx, phone: string): void {
  ctx.db.prepare(`DELETE FROM otp_log WHERE phone = ? AND event = 'failed'`).run(phone)
}

// ---- sign-in by phone (h5) ----
const OTP_TTL_MS = 5 * 60_000

/** Stores a new code for the phone and sends it by SMS (the SMS port; in development, the log). */
export async function requestOtp(ctx: Ctx, phone: string): Promise<number> {
  refuseIfTooManySent(ctx, phone)
  const code = ctx.config.devOtp ?? randomDigits(6)
  transact(ctx.db, () => {
    ctx.db
      .prepare(
        `INSERT INTO otps (phone, code_hash, expires_at, attempts) VALUES (?, ?, ?, 0)
    ON CONFLICT(phone) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0`
      )
      .run(phone, sha256(`${phone}:${code}`), ctx.clock.now() + OTP_TTL_MS)
    recordSent(ctx, phone)
  })
  await ctx.sms.sendCode(phone, code, OTP_TTL_MS / 60_000)
  return OTP_TTL_MS / 1000
}

export function verifyOtp(ctx: Ctx, phone: string, code: string): string {
  refuseIfLocked(ctx, phone)
  // A wrong code must still count, so the transaction returns the refusal instead of throwing it.
  const r = transact(ctx.db, (): string | ApiFailure => {
    const row = ctx.db.prepare('SELECT code_hash, expires_at FROM otps WHERE phone = ?').get(phone) as
      { code_hash: string; expires_at: number } | undefined
    if (!row || row.expires_at <= ctx.clock.now() || row.code_hash !== sha256(`${phone}:${code}`))
      return recordFailure(ctx, phone)
    ctx.db.prepare('DELETE FROM otps WHERE phone = ?').run(phone)
    clearFailures(ctx, phone)
    const user = ctx.db.prepare('SELECT id FROM users WHERE phone = ?').get(phone) as { id: string } | undefined
    if (user) return user.id
    const id = newId('u')
    ctx.db
      .prepare('INSERT INTO users (id, role, phone, display_name, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, 'villager', phone, maskPhone(phone), ctx.clock.now())
    return id
  })
  if (r instanceof ApiFailure) throw r
  return r
}
