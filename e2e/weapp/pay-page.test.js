// The 缴费 tab of the BUILT mini-program (miniprogram-simulate + wcc): silent WeChat
// sign-in, the county's quote through wx.request, an unfinished payment offered for
// resuming (from wx storage, never a second order), and the pay-for-others entry.
const { loadPage, waitFor, text } = require('./harness')

const me = {
  userId: 'u_head',
  role: 'villager',
  personId: 'p1',
  displayName: '王建国',
  phoneMasked: '138****0001',
  households: [
    {
      householdId: 'hh_0001',
      relation: 'head',
      scopes: ['status', 'claims', 'pay'],
      headNameMasked: '王*国',
      village: '青石村'
    }
  ]
}
const line = (personId, name, due, extra = {}) => ({
  personId,
  name,
  categories: ['ordinary'],
  categoryLabel: '18至59周岁居民',
  payer: 'self',
  standard: '1100.00',
  subsidy: '700.00',
  paidByOthers: '0.00',
  arrears: '0.00',
  due,
  alreadyEnrolled: false,
  benefitStart: '2027-01-01',
  benefitEnd: '2027-12-31',
  ...extra
})
const quote = {
  householdId: 'hh_0001',
  year: 2027,
  policyVersion: '2027.1',
  collectionPeriod: { start: '2026-09-01', end: '2026-12-31', open: true },
  lines: [
    line('p1', '王建国', '400.00'),
    line('p4', '陈玉珍', '0.00', {
      payer: 'disabled_federation',
      paidByOthers: '380.00',
      categories: ['elderly', 'disabled']
    })
  ],
  total: '400.00',
  payable: true,
  issues: [],
  steps: [],
  calculation: null
}
const pending = {
  state: {
    owner: 'u_head',
    pending: {
      'hh_0001:2027': {
        key: 'k-weapp-1',
        householdId: 'hh_0001',
        year: 2027,
        channel: 'weapp',
        orderId: 'ord_9',
        payeeIdMasked: null,
        submitted: true,
        amount: '400.00',
        startedAt: '2026-11-20T10:00:00+08:00'
      }
    }
  },
  version: 1
}
const order = {
  orderId: 'ord_9',
  householdId: 'hh_0001',
  year: 2027,
  status: 'paid',
  amount: '400.00',
  channel: 'weapp',
  persons: [{ personId: 'p1', name: '王建国', due: '400.00' }],
  payerIsHousehold: true,
  createdAt: '2026-11-20T10:00:00+08:00',
  expiresAt: '2026-11-20T10:30:00+08:00',
  paidAt: '2026-11-20T10:01:00+08:00',
  confirmedAt: null,
  receiptNumber: null,
  failureReason: null
}

jest.setTimeout(30000)

test('the pay tab renders the quote and resumes an unfinished payment in the weapp build', async () => {
  const storage = new Map([
    [
      'xqyb.session',
      JSON.stringify({ state: { userId: 'u_head', me, expiresAt: null, activeHouseholdId: 'hh_0001' }, version: 1 })
    ],
    ['xqyb.contribution', JSON.stringify(pending)]
  ])
  const urls = []
  const navigations = []
  // answers like wx.request: later, through success/complete; returns a RequestTask
  const reply = (o, status, body) => {
    setTimeout(() => {
      o.success && o.success({ statusCode: status, data: JSON.stringify(body), header: {} })
      o.complete && o.complete({})
    }, 0)
    return { abort() {} }
  }
  const page = loadPage('pages/pay/index', {
    setStorageSync: (k, v) => {
      storage.set(k, v)
    },
    getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
    removeStorageSync: (k) => {
      storage.delete(k)
    },
    login: (o) => {
      setTimeout(() => o.success && o.success({ code: 'demo-head', errMsg: 'login:ok' }), 0)
    },
    navigateTo: (o) => {
      navigations.push(o.url)
      o.success && o.success({})
    },
    request: (o) => {
      urls.push(`${o.method} ${o.url}`)
      if (o.url.endsWith('/v1/auth/wechat'))
        return reply(o, 200, { token: 'tok-weapp', expiresAt: '2030-01-01T00:00:00+08:00', me })
      if (o.url.endsWith('/v1/me')) return reply(o, 200, me)
      if (/\/v1\/households\/hh_0001\/quote/.test(o.url)) return reply(o, 200, quote)
      if (o.url.endsWith('/v1/orders/ord_9')) return reply(o, 200, order)
      return reply(o, 404, { code: 'NOT_FOUND', message: '没有找到相关信息' })
    }
  })
  await waitFor(() => text(page).includes('2027年全家要交'), 8000)
  const t = text(page)
  expect(t).toContain('我家（青石村）')
  expect(t).toContain('¥400.00')
  expect(t).toContain('看明细，去缴费')
  expect(t).toContain('替别人家缴费')
  // the unfinished payment is offered for resuming, and the county is asked about it
  await waitFor(() => text(page).includes('您的缴费正在入账'), 8000)
  expect(text(page)).toContain('接着上次的办，不会重复扣钱')
  expect(urls.some((u) => /GET .*\/v1\/orders\/ord_9$/.test(u))).toBe(true)
  // resuming never creates an order
  expect(urls.some((u) => /POST .*\/v1\/orders$/.test(u))).toBe(false)
  page.querySelector('.pay-pending__go').dispatchEvent('tap')
  await waitFor(() => navigations.length > 0)
  expect(navigations[0]).toBe('/subpackages/pay/order/index?orderId=ord_9')
  // the key is still on the phone (the order is not settled yet)
  expect(String(storage.get('xqyb.contribution'))).toContain('k-weapp-1')
})
