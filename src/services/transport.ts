// The only caller of Taro.request (lint enforces it). Turns every way a request can go
// wrong on a weak rural network into a typed failure, and never hangs: each attempt has
// a timeout, enforced both by Taro and by our own timer (some clients never call back).
// Retries with backoff only when repeating is harmless: GET, or a request carrying an
// Idempotency-Key (the server returns the first result for a repeated key). A GET that timed out
// is not repeated at once: it already waited the whole timeout, the screen keeps its saved copy
// and says so now, and network.ts asks again within seconds. A 429 that says how long to wait
// (Retry-After) is waited out here only when the wait is short; a longer one goes back to the
// screen at once (the payment screen counts it down where the villager sees it), never both.
import Taro from '@tarojs/taro'
import { useNetwork } from './network'

export type HttpMethod = 'GET' | 'POST' | 'DELETE'

export interface TransportRequest {
  method: HttpMethod
  url: string
  body?: unknown
  headers?: Record<string, string>
  /** per attempt; default 10 s */
  timeoutMs?: number
  /** extra attempts for safe requests; default 2 (3 attempts in all) */
  retries?: number
}

export type TransportFailure =
  | { kind: 'offline' }
  | { kind: 'timeout' }
  /** a gateway answered that the county system is down (502/503/504 without a county error body) */
  | { kind: 'unreachable'; status: number }
  /**
   * the server answered with an HTTP error; `body` is the parsed JSON body when there was one;
   * `retryAfterMs`: a 429's wait (Retry-After, or the body's details.retryAfterSeconds)
   */
  | { kind: 'http'; status: number; body: unknown; retryAfterMs?: number }
  /** the server answered 2xx with something that is not JSON */
  | { kind: 'garbage'; status: number }

export type TransportResult =
  /** `date`: the answer's Date header (the county dates its answers by its own clock) */
  { ok: true; status: number; body: unknown; date?: string } | { ok: false; failure: TransportFailure }

interface Options {
  sleep: (ms: number) => Promise<void>
  defaultTimeoutMs: number
  baseDelayMs: number
  /** the longest Retry-After waited out here (longer: handed to the screen) */
  shortWaitMs: number
}

const options: Options = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  defaultTimeoutMs: 10000,
  baseDelayMs: 400,
  shortWaitMs: 2000
}

/** Tests replace the sleep (no real waiting) and the delays. */
export function configureTransport(o: Partial<Options>): void {
  Object.assign(options, o)
}

export function isSafeToRetry(req: Pick<TransportRequest, 'method' | 'headers'>): boolean {
  if (req.method === 'GET') return true
  return Object.keys(req.headers || {}).some((h) => h.toLowerCase() === 'idempotency-key')
}

function retryableFailure(f: TransportFailure): boolean {
  return (
    f.kind === 'offline' ||
    f.kind === 'timeout' ||
    f.kind === 'unreachable' ||
    (f.kind === 'http' && (f.status >= 500 || f.status === 429))
  )
}

/** A 429's wait in ms: the Retry-After header (whole seconds), else the county's details.retryAfterSeconds. */
function retryAfterOf(header: Record<string, unknown> | undefined, body: unknown): number | undefined {
  const h = header?.['retry-after'] ?? header?.['Retry-After']
  const fromHeader = typeof h === 'string' && /^\d{1,6}$/.test(h.trim()) ? Number(h.trim()) : undefined
  const d = (body as { details?: { retryAfterSeconds?: unknown } } | null)?.details?.retryAfterSeconds
  const seconds = fromHeader ?? (typeof d === 'number' && d >= 0 ? d : undefined)
  return seconds === undefined ? undefined : seconds * 1000
}

function parseBody(raw: unknown): { ok: true; value: unknown } | { ok: false } {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: null }
  if (typeof raw !== 'string') return { ok: true, value: raw } // a platform that already parsed it
  try {
    return { ok: true, value: JSON.parse(raw) }
  } catch {
    return { ok: false }
  }
}

function looksLikeCountyError(body: unknown): boolean {
  return (
    !!body &&
    typeof body === 'object' &&
    typeof (body as { code?: unknown }).code === 'string' &&
    (body as { code: string }).code !== 'UPSTREAM_UNAVAILABLE'
  )
}

async function attempt(req: TransportRequest): Promise<TransportResult> {
  if (!useNetwork.getState().online) return { ok: false, failure: { kind: 'offline' } }
  const timeoutMs = req.timeoutMs ?? options.defaultTimeoutMs
  let timer: ReturnType<typeof setTimeout> | undefined
  let task: (Promise<unknown> & { abort?: () => void }) | undefined
  const timedOut = new Promise<TransportResult>((resolve) => {
    timer = setTimeout(() => {
      try {
        task?.abort?.()
      } catch {
        /* already finished */
      }
      resolve({ ok: false, failure: { kind: 'timeout' } })
    }, timeoutMs + 500)
  })
  const sent = (async (): Promise<TransportResult> => {
    try {
      task = Taro.request({
        url: req.url,
        method: req.method,
        data: req.body === undefined ? undefined : (req.body as Record<string, unknown>),
        // no content-type without a body: servers refuse an empty JSON body
        header: { ...(req.body === undefined ? {} : { 'content-type': 'application/json' }), ...(req.headers || {}) },
        timeout: timeoutMs,
        // parse ourselves, so a garbage answer is a typed failure and not a silent null
        dataType: 'text',
        responseType: 'text'
      }) as Promise<unknown> & { abort?: () => void }
      const res = (await task) as { statusCode?: number; data?: unknown; header?: Record<string, unknown> }
      const status = typeof res?.statusCode === 'number' ? res.statusCode : 0
      const parsed = parseBody(res?.data)
      if (status >= 200 && status < 300) {
        const date = res?.header?.date ?? res?.header?.Date
        return parsed.ok
          ? { ok: true, status, body: parsed.value, ...(typeof date === 'string' ? { date } : {}) }
          : { ok: false, failure: { kind: 'garbage', status } }
      }
      // the app never asks conditionally (no If-None-Match) and redirects are followed below
      // us, so a 3xx ("not modified" from a cache that lies, a captive portal's redirect) is an
      // answer we cannot use: the screen keeps its saved copy, as for garbage
      if (status >= 300 && status < 400) return { ok: false, failure: { kind: 'garbage', status } }
      const body = parsed.ok ? parsed.value : null
      if ((status === 502 || status === 503 || status === 504) && !looksLikeCountyError(body)) {
        return { ok: false, failure: { kind: 'unreachable', status } }
      }
      if (status === 0) return { ok: false, failure: { kind: 'offline' } }
      const wait = status === 429 ? retryAfterOf(res?.header, body) : undefined
      return {
        ok: false,
        failure: { kind: 'http', status, body, ...(wait === undefined ? {} : { retryAfterMs: wait }) }
      }
    } catch (e) {
      const msg = String((e as { errMsg?: string; message?: string })?.errMsg || (e as Error)?.message || '')
      if (/timeout|timed out|abort/i.test(msg)) return { ok: false, failure: { kind: 'timeout' } }
      return { ok: false, failure: { kind: 'offline' } }
    }
  })()
  const result = await Promise.race([sent, timedOut])
  clearTimeout(timer)
  return result
}

/** Sends one request, retrying safe ones with exponential backoff and jitter. */
export async function send(req: TransportRequest): Promise<TransportResult> {
  const maxRetries = isSafeToRetry(req) ? (req.retries ?? 2) : 0
  let result = await attempt(req)
  for (let i = 0; i < maxRetries && !result.ok && retryableFailure(result.failure); i++) {
    if (result.failure.kind === 'offline' && !useNetwork.getState().online) break // wait for the reconnect event instead
    if (result.failure.kind === 'timeout' && req.method === 'GET') break // waited long enough: the probe asks again
    const told = result.failure.kind === 'http' ? result.failure.retryAfterMs : undefined
    if (told !== undefined && told > options.shortWaitMs) break // a long wait: the screen counts it down
    const delay = told ?? options.baseDelayMs * 2 ** i * (0.75 + Math.random() * 0.5)
    await options.sleep(delay)
    result = await attempt(req)
  }
  return result
}
