// `npm run county-api`: starts the reference county API from the environment.
// Creates, migrates and seeds the database on first start; SIGINT/SIGTERM close it cleanly.
import { startServer } from './server'
import { configFromEnv } from './config'
import { makeLogger } from './log'
import { DEMO_ACCOUNTS } from './seed'

async function main(): Promise<void> {
  const log = makeLogger()
  const config = configFromEnv()
  const seedHouseholds = process.env.SEED_HOUSEHOLDS ? Number(process.env.SEED_HOUSEHOLDS) : undefined
  const seedClaims = process.env.SEED_CLAIMS ? Number(process.env.SEED_CLAIMS) : undefined
  const server = await startServer({ logger: log, seed: { households: seedHouseholds, claims: seedClaims } })
  log.info(
    { url: server.url, db: config.dbPath, payment: config.paymentMode },
    `county API listening on ${server.url} (contract: ${server.url}/openapi.json)`
  )
  log.info(
    `demo accounts (see county-api/DEMO.md): ${DEMO_ACCOUNTS.map((a) => `WeChat code demo-${a.key}`).join(', ')}; h5 phones 1380000000x, one-time code in this log${config.devOtp ? ' or DEV_OTP' : ''}`
  )
  // Machine-readable line for tools that spawn the server (tests, npm start).
  process.stdout.write(`COUNTY_API_URL=${server.url}\n`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    // a client holding a connection open must not keep the process alive: give requests under
    // way a few seconds, then go (the database is closed by then or left consistent by WAL)
    setTimeout(() => {
      log.warn('shutdown took too long; exiting')
      process.exit(1)
    }, 5000).unref()
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error({ err: e }, 'shutdown failed')
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((e: unknown) => {
  process.stderr.write(`county API failed to start: ${String((e as Error)?.stack ?? e)}\n`)
  process.exit(1)
})
