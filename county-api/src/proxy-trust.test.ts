// Behind a proxy (issue 15): limits per address used to key on the proxy's address, so the whole
// county shared one bucket. With TRUST_PROXY the client's address is what the trusted proxy says;
// without it, a client's own X-Forwarded-For changes nothing (no escape from the limit).
import { spawnServer, type SpawnedServer } from './testing/spawn-server'
import { client } from './testing/client'
import { unboundHeads } from './testing/households'

jest.setTimeout(60_000)

const servers: SpawnedServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
})

/** Look-ups of other households from a new account each, sent "from" `address`: the statuses. */
async function lookUps(server: SpawnedServer, address: string, n: number, label: string): Promise<number[]> {
  const api = client(server.url)
  const [target] = unboundHeads(server.dbPath, 2027)
  const statuses: number[] = []
  for (let i = 0; i < n; i++) {
    const token = await api.wechat(`${label}-${i}`)
    const r = await api.raw('POST', '/v1/payee-lookup', {
      token,
      headers: { 'x-forwarded-for': address },
      body: { idNumber: target.id_number }
    })
    statuses.push(r.status)
  }
  return statuses
}

// a per-address limit of 3 an hour; the per-number limit out of the way
const LIMITS = { LOOKUP_LIMIT_IP: '3/hour', LOOKUP_LIMIT_ID: '1000/hour' }

test('with TRUST_PROXY, each client behind the proxy has its own bucket', async () => {
  const server = await spawnServer({ households: 20, env: { ...LIMITS, TRUST_PROXY: '127.0.0.1' } })
  servers.push(server)
  expect(await lookUps(server, '203.0.113.1', 4, 'a')).toEqual([200, 200, 200, 429])
  // another villager behind the same proxy is not refused for the first one's look-ups
  expect(await lookUps(server, '203.0.113.2', 1, 'b')).toEqual([200])
})

test('without it, a forged X-Forwarded-For does not escape the limit on the real address', async () => {
  const server = await spawnServer({ households: 20, env: LIMITS })
  servers.push(server)
  expect(await lookUps(server, '203.0.113.1', 3, 'a')).toEqual([200, 200, 200])
  expect(await lookUps(server, '203.0.113.99', 1, 'b')).toEqual([429])
})
