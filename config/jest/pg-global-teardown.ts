// node-pg project: stops the run's PostgreSQL cluster and removes its directory (pg-global-setup.ts).
import type { PgCluster } from '../../county-api/src/testing/pg-cluster'

export default async function stopSharedCluster(): Promise<void> {
  await (globalThis as { countyPgCluster?: PgCluster }).countyPgCluster?.stop()
}
