// Soak (issue 9): the deadline-day flow of bench/api.ts held at half its target rate for
// minutes, to see what a spike hides: memory that only grows, latency that drifts, errors
// that show up after a while. Open loop: flows start on a fixed schedule whatever the server
// answers, and a flow's latency counts from its scheduled start (a slow server is not
// excused by the client waiting for it). Every --interval seconds one progress line:
//   soak-api t=30s: 150.0 flows/s, request p50 8.1 ms p99 41.0 ms, flow p99 96.3 ms, rss 151.2 MB, heap 48.3 MB, errors 0
// then the figures in the bench format (rss growth, p99 drift, errors, achieved rate).
//   npm run bench:soak-api       [--seconds 300] [--rate 150] [--interval 30]
// Server memory comes from outside the process, no extra route: RSS from /proc/<pid>/status,
// and the V8 heap from the server's own --trace-gc lines (heap in use after the latest GC).
import fs from 'node:fs'
import os from 'node:os'
import { info, report, type Figure } from './format'
import { API_TARGET, collectionYear, fastClient, payFlow, pct, readyHouseholds, type Ready } from './api-flow'
import { spawnServer, tempDbPath } from '../county-api/src/testing/spawn-server'
import { client } from '../county-api/src/testing/client'

const arg = (name: string, d: number): number => {
  const i = process.argv.indexOf(`--${name}`)
  const v = i > 0 ? Number(process.argv[i + 1]) : d
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} wants a positive number`)
  return v
}
const SECONDS = arg('seconds', 300)
const RATE = arg('rate', API_TARGET.flowsPerSecond / 2)
const INTERVAL = arg('interval', 30)
/** Flows in flight at most; beyond that a late flow waits (and its wait counts in its latency). */
const MAX_IN_FLIGHT = 128
// Each household pays once: only the year being collected is payable (issue 15: a later year
// was priced by the latest policy and payable), so the county needs a household per flow and the
// full 5-minute soak seeds and binds ~80,000 of them before it starts.
const YEARS_PER_HOUSEHOLD = 1
// About two in three seeded households have something to pay (the rest are fully subsidised,
// pending review or already paid); a margin on top.
const HOUSEHOLDS = Math.ceil((RATE * SECONDS * 1.05) / YEARS_PER_HOUSEHOLD / 0.6) + 20

const MB = 1024 * 1024

/** Resident set size of a process, from /proc (Linux); NaN elsewhere. */
function rssBytes(pid: number | undefined): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) * 1024 : NaN
  } catch {
    return NaN
  }
}

/**
 * Follows the server's --trace-gc output: V8 heap in use (MB) after the latest GC. (Full GCs are
 * rare once the server runs steadily, so "after the latest full GC" would go stale.) tsx's module
 * loader runs in a thread of its own that traces too; the server's main thread is the isolate
 * that collects most often.
 */
function heapWatcher(stream: NodeJS.ReadableStream | null): () => number {
  const isolates = new Map<string, { heap: number; count: number }>()
  let rest = ''
  // e.g. "[123:0x55d0]   5012 ms: Scavenge 48.1 (52.3) -> 31.0 (52.8) MB, 1.2 / 0.0 ms ..."
  const re = /^\[\d+:(0x[0-9a-f]+)\][^:]*: [A-Za-z -]+ [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/
  stream?.on('data', (d: Buffer) => {
    const lines = (rest + d.toString()).split('\n')
    rest = lines.pop() ?? ''
    for (const l of lines) {
      const m = re.exec(l)
      if (!m) continue
      const h = isolates.get(m[1]) ?? { heap: NaN, count: 0 }
      h.heap = Number(m[2])
      h.count++
      isolates.set(m[1], h)
    }
  })
  return () => [...isolates.values()].sort((a, b) => b.count - a.count)[0]?.heap ?? NaN
}

interface Interval {
  endS: number
  flows: number
  errors: number
  requestMs: number[]
  flowMs: number[]
  rss: number
  heap: number
}

async function main(): Promise<void> {
  const dbPath = tempDbPath('soak')
  const server = await spawnServer({
    dbPath,
    households: HOUSEHOLDS,
    timeoutMs: 600_000,
    nodeArgs: ['--trace-gc'],
    // every household is bound from this one address (the load generator): no per-address binding limit
    env: { SEED_CLAIMS: '0', SIGNIN_RATE_LIMIT: '1000000', BIND_LIMIT_IP: '1000000/hour', LOG_LEVEL: 'warn' }
  })
  const heap = heapWatcher(server.child.stdout)
  const pid = server.child.pid
  try {
    const api = client(server.url)
    const first = collectionYear(dbPath)
    const setupStart = performance.now()
    const ready = await readyHouseholds(api, dbPath, first)
    // Year by year: every household's year N flow is long finished before its year N+1 one starts.
    const jobs: (Ready & { year: number })[] = []
    for (let y = 0; y < YEARS_PER_HOUSEHOLD; y++) for (const r of ready) jobs.push({ ...r, year: first + y })
    console.log(
      `soak-api setup: ${HOUSEHOLDS} households seeded, ${ready.length} ready to pay × ${YEARS_PER_HOUSEHOLD} years = ${jobs.length} flows available, ${((performance.now() - setupStart) / 1000).toFixed(0)} s`
    )
    console.log(
      `soak-api: ${RATE} flows/s for ${SECONDS} s (open loop, at most ${MAX_IN_FLIGHT} in flight); machine load average before: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (2 cores shared with other work)`
    )

    const fast = fastClient(server.url, MAX_IN_FLIGHT)
    const intervals: Interval[] = []
    let cur = { flows: 0, errors: 0, requestMs: [] as number[], flowMs: [] as number[] }
    let errors = 0
    let flows = 0
    let inFlight = 0
    let launched = 0
    let ranOut = false
    const started = performance.now()
    /** Ends the current interval at `endS` s of schedule (the flows it got may have drained later). */
    const close = (endS: number) => {
      const rss = rssBytes(pid)
      const iv: Interval = { endS, ...cur, rss, heap: heap() }
      const span = endS - (intervals.length > 0 ? intervals[intervals.length - 1].endS : 0)
      intervals.push(iv)
      cur = { flows: 0, errors: 0, requestMs: [], flowMs: [] }
      iv.requestMs.sort((a, b) => a - b)
      iv.flowMs.sort((a, b) => a - b)
      console.log(
        `soak-api t=${endS.toFixed(0)}s: ${(iv.flows / span).toFixed(1)} flows/s, request p50 ${pct(iv.requestMs, 50).toFixed(1)} ms p99 ${pct(iv.requestMs, 99).toFixed(1)} ms, flow p99 ${pct(iv.flowMs, 99).toFixed(1)} ms, rss ${(rss / MB).toFixed(1)} MB, heap ${iv.heap.toFixed(1)} MB, errors ${iv.errors}`
      )
    }

    const inFlightDone: Promise<void>[] = []
    const runOne = async (job: Ready & { year: number }, scheduledAt: number) => {
      inFlight++
      try {
        await payFlow(fast, job, `soak-${job.year}-${job.householdId}`, (ms) => cur.requestMs.push(ms))
        flows++
        cur.flows++
        cur.flowMs.push(performance.now() - scheduledAt)
      } catch (e) {
        errors++
        cur.errors++
        if (errors <= 3) console.error(`flow error: ${(e as Error).message}`)
      } finally {
        inFlight--
      }
    }
    const endAt = started + SECONDS * 1000
    const planned = Math.ceil(SECONDS * RATE)
    for (;;) {
      const now = performance.now()
      if (now >= endAt) break
      const boundary = (intervals.length + 1) * INTERVAL
      if (boundary < SECONDS && now >= started + boundary * 1000) close(boundary)
      const due = Math.min(Math.floor(((now - started) / 1000) * RATE) + 1, planned)
      while (launched < due && inFlight < MAX_IN_FLIGHT) {
        const job = jobs[launched]
        if (!job) {
          ranOut = true
          break
        }
        inFlightDone.push(runOne(job, started + (launched * 1000) / RATE))
        launched++
      }
      if (ranOut) break
      const nextAt = Math.min(started + (launched * 1000) / RATE, endAt)
      await new Promise((r) => setTimeout(r, Math.max(1, nextAt - performance.now())))
    }
    await Promise.all(inFlightDone) // the last flows finish; they count in the last interval
    close(SECONDS)
    fast.close()

    // The first interval is warm-up when there are three or more (JIT, SQLite's page cache, the
    // setup's garbage); drift compares the last full interval with the first one measured.
    // Memory growth compares the lowest reading of the last third of the run with the lowest of
    // the first third: the troughs between collections rise only if something is kept.
    const whole = intervals.filter((iv, i) => iv.endS - (i > 0 ? intervals[i - 1].endS : 0) >= INTERVAL * 0.9)
    const full = whole.length > 0 ? whole : intervals
    const measured = full.length >= 3 ? full.slice(1) : full
    const third = Math.max(1, Math.floor(measured.length / 3))
    const low = (ivs: Interval[], k: 'rss' | 'heap') => Math.min(...ivs.map((iv) => iv[k]))
    const growth = (k: 'rss' | 'heap') => low(measured.slice(-third), k) - low(measured.slice(0, third), k)
    const firstP99 = pct(measured[0].requestMs, 99)
    const lastP99 = pct(measured[measured.length - 1].requestMs, 99)
    const allRequests = intervals.flatMap((iv) => iv.requestMs).sort((a, b) => a - b)
    console.log(info('soak-api.request_p50', pct(allRequests, 50), 'ms', 2))
    console.log(info('soak-api.request_p99', pct(allRequests, 99), 'ms', 2))
    console.log(info('soak-api.rss_end', intervals[intervals.length - 1].rss / MB, 'MB', 1))
    console.log(info('soak-api.heap_growth', growth('heap'), 'MB', 1))
    const ok = report([
      { name: 'soak-api.rss_growth', value: growth('rss') / MB, unit: 'MB', kind: 'max', target: 20, digits: 1 },
      // request p99: last full interval over the first one measured
      { name: 'soak-api.p99_drift', value: lastP99 / firstP99, unit: '×', kind: 'max', target: 1.5, digits: 2 },
      { name: 'soak-api.errors', value: errors, unit: 'errors', kind: 'max', target: 0, digits: 0 },
      // flows started on schedule within the run and completed, per second of schedule
      {
        name: 'soak-api.flows_per_second',
        value: flows / SECONDS,
        unit: 'flows/s',
        kind: 'min',
        target: RATE,
        digits: 1
      }
    ] satisfies Figure[])
    if (ranOut)
      console.log(
        `note: ran out of households after ${launched} flows; the county was seeded too small for this rate and duration`
      )
    process.exitCode = ok ? 0 : 1
  } finally {
    await server.stop()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})
