// What the payment notify's durable commit costs (issue 15, item 12): the same small write (a
// notice row and an order update, like applyNotify) committed with WAL + synchronous=NORMAL, as
// every other write, and with transactDurably (synchronous=FULL for that commit).
//   npx tsx bench/durability.ts [commits]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDb, transact, transactDurably, type DB } from '../county-api/src/db'

const commits = Number(process.argv[2] ?? 300)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durability-'))
const db = openDb(path.join(dir, 'bench.sqlite'))
db.exec('CREATE TABLE bench_notice (id INTEGER PRIMARY KEY, body TEXT, at INTEGER)')
db.exec('CREATE TABLE bench_order (id INTEGER PRIMARY KEY, status TEXT)')
db.prepare("INSERT INTO bench_order (id, status) VALUES (1, 'paying')").run()

function run(label: string, commit: (db: DB, fn: () => void) => void): void {
  const times: number[] = []
  for (let i = 0; i < commits; i++) {
    const t = process.hrtime.bigint()
    commit(db, () => {
      db.prepare('INSERT INTO bench_notice (body, at) VALUES (?, ?)').run('x'.repeat(300), Date.now())
      db.prepare("UPDATE bench_order SET status = 'paid' WHERE id = 1").run()
    })
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3)
  console.log(`${label.padEnd(28)} median ${at(0.5)} ms  p99 ${at(0.99)} ms  (${commits} commits)`)
}

run('NORMAL (every other write)', transact)
run('FULL (the notify: durably)', transactDurably)
db.close()
fs.rmSync(dir, { recursive: true, force: true })
