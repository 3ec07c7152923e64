import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { findPgBinDir, startPgCluster } from './pg-cluster'

it('without PostgreSQL, says how to get it (no silent skip)', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-pg-'))
  try {
    expect(() => findPgBinDir({ pgConfig: path.join(empty, 'pg_config'), debian: empty })).toThrow(
      /apt-get install postgresql/
    )
  } finally {
    fs.rmSync(empty, { recursive: true })
  }
})

it('starts a loopback cluster, makes databases in it, and leaves nothing behind when stopped', async () => {
  const cluster = await startPgCluster()
  let stopped = false
  try {
    const url = await cluster.createDatabase('cluster_test')
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/cluster_test$/)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const r = await client.query(
      `SELECT current_database() AS db, current_setting('fsync') AS fsync, current_setting('listen_addresses') AS listen`
    )
    await client.end()
    expect(r.rows[0]).toEqual({ db: 'cluster_test', fsync: 'off', listen: '127.0.0.1' })
    await expect(cluster.createDatabase('Robert"); DROP')).rejects.toThrow(/not a database name/)
    await cluster.stop()
    stopped = true
    expect(fs.existsSync(cluster.dataDir)).toBe(false)
    // the server is gone (a zombie at most, where nothing reaps the daemon's exit status)
    const stat = `/proc/${cluster.pid}/stat`
    expect(fs.existsSync(stat) ? fs.readFileSync(stat, 'utf8').split(') ')[1][0] : 'gone').toMatch(/^(gone|Z)$/)
  } finally {
    if (!stopped) await cluster.stop()
  }
}, 60_000)
