// startServer(): the reference county API. Used by main.ts, tests (port 0, temp DB) and bench.
import Fastify, { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify'
import cors from '@fastify/cors'
import multipart from '@fastify/multipart'
import { buildOpenApi } from '../../src/contract/openapi'
import { routes as contractRoutes, type RouteDef, type RouteId } from '../../src/contract/routes'
import { ERROR_CODES } from '../../src/contract/errors'
import { isoTime, makeClock } from './clock'
import { configFromEnv, type Config } from './config'
import type { Ctx } from './context'
import type { UserRow } from './db/rows'
import type { Call } from './routes/handler'
import { openDb, getMeta } from './db'
import { ApiFailure } from './errors'
import { makeLogger, scrub, type Logger } from './log'
import { authenticate } from './auth'
import { calculator, calculatorFailure } from './ports/shared-calculator'
import { makeSimulatedProvider } from './ports/simulated-payment'
import { seedDemo, type SeedOptions } from './seed'
import { makeHandlers } from './routes'
import { startBackgroundJobs } from './jobs'
import { enrolFundedAtStart } from './pay/funded'

interface StartOptions {
  port?: number
  host?: string
  dbPath?: string
  /** Seed demo data when the database is empty (default true). `{ households }` picks a smaller size. */
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
  const db = openDb(config.dbPath)
  const clock = makeClock(config.now)

  let baseUrl = ''
  const ctx: Ctx = {
    db,
    clock,
    config,
    log,
    calc: calculator,
    payments: null as unknown as Ctx['payments'],
    url: () => baseUrl
  }
  ctx.payments = makeSimulatedProvider(ctx)

  const seedOpt = opts.seed ?? true
  if (seedOpt !== false && getMeta(db, 'seeded') === undefined) {
    const started = Date.now()
    const summary = seedDemo(ctx, seedOpt === true ? {} : seedOpt)
    log.info({ ...summary, ms: Date.now() - started }, 'seeded demo county')
  }
  // claims settled by a calculator older than the year summary (no coverage year) cannot be summed
  if (
    db
      .prepare(
        `SELECT 1 FROM claims WHERE settlement IS NOT NULL AND json_extract(settlement, '$.coverageYear') IS NULL LIMIT 1`
      )
      .get()
  )
    log.warn('claims settled by an older calculator: their year summary is refused; delete the database to reseed')
  // before the first request: members a department pays for are enrolled for the year being collected
  const fundedDoneOn = enrolFundedAtStart(ctx)

  const app = Fastify({
    loggerInstance: log,
    logController: new LogController({ disableRequestLogging: process.env.LOG_REQUESTS !== '1' }),
    bodyLimit: 1024 * 1024,
    genReqId: () => Math.random().toString(36).slice(2, 10),
    // TypeBox schemas are plain JSON Schema, so Fastify's compiled Ajv validates them. (The
    // TypeBox validator compiler converts query/params value by value on every request and
    // cost more CPU per flow than the handlers.) Unknown properties are errors, never silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
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
  // Every answer is dated by the county's clock: the app takes "today" from it when the phone's
  // clock is days off (farmers' phones often are), so both sides mean the same day.
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('date', new Date(clock.now()).toUTCString())
  })

  // Keep the raw JSON text: the payment notify signature covers the exact bytes.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string
    req.rawBody = text
    if (text === '') return done(null, undefined)
    try {
      done(null, JSON.parse(text))
    } catch {
      done(new ApiFailure('BAD_REQUEST', { reason: 'invalid JSON' }), undefined)
    }
  })

  await app.register(cors, {
    origin: config.corsOrigins,
    allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
    exposedHeaders: ['ETag', 'Date'],
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS']
  })
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5 } })

  app.setErrorHandler((thrown: FastifyError | ApiFailure, req, reply) => {
    const err = calculatorFailure(thrown) ?? thrown
    if (err instanceof ApiFailure) {
      return reply
        .status(err.status)
        .send({ code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) })
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
    if (def.auth === 'dev' && config.paymentMode !== 'simulated') continue
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
      // Only signed-in routes get the hook, and a synchronous one (no promise per request).
      ...(def.auth === 'user' || def.auth === 'reviewer'
        ? {
            preHandler: (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
              try {
                req.user = authenticate(ctx, req.headers.authorization)
                if (def.auth === 'reviewer' && req.user.role !== 'reviewer') throw new ApiFailure('FORBIDDEN')
              } catch (e) {
                return done(e as Error)
              }
              done()
            }
          }
        : {}),
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

  if (config.testHooks) {
    app.post('/__test/clock', async (req) => {
      const body = req.body as { now?: string }
      if (!body?.now || Number.isNaN(Date.parse(body.now))) throw new ApiFailure('BAD_REQUEST')
      clock.set(Date.parse(body.now))
      return { ok: true }
    })
    // tests run on a pinned clock: what "now" is here, for payment notifications dated by it
    app.get('/__test/clock', async () => ({ now: isoTime(clock.now()) }))
  }

  await app.listen({ port: config.port, host: config.host })
  const addr = app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : config.port
  baseUrl = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`
  const stopJobs = startBackgroundJobs(ctx, 5000, fundedDoneOn)

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
      db.close()
    }
  }
}
