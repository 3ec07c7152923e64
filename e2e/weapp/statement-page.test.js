// The yearly statement page of the BUILT mini-program (issue 19): the county's statement for
// the active household through wx.request, with the figures as sent and the verification code.
const { loadPage, waitFor, text } = require('./harness')

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
const totals = {
  contributions: '760.00',
  claims: 1,
  totalCost: '3200.00',
  basicFund: '1800.00',
  catastrophic: '0.00',
  assistance: '0.00',
  insurancePaid: '1800.00',
  householdAccount: '0.00',
  patientPays: '1400.00'
}
const statement = {
  verificationCode: `ZM-${year}-7KQ4-M2XD`,
  householdId: 'hh_0001',
  year,
  issuedAt: `${year}-11-20T09:30:00.000+08:00`,
  issuer: '城乡居民医保经办机构',
  township: '石桥镇',
  village: '青石村',
  headName: '王建国',
  members: [
    {
      personId: 'p1',
      name: '王建国',
      relation: '户主',
      idNumberMasked: '999***********1234',
      status: 'enrolled',
      payer: 'self',
      amountPaid: '380.00',
      benefitStart: `${year}-01-01`,
      benefitEnd: `${year}-12-31`
    },
    {
      personId: 'p2',
      name: '刘桂兰',
      relation: '妻',
      idNumberMasked: '999***********2345',
      status: 'enrolled',
      payer: 'self',
      amountPaid: '380.00',
      benefitStart: `${year}-01-01`,
      benefitEnd: `${year}-12-31`
    }
  ],
  payments: [
    {
      receiptNumber: `999901-${year}-00000042`,
      paidAt: `${year - 1}-11-02T10:00:00.000+08:00`,
      amount: '760.00',
      payerNameMasked: '王**',
      members: ['王建国', '刘桂兰']
    }
  ],
  claims: [
    {
      claimId: 'c1',
      personName: '刘桂兰',
      kind: 'inpatient',
      institutionName: '石桥镇卫生院',
      admissionDate: `${year}-03-02`,
      totalCost: '3200.00',
      basicFund: '1800.00',
      catastrophic: '0.00',
      assistance: '0.00',
      insurancePaid: '1800.00',
      householdAccount: '0.00',
      patientPays: '1400.00'
    }
  ],
  totals
}

jest.setTimeout(20000)

test('the statement page shows the county figures and the verification code for this year', async () => {
  const storage = new Map([
    [
      'xqyb.session',
      JSON.stringify({ state: { userId: 'u_head', me, expiresAt: null, activeHouseholdId: 'hh_0001' }, version: 1 })
    ]
  ])
  const urls = []
  const reply = (o, status, body) => {
    setTimeout(() => {
      o.success && o.success({ statusCode: status, data: JSON.stringify(body), header: {} })
      o.complete && o.complete({})
    }, 0)
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
  }
  const page = loadPage('subpackages/household/statement/index', {
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
    request: (o) => {
      urls.push(`${o.method} ${o.url}`)
      if (o.url.endsWith('/v1/auth/wechat'))
        return reply(o, 200, { token: 'tok-weapp', expiresAt: '2030-01-01T00:00:00+08:00', me })
      if (o.url.endsWith('/v1/me')) return reply(o, 200, me)
      if (o.url.includes('/v1/households/hh_0001/statement')) return reply(o, 200, statement)
      return reply(o, 404, { code: 'NOT_FOUND', message: '没有找到' })
    }
  })
  await waitFor(() => text(page).includes(`核验码 ZM-${year}-7KQ4-M2XD`), 8000)
  const t = text(page)
  expect(t).toContain(`${year}年度城乡居民医保参保缴费证明`)
  expect(t).toContain('刘桂兰')
  expect(t).toContain(`票据号 999901-${year}-00000042`)
  expect(t).toContain('¥1,800.00')
  expect(t).toContain('¥1,400.00')
  expect(t).toContain('存成图片，发给家人')
  expect(t).toContain('下载PDF（可以打印）')
  expect(urls.some((u) => u.includes(`/v1/households/hh_0001/statement?year=${year}`))).toBe(true)
})
