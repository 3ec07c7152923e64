// Deadline-day spike on loopback: concurrent clients, each for a distinct household,
// quote → create order → start payment → pay → read the order back, twice: at the simulated
// cashier (which sends the signed notify), then through WeChat Pay APIv3 at the WeChat simulator
// (real signing, verification and decryption; figures named api.wechat.*). Prints flows/s, request
// and flow latency p50/p99, errors, CPU per flow (server, load generator), the statements and commits
// the server's database ran per flow, then checks the database: no lost and no duplicated payment.
//   npm run bench:api  (--help for usage; BENCH_CLIENTS, BENCH_SECONDS, BENCH_HOUSEHOLDS to tune;
//   BENCH_PAYMENT=simulated or wechat runs one of the two;
//   --engine postgres runs the server on a throwaway durable PostgreSQL cluster, --workers N on N processes;
//   BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server)
import http from 'node:http'
import { info, report, type Figure } from './format'
import {
  API_TARGET,
  collectionYear,
  cpuSeconds,
  fastClient,
  payFlow,
  payFlowWechat,
  pct,
  postgresCpuSeconds,
  readyHouseholds,
  simPhone
} from './api-flow'
import { startWechatSim, type WechatSim } from '../county-api/src/testing/wechat-sim'
import { spawnServer, tempDbPath, TEST_NOW } from '../county-api/src/testing/spawn-server'
import { client } from '../county-api/src/testing/client'
import { peek } from '../county-api/src/testing/db-peek'
import { startPgCluster, SHARED_CLUSTER_ENV, type PgCluster } from '../county-api/src/testing/pg-cluster'
import { postgresFor } from '../county-api/src/testing/test-db'
import { openDb } from '../county-api/src/db'
import { makeClock } from '../county-api/src/clock'
import { configFromEnv } from '../county-api/src/config'
import { makeLogger } from '../county-api/src/log'
import { calculator } from '../county-api/src/ports/shared-calculator'
import { seedDemo } from '../county-api/src/seed'
import type { Ctx } from '../county-api/src/context'

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 4000)

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? undefined : process.argv[at + 1]
}
const ENGINE = flag('engine') ?? 'sqlite'
const WORKERS = Number(flag('workers') ?? 1)
/** With no flags the figures keep their old names (api.*); with either, they name engine and workers. */
const NAMED = flag('engine') !== undefined || flag('workers') !== undefined

/** First start of a fresh server: creating and seeding the demo county (200 households, ~500 claims). */
async function measureSeed(): Promise<number> {
  const db = openDb(tempDbPath('seed'))
  const ctx = {
    db,
    clock: makeClock(),
    calc: calculator,
    config: configFromEnv({} as NodeJS.ProcessEnv),
    log: makeLogger('silent')
  } as unknown as Ctx
  calculator.shippedPolicies() // load the policy documents outside the measurement, as a running server has
  const t0 = performance.now()
  await seedDemo(ctx, { households: 200 })
  const ms = performance.now() - t0
  await db.close()
  return ms
}

const USAGE = `npx tsx bench/api.ts   (npm run bench:api)
The county API's deadline-day spike on loopback: concurrent clients each pay for a distinct household
(quote → create order → start payment → pay → read the order back), at the simulated cashier, then
through WeChat Pay APIv3 at the WeChat simulator (real RSA signing, verification and decryption).
Options:
  --engine sqlite|postgres   the server's database (default sqlite). postgres: a throwaway cluster on this
                             machine, durable as in production (fsync on), one database per spike
  --workers N                COUNTY_API_WORKERS=N server processes on one port (default 1)
  With either option the figures are named api.<engine>.w<N>.* (api.wechat.<engine>.w<N>.*).
Prints, per path: flows/s, request and flow p50/p99, errors, server CPU per flow (summed over the worker
processes; on PostgreSQL also the database's own CPU per flow), load-generator CPU per flow,
statements and commits per flow (target ≤ ${API_TARGET.statementsPerFlow} statements), then checks the
database: no lost or duplicated payment. Exit code 1 when a target is missed.
Environment:
  BENCH_PAYMENT=simulated|wechat   one of the two paths (default: both)
  BENCH_CLIENTS=32  BENCH_SECONDS=8  BENCH_HOUSEHOLDS=4000
  BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'   profile the server`

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE)
    return
  }
  if (ENGINE !== 'sqlite' && ENGINE !== 'postgres') throw new Error(`--engine sqlite|postgres, not ${ENGINE}`)
  if (!Number.isInteger(WORKERS) || WORKERS < 1) throw new Error(`--workers takes a whole number ≥ 1`)
  // the seed figure is SQLite's (the demo county made in this process)
  const seedMs = ENGINE === 'sqlite' ? await measureSeed() : null
  const which = process.env.BENCH_PAYMENT ?? 'both'
  let ok = true
  let cluster: PgCluster | null = null
  if (ENGINE === 'postgres') {
    cluster = await startPgCluster({ durable: true })
    // testing/test-db makes each spike's database on this cluster, so peek reads it by the spike's path
    process.env[SHARED_CLUSTER_ENV] = cluster.url()
  }
  try {
    if (which !== 'wechat') ok = (await spike(null, seedMs, cluster)) && ok
    if (which !== 'simulated') {
      // WeChat's side runs in this process: its CPU is counted with the load generator's
      // WeChat's business clock agrees with the county's (pinned at TEST_NOW by spawnServer, running on)
      const offset = Date.parse(TEST_NOW) - Date.now()
      const sim = await startWechatSim({ now: () => Date.now() + offset })
      try {
        ok = (await spike(sim, seedMs, cluster)) && ok
      } finally {
        await sim.close()
      }
    }
  } finally {
    await cluster?.stop()
  }
  process.exitCode = ok ? 0 : 1
}

/** One spike: at the simulated cashier (`sim` null) or through WeChat Pay at the simulator. */
async function spike(sim: WechatSim | null, seedMs: number | null, cluster: PgCluster | null): Promise<boolean> {
  const prefix = (sim ? 'api.wechat' : 'api') + (NAMED ? `.${ENGINE}.w${WORKERS}` : '')
  const dbPath = tempDbPath('bench')
  const databaseUrl = cluster ? await postgresFor(dbPath) : null
  const server = await spawnServer({
    dbPath,
    households: HOUSEHOLDS,
    timeoutMs: 180_000,
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    // every household is bound from this one address (the load generator): no per-address binding limit
    env: {
      SEED_CLAIMS: '0',
      SIGNIN_RATE_LIMIT: '1000000',
      BIND_LIMIT_IP: '1000000/hour',
      LOG_LEVEL: 'warn',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...(NAMED ? { COUNTY_API_WORKERS: String(WORKERS) } : {}),
      ...sim?.countyEnv()
    }
  })
  try {
    const api = client(server.url)
    const year = collectionYear(dbPath)
    const tokens = await readyHouseholds(api, dbPath, year)

    const requestMs: number[] = []
    const flowMs: number[] = []
    let errors = 0
    let flows = 0
    const flowed: string[] = []
    const loadBefore = (await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')
    const fast = fastClient(server.url, CLIENTS)
    const phone = sim ? simPhone(sim.url, CLIENTS) : null
    const queue = [...tokens]
    const dbBefore = await dbCounts(server.url, WORKERS)
    const logsBefore = server.logs().length
    // the server's CPU: the primary's and every worker's (COUNTY_API_WORKER_PIDS) when there are several
    const pids = [server.child.pid, ...workerPids(server.logs())]
    const serverCpu = () => pids.reduce<number>((sum, pid) => sum + cpuSeconds(pid), 0)
    const pgCpu = () => (cluster ? postgresCpuSeconds(cluster.pid) : 0)
    const cpuBefore = serverCpu()
    const pgBefore = pgCpu()
    const clientBefore = process.cpuUsage()
    const started = performance.now()
    const deadline = started + SECONDS * 1000
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let job = queue.shift(); job && performance.now() < deadline; job = queue.shift()) {
          const t0 = performance.now()
          try {
            const key = `bench-${c}-${job.householdId}`
            if (phone) await payFlowWechat(fast, phone, { ...job, year }, key, (ms) => requestMs.push(ms))
            else await payFlow(fast, { ...job, year }, key, (ms) => requestMs.push(ms))
            flows++
            flowed.push(job.householdId)
            flowMs.push(performance.now() - t0)
          } catch (e) {
            errors++
            if (errors <= 3) console.error(`flow error: ${(e as Error).message}`)
          }
        }
      })
    )
    const elapsed = (performance.now() - started) / 1000
    const serverCpuMsPerFlow = ((serverCpu() - cpuBefore) * 1000) / Math.max(1, flows)
    const pgCpuMsPerFlow = ((pgCpu() - pgBefore) * 1000) / Math.max(1, flows)
    const clientUsed = process.cpuUsage(clientBefore)
    const clientCpuMsPerFlow = (clientUsed.user + clientUsed.system) / 1000 / Math.max(1, flows)
    const dbAfter = await dbCounts(server.url, WORKERS)
    const perFlow = (n: number) => n / Math.max(1, flows)
    fast.close()
    phone?.close()
    requestMs.sort((a, b) => a - b)
    flowMs.sort((a, b) => a - b)

    // Database checks, after the server has settled (stop = graceful shutdown).
    await server.stop()
    const ids = flowed.map((h) => `'${h}'`).join(',') || "''"
    const confirmed = peek<{ household_id: string; n: number; amount: number }>(
      dbPath,
      `SELECT household_id, COUNT(*) AS n, SUM(amount_fen) AS amount FROM orders WHERE year = ? AND status = 'confirmed' AND household_id IN (${ids}) GROUP BY household_id`,
      year
    )
    const lost = flowed.length - confirmed.length
    const duplicated = confirmed.filter((r) => r.n > 1).length
    const [notices] = peek<{ paid: number; other: number }>(
      dbPath,
      `SELECT SUM(CASE WHEN outcome = 'paid' THEN 1 ELSE 0 END) AS paid, SUM(CASE WHEN outcome = 'paid' THEN 0 ELSE 1 END) AS other FROM payment_notices`
    )
    const [money] = peek<{ taken: number; booked: number }>(
      dbPath,
      `SELECT
        ${sim ? '0' : "(SELECT COALESCE(SUM(amount_fen), 0) FROM sim_payments WHERE result = 'SUCCESS')"} AS taken,
        (SELECT COALESCE(SUM(amount_fen), 0) FROM orders WHERE status = 'confirmed' AND idempotency_key LIKE 'bench-%') AS booked`
    )
    // through WeChat: the money taken is WeChat's ledger (the simulator's)
    if (sim)
      money.taken = [...sim.pay.orders.values()]
        .filter((o) => o.transactionId !== null)
        .reduce((sum, o) => sum + o.totalFen, 0)
    const [stuck] = peek<{ n: number }>(
      dbPath,
      `SELECT COUNT(*) AS n FROM orders WHERE status IN ('paid', 'paid_not_matched')`
    )

    console.log(
      `machine load average before the run: ${loadBefore} (2 cores shared with other work; figures are noisy)`
    )
    console.log(
      `county API deadline-day spike, ${sim ? 'WeChat Pay APIv3 through the WeChat simulator' : 'simulated cashier'}${NAMED ? `, ${ENGINE === 'postgres' ? 'PostgreSQL (durable)' : 'SQLite'}, ${WORKERS} server process${WORKERS > 1 ? 'es' : ''}` : ''}: ${CLIENTS} clients, ${flows} flows in ${elapsed.toFixed(1)} s, ${requestMs.length} requests, ${tokens.length} households ready`
    )
    console.log(info(`${prefix}.request_p50`, pct(requestMs, 50), 'ms', 2))
    console.log(info(`${prefix}.flow_p50`, pct(flowMs, 50), 'ms', 1))
    console.log(info(`${prefix}.flow_p99`, pct(flowMs, 99), 'ms', 1))
    // Less dependent on how busy the machine is: the server's own CPU per flow. One idle core could
    // then serve about 1000 / this many flows per second (the client needs the other core).
    console.log(info(`${prefix}.server_cpu_per_flow`, serverCpuMsPerFlow, 'ms', 2))
    if (cluster) console.log(info(`${prefix}.postgres_cpu_per_flow`, pgCpuMsPerFlow, 'ms', 2))
    console.log(info(`${prefix}.flows_per_second_one_idle_core_estimate`, 1000 / serverCpuMsPerFlow, 'flows/s', 0))
    // the load generator shares the two cores: its own CPU per flow is what the server cannot have
    console.log(info(`${prefix}.client_cpu_per_flow`, clientCpuMsPerFlow, 'ms', 2))
    // what a flow asks of the database (the server's counts over the spike, its background job included)
    console.log(info(`${prefix}.commits_per_flow`, perFlow(dbAfter.commits - dbBefore.commits), 'commits', 1))
    const ok = report([
      {
        name: `${prefix}.flows_per_second`,
        value: flows / elapsed,
        unit: 'flows/s',
        kind: 'min',
        target: API_TARGET.flowsPerSecond
      },
      {
        name: `${prefix}.request_p99`,
        value: pct(requestMs, 99),
        unit: 'ms',
        kind: 'max',
        target: API_TARGET.requestP99Ms,
        digits: 2
      },
      {
        name: `${prefix}.statements_per_flow`,
        value: perFlow(dbAfter.statements - dbBefore.statements),
        unit: 'statements',
        kind: 'max',
        target: API_TARGET.statementsPerFlow,
        digits: 1
      },
      { name: `${prefix}.errors`, value: errors, unit: 'errors', kind: 'max', target: 0, digits: 0 },
      { name: `${prefix}.lost_payments`, value: lost, unit: 'payments', kind: 'max', target: 0, digits: 0 },
      {
        name: `${prefix}.duplicated_payments`,
        value: duplicated + (notices.other ?? 0),
        unit: 'payments',
        kind: 'max',
        target: 0,
        digits: 0
      },
      {
        name: `${prefix}.money_taken_minus_booked`,
        value: Math.abs(money.taken - money.booked),
        unit: 'fen',
        kind: 'max',
        target: 0,
        digits: 0
      },
      {
        name: `${prefix}.orders_paid_not_confirmed`,
        value: stuck.n,
        unit: 'orders',
        kind: 'max',
        target: 0,
        digits: 0
      },
      ...(sim || seedMs === null
        ? []
        : [
            {
              name: 'api.seed_200_households_500_claims',
              value: seedMs,
              unit: 'ms',
              kind: 'max',
              target: 2000,
              digits: 0
            } satisfies Figure
          ])
    ] satisfies Figure[])
    // what the server said about its failures during the spike (its first few error log lines)
    if (errors > 0)
      for (const entry of server
        .logs()
        .slice(logsBefore)
        .split('\n')
        .filter((l) => l.includes('"level":50'))
        .slice(0, 3))
        console.error(`server error: ${entry.slice(0, 600)}`)
    if (flows < tokens.length && queue.length === 0)
      console.log('note: ran out of households before the time limit; raise BENCH_HOUSEHOLDS')
    return ok
  } finally {
    await server.stop()
  }
}

/** The worker pids a server with several processes printed (none for one process). */
function workerPids(logs: string): number[] {
  const m = /COUNTY_API_WORKER_PIDS=(\S+)/.exec(logs)
  return m ? m[1].split(',').map(Number) : []
}

/**
 * The statements and commits the server's database has run so far (a test hook of the development
 * server), summed over its workers: each counts its own, so it is asked on fresh connections (the
 * primary hands each to the next worker) until every worker has answered.
 */
async function dbCounts(base: string, workers: number): Promise<{ statements: number; commits: number }> {
  const seen = new Map<number, { statements: number; commits: number }>()
  for (let i = 0; seen.size < workers; i++) {
    if (i >= 50 * workers) throw new Error(`db counts: ${seen.size} of ${workers} workers answered`)
    const r = await freshGet(`${base}/__test/db-counts`)
    seen.set(r.pid, r)
  }
  const sum = { statements: 0, commits: 0 }
  for (const c of seen.values()) {
    sum.statements += c.statements
    sum.commits += c.commits
  }
  return sum
}

function freshGet(url: string): Promise<{ statements: number; commits: number; pid: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`db counts: ${res.statusCode}`))
          else resolve(JSON.parse(Buffer.concat(chunks).toString()))
        })
      })
      .on('error', reject)
  })
}

main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})
