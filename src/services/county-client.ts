// Typed calls to the county API by route id. The route table below holds only method and
// url, typed against the contract's route table *as a type*: if the contract changes a
// url or method, tsc fails here. Parameters, bodies and answers are typed from the same
// schemas. Every call resolves to { ok: true, data } or { ok: false, error } — never throws.
import Taro from '@tarojs/taro'
import type { Static, TSchema } from 'typebox'
import type { routes as ContractRoutes, RouteId } from '@/contract'
import { appError, isKnownCode, type AppError } from './errors'
import { send, type HttpMethod } from './transport'
import { useNetwork } from './network'
import { anyObject } from './check'
import { responseChecks } from './responses'
import { noteCountyTime } from './time'

type Routes = typeof ContractRoutes
type Def<K extends RouteId> = Routes[K]

const ROUTES: { [K in RouteId]: { method: Def<K>['method']; url: Def<K>['url'] } } = {
  signInWechat: { method: 'POST', url: '/v1/auth/wechat' },
  listDemoAccounts: { method: 'GET', url: '/v1/auth/demo-accounts' },
  requestOtp: { method: 'POST', url: '/v1/auth/otp/request' },
  verifyOtp: { method: 'POST', url: '/v1/auth/otp/verify' },
  signOut: { method: 'POST', url: '/v1/auth/sign-out' },
  signOutEverywhere: { method: 'POST', url: '/v1/auth/sign-out-everywhere' },
  me: { method: 'GET', url: '/v1/me' },
  startBinding: { method: 'POST', url: '/v1/households/bind' },
  confirmBinding: { method: 'POST', url: '/v1/households/bind/confirm' },
  getBindingRequest: { method: 'GET', url: '/v1/binding-requests/:requestId' },
  listBindings: { method: 'GET', url: '/v1/households/:householdId/bindings' },
  approveBindingRequest: { method: 'POST', url: '/v1/binding-requests/:requestId/approve' },
  refuseBindingRequest: { method: 'POST', url: '/v1/binding-requests/:requestId/refuse' },
  removeBinding: { method: 'DELETE', url: '/v1/bindings/:bindingId' },
  getHousehold: { method: 'GET', url: '/v1/households/:householdId' },
  getPolicy: { method: 'GET', url: '/v1/policy' },
  getQuote: { method: 'GET', url: '/v1/households/:householdId/quote' },
  lookupPayee: { method: 'POST', url: '/v1/payee-lookup' },
  createOrder: { method: 'POST', url: '/v1/orders' },
  listOrders: { method: 'GET', url: '/v1/households/:householdId/orders' },
  getOrder: { method: 'GET', url: '/v1/orders/:orderId' },
  startPayment: { method: 'POST', url: '/v1/orders/:orderId/pay' },
  getReceipt: { method: 'GET', url: '/v1/orders/:orderId/receipt' },
  paymentNotify: { method: 'POST', url: '/v1/payments/notify' },
  cashierPay: { method: 'POST', url: '/v1/sim-cashier/orders/:orderId/pay' },
  cashierFail: { method: 'POST', url: '/v1/sim-cashier/orders/:orderId/fail' },
  cashierAbandon: { method: 'POST', url: '/v1/sim-cashier/orders/:orderId/abandon' },
  listClaims: { method: 'GET', url: '/v1/persons/:personId/claims' },
  getClaim: { method: 'GET', url: '/v1/claims/:claimId' },
  reportClaimConcern: { method: 'POST', url: '/v1/claims/:claimId/concerns' },
  listClaimConcerns: { method: 'GET', url: '/v1/claims/:claimId/concerns' },
  listInstitutions: { method: 'GET', url: '/v1/institutions' },
  getInstitution: { method: 'GET', url: '/v1/institutions/:institutionId' },
  createInvitation: { method: 'POST', url: '/v1/households/:householdId/invitations' },
  acceptInvitation: { method: 'POST', url: '/v1/invitations/accept' },
  listGrants: { method: 'GET', url: '/v1/households/:householdId/grants' },
  revokeGrant: { method: 'DELETE', url: '/v1/grants/:grantId' },
  leaveHousehold: { method: 'POST', url: '/v1/households/:householdId/leave' },
  accessLog: { method: 'GET', url: '/v1/households/:householdId/access-log' },
  createApplication: { method: 'POST', url: '/v1/applications' },
  uploadDocument: { method: 'POST', url: '/v1/applications/:applicationId/documents' },
  getApplication: { method: 'GET', url: '/v1/applications/:applicationId' },
  resubmitApplication: { method: 'POST', url: '/v1/applications/:applicationId/resubmit' },
  listApplications: { method: 'GET', url: '/v1/households/:householdId/applications' },
  reviewList: { method: 'GET', url: '/v1/review/applications' },
  reviewDocument: { method: 'GET', url: '/v1/review/documents/:documentId' },
  reviewDecide: { method: 'POST', url: '/v1/review/applications/:applicationId/decision' },
  reviewUnmatched: { method: 'GET', url: '/v1/review/orders/unmatched' },
  reviewRetryMatch: { method: 'POST', url: '/v1/review/orders/:orderId/retry' },
  wechatPayNotify: { method: 'POST', url: '/v1/payments/wechat/notify' },
  reviewMoney: { method: 'GET', url: '/v1/review/money' },
  reviewRefundMoney: { method: 'POST', url: '/v1/review/money/:moneyId/refund' },
  reviewAttachMoney: { method: 'POST', url: '/v1/review/money/:moneyId/attach' },
  reviewResolveMoney: { method: 'POST', url: '/v1/review/money/:moneyId/resolve' },
  reviewReconciliations: { method: 'GET', url: '/v1/review/reconciliations' },
  reviewRunReconciliation: { method: 'POST', url: '/v1/review/reconciliations/:billDate/run' },
  reviewImportTaxBureauPayments: { method: 'POST', url: '/v1/review/tax-bureau-payments' },
  reviewConcerns: { method: 'GET', url: '/v1/review/concerns' },
  reviewConcernUpdate: { method: 'POST', url: '/v1/review/concerns/:concernId' },
  markNoticeRead: { method: 'POST', url: '/v1/notices/:noticeId/read' },
  myNoticeReads: { method: 'GET', url: '/v1/me/notice-reads' },
  keepEstimate: { method: 'POST', url: '/v1/persons/:personId/estimates' },
  listKeptEstimates: { method: 'GET', url: '/v1/persons/:personId/estimates' },
  deleteKeptEstimate: { method: 'DELETE', url: '/v1/estimates/:estimateId' },
  reviewReimbursementPreview: { method: 'POST', url: '/v1/review/reimbursements/:applicationId/preview' },
  reviewReimbursementSettle: { method: 'POST', url: '/v1/review/reimbursements/:applicationId/settle' },
  listNotices: { method: 'GET', url: '/v1/notices' },
  getNotice: { method: 'GET', url: '/v1/notices/:noticeId' },
  getStatement: { method: 'GET', url: '/v1/households/:householdId/statement' },
  getStatementPdf: { method: 'GET', url: '/v1/households/:householdId/statement/pdf' },
  verifyStatement: { method: 'GET', url: '/v1/statements/verify/:code' },
  listHouseholdNotifications: { method: 'GET', url: '/v1/households/:householdId/notifications' },
  markNotificationRead: { method: 'POST', url: '/v1/notifications/:notificationId/read' },
  saveSubscriptions: { method: 'POST', url: '/v1/me/subscriptions' },
  listSubscriptions: { method: 'GET', url: '/v1/me/subscriptions' },
  listSpeechVoices: { method: 'GET', url: '/v1/speech/voices' },
  speak: { method: 'POST', url: '/v1/speech' },
  staffQueue: { method: 'GET', url: '/v1/staff/queue' },
  staffApplication: { method: 'GET', url: '/v1/staff/applications/:applicationId' },
  staffAudit: { method: 'GET', url: '/v1/staff/audit' },
  staffNotices: { method: 'GET', url: '/v1/staff/notices' },
  staffCreateNotice: { method: 'POST', url: '/v1/staff/notices' },
  staffEditNotice: { method: 'POST', url: '/v1/staff/notices/:noticeId' },
  staffWithdrawNotice: { method: 'POST', url: '/v1/staff/notices/:noticeId/withdraw' },
  startAssist: { method: 'POST', url: '/v1/assist/consents' },
  confirmAssist: { method: 'POST', url: '/v1/assist/consents/:consentId/confirm' },
  listMyAssists: { method: 'GET', url: '/v1/assist/consents' },
  listHouseholdAssists: { method: 'GET', url: '/v1/households/:householdId/assists' },
  revokeAssist: { method: 'POST', url: '/v1/assist/consents/:consentId/revoke' }
}

type SchemaOf<K extends RouteId, F extends string> =
  Def<K> extends { [P in F]: infer S extends TSchema } ? Static<S> : never
export type RouteParams<K extends RouteId> = SchemaOf<K, 'params'>
export type RouteQuery<K extends RouteId> = SchemaOf<K, 'querystring'>
export type RouteBody<K extends RouteId> = SchemaOf<K, 'body'>
type Responses<K extends RouteId> = Def<K>['response']
/** The success answer of a route (the union of its 2xx schemas). */
export type RouteData<K extends RouteId> = {
  [S in keyof Responses<K>]: Responses<K>[S] extends TSchema ? Static<Responses<K>[S]> : never
}[keyof Responses<K>]

type Has<K extends RouteId, F extends string> = Def<K> extends { [P in F]: TSchema } ? true : false
type NeedsIdempotency<K extends RouteId> =
  Def<K> extends { headers: infer H extends TSchema }
    ? Static<H> extends { 'idempotency-key': string }
      ? true
      : false
    : false

/** What a call needs: params/query/body exactly when the route has them. */
export type CallInput<K extends RouteId> = (Has<K, 'params'> extends true
  ? { params: RouteParams<K> }
  : { params?: undefined }) &
  (Has<K, 'querystring'> extends true ? { query?: RouteQuery<K> } : { query?: undefined }) &
  (Has<K, 'body'> extends true ? { body: RouteBody<K> } : { body?: undefined }) &
  (NeedsIdempotency<K> extends true ? { idempotencyKey: string } : { idempotencyKey?: string }) & {
    timeoutMs?: number
    retries?: number
  }

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: AppError }

interface ClientConfig {
  baseUrl: string
  /** the session token, or null when signed out */
  token: () => string | null
  /** called when the county says the session is gone (sign in again) */
  onSessionLost: () => void
  /** a sign-in under way (silent WeChat sign-in at launch): other calls wait for it */
  pendingSignIn: () => Promise<unknown> | null
}

const SIGN_IN_ROUTES = new Set<RouteId>(['signInWechat', 'requestOtp', 'verifyOtp'])

const config: ClientConfig = {
  baseUrl: process.env.COUNTY_API_URL || '/county',
  token: () => null,
  onSessionLost: () => {},
  pendingSignIn: () => null
}

/** The session feature plugs in the token and the "signed out by the server" handler. */
export function configureCountyClient(c: Partial<ClientConfig>): void {
  Object.assign(config, c)
}

function fillPath(url: string, params: Record<string, unknown> | undefined): string | null {
  let missing = false
  const filled = url.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const v = params?.[name]
    if (typeof v !== 'string' || v === '') {
      missing = true
      return ''
    }
    return encodeURIComponent(v)
  })
  return missing ? null : filled
}

function queryString(q: Record<string, unknown> | undefined): string {
  if (!q) return ''
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** A fresh Idempotency-Key for one user action (reuse it when the user retries that action). */
export function newIdempotencyKey(): string {
  const rnd = () => Math.random().toString(36).slice(2, 10)
  return `${Date.now().toString(36)}-${rnd()}${rnd()}`
}

// Answers asked for ahead of the screen that needs them (at launch, while the page's own code
// is still downloading on a weak network): the first call for the same GET takes the answer,
// once, within PREFETCH_TTL_MS; any later call (a 下拉刷新) asks the county again. A screen that
// asked first (e.g. while the silent sign-in was under way) makes a later prefetch of the same
// GET a no-op, so a 下拉刷新 never gets that older answer.
const PREFETCH_TTL_MS = 10_000
const prefetched = new Map<string, { at: number; answer: Promise<CallResult<unknown>> }>()
const askedAt = new Map<string, number>()

function prefetchKey(id: RouteId, input: { params?: unknown; query?: unknown }): string {
  return `${id} ${JSON.stringify(input.params ?? null)} ${JSON.stringify(input.query ?? null)} ${config.token() ?? ''}`
}

/** Starts a GET now so the screen that needs it finds the answer ready (or on its way). */
export function prefetch<K extends RouteId>(id: K, input: CallInput<K>): void {
  if (ROUTES[id].method !== 'GET') return
  const key = prefetchKey(id, input as { params?: unknown; query?: unknown })
  const asked = askedAt.get(key)
  if (asked !== undefined && Date.now() - asked < PREFETCH_TTL_MS) return // the screen was quicker
  prefetched.set(key, { at: Date.now(), answer: ask(id, input, false) as Promise<CallResult<unknown>> })
}

// A new session (signed in again after the old one ended): screens showing saved data ask again.
const sessionStartListeners = new Set<() => void>()

/** Calls `fn` each time a session starts; returns the unsubscribe. */
export function onSessionStart(fn: () => void): () => void {
  sessionStartListeners.add(fn)
  return () => {
    sessionStartListeners.delete(fn)
  }
}

/** The session feature reports a sign-in that worked. */
export function sessionStarted(): void {
  Array.from(sessionStartListeners).forEach((fn) => {
    try {
      fn()
    } catch (e) {
      console.warn('reload after sign-in failed', e)
    }
  })
}

/** Drops answers asked for ahead (sign-out; tests). */
export function forgetPrefetched(): void {
  prefetched.clear()
  askedAt.clear()
}

/** A prefetched answer for this GET, taken once; otherwise notes that a screen asked now. */
function takePrefetched(key: string): Promise<CallResult<unknown>> | null {
  const now = Date.now()
  const early = prefetched.get(key)
  prefetched.delete(key)
  const age = early ? now - early.at : -1
  if (early && age >= 0 && age < PREFETCH_TTL_MS) return early.answer
  if (askedAt.size > 50) for (const [k, at] of askedAt) if (now - at >= PREFETCH_TTL_MS) askedAt.delete(k)
  askedAt.set(key, now)
  return null
}

export function call<K extends RouteId>(id: K, input: CallInput<K>): Promise<CallResult<RouteData<K>>> {
  return ask(id, input, true)
}

async function ask<K extends RouteId>(
  id: K,
  input: CallInput<K>,
  mayTakePrefetched: boolean
): Promise<CallResult<RouteData<K>>> {
  const route = ROUTES[id] as { method: HttpMethod; url: string }
  const i = input as {
    params?: Record<string, unknown>
    query?: Record<string, unknown>
    body?: unknown
    idempotencyKey?: string
    timeoutMs?: number
    retries?: number
  }
  const path = fillPath(route.url, i.params)
  if (path === null) return { ok: false, error: appError('INVALID_INPUT') }
  if (!SIGN_IN_ROUTES.has(id)) {
    const pending = config.pendingSignIn()
    if (pending) await pending.catch(() => {})
  }
  // after the sign-in wait, so the key carries the token the prefetch was made with
  if (route.method === 'GET' && mayTakePrefetched) {
    const early = takePrefetched(prefetchKey(id, i))
    if (early) return early as Promise<CallResult<RouteData<K>>>
  }
  const headers: Record<string, string> = {}
  const token = config.token()
  if (token) headers.authorization = `Bearer ${token}`
  if (i.idempotencyKey) headers['idempotency-key'] = i.idempotencyKey
  const res = await send({
    method: route.method,
    url: `${config.baseUrl}${path}${queryString(i.query)}`,
    body: i.body,
    headers,
    timeoutMs: i.timeoutMs,
    retries: i.retries
  })
  const net = useNetwork.getState()
  if (!res.ok) {
    const f = res.failure
    if (f.kind === 'offline' || f.kind === 'timeout' || f.kind === 'unreachable') {
      net.setReachable(false)
      return {
        ok: false,
        error: appError(f.kind === 'offline' ? 'OFFLINE' : f.kind === 'timeout' ? 'TIMEOUT' : 'UNREACHABLE', {
          status: 'status' in f ? f.status : undefined
        })
      }
    }
    // An answer we cannot use (garbage, or any 5xx, even in the county's own error shape) means
    // the county system is not working for us right now: show the notice and keep probing,
    // exactly as when it does not answer at all. A 4xx is a real answer about this request.
    const body =
      f.kind === 'garbage' ? null : (f.body as { code?: unknown; message?: unknown; details?: unknown } | null)
    net.setReachable(f.kind === 'http' && f.status < 500)
    if (f.kind === 'garbage') return { ok: false, error: appError('BAD_RESPONSE', { status: f.status }) }
    if (body && isKnownCode(body.code)) {
      if (body.code === 'UNAUTHENTICATED' || body.code === 'SESSION_EXPIRED') config.onSessionLost()
      // the county's own sentence is often more specific ("身份证号和姓名对不上"); keep it when sane
      const message =
        typeof body.message === 'string' && body.message.length > 0 && body.message.length <= 80
          ? body.message
          : undefined
      return { ok: false, error: appError(body.code, { status: f.status, message, details: body.details }) }
    }
    return { ok: false, error: appError('SERVER_ERROR', { status: f.status }) }
  }
  const check = responseChecks[id] ?? anyObject
  const bad = check(res.body)
  net.setReachable(!bad)
  if (bad) {
    // the path only, never the value: answers can hold ID numbers
    console.warn(`county API ${id}: unexpected answer at ${bad}`)
    return { ok: false, error: appError('BAD_RESPONSE', { status: res.status }) }
  }
  // a real county answer: its date is the county's clock (the app's "today" when the phone is days off)
  if (res.date) noteCountyTime(res.date)
  return { ok: true, data: res.body as RouteData<K> }
}

/**
 * A route whose answer is a file (the yearly statement's PDF), fetched by the phone's own
 * downloader (a file, not text): the saved file's temporary path (a blob URL on h5).
 */
export async function download<K extends RouteId>(id: K, input: CallInput<K>): Promise<CallResult<string>> {
  const route = ROUTES[id] as { method: HttpMethod; url: string }
  const i = input as { params?: Record<string, unknown>; query?: Record<string, unknown> }
  const path = fillPath(route.url, i.params)
  if (path === null) return { ok: false, error: appError('INVALID_INPUT') }
  const header: Record<string, string> = {}
  const token = config.token()
  if (token) header.authorization = `Bearer ${token}`
  try {
    const res = await Taro.downloadFile({ url: `${config.baseUrl}${path}${queryString(i.query)}`, header })
    if (res.statusCode >= 200 && res.statusCode < 300) return { ok: true, data: res.tempFilePath }
    if (res.statusCode === 404) return { ok: false, error: appError('NOT_FOUND', { status: 404 }) }
    if (res.statusCode === 429) return { ok: false, error: appError('RATE_LIMITED', { status: 429 }) }
    return { ok: false, error: appError('SERVER_ERROR', { status: res.statusCode }) }
  } catch {
    return { ok: false, error: appError('OFFLINE') }
  }
}

/**
 * h5, county staff: an uploaded document, decrypted by the county for this reviewer (the read is in
 * the household's log), as a URL the page can show; revoke it when the viewer closes.
 */
export async function fetchDocument(
  documentId: string
): Promise<{ ok: true; url: string; contentType: string } | { ok: false; error: AppError }> {
  const token = config.token()
  if (!token) return { ok: false, error: appError('UNAUTHENTICATED') }
  try {
    const res = await fetch(`${config.baseUrl}/v1/review/documents/${encodeURIComponent(documentId)}`, {
      headers: { authorization: `Bearer ${token}` }
    })
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null
      return { ok: false, error: appError(body?.code && isKnownCode(body.code) ? body.code : 'INTERNAL') }
    }
    const blob = await res.blob()
    return { ok: true, url: URL.createObjectURL(blob), contentType: blob.type }
  } catch {
    return { ok: false, error: appError('OFFLINE') }
  }
}
