// Starts the real server in a child process (tsx) on a temporary database, port 0.
// Jest cannot load the ESM-only schema library in-process, and a child process is also
// what the crash tests need (SIGKILL, then restart on the same file).
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { productionEnv } from './production-env'
import { onPostgres, postgresFor } from './test-db'

export interface SpawnedServer {
  url: string
  /** the SQLite file, or on PostgreSQL (node-pg project) the path the database stands for (testing/test-db.ts) */
  dbPath: string
  /** postgres://… when the server runs on PostgreSQL */
  databaseUrl: string | null
  child: ChildProcess
  logs: () => string
  /** SIGTERM and wait for exit (graceful shutdown). */
  stop(): Promise<void>
  /** SIGKILL and wait for exit (crash). */
  kill(): Promise<void>
}

interface SpawnOptions {
  dbPath?: string
  households?: number
  env?: Record<string, string>
  timeoutMs?: number
  /** Extra node flags for the server process (e.g. --trace-gc, --cpu-prof). */
  nodeArgs?: string[]
  /** The county's clock at start (runs on at real speed): default TEST_NOW; null = this machine's clock. */
  now?: string | null
  /**
   * A production server (testing/production-env.ts, `env` on top): none of the development defaults
   * below (demo county, fixed one-time code, test hooks, pinned clock).
   */
  production?: boolean
}

const ROOT = path.resolve(__dirname, '../../..')

/**
 * The county's clock in tests, unless a test asks otherwise: inside the 2027 collection window
 * (2026-09-01..12-31), so tests that name 2026 and 2027 mean the same thing on any real date.
 * The clock runs on from here at real speed.
 */
export const TEST_NOW = '2026-11-20T10:00:00+08:00'

export function tempDbPath(label = 'county'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `county-api-${label}-`))
  return path.join(dir, 'county.sqlite')
}

export async function spawnServer(opts: SpawnOptions = {}): Promise<SpawnedServer> {
  const dbPath = opts.dbPath ?? tempDbPath()
  // the node-pg project runs the same tests on PostgreSQL: a database of the run's cluster per path
  const databaseUrl = opts.env?.DATABASE_URL ?? (onPostgres() ? await postgresFor(dbPath) : null)
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, 'county-api/src/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        ...(opts.production
          ? productionEnv()
          : {
              // a development server with the demo county
              COUNTY_API_MODE: 'development',
              SEED_DEMO: '1',
              DEV_OTP: '123456',
              TEST_HOOKS: '1',
              SEED_HOUSEHOLDS: String(opts.households ?? 40),
              SIGNIN_RATE_LIMIT: '1000',
              ...(opts.now === null ? {} : { COUNTY_API_NOW: opts.now ?? TEST_NOW })
            }),
        COUNTY_API_DB: dbPath,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        ...opts.env
      },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let out = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const waitExit = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    // never wait forever on a server that does not stop: a hung test run tells nobody anything
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(force)
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start:\n${out}`))
    }, opts.timeoutMs ?? 30_000)
    const onData = () => {
      const m = /COUNTY_API_URL=(\S+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      resolve({
        url: m[1],
        dbPath,
        databaseUrl,
        child,
        logs: () => out,
        stop: () => waitExit('SIGTERM'),
        kill: () => waitExit('SIGKILL')
      })
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code}) before starting:\n${out}`))
    })
  })
}
