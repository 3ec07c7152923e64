// Paying in the BUILT mini-program for real (issue 14): the order page calls wx.requestPayment
// with the parameters the county API signed for WeChat Pay; this stand-in for WeChat's client
// checks the paySign with the merchant key the WeChat simulator knows, pays at the simulator,
// whose signed and encrypted notify reaches the county, and the page shows 已参保.
// The county API and the simulator run in a child process (testing/wechat-county-main.ts);
// wx.request goes to that county over real HTTP.
const { spawn } = require('child_process')
const crypto = require('crypto')
const http = require('http')
const path = require('path')
const { loadPage, waitFor, text } = require('./harness')

const ROOT = path.resolve(__dirname, '../..')
let child
let world

jest.setTimeout(60000)

beforeAll(async () => {
  child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'county-api/src/testing/wechat-county-main.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, SEED_HOUSEHOLDS: '8' },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let out = ''
  world = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the county did not start:\n${out}`)), 50000)
    const read = (d) => {
      out += d.toString()
      const m = /WECHAT_COUNTY=(.+)\n/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(JSON.parse(m[1]))
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', (d) => {
      out += d.toString()
    })
    child.once('exit', (code) => reject(new Error(`the county exited (${code}):\n${out}`)))
  })
}, 60000)

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
})

/** One HTTP request; the answer's status and text. */
function send(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let data = ''
      res.on('data', (d) => (data += d))
      res.on('end', () => resolve({ status: res.statusCode, text: data, headers: res.headers }))
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

const json = () => ({ 'content-type': 'application/json' })

/** waitFor, failing with what the page shows (a failure says where the flow stopped). */
async function waitForPage(page, check, ms) {
  await waitFor(check, ms).catch(() => {
    throw new Error(`not there in ${ms} ms; the page shows: ${text(page)}`)
  })
}

test('the order page pays with WeChat Pay: paySign verified with the merchant key, notify, 已参保', async () => {
  // an order made on the phone earlier (the weapp channel), not paid yet
  const signIn = await send(`${world.county}/v1/auth/wechat`, {
    method: 'POST',
    headers: json(),
    body: JSON.stringify({ code: 'demo-head' })
  })
  const { token, me } = JSON.parse(signIn.text)
  const householdId = me.households[0].householdId
  const created = await send(`${world.county}/v1/orders`, {
    method: 'POST',
    headers: { ...json(), authorization: `Bearer ${token}`, 'idempotency-key': 'weapp-pay-wechat-1' },
    body: JSON.stringify({ householdId, year: 2027, channel: 'weapp' })
  })
  expect(created.status).toBe(201)
  const order = JSON.parse(created.text)

  // the phone remembers who was signed in (the token itself is memory-only: wx.login signs in again)
  const storage = new Map([
    [
      'xqyb.session',
      JSON.stringify({
        state: { userId: me.userId, me, expiresAt: null, activeHouseholdId: householdId },
        version: 1
      })
    ]
  ])
  const payments = []
  const page = loadPage(
    'subpackages/pay/order/index',
    {
      setStorageSync: (k, v) => {
        storage.set(k, v)
      },
      getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
      removeStorageSync: (k) => {
        storage.delete(k)
      },
      login: (o) => setTimeout(() => o.success && o.success({ code: 'demo-head', errMsg: 'login:ok' }), 0),
      // wx.request: to the county over HTTP, whatever domain the build was made for
      request: (o) => {
        const u = new URL(o.url)
        const body = o.data === undefined ? undefined : typeof o.data === 'string' ? o.data : JSON.stringify(o.data)
        send(`${world.county}${u.pathname}${u.search}`, {
          method: o.method || 'GET',
          headers: o.header || {},
          body
        }).then(
          (r) => {
            o.success && o.success({ statusCode: r.status, data: r.text, header: r.headers })
            o.complete && o.complete({})
          },
          (e) => {
            o.fail && o.fail({ errMsg: `request:fail ${e.message}` })
            o.complete && o.complete({})
          }
        )
        return { abort() {} }
      },
      // WeChat's client: checks the paySign (appId, timeStamp, nonceStr, package) with the merchant's key, then pays
      requestPayment: (o) => {
        const message = `${world.appId}\n${o.timeStamp}\n${o.nonceStr}\n${o.package}\n`
        const verified = crypto.verify(
          'sha256',
          Buffer.from(message),
          crypto.createPublicKey(world.merchantPublicKey),
          Buffer.from(o.paySign, 'base64')
        )
        payments.push({ verified, signType: o.signType, package: o.package })
        const { success, fail, complete, ...params } = o
        send(`${world.sim}/sim/pay`, { method: 'POST', headers: json(), body: JSON.stringify(params) }).then((r) => {
          const answer = JSON.parse(r.text)
          if (r.status === 200 && answer.errMsg === 'requestPayment:ok') success && success(answer)
          else fail && fail(answer)
          complete && complete(answer)
        })
      },
      redirectTo: (o) => o.success && o.success({}),
      navigateTo: (o) => o.success && o.success({})
    },
    { orderId: order.orderId }
  )
  await waitForPage(page, () => text(page).includes('等待付款'), 15000)
  page.querySelector('.btn-primary.pay-action').dispatchEvent('tap')
  await waitForPage(page, () => payments.length === 1, 15000)
  expect(payments[0]).toEqual({ verified: true, signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) })
  // the simulator's notify reaches the county; the page asks until the county says so
  await waitForPage(page, () => text(page).includes('缴费成功，已参保'), 20000)
  const after = await send(`${world.county}/v1/orders/${order.orderId}`, {
    headers: { authorization: `Bearer ${token}` }
  })
  expect(JSON.parse(after.text)).toMatchObject({
    status: 'confirmed',
    receiptNumber: expect.stringMatching(/^999901-2027-/)
  })
})
