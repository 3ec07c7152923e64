// A throwaway PostgreSQL cluster for tests and benches (issue 20): initdb in a temp directory,
// started on loopback with a free port and durability off (nothing in it outlives the run), one
// database per test file or server, stopped and removed at the end. The Debian binaries are used
// (/usr/lib/postgresql/<version>/bin); initdb refuses to run as root, so as root the cluster runs
// as the `postgres` user. Missing PostgreSQL is an error that says how to get it: never a skip.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string
  /** a new empty database (name: lower-case letters, digits, _), its URL */
  createDatabase(name: string): Promise<string>
  /** the postmaster's process id (its children are the backends: bench CPU readings) */
  readonly pid: number
  readonly dataDir: string
  stop(): Promise<void>
}

const HOW_TO_GET =
  'PostgreSQL is needed for the PostgreSQL tests (issue 20) and was not found. On Debian: ' +
  '`apt-get install postgresql` (as root, or with sudo); `.ci/run` does this itself. ' +
  'Or put a PostgreSQL bin directory (with initdb and pg_ctl) on PATH so `pg_config --bindir` finds it.'

/** The directory holding initdb and pg_ctl: `pg_config --bindir`, else the newest Debian one. */
export function findPgBinDir(where = { pgConfig: 'pg_config', debian: '/usr/lib/postgresql' }): string {
  const has = (dir: string) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))
  const r = spawnSync(where.pgConfig, ['--bindir'], { encoding: 'utf8' })
  if (r.status === 0 && has(r.stdout.trim())) return r.stdout.trim()
  const debian = where.debian
  const versions = fs.existsSync(debian)
    ? fs
        .readdirSync(debian)
        .filter((v) => has(path.join(debian, v, 'bin')))
        .sort((a, b) => Number(b) - Number(a))
    : []
  if (versions.length === 0) throw new Error(HOW_TO_GET)
  return path.join(debian, versions[0], 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

const validName = /^[a-z_][a-z0-9_]{0,62}$/

/** CREATE DATABASE through the cluster's admin URL; the new database's URL. */
async function createDatabaseAt(adminUrl: string, name: string): Promise<string> {
  if (!validName.test(name)) throw new Error(`not a database name for tests: ${name}`)
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  return adminUrl.replace(/\/[^/]*$/, `/${name}`)
}

export interface PgClusterOptions {
  /** fsync, synchronous_commit and full_page_writes on, as in production (benchmarks of commits) */
  durable?: boolean
}

/** Starts a new cluster; call stop() when done (jest: afterAll or the globalTeardown). */
export async function startPgCluster(opts: PgClusterOptions = {}): Promise<PgCluster> {
  const bin = findPgBinDir()
  const asRoot = process.getuid?.() === 0
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'county-pg-'))
  const dataDir = path.join(dir, 'data')
  const logFile = path.join(dir, 'server.log')
  // as root: the postgres user owns the directory (data, socket, log); otherwise this user does
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    fs.chownSync(dir, uid, gid)
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args]
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir })
    if (r.status !== 0) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : ''
      throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}${log ? `\nserver log:\n${log}` : ''}`)
    }
    return r.stdout
  }
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true })
  try {
    run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
    let port = 0
    // a free port can be taken between the probe and the start by another test run: try another
    for (let attempt = 1; ; attempt++) {
      port = await freePort()
      const settings = [
        '-c listen_addresses=127.0.0.1',
        `-p ${port}`,
        `-k ${dir}`,
        ...(opts.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
        '-c max_connections=200'
      ].join(' ')
      try {
        run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', settings, 'start'])
        break
      } catch (e) {
        if (attempt >= 3) throw e
      }
    }
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
    let stopped = false
    return {
      url,
      pid,
      dataDir,
      createDatabase: (name) => createDatabaseAt(url(), name),
      async stop() {
        if (stopped) return
        stopped = true
        try {
          run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'])
        } finally {
          removeDir()
        }
      }
    }
  } catch (e) {
    removeDir()
    throw e
  }
}

/** Set by the node-pg project's globalSetup: the shared cluster's admin URL. */
export const SHARED_CLUSTER_ENV = 'COUNTY_API_TEST_PG_URL'

let sequence = 0

/**
 * A fresh database for one test file: on the node-pg project's shared cluster when there is one,
 * else on a cluster of this file's own (stopped by the returned stop()).
 */
export async function testPostgres(): Promise<{ createDatabase(): Promise<string>; stop(): Promise<void> }> {
  const shared = process.env[SHARED_CLUSTER_ENV]
  const cluster = shared ? null : await startPgCluster()
  const adminUrl = shared ?? (cluster as PgCluster).url()
  return {
    async createDatabase() {
      return createDatabaseAt(adminUrl, `t_${process.pid}_${Date.now().toString(36)}_${++sequence}`)
    },
    async stop() {
      await cluster?.stop()
    }
  }
}
