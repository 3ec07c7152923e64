// Which engine a test's database is on (issue 20): the node project runs the county API's tests on
// SQLite files, the node-pg project (COUNTY_API_TEST_DB=postgres, config/jest/setup-pg.ts) on
// databases of the run's throwaway PostgreSQL cluster. A test names its database by the SQLite
// path it would have (tempDbPath); on PostgreSQL that path stands for a database made for it, so
// a restart "on the same file" (crash tests) reaches the same database.
import { openDb, openDatabase, type Db } from '../db'
import { openPostgresDb } from '../db/postgres'
import { testPostgres } from './pg-cluster'

export const onPostgres = (): boolean => process.env.COUNTY_API_TEST_DB === 'postgres'

const urls = new Map<string, string>()
let cluster: ReturnType<typeof testPostgres> | null = null

/** The PostgreSQL database standing for `dbPath` (made on first use). */
export async function postgresFor(dbPath: string): Promise<string> {
  let url = urls.get(dbPath)
  if (!url) {
    cluster ??= testPostgres()
    url = await (await cluster).createDatabase()
    urls.set(dbPath, url)
  }
  return url
}

/** The PostgreSQL URL of a database made for `dbPath`, or undefined (it is the SQLite file). */
export function databaseUrlFor(dbPath: string): string | undefined {
  return urls.get(dbPath)
}

/** A migrated database for an in-process test, on the test's engine. */
export async function openTestDb(dbPath: string): Promise<Db> {
  if (!onPostgres()) return openDb(dbPath)
  return openDatabase({ databaseUrl: await postgresFor(dbPath), databasePool: 4, dbPath })
}

/** The database a spawned server runs on (already migrated by it), to read or change beside it. */
export async function openServerDb(dbPath: string): Promise<Db> {
  const url = databaseUrlFor(dbPath)
  return url ? openPostgresDb(url, { poolSize: 2 }) : openDb(dbPath)
}
