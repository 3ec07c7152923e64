// Sessions (opaque random tokens, stored as SHA-256), OTP for h5, WeChat users (the code
// exchange itself is a port: ports/wechat.ts), and a small in-process sign-in rate limiter.
import type { Ctx } from './context'
import type { UserRow } from './db/rows'
import { ApiFailure } from './errors'
import { newId, randomDigits, randomToken, sha256 } from './ids'
import { isoTime } from './clock'
import { maskPhone } from './mask'
import { transact } from './db'

export function authenticate(ctx: Ctx, header: string | undefined): UserRow {
  const m = header ? /^Bearer\s+(\S+)$/.exec(header) : null
  if (!m) throw new ApiFailure('UNAUTHENTICATED')
  const row = ctx.db
    .prepare(
      `SELECT s.expires_at, u.id, u.role, u.openid, u.phone, u.person_id, u.display_name
    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`
    )
    .get(sha256(m[1])) as (UserRow & { expires_at: number }) | undefined
  if (!row) throw new ApiFailure('UNAUTHENTICATED')
  if (row.expires_at <= ctx.clock.now()) throw new ApiFailure('SESSION_EXPIRED')
  const { expires_at: _unused, ...user } = row
  void _unused
  return user
}

export function createSession(ctx: Ctx, userId: string): { token: string; expiresAt: string } {
  const token = randomToken()
  const now = ctx.clock.now()
  const expires = now + ctx.config.sessionTtlHours * 3600_000
  ctx.db
    .prepare('INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)')
    .run(sha256(token), userId, expires, now)
  return { token, expiresAt: isoTime(expires) }
}

export function signOut(ctx: Ctx, header: string | undefined): void {
  const m = header ? /^Bearer\s+(\S+)$/.exec(header) : null
  if (m) ctx.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(sha256(m[1]))
}

// ---- rate limit: fixed one-minute windows per key ----
const windows = new Map<string, { start: number; count: number }>()

export function rateLimit(ctx: Ctx, key: string, limit = ctx.config.signInLimitPerMinute): void {
  const now = Date.now()
  const w = windows.get(key)
  if (!w || now - w.start >= 60_000) {
    windows.set(key, { start: now, count: 1 })
    if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= 60_000) windows.delete(k)
    return
  }
  w.count++
  if (w.count > limit)
    throw new ApiFailure('RATE_LIMITED', { retryAfterSeconds: Math.ceil((w.start + 60_000 - now) / 1000) })
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

// ---- OTP (h5) ----
const OTP_TTL_MS = 5 * 60_000

/** Stores a new code for the phone and sends it by SMS (the SMS port; in development, the log). */
export async function requestOtp(ctx: Ctx, phone: string): Promise<number> {
  const code = ctx.config.devOtp ?? randomDigits(6)
  ctx.db
    .prepare(
      `INSERT INTO otps (phone, code_hash, expires_at, attempts) VALUES (?, ?, ?, 0)
    ON CONFLICT(phone) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0`
    )
    .run(phone, sha256(`${phone}:${code}`), ctx.clock.now() + OTP_TTL_MS)
  await ctx.sms.sendCode(phone, code, OTP_TTL_MS / 60_000)
  return OTP_TTL_MS / 1000
}

export function verifyOtp(ctx: Ctx, phone: string, code: string): string {
  // A wrong code must still count as an attempt, so the transaction returns null instead of throwing.
  const userId = transact(ctx.db, (): string | null => {
    const row = ctx.db.prepare('SELECT code_hash, expires_at, attempts FROM otps WHERE phone = ?').get(phone) as
      { code_hash: string; expires_at: number; attempts: number } | undefined
    if (!row || row.expires_at <= ctx.clock.now() || row.attempts >= 5) return null
    if (row.code_hash !== sha256(`${phone}:${code}`)) {
      ctx.db.prepare('UPDATE otps SET attempts = attempts + 1 WHERE phone = ?').run(phone)
      return null
    }
    ctx.db.prepare('DELETE FROM otps WHERE phone = ?').run(phone)
    const user = ctx.db.prepare('SELECT id FROM users WHERE phone = ?').get(phone) as { id: string } | undefined
    if (user) return user.id
    const id = newId('u')
    ctx.db
      .prepare('INSERT INTO users (id, role, phone, display_name, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, 'villager', phone, maskPhone(phone), ctx.clock.now())
    return id
  })
  if (userId === null) throw new ApiFailure('OTP_INVALID')
  return userId
}
