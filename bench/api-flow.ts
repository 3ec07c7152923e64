// The county API's deadline-day user flow, shared by bench/api.ts (spike) and bench/soak-api.ts
// (sustained load): the targets, a keep-alive client, the households to pay for, and one flow
// quote → create order → start payment → pay at the simulated cashier (signed notify) → read back.
import fs from 'node:fs'
import http from 'node:http'
import type { RouteId } from '../src/contract/routes'
import { client, type Answer, type Client, type Transport } from '../county-api/src/testing/client'
import { peek } from '../county-api/src/testing/db-peek'
import { unboundHeads } from '../county-api/src/testing/households'

/** What the county API must sustain on deadline day (bench:api); the soak runs at half of it. */
export const API_TARGET = { flowsPerSecond: 300, requestP99Ms: 100, statementsPerFlow: 20 } as const

/**
 * The typed client (county-api/src/testing/client.ts) over keep-alive http: lighter than fetch,
 * so the load generator leaves more CPU to the server it shares the machine with.
 */
export function fastClient(base: string, sockets: number): Client & { close(): void } {
  const url = new URL(base)
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  const transport: Transport = (r) =>
    new Promise((resolve, reject) => {
      const body = typeof r.body === 'string' ? r.body : undefined
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          agent,
          headers: { ...r.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) }
        },
        (res) => {
          const chunks: Buffer[] = []
          const status = res.statusCode ?? 0
          // an answer not to be read is still drained; an unexpected status is read, to report it
          const skip = !r.read && status >= 200 && status < 300
          res.on('data', (c: Buffer) => {
            if (!skip) chunks.push(c)
          })
          res.on('end', () =>
            resolve({
              status,
              headers: { get: (name) => String(res.headers[name.toLowerCase()] ?? '') || null },
              text: skip ? undefined : Buffer.concat(chunks).toString()
            })
          )
        }
      )
      req.on('error', reject)
      req.end(body)
    })
  return { ...client(base, transport), close: () => agent.destroy() }
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

/** CPU seconds of the postmaster and its processes (backends, writers), from /proc (Linux). */
export function postgresCpuSeconds(postmaster: number): number {
  const ticks = 100 // USER_HZ on Linux
  const stat = (pid: number) => {
    try {
      // fields after the command name: state ppid … utime(14) stime(15) cutime(16) cstime(17)
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
      return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) }
    } catch {
      return null // ended meanwhile
    }
  }
  let total = stat(postmaster)?.own ?? 0
  total += stat(postmaster)?.reaped ?? 0 // backends that ended: counted in the parent once waited for
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const s = stat(Number(name))
    if (s && s.ppid === postmaster) total += s.own
  }
  return total / ticks
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
 * paid or pending for `year` and something to pay (fully subsidised households owe nothing), the
 * way a villager binds: ID number, name and booklet number, then the code sent to the head's
 * phone on the roster (households whose head has none on file are left out).
 */
export async function readyHouseholds(api: Client, dbPath: string, year: number, concurrency = 16): Promise<Ready[]> {
  const queue = unboundHeads(dbPath, year)
  const ready: Ready[] = []
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const token = await api.wechat(`bench-${t.household_id.replace(/_/g, '-')}`)
        const bound = await api
          .bind(token, { idNumber: t.id_number, name: t.name, householdNumber: t.household_number })
          .then(
            () => true,
            () => false
          )
        const params = { householdId: t.household_id }
        const q = bound ? await api.call('getQuote', { params, query: { year }, token }) : null
        if (q?.ok && q.data.payable) ready.push({ householdId: t.household_id, token })
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
  api: Client,
  job: Ready & { year: number },
  idempotencyKey: string,
  onRequest: (ms: number) => void
): Promise<void> {
  // `read`: only the answers the flow looks at are parsed
  const timed = async <K extends RouteId>(answer: () => Promise<Answer<K>>, ok: number): Promise<Answer<K>> => {
    const t0 = performance.now()
    const r = await answer()
    onRequest(performance.now() - t0)
    if (r.status !== ok) throw new Error(`${r.status} ${JSON.stringify(r.body)}`)
    return r
  }
  const { householdId, token, year } = job
  await timed(() => api.call('getQuote', { params: { householdId }, query: { year }, token }, false), 200)
  const order = await timed(
    () =>
      api.call('createOrder', {
        body: { householdId, year, channel: 'h5' },
        token,
        headers: { 'idempotency-key': idempotencyKey }
      }),
    201
  )
  const params = { orderId: order.data.orderId }
  await timed(() => api.call('startPayment', { params, token }, false), 200)
  await timed(() => api.call('cashierPay', { params }, false), 200)
  const after = await timed(() => api.call('getOrder', { params, token }), 200)
  if (after.data.status !== 'confirmed') throw new Error(`order ${params.orderId} is ${after.data.status}`)
}

/** The phone's side of WeChat Pay at the WeChat simulator: wx.requestPayment with the county's parameters. */
export function simPhone(simUrl: string, sockets: number): { pay(params: unknown): Promise<number>; close(): void } {
  const url = new URL(simUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  return {
    pay: (params) =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify(params)
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: '/sim/pay',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
          },
          (res) => {
            res.resume()
            res.on('end', () => resolve(res.statusCode ?? 0))
          }
        )
        req.on('error', reject)
        req.end(body)
      }),
    close: () => agent.destroy()
  }
}

/**
 * The same villager paying through WeChat Pay (APIv3 at the WeChat simulator): the county signs the
 * JSAPI order and verifies WeChat's answer, the phone pays at WeChat, WeChat's signed and encrypted
 * notify reaches the county on its own; the phone asks for the order until it is confirmed, as the
 * app does (each ask a timed request; at most 50, 5 ms apart).
 */
export async function payFlowWechat(
  api: Client,
  phone: { pay(params: unknown): Promise<number> },
  job: Ready & { year: number },
  idempotencyKey: string,
  onRequest: (ms: number) => void
): Promise<void> {
  const timed = async <K extends RouteId>(answer: () => Promise<Answer<K>>, ok: number): Promise<Answer<K>> => {
    const t0 = performance.now()
    const r = await answer()
    onRequest(performance.now() - t0)
    if (r.status !== ok) throw new Error(`${r.status} ${JSON.stringify(r.body)}`)
    return r
  }
  const { householdId, token, year } = job
  await timed(() => api.call('getQuote', { params: { householdId }, query: { year }, token }, false), 200)
  const order = await timed(
    () =>
      api.call('createOrder', {
        body: { householdId, year, channel: 'weapp' },
        token,
        headers: { 'idempotency-key': idempotencyKey }
      }),
    201
  )
  const params = { orderId: order.data.orderId }
  const start = await timed(() => api.call('startPayment', { params, token }), 200)
  const status = await phone.pay(start.data.wechat)
  if (status !== 200) throw new Error(`WeChat refused the payment (${status})`)
  for (let i = 0; i < 50; i++) {
    const after = await timed(() => api.call('getOrder', { params, token }), 200)
    if (after.data.status === 'confirmed') return
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error(`order ${params.orderId} not confirmed`)
}
