// COUNTY_API_WORKERS=2 (issue 20): two processes on one port, on the test's engine (SQLite file in
// the node project, PostgreSQL in node-pg). A worker killed mid-spike loses only the requests it
// was answering: the app sends them again with the same Idempotency-Key and nothing is charged
// twice or lost; the sign-in limit holds across the processes; one background pass at a time.
import http from 'node:http'
import { spawnServer, tempDbPath, type SpawnedServer } from './testing/spawn-server'
import { client, type Client } from './testing/client'
import { peek } from './testing/db-peek'
import { unboundHeads } from './testing/households'

jest.setTimeout(60_000)

const YEAR = 2027
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** One request on a connection of its own (the primary hands each new connection to the next worker). */
function fresh(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const url = new URL(path, base)
  const text = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: {
          connection: 'close',
          ...(text ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } : {})
        }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const t = Buffer.concat(chunks).toString()
          let parsed: unknown = t
          try {
            parsed = JSON.parse(t)
          } catch {
            // not JSON: kept as text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed })
        })
      }
    )
    req.on('error', reject)
    req.end(text)
  })
}

function workerPids(server: SpawnedServer): number[] {
  const m = /COUNTY_API_WORKER_PIDS=(\S+)/.exec(server.logs())
  if (!m) throw new Error(`no worker pids in the server's output:\n${server.logs()}`)
  return m[1].split(',').map(Number)
}

/** The pid in the background jobs' lease row (holder = host:pid:random), or null while none. */
function leaseHolders(dbPath: string): number[] {
  return peek<{ holder: string }>(dbPath, `SELECT holder FROM job_leases WHERE name = 'background-jobs'`).map((r) =>
    Number(r.holder.split(':')[1])
  )
}

/**
 * Asks again what failed for want of a worker (connection reset, 5xx), as the app does, with the
 * same request (and so the same Idempotency-Key); `ok` says which answers end the step.
 */
async function retried<T extends { status: number }>(
  send: () => Promise<T>,
  ok: (r: T) => boolean,
  what: string
): Promise<T> {
  let last = ''
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const r = await send()
      if (ok(r)) return r
      if (r.status < 500) throw new Error(`${what}: ${r.status} ${JSON.stringify((r as { body?: unknown }).body)}`)
      last = `${r.status}`
    } catch (e) {
      if ((e as Error).message.startsWith(`${what}:`)) throw e
      last = (e as Error).message // the connection went with the worker
    }
    await pause(100)
  }
  throw new Error(`${what}: still failing (${last})`)
}

describe('two workers, one killed mid-spike (kill -9)', () => {
  let server: SpawnedServer
  afterAll(() => server?.stop())

  it('every household that paid has one confirmed order, one accepted notice; money taken = money booked', async () => {
    const dbPath = tempDbPath('workers-crash')
    server = await spawnServer({
      dbPath,
      households: 90,
      timeoutMs: 45_000,
      env: { COUNTY_API_WORKERS: '2', SIGNIN_RATE_LIMIT: '1000000', BIND_LIMIT_IP: '1000000/hour' }
    })
    const api: Client = client(server.url)
    const pids = workerPids(server)
    expect(pids).toHaveLength(2)

    // ~40 households bound and payable (setup, before the spike)
    const heads = unboundHeads(dbPath, YEAR).slice(0, 40)
    const ready: { householdId: string; token: string }[] = []
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let h = heads.shift(); h; h = heads.shift()) {
          const token = await api.wechat(`w-${h.household_id.replace(/_/g, '-')}`)
          await api.bind(token, { idNumber: h.id_number, name: h.name, householdNumber: h.household_number })
          const q = await api.call('getQuote', {
            params: { householdId: h.household_id },
            query: { year: YEAR },
            token
          })
          if (q.ok && q.data.payable) ready.push({ householdId: h.household_id, token })
        }
      })
    )
    expect(ready.length).toBeGreaterThanOrEqual(30)

    // the lease holder keeps the background pass; the other worker is killed (a dead holder's lease
    // runs out only after 15 s, longer than this test should wait)
    const holder = leaseHolders(dbPath)[0]
    const victim = pids.find((p) => p !== holder) ?? pids[0]

    let done = 0
    let killed = false
    const flowed: string[] = []
    const queue = [...ready]
    const flow = async (job: { householdId: string; token: string }) => {
      const { householdId, token } = job
      const key = `crash-${householdId}`
      await retried(
        () => api.call('getQuote', { params: { householdId }, query: { year: YEAR }, token }),
        (r) => r.status === 200,
        'quote'
      )
      const order = await retried(
        () =>
          api.call('createOrder', {
            body: { householdId, year: YEAR, channel: 'h5' },
            token,
            headers: { 'idempotency-key': key }
          }),
        (r) => r.status === 201 || r.status === 200,
        'order'
      )
      const params = { orderId: order.data.orderId as string }
      // asked again after its answer was lost, the order may be further along already
      await retried(
        () => api.call('startPayment', { params, token }),
        (r) => r.status === 200 || r.status === 409,
        'start'
      )
      // the cashier pressed again: the provider's ledger takes the money once
      await retried(
        () => api.call('cashierPay', { params }),
        (r) => r.status === 200,
        'pay'
      )
      flowed.push(householdId)
      for (let i = 0; i < 100; i++) {
        const after = await retried(
          () => api.call('getOrder', { params, token }),
          (r) => r.status === 200,
          'read'
        )
        if (after.data.status === 'confirmed') return
        await fresh(server.url, 'POST', '/__test/jobs').catch(() => undefined)
        await pause(100)
      }
      throw new Error(`order ${params.orderId} never confirmed`)
    }
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          await flow(job)
          done++
          // after some flows have ended, while the others run
          if (!killed && done >= 8) {
            killed = true
            process.kill(victim, 'SIGKILL')
          }
        }
      })
    )
    expect(killed).toBe(true)

    // the primary started another worker in the dead one's place
    for (let i = 0; i < 300 && !/COUNTY_API_WORKER_STARTED=\d+/.test(server.logs()); i++) await pause(100)
    expect(server.logs()).toMatch(/COUNTY_API_WORKER_STARTED=\d+/)

    // the background pass (wherever the lease is) finds nothing paid-but-unconfirmed left behind
    const stuck = () =>
      peek<{ n: number }>(
        dbPath,
        `SELECT COUNT(*) AS n FROM orders o WHERE o.status IN ('paid', 'paid_not_matched')
           OR (o.status IN ('created', 'paying') AND EXISTS (SELECT 1 FROM sim_payments s WHERE s.order_id = o.id AND s.result = 'SUCCESS'))`
      )[0].n
    for (let i = 0; i < 20; i++) {
      expect((await fresh(server.url, 'POST', '/__test/jobs')).status).toBe(200)
      if (Number(stuck()) === 0) break
      await pause(250)
    }
    expect(Number(stuck())).toBe(0)

    const ids = flowed.map((h) => `'${h}'`).join(',')
    const confirmed = peek<{ household_id: string; n: number }>(
      dbPath,
      `SELECT household_id, COUNT(*) AS n FROM orders WHERE year = ? AND status = 'confirmed' AND household_id IN (${ids}) GROUP BY household_id ORDER BY household_id`,
      YEAR
    )
    expect(confirmed.map((r) => [r.household_id, Number(r.n)])).toEqual([...flowed].sort().map((h) => [h, 1]))
    // one accepted notice per confirmed order
    const notices = peek<{ order_id: string; n: number }>(
      dbPath,
      `SELECT o.id AS order_id, (SELECT COUNT(*) FROM payment_notices p WHERE p.order_id = o.id AND p.outcome = 'paid') AS n
       FROM orders o WHERE o.year = ? AND o.status = 'confirmed' AND o.household_id IN (${ids})`,
      YEAR
    )
    expect(notices).toHaveLength(flowed.length)
    expect(notices.filter((r) => Number(r.n) !== 1)).toEqual([])
    const [money] = peek<{ taken: number; booked: number }>(
      dbPath,
      `SELECT
        (SELECT COALESCE(SUM(s.amount_fen), 0) FROM sim_payments s JOIN orders o ON o.id = s.order_id
          WHERE s.result = 'SUCCESS' AND o.year = ? AND o.household_id IN (${ids})) AS taken,
        (SELECT COALESCE(SUM(amount_fen), 0) FROM orders WHERE year = ? AND status = 'confirmed' AND household_id IN (${ids})) AS booked`,
      YEAR,
      YEAR
    )
    expect(Number(money.booked)).toBeGreaterThan(0)
    expect(Number(money.taken)).toBe(Number(money.booked))
  })
})

describe('two workers: what they share', () => {
  let server: SpawnedServer
  beforeAll(async () => {
    server = await spawnServer({ timeoutMs: 45_000, env: { COUNTY_API_WORKERS: '2', SIGNIN_RATE_LIMIT: '5' } })
  })
  afterAll(() => server?.stop())

  it('the sign-in limit counts every try from one address, whichever worker answers', async () => {
    // each try on a new connection: the primary alternates them between the workers, so with
    // counters per process the 6th try would be each one's 3rd and pass
    const statuses: number[] = []
    for (let i = 0; i < 8; i++)
      statuses.push((await fresh(server.url, 'POST', '/v1/auth/otp/request', { phone: `1390000${1000 + i}` })).status)
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200])
    expect(statuses.slice(5)).toEqual([429, 429, 429])
  })

  it('the background pass runs in one worker at a time: the lease names one holder while both ask', async () => {
    const pids = workerPids(server)
    // both workers are asked for a pass (new connections alternate between them)
    for (let i = 0; i < 2; i++) expect((await fresh(server.url, 'POST', '/__test/jobs')).status).toBe(200)
    const first = leaseHolders(server.dbPath)
    expect(first).toHaveLength(1)
    expect(pids).toContain(first[0])
    for (let i = 0; i < 6; i++) expect((await fresh(server.url, 'POST', '/__test/jobs')).status).toBe(200)
    expect(leaseHolders(server.dbPath)).toEqual(first)
  })
})
