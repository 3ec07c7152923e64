// Signing in with WeChat through jscode2session (the WeChat simulator): each documented errcode
// becomes a plain-Chinese answer the villager can act on; a busy WeChat is asked once more.
import { startWechatCounty, type WechatCounty } from '../testing/wechat-county'

jest.setTimeout(45_000)

let c: WechatCounty
beforeAll(async () => {
  c = await startWechatCounty({ households: 6 })
}, 90_000)
afterAll(async () => {
  await c?.close()
})

const signIn = (code: string) => c.api.call('signInWechat', { body: { code } })

test('a code from wx.login signs in once; used again it is refused', async () => {
  const code = 'a'.repeat(16) + 'B1c2D3e4F5g6H7i8'
  expect((await signIn(code)).status).toBe(200)
  const again = await signIn(code)
  expect(again.status).toBe(400)
  expect(again.error).toMatchObject({ code: 'WECHAT_CODE_INVALID', message: '微信登录已过期，请重新打开小程序再试' })
})

test('40029 (invalid code) is WECHAT_CODE_INVALID', async () => {
  expect((await signIn('wx-invalid-1')).error.code).toBe('WECHAT_CODE_INVALID')
})

test("45011 (the user's minute quota) is RATE_LIMITED with when to try again", async () => {
  const r = await signIn('wx-ratelimit-1')
  expect(r.status).toBe(429)
  expect(r.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } })
})

test('40226 (a high-risk user WeChat blocks) is WECHAT_USER_BLOCKED, saying what to do instead', async () => {
  const r = await signIn('wx-risky-1')
  expect(r.status).toBe(403)
  expect(r.error.code).toBe('WECHAT_USER_BLOCKED')
  expect(r.error.message).toMatch(/手机号登录|医保窗口/)
})

test('-1 (WeChat busy) is asked again, and the second answer signs in', async () => {
  const r = await signIn('wx-busy-1')
  expect(r.status).toBe(200)
  expect(c.sim.requests.filter((q) => q.path === '/sns/jscode2session').length).toBeGreaterThanOrEqual(2)
})

test('no answer from WeChat in time is UPSTREAM_UNAVAILABLE, not a 500', async () => {
  c.sim.failNext('/sns/jscode2session', { delayMs: 6000 })
  c.sim.failNext('/sns/jscode2session', { delayMs: 6000 })
  const r = await signIn('wx-busy-2')
  expect(r.status).toBe(503)
  expect(r.error.code).toBe('UPSTREAM_UNAVAILABLE')
})

test('development lists the demo villagers; each code signs in as that person (WeChat DevTools)', async () => {
  const r = await c.api.call('listDemoAccounts', {})
  expect(r.status).toBe(200)
  const accounts = r.data.accounts
  expect(accounts.map((a) => a.code)).toEqual(['demo-head', 'demo-elder', 'demo-migrant', 'demo-grantee'])
  for (const a of accounts) {
    const s = await signIn(a.code)
    expect(s.status).toBe(200)
    const me = await c.api.call('me', { token: s.data.token })
    expect(me.data.displayName).toBe(a.name)
  }
})
