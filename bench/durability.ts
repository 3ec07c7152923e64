// What the payment notify's durable commit costs (issue 15, item 12): the same small write (a
// notice row and an order update, like applyNotify) committed with WAL + synchronous=NORMAL, as
// every other write, and with tx(…, { durable: true }) (synchronous=FULL for that commit).
//   npx tsx bench/durability.ts [commits]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDb, type Db } from '../county-api/src/db'

async function main(): Promise<void> {
  const commits = Number(process.argv[2] ?? 300)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durability-'))
  const db = openDb(path.join(dir, 'bench.sqlite'))
  await db.exec('CREATE TABLE bench_notice (id INTEGER PRIMARY KEY, body TEXT, at INTEGER)')
  await db.exec('CREATE TABLE bench_order (id INTEGER PRIMARY KEY, status TEXT)')
  await db.run("INSERT INTO bench_order (id, status) VALUES (1, 'paying')")

  async function run(label: string, durable: boolean): Promise<void> {
    const times: number[] = []
    for (let i = 0; i < commits; i++) {
      const t = process.hrtime.bigint()
      await db.tx(
        async (tdb: Db) => {
          await tdb.run('INSERT INTO bench_notice (body, at) VALUES (?, ?)', 'x'.repeat(300), Date.now())
          await tdb.run("UPDATE bench_order SET status = 'paid' WHERE id = 1")
        },
        { durable }
      )
      times.push(Number(process.hrtime.bigint() - t) / 1e6)
    }
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(3)
    console.log(`${label.padEnd(28)} median ${at(0.5)} ms  p99 ${at(0.99)} ms  (${commits} commits)`)
  }

  await run('NORMAL (every other write)', false)
  await run('FULL (the notify: durably)', true)
  await db.close()
  fs.rmSync(dir, { recursive: true, force: true })
}

void main()
