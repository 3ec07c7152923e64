// The one HTTP client for the county API in tests, e2e support and benchmarks, typed by route id
// from the contract (src/contract/routes.ts): what a route takes (params, query, body) goes in,
// its answer comes out typed by the route's response schema.
//   const quote = (await api.call('getQuote', { params: { householdId }, query: { year }, token })).data
// `data` is the success answer and `error` the error answer; each throws, naming the status and
// what the county said, when the answer is the other kind. `raw()` is for what is not a contract
// route (/health, /__test/clock) or is meant to break it (bad JSON, wrong types).
import type { ErrorCode } from '../../../src/contract/errors'
import type {
  RouteAnswer,
  RouteBody,
  RouteId,
  RouteParams,
  RouteQuery,
  routes as contractRoutes
} from '../../../src/contract/routes'
import type { Me, Session } from '../../../src/contract/schemas'

type Routes = typeof contractRoutes

// Method and url of every route. The contract's table cannot be loaded here (its schema library
// is ESM only, which jest cannot load), so it is repeated, typed against the contract's: a wrong
// or missing method or url fails tsc.
const ENDPOINTS: { [K in RouteId]: readonly [Routes[K]['method'], Routes[K]['url']] } = {
  signInWechat: ['POST', '/v1/auth/wechat'],
  listDemoAccounts: ['GET', '/v1/auth/demo-accounts'],
  requestOtp: ['POST', '/v1/auth/otp/request'],
  verifyOtp: ['POST', '/v1/auth/otp/verify'],
  signOut: ['POST', '/v1/auth/sign-out'],
  signOutEverywhere: ['POST', '/v1/auth/sign-out-everywhere'],
  me: ['GET', '/v1/me'],
  startBinding: ['POST', '/v1/households/bind'],
  confirmBinding: ['POST', '/v1/households/bind/confirm'],
  getBindingRequest: ['GET', '/v1/binding-requests/:requestId'],
  listBindings: ['GET', '/v1/households/:householdId/bindings'],
  approveBindingRequest: ['POST', '/v1/binding-requests/:requestId/approve'],
  refuseBindingRequest: ['POST', '/v1/binding-requests/:requestId/refuse'],
  removeBinding: ['DELETE', '/v1/bindings/:bindingId'],
  getHousehold: ['GET', '/v1/households/:householdId'],
  getPolicy: ['GET', '/v1/policy'],
  getQuote: ['GET', '/v1/households/:householdId/quote'],
  lookupPayee: ['POST', '/v1/payee-lookup'],
  createOrder: ['POST', '/v1/orders'],
  listOrders: ['GET', '/v1/households/:householdId/orders'],
  getOrder: ['GET', '/v1/orders/:orderId'],
  startPayment: ['POST', '/v1/orders/:orderId/pay'],
  getReceipt: ['GET', '/v1/orders/:orderId/receipt'],
  paymentNotify: ['POST', '/v1/payments/notify'],
  reviewUnmatched: ['GET', '/v1/review/orders/unmatched'],
  reviewRetryMatch: ['POST', '/v1/review/orders/:orderId/retry'],
  wechatPayNotify: ['POST', '/v1/payments/wechat/notify'],
  reviewMoney: ['GET', '/v1/review/money'],
  reviewRefundMoney: ['POST', '/v1/review/money/:moneyId/refund'],
  reviewAttachMoney: ['POST', '/v1/review/money/:moneyId/attach'],
  reviewResolveMoney: ['POST', '/v1/review/money/:moneyId/resolve'],
  reviewReconciliations: ['GET', '/v1/review/reconciliations'],
  reviewRunReconciliation: ['POST', '/v1/review/reconciliations/:billDate/run'],
  reviewImportTaxBureauPayments: ['POST', '/v1/review/tax-bureau-payments'],
  cashierPay: ['POST', '/v1/sim-cashier/orders/:orderId/pay'],
  cashierFail: ['POST', '/v1/sim-cashier/orders/:orderId/fail'],
  cashierAbandon: ['POST', '/v1/sim-cashier/orders/:orderId/abandon'],
  listClaims: ['GET', '/v1/persons/:personId/claims'],
  getClaim: ['GET', '/v1/claims/:claimId'],
  reportClaimConcern: ['POST', '/v1/claims/:claimId/concerns'],
  listClaimConcerns: ['GET', '/v1/claims/:claimId/concerns'],
  reviewConcerns: ['GET', '/v1/review/concerns'],
  reviewConcernUpdate: ['POST', '/v1/review/concerns/:concernId'],
  markNoticeRead: ['POST', '/v1/notices/:noticeId/read'],
  myNoticeReads: ['GET', '/v1/me/notice-reads'],
  keepEstimate: ['POST', '/v1/persons/:personId/estimates'],
  listKeptEstimates: ['GET', '/v1/persons/:personId/estimates'],
  deleteKeptEstimate: ['DELETE', '/v1/estimates/:estimateId'],
  reviewReimbursementPreview: ['POST', '/v1/review/reimbursements/:applicationId/preview'],
  reviewReimbursementSettle: ['POST', '/v1/review/reimbursements/:applicationId/settle'],
  listInstitutions: ['GET', '/v1/institutions'],
  getInstitution: ['GET', '/v1/institutions/:institutionId'],
  createInvitation: ['POST', '/v1/households/:householdId/invitations'],
  acceptInvitation: ['POST', '/v1/invitations/accept'],
  listGrants: ['GET', '/v1/households/:householdId/grants'],
  revokeGrant: ['DELETE', '/v1/grants/:grantId'],
  leaveHousehold: ['POST', '/v1/households/:householdId/leave'],
  accessLog: ['GET', '/v1/households/:householdId/access-log'],
  createApplication: ['POST', '/v1/applications'],
  uploadDocument: ['POST', '/v1/applications/:applicationId/documents'],
  getApplication: ['GET', '/v1/applications/:applicationId'],
  resubmitApplication: ['POST', '/v1/applications/:applicationId/resubmit'],
  listApplications: ['GET', '/v1/households/:householdId/applications'],
  reviewList: ['GET', '/v1/review/applications'],
  reviewDocument: ['GET', '/v1/review/documents/:documentId'],
  reviewDecide: ['POST', '/v1/review/applications/:applicationId/decision'],
  listNotices: ['GET', '/v1/notices'],
  getNotice: ['GET', '/v1/notices/:noticeId'],
  getStatement: ['GET', '/v1/households/:householdId/statement'],
  getStatementPdf: ['GET', '/v1/households/:householdId/statement/pdf'],
  verifyStatement: ['GET', '/v1/statements/verify/:code'],
  listHouseholdNotifications: ['GET', '/v1/households/:householdId/notifications'],
  markNotificationRead: ['POST', '/v1/notifications/:notificationId/read'],
  saveSubscriptions: ['POST', '/v1/me/subscriptions'],
  listSubscriptions: ['GET', '/v1/me/subscriptions'],
  listSpeechVoices: ['GET', '/v1/speech/voices'],
  speak: ['POST', '/v1/speech'],
  staffQueue: ['GET', '/v1/staff/queue'],
  staffApplication: ['GET', '/v1/staff/applications/:applicationId'],
  staffAudit: ['GET', '/v1/staff/audit'],
  staffNotices: ['GET', '/v1/staff/notices'],
  staffCreateNotice: ['POST', '/v1/staff/notices'],
  staffEditNotice: ['POST', '/v1/staff/notices/:noticeId'],
  staffWithdrawNotice: ['POST', '/v1/staff/notices/:noticeId/withdraw'],
  startAssist: ['POST', '/v1/assist/consents'],
  confirmAssist: ['POST', '/v1/assist/consents/:consentId/confirm'],
  listMyAssists: ['GET', '/v1/assist/consents'],
  listHouseholdAssists: ['GET', '/v1/households/:householdId/assists'],
  revokeAssist: ['POST', '/v1/assist/consents/:consentId/revoke']
}

/** The one-time code of a county API started for tests (spawnServer, startProduct: DEV_OTP). */
export const DEV_OTP = '123456'

/** What a call sends: params, query and body exactly as the route takes them. */
type CallInput<K extends RouteId> = (RouteParams<K> extends undefined
  ? { params?: undefined }
  : { params: RouteParams<K> }) &
  (RouteQuery<K> extends undefined ? { query?: undefined } : { query?: RouteQuery<K> }) &
  (RouteBody<K> extends undefined
    ? { body?: undefined }
    : // `json`: this exact text as the body (the payment notify's signature covers the bytes)
      { body: RouteBody<K>; json?: undefined } | { body?: undefined; json: string }) & {
    token?: string
    headers?: Record<string, string>
    /** multipart upload (uploadDocument) */
    form?: FormData
  }

/** An error answer: { code, message, details? } (details vary by code). */
interface ErrorAnswer {
  code: ErrorCode
  message: string
  details?: any
}

export interface Answer<K extends RouteId> {
  status: number
  ok: boolean
  headers: HeaderReader
  /** The answer as parsed, whatever the status (undefined when the bench's transport did not read it). */
  body: RouteAnswer<K> | ErrorAnswer | undefined
  /** The success answer; throws, with the status and the county's error, on an error answer. */
  readonly data: RouteAnswer<K>
  /** The error answer; throws on a success answer. */
  readonly error: ErrorAnswer
}

interface HeaderReader {
  get(name: string): string | null
}

/** One request on the wire. `read: false`: a success answer's body may be left unparsed (the bench's load generator). */
interface Request {
  method: string
  path: string
  headers: Record<string, string>
  body?: string | FormData
  read: boolean
}
export type Transport = (req: Request) => Promise<{ status: number; headers: HeaderReader; text?: string }>

const fetchTransport =
  (base: string): Transport =>
  async (req) => {
    const res = await fetch(base + req.path, { method: req.method, headers: req.headers, body: req.body })
    return { status: res.status, headers: res.headers, text: await res.text() }
  }

function parse(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text // not JSON: kept as text for the test to see
  }
}

function fillPath(url: string, params: Record<string, unknown> | undefined): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(params?.[name] ?? '')))
}

/** The path of route `id` (for raw requests that mean to break the route's rules). */
export function pathOf<K extends RouteId>(id: K, params: RouteParams<K>): string {
  return fillPath(ENDPOINTS[id][1], params as Record<string, unknown> | undefined)
}

function queryString(query: Record<string, unknown> | undefined): string {
  const parts = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/**
 * A client of the county API at `base` (e.g. spawnServer's url, or the web server's `/county`
 * proxy). `transport`: how requests go out (default fetch; the bench brings a keep-alive one).
 */
export function client(base: string, transport: Transport = fetchTransport(base)) {
  async function send(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; json?: string; headers?: Record<string, string>; form?: FormData },
    read = true
  ) {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`
    let body: string | FormData | undefined = opts.form
    const text = opts.json ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))
    if (text !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = text
    }
    const res = await transport({ method, path, headers, body, read })
    return { status: res.status, headers: res.headers, body: parse(res.text) }
  }

  /** Calls route `id` of the contract. `read: false` leaves a success answer unparsed (load generators). */
  async function call<K extends RouteId>(id: K, input: CallInput<K>, read = true): Promise<Answer<K>> {
    const [method, url] = ENDPOINTS[id]
    const i = input as {
      params?: Record<string, unknown>
      query?: Record<string, unknown>
      body?: unknown
      json?: string
      token?: string
      headers?: Record<string, string>
      form?: FormData
    }
    const r = await send(method, fillPath(url, i.params) + queryString(i.query), i, read)
    const succeeded = r.status >= 200 && r.status < 300
    const said = () => `${id} answered ${r.status}: ${JSON.stringify(r.body)?.slice(0, 300)}`
    return {
      status: r.status,
      ok: succeeded,
      headers: r.headers,
      body: r.body as Answer<K>['body'],
      get data(): RouteAnswer<K> {
        if (!succeeded) throw new Error(`expected a success answer; ${said()}`)
        return r.body as RouteAnswer<K>
      },
      get error(): ErrorAnswer {
        if (succeeded) throw new Error(`expected an error answer; ${said()}`)
        return r.body as ErrorAnswer
      }
    }
  }

  /** A request outside the contract's types: other paths, or input meant to be refused. */
  async function raw(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; json?: string; headers?: Record<string, string> } = {}
  ): Promise<{ status: number; headers: HeaderReader; body: any }> {
    return send(method, path, opts)
  }

  /** Throws with what the county said unless the call succeeded; returns the answer. */
  async function ok<K extends RouteId>(id: K, input: CallInput<K>): Promise<RouteAnswer<K>> {
    return (await call(id, input)).data
  }

  return {
    call,
    ok,
    raw,
    /** The county's clock (TEST_HOOKS only), epoch ms: tests run on a pinned clock, not the machine's. */
    async now(): Promise<number> {
      const r = await raw('GET', '/__test/clock')
      if (r.status !== 200) throw new Error(`clock hook refused: ${r.status}`)
      return Date.parse(r.body.now as string)
    },
    /** Runs one whole pass of the county's background job now (TEST_HOOKS only): no waiting for its timer. */
    async runJobs(): Promise<void> {
      const r = await raw('POST', '/__test/jobs')
      if (r.status !== 200) throw new Error(`jobs hook refused: ${r.status}`)
    },
    /** Moves the county's clock (TEST_HOOKS only). */
    async setNow(at: number | string): Promise<void> {
      const r = await raw('POST', '/__test/clock', {
        body: { now: typeof at === 'number' ? new Date(at).toISOString() : at }
      })
      if (r.status !== 200) throw new Error(`clock hook refused: ${r.status}`)
    },
    /** Signs in with a dev WeChat code (demo-head, demo-elder, … or any demo-<name> for a new user); the token. */
    async wechat(name: string): Promise<string> {
      return (await ok('signInWechat', { body: { code: `demo-${name}` } })).token
    },
    /** Signs a phone in as on h5 (one-time code; the county's development code by default); the session. */
    async phone(phone: string, code = DEV_OTP): Promise<Session> {
      await ok('requestOtp', { body: { phone } })
      return ok('verifyOtp', { body: { phone, code } })
    },
    /**
     * Binds the signed-in account to a person as a villager does: ID number, name and the booklet's
     * number, then the code the roster phone got (the development code), or, for a member without a
     * phone of their own, the head's approval (`headToken`: the head's session). Me, as bound.
     */
    async bind(
      token: string,
      who: { idNumber: string; name: string; householdNumber: string },
      opts: { headToken?: string; code?: string } = {}
    ): Promise<Me> {
      const start = await ok('startBinding', {
        body: { ...who, ...(opts.headToken ? { method: 'head_approval' as const } : {}) },
        token
      })
      if (start.method === 'sms')
        return ok('confirmBinding', {
          body: { requestId: start.requestId as string, code: opts.code ?? DEV_OTP },
          token
        })
      if (start.method === 'head_approval' && opts.headToken) {
        await ok('approveBindingRequest', { params: { requestId: start.requestId as string }, token: opts.headToken })
        return ok('me', { token })
      }
      throw new Error(`binding needs ${start.method}: ${start.message}`)
    }
  }
}

export type Client = ReturnType<typeof client>
