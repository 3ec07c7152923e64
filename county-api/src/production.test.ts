// A county API in production mode (COUNTY_API_MODE=production, paying and signing in through the
// WeChat simulator, sending codes through an SMS stand-in): what was made for demos and tests is
// not there. Each attack of issue 14 through HTTP: the simulated cashier, the test clock, the
// demo reviewer's sign-in code, a notify signed with the old public HMAC key; and one-time codes
// never reach the log.
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { spawnServer, type SpawnedServer } from './testing/spawn-server'
import { client, type Client } from './testing/client'
import { signedNotify } from './testing/notify'
import { startWechatSim, type WechatSim } from './testing/wechat-sim'
import { waitFor } from './testing/wechat-county'

jest.setTimeout(60_000)

let sim: WechatSim
let server: SpawnedServer
let api: Client
let sms: http.Server
const texts: { body: string }[] = []

async function freePort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as AddressInfo).port
  await new Promise((r) => s.close(r))
  return port
}

beforeAll(async () => {
  // real WeChat knows no demo-* codes
  sim = await startWechatSim({ demoCodes: false })
  // Tencent Cloud SMS stand-in: records what would be texted
  sms = http.createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      texts.push({ body })
      res.setHeader('content-type', 'application/json')
      res.end(
        JSON.stringify({ Response: { SendStatusSet: [{ Code: 'Ok', Message: 'send success' }], RequestId: 'r' } })
      )
    })
  })
  await new Promise<void>((r) => sms.listen(0, '127.0.0.1', r))
  const port = await freePort()
  server = await spawnServer({
    production: true,
    env: {
      ...sim.countyEnv(),
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      TENCENT_SMS_ENDPOINT: `http://127.0.0.1:${(sms.address() as AddressInfo).port}`
    }
  })
  api = client(server.url)
}, 90_000)

afterAll(async () => {
  await server?.stop()
  await sim?.close()
  sms?.close()
})

test('it runs in production with WeChat Pay and the Tencent SMS adapter', async () => {
  // (the log is written a moment after the address line)
  const logs = await waitFor(
    async () => server.logs(),
    (l) => l.includes('county API listening')
  )
  const started = logs.split('\n').find((l) => l.includes('county API listening'))!
  expect(JSON.parse(started)).toMatchObject({ mode: 'production', payment: 'wechat', sms: 'tencent' })
})

test('the simulated cashier does not exist: an unauthenticated "pay" is a 404', async () => {
  for (const action of ['pay', 'fail', 'abandon'])
    expect((await api.raw('POST', `/v1/sim-cashier/orders/ord_anything/${action}`)).status).toBe(404)
})

test('the test clock does not exist', async () => {
  expect((await api.raw('POST', '/__test/clock', { body: { now: '2030-01-01T00:00:00+08:00' } })).status).toBe(404)
  expect((await api.raw('GET', '/__test/clock')).status).toBe(404)
})

test('the demo reviewer code signs nobody in: the code goes to WeChat, which refuses it', async () => {
  const r = await api.call('signInWechat', { body: { code: 'demo-reviewer' } })
  expect(r.status).toBe(400)
  expect(r.error.code).toBe('WECHAT_CODE_INVALID')
})

test('the demo accounts for WeChat DevTools are not listed: the route does not exist', async () => {
  const r = await api.call('listDemoAccounts', {})
  expect(r.status).toBe(404)
})

test('a notify signed with the old public HMAC key reaches no route that would accept it', async () => {
  const n = signedNotify(
    { orderId: 'ord_anything', amountFen: 38000, paidAt: '2026-11-20T10:00:00.000+08:00' },
    'dev-notify-key-change-me'
  )
  expect(
    (await api.raw('POST', '/v1/payments/notify', { json: n.body, headers: { 'x-notify-signature': n.signature } }))
      .status
  ).toBe(404)
  const r = await api.raw('POST', '/v1/payments/wechat/notify', {
    json: n.body,
    headers: { 'x-notify-signature': n.signature }
  })
  expect(r.status).toBe(400)
})

test('a one-time code goes out by SMS and never into the log', async () => {
  const r = await api.call('requestOtp', { body: { phone: '13800000001' } })
  expect(r.status).toBe(200)
  const sent = JSON.parse(texts.at(-1)!.body) as { TemplateParamSet: string[]; PhoneNumberSet: string[] }
  expect(sent.PhoneNumberSet).toEqual(['+8613800000001'])
  const code = sent.TemplateParamSet[0]
  expect(code).toMatch(/^\d{6}$/)
  expect(server.logs()).not.toContain(code)
  expect(server.logs()).not.toContain('13800000001')
  expect(server.logs()).not.toContain('dev sms')
})
