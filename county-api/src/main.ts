// `npm run county-api`: starts the reference county API from the environment.
// Checks every setting first (config/): with a problem it prints one line each and does not start.
// Creates and migrates the database on first start (and seeds the demo county where asked:
// SEED_DEMO=1); SIGINT/SIGTERM close it cleanly.
import { startServer } from './server'
import { ConfigProblems, loadConfig } from './config'
import { makeLogger } from './log'
import { DEMO_ACCOUNTS } from './seed'
import { isClusterWorker, reportListening, runPrimary } from './workers'

function refuse(problems: string[]): never {
  for (const p of problems) process.stderr.write(`${p}\n`)
  process.stderr.write(
    `county API not started: ${problems.length} problem(s) in its settings (see docs/county-api.md)\n`
  )
  process.exit(1)
}

async function main(): Promise<void> {
  const { config, problems } = loadConfig()
  if (problems.length > 0) refuse(problems)
  const log = makeLogger()
  if (config.workers > 1 && !isClusterWorker()) return runPrimary({ workers: config.workers, log })
  const server = await startServer({ logger: log })
  log.info(
    {
      url: server.url,
      db: config.databaseUrl ? 'postgres (DATABASE_URL)' : config.dbPath,
      mode: config.mode,
      payment: config.paymentMode,
      sms: config.smsProvider
    },
    `county API listening on ${server.url} (contract: ${server.url}/openapi.json)`
  )
  if (config.seedDemo && !isClusterWorker())
    log.info(
      `demo accounts (see county-api/DEMO.md): ${DEMO_ACCOUNTS.map((a) => `WeChat code demo-${a.key}`).join(', ')}; h5 phones 1380000000x, one-time code in this log${config.devOtp ? ' or DEV_OTP' : ''}`
    )
  // Machine-readable line for tools that spawn the server (tests, npm start); a worker tells its primary
  if (isClusterWorker()) reportListening(server.url)
  else process.stdout.write(`COUNTY_API_URL=${server.url}\n`)

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
  if (e instanceof ConfigProblems) refuse(e.problems)
  process.stderr.write(`county API failed to start: ${String((e as Error)?.stack ?? e)}\n`)
  process.exit(1)
})
