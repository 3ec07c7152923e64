// startServer(): the reference county API. Used by main.ts, tests (port 0, temp DB) and bench.
import Fastify, { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import multipart from '@fastify/multipart'
import Ajv from 'ajv'
import { buildOpenApi } from '../../src/contract/openapi'
import { routes as contractRoutes, type RouteDef, type RouteId } from '../../src/contract/routes'
import { ERROR_CODES } from '../../src/contract/errors'
import { isoTime, makeClock } from './clock'
import { configFromEnv, ConfigProblems, type Config } from './config'
import type { Ctx } from './context'
import type { UserRow } from './db/rows'
import type { Call } from './routes/handler'
import { openDatabase, getMeta } from './db'
import { ApiFailure } from './errors'
import { makeLogger, scrub, type Logger } from './log'
import { authenticate } from './auth'
import { calculator, calculatorFailure } from './ports/shared-calculator'
import { makeSimulatedProvider } from './ports/simulated-payment'
import { makeWechatPayProvider, ProviderUnavailable } from './ports/wechat-pay/provider'
import { makeSmsSender } from './ports/sms'
import { seedDemo, type SeedOptions } from './seed'
import { makeHandlers } from './routes'
import { startBackgroundJobs, type BackgroundJobs } from './jobs'
import { enrolFundedAtStart } from './pay/funded'
import { installLimits, limitKeys } from './limits'
import { makeAdmission } from './admission'
import { settleGrantExpiry } from './grants'
import { documentKey, keepPrivate, tightenExisting } from './at-rest'

/** The roles a route's `auth` admits (user: any signed-in account). */
const ROLES_OF: Partial<Record<RouteDef['auth'], UserRow['role'][]>> = {
  reviewer: ['reviewer', 'supervisor'],
  supervisor: ['supervisor'],
  assistant: ['assistant']
}

/** ?token=, &access_token= … in a request's address */
const TOKEN_IN_URL = /[?&](access_?)?token=/i

interface StartOptions {
  port?: number
  host?: string
  dbPath?: string
  /**
   * Seed demo data when the database is empty. Default: as configured (SEED_DEMO, SEED_HOUSEHOLDS,
   * SEED_CLAIMS; never in production). `{ households }` picks a smaller size.
   */
  seed?: boolean | SeedOptions
  logger?: Logger | false
  /** Overrides on top of the environment configuration. */
  config?: Partial<Config>
}

interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
  ctx: Ctx
}

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/no-shadow -- module augmentation must reuse the name
  interface FastifyRequest {
    user: UserRow | null
    rawBody?: string
  }
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const config: Config = { ...configFromEnv(), ...opts.config }
  if (opts.port !== undefined) config.port = opts.port
  if (opts.host !== undefined) config.host = opts.host
  if (opts.dbPath !== undefined) {
    config.dbPath = opts.dbPath
    if (!opts.config?.uploadDir) config.uploadDir = `${opts.dbPath}.uploads`
  }
  const log = opts.logger === false ? makeLogger('silent') : (opts.logger ?? makeLogger())
  const seedOpt =
    opts.seed ??
    (config.seedDemo && {
      ...(config.seedHouseholds !== null ? { households: config.seedHouseholds } : {}),
      ...(config.seedClaims !== null ? { claims: config.seedClaims } : {})
    })
  if (config.mode === 'production' && seedOpt !== false)
    throw new ConfigProblems(['production does not seed the demo county (SEED_DEMO)'])
  // the database, its journal, the uploads and the key file are the server user's alone
  keepPrivate()
  const db = await openDatabase(config)
  tightenExisting(config.dbPath, config.uploadDir)
  if (config.mode === 'production' && (await getMeta(db, 'seeded')) !== undefined) {
    await db.close()
    throw new ConfigProblems([
      `COUNTY_API_DB=${config.dbPath} holds the invented demo county; production needs the county's own database`
    ])
  }
  const clock = makeClock(config.now ?? undefined)

  let baseUrl = ''
  const ctx: Ctx = {
    db,
    clock,
    config,
    log,
    calc: calculator,
    payments: null as unknown as Ctx['payments'],
    sms: makeSmsSender(config, log),
    documentKey: documentKey(config),
    admission: makeAdmission(config.admissionRate, config.workers),
    url: () => baseUrl
  }
  ctx.payments = config.paymentMode === 'wechat' ? makeWechatPayProvider(ctx) : makeSimulatedProvider(ctx)

  if (seedOpt !== false && (await getMeta(db, 'seeded')) === undefined) {
    const started = Date.now()
    const summary = await seedDemo(ctx, seedOpt === true ? {} : seedOpt)
    log.info({ ...summary, ms: Date.now() - started }, 'seeded demo county')
  }
  // claims settled by a calculator older than the year summary (no coverage year) cannot be summed
  if (
    await db.get(
      // (the settlement is JSON.stringify's text: no spaces; read as text, no JSON functions, on either engine)
      `SELECT 1 FROM claims WHERE settlement IS NOT NULL
        AND (settlement NOT LIKE '%"coverageYear":%' OR settlement LIKE '%"coverageYear":null%') LIMIT 1`
    )
  )
    log.warn('claims settled by an older calculator: their year summary is refused; delete the database to reseed')
  await settleGrantExpiry(ctx)
  // before the first request: members a department pays for are enrolled for the year being collected
  const fundedDoneOn = await enrolFundedAtStart(ctx)

  const app = Fastify({
    loggerInstance: log,
    logController: new LogController({ disableRequestLogging: process.env.LOG_REQUESTS !== '1' }),
    bodyLimit: 1024 * 1024,
    genReqId: () => Math.random().toString(36).slice(2, 10),
    // behind a proxy, the client's address is what the trusted proxies say (the limits key on it)
    // (a number of hops is documented and handled by Fastify, missing from its types)
    trustProxy: (config.trustProxy ?? false) as boolean | string[],
    // Errors Fastify raises before routing (an over-long id in the path, a malformed URL)
    // get the one error shape too, found by bench/fuzz-api.ts.
    frameworkErrors: (error, _req, reply) => {
      const status =
        typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
          ? error.statusCode
          : 400
      const code = status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST'
      const raw = reply as unknown as { code(n: number): { send(body: unknown): unknown } }
      raw.code(status).send({ code, message: ERROR_CODES[code].message })
    },
    // Errors at the HTTP layer (headers or URL too large, a broken request line) answer with it as well.
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return
      const tooLarge = (err as { code?: string }).code === 'HPE_HEADER_OVERFLOW'
      const body = JSON.stringify({
        code: 'BAD_REQUEST',
        message: tooLarge ? '请求内容太长，请检查后再试' : ERROR_CODES.BAD_REQUEST.message
      })
      socket.end(
        `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
      )
    }
  })
  app.decorateRequest('user', null)
  // TypeBox schemas are plain JSON Schema, validated by compiled Ajv. (The TypeBox validator
  // compiler converts query/params value by value on every request and cost more CPU per flow
  // than the handlers.) Unknown properties are errors, never silently dropped (the contract's
  // bodies and query strings are closed). Bodies are JSON and are taken as typed: "2027" is not a
  // year and [2027] is not one either. Query strings and paths are text: "2027" becomes 2027, but
  // a repeated parameter (?year=2027&year=2100) never becomes one value.
  const ajvOptions = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const
  const bodyAjv = new Ajv({ ...ajvOptions, coerceTypes: false })
  const textAjv = new Ajv({ ...ajvOptions, coerceTypes: true })
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema))
  // Every answer is dated by the county's clock: the app takes "today" from it when the phone's
  // clock is days off (farmers' phones often are), so both sides mean the same day.
  // (one text a second, and a callback hook: no promise per request)
  let dateSecond = NaN
  let dateText = ''
  app.addHook('onRequest', (_req, reply, done) => {
    const now = clock.now()
    if (Math.floor(now / 1000) !== dateSecond) {
      dateSecond = Math.floor(now / 1000)
      dateText = new Date(now).toUTCString()
    }
    void reply.header('date', dateText)
    done()
  })

  // Keep the raw JSON text (the payment notify signature covers the exact bytes), and parse it with
  // Fastify's own parser, which refuses __proto__ and constructor.prototype keys (prototype poisoning).
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string
    req.rawBody = text
    if (text === '') return done(null, undefined)
    void parseJson(req, text, (err, value) =>
      err ? done(new ApiFailure('BAD_REQUEST', { reason: scrub(err.message) }), undefined) : done(null, value)
    )
  })

  // A token in an address ends up in logs, proxies and browser history: the county reads it only
  // from the Authorization header, and says so to a client that puts one in the URL.
  app.addHook('onRequest', (req, _reply, done) => {
    if (req.url.includes('?') && TOKEN_IN_URL.test(req.url))
      return done(new ApiFailure('BAD_REQUEST', { reason: 'token in URL' }, '登录凭证不能放在网址里'))
    done()
  })
  // Security headers on every answer (an API: no page may frame it or run from it).
  await app.register(helmet, { global: true })

  await app.register(cors, {
    // an allow-list (CORS_ORIGINS; development: the h5 dev server); none: no other site may call
    // the API from a browser (the h5 app is served from the API's own site). * only in development.
    origin: config.corsOrigins.includes('*') ? true : config.corsOrigins.length === 0 ? false : config.corsOrigins,
    allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
    exposedHeaders: ['ETag', 'Date', 'Retry-After'],
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS']
  })
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5 } })
  // several processes (or PostgreSQL behind any balancer) count the cheap limits in the database
  const shared = config.workers > 1 || config.databaseUrl !== null ? db : null
  const limitsOf = await installLimits(app as unknown as Parameters<typeof installLimits>[0], config, shared)

  app.setErrorHandler((thrown: FastifyError | ApiFailure, req, reply) => {
    const err = calculatorFailure(thrown) ?? thrown
    if (err instanceof ApiFailure) {
      // a wait the client can act on (BUSY, RATE_LIMITED): also as the standard header, whole seconds
      const wait = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
      if (err.status === 429 && typeof wait === 'number') void reply.header('retry-after', String(wait))
      return reply
        .status(err.status)
        .send({ code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) })
    }
    if (err instanceof ProviderUnavailable) {
      req.log.warn({ err: { message: scrub(err.message) } }, 'payment provider unavailable')
      return reply.status(503).send({ code: 'UPSTREAM_UNAVAILABLE', message: '微信支付暂时连不上，请稍后再试' })
    }
    const fe = err as FastifyError
    if (fe.validation) {
      const details = fe.validation.map((v) => ({
        path: v.instancePath || (v.params as { missingProperty?: string })?.missingProperty || '',
        problem: scrub(v.message ?? '')
      }))
      return reply.status(400).send({
        code: 'BAD_REQUEST',
        message: ERROR_CODES.BAD_REQUEST.message,
        details: { in: fe.validationContext, problems: details }
      })
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
      return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: ERROR_CODES.PAYLOAD_TOO_LARGE.message })
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply
        .status(400)
        .send({ code: 'BAD_REQUEST', message: ERROR_CODES.BAD_REQUEST.message, details: { reason: scrub(fe.message) } })
    }
    req.log.error({ err: { message: scrub(String(fe.message)), stack: scrub(String(fe.stack)) } }, 'unhandled error')
    return reply.status(500).send({ code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message })
  })
  app.setNotFoundHandler((_req, reply) =>
    reply.status(404).send({ code: 'NOT_FOUND', message: ERROR_CODES.NOT_FOUND.message })
  )

  app.get('/openapi.json', async () => buildOpenApi(baseUrl))
  app.get('/health', async () => ({ ok: true }))

  const handlers = makeHandlers(ctx)
  for (const [id, def] of Object.entries(contractRoutes) as [RouteId, RouteDef][]) {
    // (each handler is typed by its route; here, where every route is wired alike, by none)
    const handler = handlers[id] as ((call: Call<RouteId>) => unknown) | undefined
    if (!handler) throw new Error(`no handler for route ${id}`)
    // a provider's own routes only with that provider (the simulated cashier and its HMAC notify: never
    // with WeChat Pay, never in production, also when a caller overrides the configuration)
    if (def.paymentMode && def.paymentMode !== config.paymentMode) continue
    if ((def.auth === 'dev' || def.paymentMode === 'simulated') && config.mode === 'production') continue
    app.route({
      method: def.method,
      url: def.url,
      // Only the parts the route defines (fastify warns about explicit undefined ones).
      schema: Object.fromEntries(
        Object.entries({
          body: def.body,
          params: def.params,
          querystring: def.querystring,
          headers: def.headers,
          response: def.response
        }).filter(([, v]) => v !== undefined)
      ),
      // Signed-in routes get the sign-in hook (the session is read through the data port: async);
      // routes with limits (limits.ts) then count the request, after sign-in and validation.
      preHandler: [
        ...(def.auth === 'user' || def.auth in ROLES_OF
          ? [
              async (req: FastifyRequest) => {
                req.user = await authenticate(ctx, req.headers.authorization)
                const roles = ROLES_OF[def.auth]
                if (roles && !roles.includes(req.user.role)) throw new ApiFailure('FORBIDDEN')
              }
            ]
          : []),
        ...(limitsOf(id) ? [limitsOf(id) as (req: FastifyRequest) => Promise<void>] : [])
      ],
      handler: (req: FastifyRequest, reply: FastifyReply) => {
        const result = handler({
          body: req.body as never,
          params: req.params as never,
          query: req.query as never,
          user: req.user as UserRow,
          req,
          reply
        }) as unknown
        // A synchronous handler's answer is sent at once (Fastify sends a returned value; a thrown
        // error goes to the error handler), without a promise and a microtask per request. A promise,
        // a returned reply or no value go the way an async handler's did.
        if (result === undefined || (result !== null && typeof (result as { then?: unknown }).then === 'function'))
          return Promise.resolve(result)
        return result
      }
    })
  }

  // the background job, started once the server listens
  let jobs: BackgroundJobs | null = null
  if (config.testHooks && config.mode !== 'production') {
    // one pass of the background job now: a test moves the clock, then runs it (no waiting for its timer)
    app.post('/__test/jobs', async () => {
      await jobs?.runOnce()
      return { ok: true }
    })
    app.post('/__test/clock', async (req) => {
      const body = req.body as { now?: string }
      if (!body?.now || Number.isNaN(Date.parse(body.now))) throw new ApiFailure('BAD_REQUEST')
      clock.set(Date.parse(body.now))
      return { ok: true }
    })
    // tests run on a pinned clock: what "now" is here, for payment notifications dated by it
    app.get('/__test/clock', async () => ({ now: isoTime(clock.now()) }))
    // how many keys the in-memory limits hold (their memory is bounded: RATE_LIMIT_KEYS per limit)
    app.get('/__test/limits', async () => ({ keys: limitKeys() }))
    // statements and commits the database has run so far (bench:api: per payment flow)
    // (each worker counts its own: pid says which one answered)
    app.get('/__test/db-counts', async () => ({ ...db.counts(), pid: process.pid }))
  }

  await app.listen({ port: config.port, host: config.host })
  const addr = app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : config.port
  baseUrl = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`
  jobs = startBackgroundJobs(ctx, 5000, fundedDoneOn)
  const stopJobs = jobs.stop

  let closed = false
  return {
    url: baseUrl,
    port,
    ctx,
    async close() {
      if (closed) return
      closed = true
      await stopJobs()
      await app.close()
      await db.close()
    }
  }
}
