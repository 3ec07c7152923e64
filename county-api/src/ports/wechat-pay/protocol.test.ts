// Our WeChat Pay APIv3 code (protocol.ts, the simulator, the trade bill reader) cross-checked
// against an independent implementation, wechatpay-axios-plugin (dev dependency, 0.9.6): what
// one side signs or encrypts, the other verifies or decrypts; its client talks to our simulator.
import crypto from 'node:crypto'
import { Aes, Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin'
import {
  authorization,
  decryptResource,
  encryptResource,
  parseAuthorization,
  payParams,
  requestMessage,
  rsaSign,
  rsaSignAsync,
  signedHeaders,
  verifySigned
} from './protocol'
import { parseTradeBill } from './provider'
import { startWechatSim, type WechatSim } from '../../testing/wechat-sim'

jest.setTimeout(30_000)

let sim: WechatSim
beforeAll(async () => {
  sim = await startWechatSim()
})
afterAll(() => sim.close())

const merchant = () => ({
  mchid: sim.keys.mchid,
  serial: sim.keys.merchant.serial,
  privateKey: sim.keys.merchant.privateKey
})
const now = () => Math.floor(Date.now() / 1000)

test('the Authorization header we send verifies by the plugin, and its format parses as ours', async () => {
  const body = JSON.stringify({ mchid: sim.keys.mchid, out_trade_no: 'ord_abc123' })
  const header = await authorization(merchant(), 'POST', '/v3/pay/transactions/jsapi', body)
  const a = parseAuthorization(header)
  expect(a).not.toBeNull()
  const message = Formatter.request('POST', '/v3/pay/transactions/jsapi', a!.timestamp, a!.nonce_str, body)
  expect(message).toBe(requestMessage('POST', '/v3/pay/transactions/jsapi', a!.timestamp, a!.nonce_str, body))
  expect(Rsa.verify(message, a!.signature, sim.keys.merchant.publicKey)).toBe(true)
  // the plugin's own header (other field order) is read by our parser
  const theirs = Formatter.authorization(sim.keys.mchid, 'n0nce', 'c2ln', '1700000000', sim.keys.merchant.serial)
  expect(parseAuthorization(theirs)).toEqual({
    mchid: sim.keys.mchid,
    nonce_str: 'n0nce',
    signature: 'c2ln',
    timestamp: '1700000000',
    serial_no: sim.keys.merchant.serial
  })
})

test('an answer or notify the plugin signs verifies by serial; tampering, an unknown serial or an old timestamp do not', () => {
  const keys = new Map([[sim.keys.publicKey.id, crypto.createPublicKey(sim.keys.publicKey.privateKey)]])
  const body = '{"prepay_id":"wx201410272009395522657a690389285100"}'
  const ts = String(now())
  const signature = Rsa.sign(Formatter.response(ts, 'abc', body), sim.keys.publicKey.privateKey)
  const headers = (h: Record<string, string>) => (n: string) => h[n]
  const good = {
    'wechatpay-serial': sim.keys.publicKey.id,
    'wechatpay-signature': signature,
    'wechatpay-timestamp': ts,
    'wechatpay-nonce': 'abc'
  }
  expect(verifySigned(headers(good), body, keys, now())).toEqual({ ok: true })
  expect(verifySigned(headers(good), body.replace('wx2014', 'wx2015'), keys, now())).toEqual({
    ok: false,
    reason: 'bad signature'
  })
  expect(verifySigned(headers({ ...good, 'wechatpay-serial': 'PUB_KEY_ID_OTHER' }), body, keys, now()).ok).toBe(false)
  expect(verifySigned(headers(good), body, keys, now() + 301)).toEqual({
    ok: false,
    reason: 'timestamp outside the window'
  })
  // and ours verifies by the plugin
  const ours = signedHeaders(body, sim.keys.publicKey.privateKey, sim.keys.publicKey.id)
  expect(
    Rsa.verify(
      Formatter.response(ours['wechatpay-timestamp'], ours['wechatpay-nonce'], body),
      ours['wechatpay-signature'],
      crypto.createPublicKey(sim.keys.publicKey.privateKey)
    )
  ).toBe(true)
})

test("wx.requestPayment's paySign verifies by the plugin over appId, timeStamp, nonceStr and package", async () => {
  const p = await payParams(sim.keys.appId, 'wx201410272009395522657a690389285100', sim.keys.merchant.privateKey)
  const message = Formatter.joinedByLineFeed(sim.keys.appId, p.timeStamp, p.nonceStr, p.package)
  expect(Rsa.verify(message, p.paySign, sim.keys.merchant.publicKey)).toBe(true)
  expect(p).toMatchObject({ signType: 'RSA', package: 'prepay_id=wx201410272009395522657a690389285100' })
  expect(rsaSign(message, sim.keys.merchant.privateKey)).toBe(Rsa.sign(message, sim.keys.merchant.privateKey))
  // signed in the thread pool: the same bytes as on the main thread and as the plugin's
  expect(await rsaSignAsync(message, sim.keys.merchant.privateKey)).toBe(
    Rsa.sign(message, sim.keys.merchant.privateKey)
  )
})

test('AEAD_AES_256_GCM resources: ours decrypt by the plugin, the plugin’s by ours; a wrong key fails', () => {
  const plain = JSON.stringify({ out_trade_no: 'ord_abc123', trade_state: 'SUCCESS', amount: { total: 38000 } })
  const ours = encryptResource(plain, sim.keys.apiV3Key, 'transaction')
  expect(Aes.AesGcm.decrypt(ours.ciphertext, sim.keys.apiV3Key, ours.nonce, ours.associated_data)).toBe(plain)
  const theirs = Aes.AesGcm.encrypt(plain, sim.keys.apiV3Key, 'fdasflkja484', 'certificate')
  expect(
    decryptResource({ ciphertext: theirs, nonce: 'fdasflkja484', associated_data: 'certificate' }, sim.keys.apiV3Key)
  ).toBe(plain)
  expect(() =>
    decryptResource({ ciphertext: theirs, nonce: 'fdasflkja484', associated_data: 'transaction' }, sim.keys.apiV3Key)
  ).toThrow()
  expect(() => decryptResource(ours, crypto.randomBytes(16).toString('hex'))).toThrow()
})

test("the plugin's client orders from the simulator: it signs, the simulator verifies; the simulator signs, it verifies", async () => {
  const pub = crypto.createPublicKey(sim.keys.publicKey.privateKey)
  const wxpay = new Wechatpay({
    mchid: sim.keys.mchid,
    serial: sim.keys.merchant.serial,
    privateKey: sim.keys.merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    certs: { [sim.keys.publicKey.id]: pub },
    baseURL: `${sim.url}/`
  })
  const res = await wxpay.v3.pay.transactions.jsapi.post({
    appid: sim.keys.appId,
    mchid: sim.keys.mchid,
    description: '城乡居民医保 2027年度缴费',
    out_trade_no: 'ord_oracle01',
    notify_url: 'https://yibao.county.example.cn/v1/payments/wechat/notify',
    amount: { total: 38000, currency: 'CNY' },
    payer: { openid: 'o-oracle' }
  })
  expect(res.status).toBe(200)
  expect((res.data as unknown as { prepay_id: string }).prepay_id).toMatch(/^wx/)
  // a request it signs with another key is refused, as WeChat Pay does
  const impostor = new Wechatpay({
    mchid: sim.keys.mchid,
    serial: sim.keys.merchant.serial,
    privateKey: crypto
      .generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' }),
    certs: { [sim.keys.publicKey.id]: pub },
    baseURL: `${sim.url}/`
  })
  await expect(
    impostor.v3.pay.transactions.outTradeNo.ord_oracle01.get({ params: { mchid: sim.keys.mchid } })
  ).rejects.toMatchObject({ response: { status: 401, data: { code: 'SIGN_ERROR' } } })
})

test('the trade bill reads the same by the plugin and by us', async () => {
  const day = sim.pay.strayPayment('ord_billtest1', 38000, 'http://127.0.0.1:9/none')
  sim.pay.strayPayment('ord_billtest2', 12050, 'http://127.0.0.1:9/none')
  // the simulator's bill of the payments' day, as WeChat would serve it the day after
  const date = new Date((day.successTime as number) + 8 * 3600_000).toISOString().slice(0, 10)
  const later = await startWechatSim({ keys: sim.keys, now: () => Date.now() + 86_400_000 })
  try {
    for (const o of sim.pay.orders.values()) later.pay.orders.set(o.outTradeNo, o)
    const res = await fetch(`${later.url}/v3/bill/tradebill?bill_date=${date}&bill_type=ALL`, {
      headers: {
        Authorization: await authorization(merchant(), 'GET', `/v3/bill/tradebill?bill_date=${date}&bill_type=ALL`, '')
      }
    })
    const meta = (await res.json()) as { download_url: string }
    const u = new URL(meta.download_url)
    // the file as bytes: it starts with a byte-order mark, which the plugin expects and a text decoder drops
    const bytes = Buffer.from(
      await (
        await fetch(meta.download_url, {
          headers: { Authorization: await authorization(merchant(), 'GET', `${u.pathname}${u.search}`, '') }
        })
      ).arrayBuffer()
    )
    const file = bytes.toString('utf8')
    expect(crypto.createHash('sha1').update(bytes).digest('hex')).toBe(
      (meta as unknown as { hash_value: string }).hash_value
    )
    const theirs = Formatter.castCsvBill(bytes) as {
      rows: Record<string, string>[]
      summary: Record<string, string>
    }
    const ours = parseTradeBill(file)
    expect(ours.map((l) => l.orderId).sort()).toEqual(theirs.rows.map((r) => r['商户订单号']).sort())
    expect(ours.find((l) => l.orderId === 'ord_billtest2')).toMatchObject({ kind: 'payment', amountFen: 12050 })
    expect(theirs.rows.find((r) => r['商户订单号'] === 'ord_billtest2')?.['订单金额']).toBe('120.50')
    expect(theirs.summary['总交易单数']).toBe(String(ours.length))
  } finally {
    await later.close()
  }
})
