// The payment flow's database work on PostgreSQL through the data port (issue 20, capacity model):
// the statement mix of the lighter flow (scale.md §1.5: reads, then tx1 create the order, tx2 store
// the prepay, tx3 the notify: notice, order confirmed with a receipt from receipt_seq, enrolments,
// notification) — 19 statements in 3 transactions — for many households at once, without HTTP,
// WeChat or the calculator. Prints flows/s, latency, Node and PostgreSQL CPU per flow.
//   npx tsx bench/pg-flow.ts [--flows 3000] [--concurrency 32] [--pool 10] [--fast]
// A throwaway cluster on this machine (testing/pg-cluster.ts), durable as in production unless
// --fast (fsync off, as the tests run). Client and server share the CPUs: the figures are per flow.
import os from 'node:os'
import { migratePostgres } from '../county-api/src/db/migrations-postgres'
import type { Db } from '../county-api/src/db/port'
import { openPostgresDb } from '../county-api/src/db/postgres'
import { startPgCluster } from '../county-api/src/testing/pg-cluster'
import { info, report } from './format'
import { postgresCpuSeconds } from './api-flow'

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(process.argv[at + 1])
}
const flows = arg('flows', 3000)
const concurrency = arg('concurrency', 32)
const poolSize = arg('pool', 10)
const fast = process.argv.includes('--fast')
const warmup = Math.min(200, concurrency * 4)
const persons = 3
const year = 2027

/** Seeds households 1..n, each with 3 persons, a bound account and a session. */
async function seed(db: Db, n: number): Promise<void> {
  await db.exec(`
    INSERT INTO households (id, household_number, region_code, township, village, head_person_id, account_balance_fen)
      SELECT 'h' || g, 'no' || g, '530000', '城关镇', '东村', 'p' || g || '_0', 0 FROM generate_series(1, ${n}) g;
    INSERT INTO persons (id, household_id, name, id_number, sex, birth_date, relation, categories)
      SELECT 'p' || g || '_' || k, 'h' || g, '村民', 'id' || g || '_' || k, 'F', '1960-01-01', 'self', '[]'
      FROM generate_series(1, ${n}) g, generate_series(0, ${persons - 1}) k;
    INSERT INTO users (id, role, person_id, display_name, created_at)
      SELECT 'u' || g, 'villager', 'p' || g || '_0', '村民', 0 FROM generate_series(1, ${n}) g;
    INSERT INTO sessions (token_hash, user_id, expires_at, created_at, last_seen_at)
      SELECT 'tok' || g, 'u' || g, 9000000000000, 0, 0 FROM generate_series(1, ${n}) g;
    ANALYZE;
  `)
}

/** One household's payment: 19 statements, 3 transactions. */
async function flow(db: Db, i: number): Promise<void> {
  const now = Date.now()
  const hh = `h${i}`
  const orderId = `o${i}`
  // reads before the order (the quote's inputs; policy documents are cached in process)
  const user = await db.get<{ id: string }>(
    'SELECT u.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?',
    `tok${i}`,
    now
  )
  if (!user) throw new Error(`no session for ${i}`)
  await db.get('SELECT * FROM households WHERE id = ?', hh)
  const members = await db.all<{ id: string }>('SELECT * FROM persons WHERE household_id = ? ORDER BY id', hh)
  await db.all(
    'SELECT e.* FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE p.household_id = ? AND e.year = ?',
    hh,
    year
  )
  await db.get(
    `SELECT id FROM orders WHERE household_id = ? AND year = ? AND status IN ('created', 'paying')`,
    hh,
    year
  )
  // tx1: the order (the partial unique index keeps one open order)
  await db.tx(async (t) => {
    await t.get('SELECT id FROM orders WHERE payer_user_id = ? AND idempotency_key = ?', user.id, `k${i}`)
    await t.run(
      `INSERT INTO orders (id, household_id, year, status, amount_fen, channel, payer_user_id, payer_is_household,
         persons, policy_version, idempotency_key, request_hash, created_at, expires_at)
       VALUES (?, ?, ?, 'created', ?, 'weapp', ?, 1, ?, 'v2027', ?, 'hash', ?, ?)`,
      orderId,
      hh,
      year,
      40000 * persons,
      user.id,
      JSON.stringify(members.map((m) => m.id)),
      `k${i}`,
      now,
      now + 1_800_000
    )
    await t.run('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', now, `tok${i}`)
  })
  // (WeChat's 下单 happens here, outside any transaction)
  // tx2: the prepay stored
  await db.tx(async (t) => {
    await t.get('SELECT status FROM orders WHERE id = ? FOR UPDATE', orderId)
    await t.run(
      `UPDATE orders SET status = 'paying', provider_ref = ?, provider_ref_at = ? WHERE id = ? AND status = 'created'`,
      `prepay${i}`,
      now,
      orderId
    )
  })
  // tx3: the notify, matched and confirmed in one commit
  await db.tx(async (t) => {
    await t.run(
      `INSERT INTO payment_notices (notify_id, order_id, transaction_id, result, amount_fen, received_at, outcome, paid_at)
       VALUES (?, ?, ?, 'SUCCESS', ?, ?, 'received', ?) ON CONFLICT (notify_id) DO NOTHING`,
      `n${i}`,
      orderId,
      `tx${i}`,
      40000 * persons,
      now,
      now
    )
    await t.get('SELECT * FROM orders WHERE id = ? FOR UPDATE', orderId)
    const seq = (await t.get<{ n: number }>(`SELECT nextval('receipt_seq') AS n`))?.n ?? 0
    await t.run(
      `UPDATE orders SET status = 'confirmed', paid_at = ?, confirmed_at = ?, transaction_id = ?, receipt_number = ?
       WHERE id = ? AND status = 'paying'`,
      now,
      now,
      `tx${i}`,
      `530000-${year}-${String(seq).padStart(8, '0')}`,
      orderId
    )
    for (const m of members)
      await t.run(
        `INSERT INTO enrolments (person_id, year, status, payer, amount_fen, coverage_start, coverage_end, order_id)
         VALUES (?, ?, 'enrolled', 'self', 40000, '2027-01-01', '2027-12-31', ?)
         ON CONFLICT (person_id, year) DO UPDATE SET status = 'enrolled', order_id = excluded.order_id`,
        m.id,
        year,
        orderId
      )
    await t.run(`UPDATE payment_notices SET outcome = 'matched' WHERE notify_id = ?`, `n${i}`)
    await t.run(
      `INSERT INTO notifications (id, household_id, kind, order_id, payer_user_id, payload, created_at)
       VALUES (?, ?, 'paid', ?, ?, '{}', ?)`,
      `nt${i}`,
      hh,
      orderId,
      user.id,
      now
    )
  })
}

/** Runs flows first..last with `concurrency` at a time; each flow's milliseconds. */
async function drive(db: Db, first: number, last: number): Promise<number[]> {
  const times: number[] = []
  let next = first
  const lane = async () => {
    while (next <= last) {
      const i = next++
      const t = performance.now()
      await flow(db, i)
      times.push(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
  return times
}

async function main(): Promise<void> {
  const cluster = await startPgCluster({ durable: !fast })
  try {
    const db = await openPostgresDb(await cluster.createDatabase('bench'), { poolSize })
    await migratePostgres(db)
    await seed(db, warmup + flows)
    await drive(db, 1, warmup) // every pooled connection opened, every statement prepared
    const before = db.counts()
    const cpu0 = process.cpuUsage()
    const pg0 = postgresCpuSeconds(cluster.pid)
    const t0 = performance.now()
    const times = await drive(db, warmup + 1, warmup + flows)
    const seconds = (performance.now() - t0) / 1000
    const nodeCpu = process.cpuUsage(cpu0)
    const pgCpu = postgresCpuSeconds(cluster.pid) - pg0
    const after = db.counts()
    const check = await db.get<{ confirmed: number; receipts: number }>(
      `SELECT COUNT(*) AS confirmed, COUNT(DISTINCT receipt_number) AS receipts FROM orders WHERE status = 'confirmed'`
    )
    await db.close()

    times.sort((a, b) => a - b)
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
    const prefix = `pg_flow.${fast ? 'fsync_off' : 'durable'}`
    console.log(
      `# ${flows} flows, ${concurrency} at a time, pool ${poolSize}, PostgreSQL ${fast ? 'fsync off' : 'durable (fsync on)'}; client and server on this machine, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`
    )
    const ok = report([
      { name: `${prefix}.flows_per_second`, value: flows / seconds, unit: 'flows/s', kind: 'min', target: 300 },
      { name: `${prefix}.flow_p99`, value: p(0.99), unit: 'ms', kind: 'max', target: 100 },
      {
        name: `${prefix}.statements_per_flow`,
        value: (after.statements - before.statements) / flows,
        unit: 'statements',
        kind: 'max',
        target: 20
      },
      {
        name: `${prefix}.commits_per_flow`,
        value: (after.commits - before.commits) / flows,
        unit: 'commits',
        kind: 'max',
        target: 3
      },
      {
        name: `${prefix}.lost_or_duplicated`,
        value: Math.abs(warmup + flows - (check?.confirmed ?? 0)) + ((check?.confirmed ?? 0) - (check?.receipts ?? 0)),
        unit: 'payments',
        kind: 'max',
        target: 0,
        digits: 0
      }
    ])
    console.log(info(`${prefix}.flow_p50`, p(0.5), 'ms', 2))
    console.log(info(`${prefix}.node_cpu_per_flow`, (nodeCpu.user + nodeCpu.system) / 1000 / flows, 'ms', 3))
    console.log(info(`${prefix}.postgres_cpu_per_flow`, (pgCpu * 1000) / flows, 'ms', 3))
    process.exitCode = ok ? 0 : 1
  } finally {
    await cluster.stop()
  }
}

void main()
