// Limits on what one account, one address or one ID number may do in a while, two kinds:
//   - in memory, for attempts that cost nothing to refuse (sign-in, binding, look-ups of other
//     households, invitation codes): @fastify/rate-limit's fixed windows, with a store that keeps at
//     most RATE_LIMIT_KEYS keys per limit (the oldest is forgotten first), so a flood of new keys
//     costs a bounded amount of memory and constant time a request. Addresses are the client's as
//     the trusted proxies say (TRUST_PROXY); IPv6 addresses are counted by /56 network.
//   - in the database, on the county's clock, for what is written anyway (orders, applications,
//     uploads, reports) and for one-time codes (auth.ts): durable across restarts, never forgotten.
// A refusal is RATE_LIMITED (429) with a plain sentence that says how long to wait.
import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { RouteId } from '../../src/contract/routes'
import type { Config } from './config'
import type { Rate } from './config/kinds'
import { RATE_WINDOW_MS } from './config/kinds'
import type { Db } from './db/port'
import { ApiFailure } from './errors'
import { sha256 } from './ids'
import { countInWindow } from './shared-limits'

interface Entry {
  count: number
  start: number
}

/** A limit's counters: at most `cap` keys; a new key beyond that forgets the oldest (insertion order). */
export class BoundedStore {
  private readonly entries = new Map<string, Entry>()
  private readonly cap: number

  constructor(opts: { cache?: number }) {
    this.cap = opts.cache ?? 10_000
    stores.add(this)
  }

  get size(): number {
    return this.entries.size
  }

  incr(key: string, cb: (err: Error | null, res: { current: number; ttl: number }) => void, timeWindow: number): void {
    const now = Date.now()
    let e = this.entries.get(key)
    if (!e || e.start + timeWindow <= now) {
      if (e)
        this.entries.delete(key) // a new window: to the back of the line
      else if (this.entries.size >= this.cap) this.entries.delete(this.entries.keys().next().value as string)
      e = { count: 0, start: now }
      this.entries.set(key, e)
    }
    e.count++
    cb(null, { current: e.count, ttl: e.start + timeWindow - now })
  }

  child(opts: { cache?: number }): BoundedStore {
    return new BoundedStore(opts)
  }
}

const stores = new Set<BoundedStore>()

/** Keys held by every in-memory limit of this process (test hook: the memory they can take is bounded). */
export function limitKeys(): number {
  let n = 0
  for (const s of stores) n += s.size
  return n
}

/** 30秒, 5分钟, 2小时 */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))}秒`
  if (seconds < 3600) return `${Math.ceil(seconds / 60)}分钟`
  return `${Math.ceil(seconds / 3600)}小时`
}

function refusal(retryAfterSeconds: number, say: (wait: string) => string): ApiFailure {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds))
  return new ApiFailure('RATE_LIMITED', { retryAfterSeconds: seconds }, say(waitText(seconds)))
}

type KeyOf = (req: FastifyRequest) => string | null

interface Limit {
  rate: Rate
  key: KeyOf
  /** the sentence, given how long to wait: 查找次数太多了，请1小时后再试 */
  say: (wait: string) => string
}

const byAccount: KeyOf = (req) => req.user?.id ?? null
const byAddress: KeyOf = (req) => normalizeIP(req.ip)
/** A field of the (validated) body, hashed: the counters hold no ID number or phone. */
const byField =
  (field: string): KeyOf =>
  (req) => {
    const v = (req.body as Record<string, unknown> | undefined)?.[field]
    return typeof v === 'string' ? sha256(v.trim().toUpperCase()).slice(0, 32) : null
  }
const perMinute = (count: number): Rate => ({ count, per: 'minute' })

/** The in-memory limits of each route (routes not listed have none here). */
function routeLimits(c: Config): Partial<Record<RouteId, Limit[]>> {
  const signIn = (w: string) => `登录太频繁了，请${w}后再试`
  const binding = (w: string) => `绑定试的次数太多了，为了保护您家的信息，请${w}后再试`
  const lookup = (w: string) => `查找的次数太多了，为了保护别人家的信息，请${w}后再试`
  const invite = (w: string) => `邀请码试的次数太多了，请${w}后再试`
  const speech = (w: string) => `读得太多了，请${w}后再点“读给我听”`
  const statement = (w: string) => `开证明的次数太多了，请${w}后再试`
  const verify = (w: string) => `查验的次数太多了，请${w}后再试`
  const keep = (w: string) => `保存估算的次数太多了，请${w}后再试`
  const settle = (w: string) => `试算和结算得太快了，请${w}后再试`
  return {
    speak: [{ rate: c.speechLimitAccount, key: byAccount, say: speech }],
    getStatement: [{ rate: c.statementLimitAccount, key: byAccount, say: statement }],
    getStatementPdf: [{ rate: c.statementLimitAccount, key: byAccount, say: statement }],
    verifyStatement: [{ rate: c.verifyLimitIp, key: byAddress, say: verify }],
    markNoticeRead: [{ rate: perMinute(60), key: byAccount, say: (w) => `请${w}后再试` }],
    // an estimate kept with the county: each is a calculator run and a row
    keepEstimate: [{ rate: { count: 30, per: 'hour' }, key: byAccount, say: keep }],
    // a reviewer's trials and settlements of bills claimed back (each settlement is one bill's work)
    reviewReimbursementPreview: [{ rate: perMinute(60), key: byAccount, say: settle }],
    reviewReimbursementSettle: [{ rate: perMinute(20), key: byAccount, say: settle }],
    signInWechat: [{ rate: perMinute(c.signInLimitPerMinute * 10), key: byAddress, say: signIn }],
    requestOtp: [{ rate: perMinute(c.signInLimitPerMinute), key: byAddress, say: signIn }],
    verifyOtp: [{ rate: perMinute(c.signInLimitPerMinute), key: byAddress, say: signIn }],
    startBinding: [
      { rate: c.bindLimitAccount, key: byAccount, say: binding },
      { rate: c.bindLimitIp, key: byAddress, say: binding },
      { rate: c.bindLimitId, key: byField('idNumber'), say: binding }
    ],
    // (a wrong code also counts against the roster phone, in the database: auth.ts)
    confirmBinding: [{ rate: c.bindLimitAccount, key: byAccount, say: binding }],
    lookupPayee: [
      { rate: c.lookupLimitAccount, key: byAccount, say: lookup },
      { rate: c.lookupLimitIp, key: byAddress, say: lookup },
      { rate: c.lookupLimitId, key: byField('idNumber'), say: lookup }
    ],
    // an assistant asks a household's consent: a code to its phone (counted there too, auth.ts)
    startAssist: [
      { rate: c.bindLimitAccount, key: byAccount, say: binding },
      { rate: c.bindLimitId, key: byField('idNumber'), say: binding }
    ],
    confirmAssist: [{ rate: c.bindLimitAccount, key: byAccount, say: binding }],
    acceptInvitation: [
      { rate: c.inviteAcceptLimitAccount, key: byAccount, say: invite },
      { rate: c.inviteAcceptLimitIp, key: byAddress, say: invite }
    ]
  }
}

type Check = (req: FastifyRequest) => Promise<void>

type Apply = (req: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded: boolean; ttlInSeconds: number }>

/** A limit counted in the database (`shared`): every process sees the same count (shared-limits.ts). */
function countedIn(db: Db, name: string, l: Limit): Apply {
  const windowMs = RATE_WINDOW_MS[l.rate.per]
  return async (req) => {
    const { current, ttl } = await countInWindow(db, name, l.key(req) ?? '', Date.now(), windowMs)
    const over = current > l.rate.count
    return { isAllowed: !over, isExceeded: over, ttlInSeconds: Math.ceil(ttl / 1000) }
  }
}

/**
 * Registers @fastify/rate-limit (no global limit) and returns, per route id, the check its
 * preHandler runs after sign-in and validation (the limits may key on the account and the body).
 * With `shared` (several processes serve the county) the limits are counted in that database.
 */
export async function installLimits(
  app: FastifyInstance,
  config: Config,
  shared: Db | null = null
): Promise<(id: RouteId) => Check | null> {
  await app.register(rateLimit, { global: false, store: BoundedStore as never })
  const checks = new Map<RouteId, Check>()
  for (const [id, limits] of Object.entries(routeLimits(config)) as [RouteId, Limit[]][]) {
    const each = limits.map((l, i) => ({
      l,
      apply: shared
        ? countedIn(shared, `${id}#${i}`, l)
        : (app.createRateLimit({
            max: l.rate.count,
            timeWindow: RATE_WINDOW_MS[l.rate.per],
            cache: config.rateLimitKeys,
            keyGenerator: (req) => l.key(req) ?? ''
          } as Parameters<FastifyInstance['createRateLimit']>[0]) as Apply)
    }))
    checks.set(id, async (req) => {
      // one limit after the other: a refused request counts against no further limit
      for (const { l, apply } of each) {
        if (l.key(req) === null) continue
        const r = await apply(req)
        if (!r.isAllowed && r.isExceeded) throw refusal(r.ttlInSeconds, l.say)
      }
    })
  }
  return (id) => checks.get(id) ?? null
}

/**
 * A limit counted in the database: at most `count` in any `windowMs`. `recent(since)` says how
 * many happened since then and when the first of them was; at the limit, RATE_LIMITED until the
 * first leaves the window.
 */
export async function withinWindow(
  now: number,
  count: number,
  windowMs: number,
  recent: (since: number) => Promise<{ n: number; first: number | null }>,
  say: (wait: string) => string
): Promise<void> {
  const { n, first } = await recent(now - windowMs)
  if (n >= count) throw refusal(((first ?? now) + windowMs - now) / 1000, say)
}

/** withinWindow for a limit set as count/window (ORDER_LIMIT=20/hour). */
export async function withinRate(
  now: number,
  rate: Rate,
  recent: (since: number) => Promise<{ n: number; first: number | null }>,
  say: (wait: string) => string
): Promise<void> {
  return await withinWindow(now, rate.count, RATE_WINDOW_MS[rate.per], recent, say)
}
