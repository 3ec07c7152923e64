// node-pg project (jest.config.js): one throwaway PostgreSQL cluster for the whole run; each test
// file makes its own database in it (county-api/src/testing/pg-cluster.ts, testPostgres). Without
// PostgreSQL this fails with how to install it: the PostgreSQL tests are never skipped silently.
import { SHARED_CLUSTER_ENV, startPgCluster, type PgCluster } from '../../county-api/src/testing/pg-cluster'

export default async function startSharedCluster(): Promise<void> {
  const cluster = await startPgCluster()
  ;(globalThis as { countyPgCluster?: PgCluster }).countyPgCluster = cluster
  // read by the test workers, which start after this
  process.env[SHARED_CLUSTER_ENV] = cluster.url()
}
