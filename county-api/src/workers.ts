// COUNTY_API_WORKERS=N (issue 20): N processes serve one port. node:cluster keeps the listening
// socket in the primary and hands each new connection to the next worker (round robin). Every
// worker is stateless: sessions, one-time codes, the limits that are written anyway, orders and the
// background jobs' claims are in the database, so any worker answers any request, and a worker
// that dies loses only the requests it was answering (the app sends them again with the same
// Idempotency-Key: nothing is charged twice).
// The primary starts the first worker alone (it migrates the database and seeds the demo county
// once), then the others; prints COUNTY_API_URL once every worker listens; starts a new worker
// when one dies.
import cluster, { type Worker } from 'node:cluster'
import type { Logger } from './log'

/** What a worker tells the primary. */
export interface WorkerReady {
  kind: 'county-api-listening'
  url: string
}

export function isWorkerReady(m: unknown): m is WorkerReady {
  return typeof m === 'object' && m !== null && (m as WorkerReady).kind === 'county-api-listening'
}

/** In a worker: tell the primary this worker listens (it prints the URL once all do). */
export function reportListening(url: string): void {
  const ready: WorkerReady = { kind: 'county-api-listening', url }
  process.send?.(ready)
}

export const isClusterWorker = (): boolean => cluster.isWorker

interface PrimaryOptions {
  workers: number
  log: Logger
}

/**
 * Runs the primary: forks the first worker, then the others once it listens, prints `COUNTY_API_URL=` and
 * `COUNTY_API_WORKER_PIDS=` (tools and the crash test read them), replaces a worker that dies,
 * and on SIGINT/SIGTERM stops them all (each finishes its requests) before exiting.
 */
export function runPrimary({ workers, log }: PrimaryOptions): void {
  let stopping = false
  let announced = false
  const ready = new Set<Worker>()
  const fork = (): Worker => {
    const w = cluster.fork({ COUNTY_API_WORKER: '1' })
    w.on('message', (m: unknown) => {
      if (!isWorkerReady(m)) return
      ready.add(w)
      if (ready.size === 1 && !announced) for (let i = 1; i < workers; i++) fork()
      if (announced) {
        log.info({ worker: w.process.pid }, 'a new worker listens')
        process.stdout.write(`COUNTY_API_WORKER_STARTED=${w.process.pid}\n`)
        return
      }
      if (ready.size < workers) return
      announced = true
      const pids = [...ready].map((r) => r.process.pid).join(',')
      log.info({ workers, url: m.url }, `county API listening on ${m.url} with ${workers} processes`)
      process.stdout.write(`COUNTY_API_WORKER_PIDS=${pids}\n`)
      process.stdout.write(`COUNTY_API_URL=${m.url}\n`)
    })
    return w
  }
  cluster.on('exit', (w, code, signal) => {
    ready.delete(w)
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    // a crash (or kill -9): its open transactions were rolled back by the database; a new worker
    // takes its share of the connections
    log.warn({ worker: w.process.pid, code, signal }, 'a worker stopped; starting another')
    if (!announced) {
      log.error('a worker stopped before the server was ready; not starting')
      process.exit(1)
    }
    fork()
  })
  fork()
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down the workers')
    setTimeout(() => {
      log.warn('workers took too long to stop; exiting')
      process.exit(1)
    }, 8000).unref()
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM')
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}
