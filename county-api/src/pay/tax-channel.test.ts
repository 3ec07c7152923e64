// A county that collects through the tax bureau's channel (issue 14 item 8, first part): the app
// cannot start a payment, and the household is told, in plain words, where to pay instead.
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'
import { peek } from '../testing/db-peek'

let server: SpawnedServer
let api: Client

beforeAll(async () => {
  server = await spawnServer({
    households: 4,
    env: { COLLECTION_CHANNEL: 'tax_bureau', TAX_CHANNEL_HOWTO: '在微信里搜“湖南税务”小程序交' }
  })
  api = client(server.url)
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

test('no order is made; the answer says where the county collects', async () => {
  const head = await api.wechat('head')
  const orders = () => peek(server.dbPath, `SELECT id FROM orders WHERE household_id = 'hh_0001'`)
  const before = orders()
  const r = await api.call('createOrder', {
    body: { householdId: 'hh_0001', year: 2027, channel: 'weapp' },
    token: head,
    headers: { 'idempotency-key': 'tax-channel-1' }
  })
  expect(r.status).toBe(409)
  expect(r.error).toMatchObject({
    code: 'CONFLICT',
    message: '本县的医保费由税务部门收，这里不能交。请在微信里搜“湖南税务”小程序交'
  })
  expect(orders()).toEqual(before)
})
