// The household status page of the BUILT mini-program: silent WeChat sign-in at launch
// (wx.login → county), the household answer through wx.request (text, parsed by the app),
// member cards with "can I get care today" and the masked ID number.
const { loadPage, waitFor, text, pageJson } = require('./harness')

const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()))
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
const enrolled = {
  year,
  status: 'enrolled',
  payer: 'self',
  amountPaid: '380.00',
  coverageStart: `${year}-01-01`,
  coverageEnd: `${year}-12-31`,
  waitingPeriodEnd: null,
  benefitStart: `${year}-01-01`,
  benefitEnd: `${year}-12-31`,
  orderId: null
}
const household = {
  householdId: 'hh_0001',
  householdNumber: null,
  regionCode: '999901',
  township: '石桥镇',
  village: '青石村',
  headPersonId: 'p1',
  accountBalance: '126.50',
  members: [
    {
      personId: 'p1',
      name: '王建国',
      idNumber: '999901197405011234',
      idNumberMasked: false,
      sex: 'male',
      birthDate: '1974-05-01',
      relation: '户主',
      categories: ['ordinary'],
      phone: null,
      isHead: true,
      enrolments: [enrolled]
    },
    {
      personId: 'p2',
      name: '王志强',
      idNumber: '999901199903021235',
      idNumberMasked: false,
      sex: 'male',
      birthDate: '1999-03-02',
      relation: '子',
      categories: ['ordinary'],
      phone: null,
      isHead: false,
      enrolments: [
        { ...enrolled, status: 'lapsed', payer: null, amountPaid: null, coverageStart: null, coverageEnd: null }
      ]
    }
  ],
  viewer: { relation: 'head', scopes: ['status', 'claims', 'pay'] }
}

jest.setTimeout(20000)

test('home shows the household from the county in the weapp build, after a silent WeChat sign-in', async () => {
  const storage = new Map([
    [
      'xqyb.session',
      JSON.stringify({ state: { userId: 'u_head', me, expiresAt: null, activeHouseholdId: 'hh_0001' }, version: 1 })
    ]
  ])
  const urls = []
  let balance = '126.50'
  let stopped = 0
  // like wx.request: answers later and returns a RequestTask
  const reply = (o, status, body) => {
    setTimeout(() => {
      o.success && o.success({ statusCode: status, data: JSON.stringify(body), header: {} })
      o.complete && o.complete({})
    }, 0)
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
  }
  const page = loadPage('pages/home/index', {
    setStorageSync: (k, v) => {
      storage.set(k, v)
    },
    getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
    removeStorageSync: (k) => {
      storage.delete(k)
    },
    stopPullDownRefresh: () => {
      stopped++
    },
    login: (o) => {
      setTimeout(() => o.success && o.success({ code: 'demo-head', errMsg: 'login:ok' }), 0)
    },
    request: (o) => {
      urls.push(`${o.method} ${o.url} ${(o.header && o.header.authorization) || ''}`)
      if (o.url.endsWith('/v1/auth/wechat'))
        return reply(o, 200, { token: 'tok-weapp', expiresAt: '2030-01-01T00:00:00+08:00', me })
      if (o.url.endsWith('/v1/me')) return reply(o, 200, me)
      if (o.url.endsWith('/v1/households/hh_0001')) return reply(o, 200, { ...household, accountBalance: balance })
      return reply(o, 403, { code: 'FORBIDDEN', message: '您没有查看或办理这项业务的权限' })
    }
  })
  await waitFor(() => text(page).includes('王志强'), 8000)
  const t = text(page)
  expect(t).toContain('✓ 今天看病能报销')
  expect(t).toContain('✗ 今天看病不能报销')
  expect(t).toContain('已断保')
  expect(t).toContain('¥126.50')
  expect(t).toContain('999***********1234')
  expect(t).not.toContain('999901197405011234')
  expect(urls[0]).toMatch(/^POST .*\/v1\/auth\/wechat $/)
  expect(urls.some((u) => /GET .*\/v1\/households\/hh_0001 Bearer tok-weapp/.test(u))).toBe(true)
  // the token is never written to wx storage; the cached household is masked
  const stored = [...storage.values()].map(String).join('\n')
  expect(stored).not.toContain('tok-weapp')
  expect(stored).toContain('王志强')
  expect(stored).not.toContain('999901197405011234')

  // 下拉刷新 (page.json enables it): the household is asked for again, the spinner stops
  expect(pageJson('pages/home/index').enablePullDownRefresh).toBe(true)
  balance = '26.50'
  page.instance.onPullDownRefresh()
  await waitFor(() => text(page).includes('¥26.50'), 8000)
  expect(stopped).toBeGreaterThanOrEqual(1) // each figure on the page stops it when its answer is in
})
