// The county API's deadline-day user flow, shared by bench/api.ts (spike) and bench/soak-api.ts
// (sustained load): the targets, a keep-alive client, the households to pay for, and one flow
// quote → create order → start payment → pay at the simulated cashier (signed notify) → read back.
import fs from 'node:fs'
import http from 'node:http'
import type { Client } from '../county-api/src/testing/client'
import { peek } from '../county-api/src/testing/db-peek'

/** What the county API must sustain on deadline day (bench:api); the soak runs at half of it. */
export const API_TARGET = { flowsPerSecond: 300, requestP99Ms: 100 } as const

export type FastClient = ReturnType<typeof fastClient>

// A keep-alive http client: lighter than fetch, so the client leaves more CPU to the server.
export function fastClient(base: string, sockets: number) {
  const url = new URL(base)
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  // `read`: parse the answer; the load generator skips the answers it does not look at, so its
  // own CPU (it shares the machine with the server) goes to sending requests, not to JSON
  const call = (
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    headers: Record<string, string> = {},
    read = true
  ) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body)
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: {
            ...headers,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {})
          }
        },
        (res) => {
          const chunks: Buffer[] = []
          const status = res.statusCode ?? 0
          // an answer that is not read is still drained; an unexpected status is read, to report it
          const skip = !read && status >= 200 && status < 300
          res.on('data', (c: Buffer) => {
            if (!skip) chunks.push(c)
          })
          res.on('end', () => {
            if (skip) {
              resolve({ status, body: undefined })
              return
            }
            const text = Buffer.concat(chunks).toString()
            try {
              resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined })
            } catch {
              resolve({ status: res.statusCode ?? 0, body: text })
            }
          })
        }
      )
      req.on('error', reject)
      req.end(data)
    })
  return {
    get: (path: string, token?: string, read = true) => call('GET', path, undefined, token, {}, read),
    post: (path: string, body: unknown, token?: string, headers?: Record<string, string>, read = true) =>
      call('POST', path, body, token, headers, read),
    close: () => agent.destroy()
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); NaN elsewhere. */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return NaN
  }
}

export function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** The collection year the seeded county is in (its default contribution year). */
export function collectionYear(dbPath: string): number {
  return Number(
    peek<{ value: string }>(dbPath, `SELECT value FROM meta WHERE key = 'seeded'`).map(
      (r) => JSON.parse(r.value).collectionYear
    )[0]
  )
}

export interface Ready {
  householdId: string
  token: string
}

/**
 * Setup (not timed): one signed-in user bound to the head of each household that has nothing
 * paid or pending for `year` and something to pay (fully subsidised households owe nothing).
 */
export async function readyHouseholds(api: Client, dbPath: string, year: number, concurrency = 16): Promise<Ready[]> {
  const targets = peek<{ household_id: string; id_number: string; name: string }>(
    dbPath,
    `
    SELECT h.id AS household_id, p.id_number, p.name FROM households h JOIN persons p ON p.id = h.head_person_id
    WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.household_id = h.id AND o.year = ?)
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM enrolments e JOIN persons q ON q.id = e.person_id WHERE q.household_id = h.id AND e.year = ? AND e.status = 'pending_review')
    ORDER BY h.id`,
    year,
    year
  )
  const ready: Ready[] = []
  const queue = [...targets]
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const token = await api.wechat(`bench-${t.household_id.replace(/_/g, '-')}`)
        const b = await api.post('/v1/households/bind', { idNumber: t.id_number, name: t.name }, token)
        const q = b.status === 200 ? await api.get(`/v1/households/${t.household_id}/quote?year=${year}`, token) : null
        if (q && q.body.payable) ready.push({ householdId: t.household_id, token })
      }
    })
  )
  return ready.sort((a, b) => a.householdId.localeCompare(b.householdId))
}

/**
 * One villager paying for a household and year: five requests, each timed (`onRequest(ms)`).
 * Throws on any answer other than the expected one, or if the order does not end confirmed.
 */
export async function payFlow(
  fast: FastClient,
  job: Ready & { year: number },
  idempotencyKey: string,
  onRequest: (ms: number) => void
): Promise<void> {
  const timed = async <T>(f: () => Promise<{ status: number; body: T }>, ok: number[]): Promise<T> => {
    const t0 = performance.now()
    const r = await f()
    onRequest(performance.now() - t0)
    if (!ok.includes(r.status)) throw new Error(`${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }
  const { householdId, token, year } = job
  await timed(() => fast.get(`/v1/households/${householdId}/quote?year=${year}`, token, false), [200])
  const order = await timed<any>(
    () => fast.post('/v1/orders', { householdId, year, channel: 'h5' }, token, { 'idempotency-key': idempotencyKey }),
    [201]
  )
  await timed(() => fast.post(`/v1/orders/${order.orderId}/pay`, {}, token, undefined, false), [200])
  await timed(() => fast.post(`/v1/sim-cashier/orders/${order.orderId}/pay`, {}, undefined, undefined, false), [200])
  const after = await timed<any>(() => fast.get(`/v1/orders/${order.orderId}`, token), [200])
  if (after.status !== 'confirmed') throw new Error(`order ${order.orderId} is ${after.status}`)
}
