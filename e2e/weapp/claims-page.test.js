// The 报销 tab of the BUILT mini-program, rendered by miniprogram-simulate: a signed-in
// head of household sees this year's claims (answered by a stub county over wx.request),
// the year's totals, the protection meter and the entries into the claims subpackage.
const { loadPage, waitFor, text } = require('./harness')

// generous limits: the machine may be busy building; nothing here measures time
jest.setTimeout(60000)

const year = Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4))
const me = {
  userId: 'u_head',
  role: 'villager',
  personId: 'p_0001',
  displayName: '王建国',
  phoneMasked: '138****0001',
  households: [
    {
      householdId: 'hh_0001',
      relation: 'head',
      scopes: ['status', 'claims', 'pay'],
      headNameMasked: '王**',
      village: '青石村'
    }
  ]
}
const enrolled = (y) => ({
  year: y,
  status: 'enrolled',
  payer: 'self',
  amountPaid: '400.00',
  coverageStart: `${y}-01-01`,
  coverageEnd: `${y}-12-31`,
  waitingPeriodEnd: null,
  benefitStart: `${y}-01-01`,
  benefitEnd: `${y}-12-31`,
  orderId: null
})
const person = (personId, name, birthDate) => ({
  personId,
  name,
  idNumber: '990101********0011',
  idNumberMasked: true,
  sex: 'male',
  birthDate,
  relation: '本人',
  categories: ['ordinary'],
  phone: null,
  isHead: personId === 'p_0001',
  enrolments: [enrolled(year - 1), enrolled(year)]
})
const household = {
  householdId: 'hh_0001',
  householdNumber: null,
  regionCode: '999901',
  township: '石桥镇',
  village: '青石村',
  headPersonId: 'p_0001',
  accountBalance: '126.50',
  members: [person('p_0001', '王建国', '1974-05-01'), person('p_0002', '刘桂兰', '1976-02-03')],
  viewer: { relation: 'head', scopes: ['status', 'claims', 'pay'] }
}
const claim = (claimId, kind, institutionName, date, totalCost, payout, selfPaid, stage) => ({
  claimId,
  personId: 'p_0001',
  personName: '王建国',
  year,
  kind,
  institutionId: null,
  institutionName,
  admissionDate: date,
  dischargeDate: date,
  totalCost,
  eligibleCost: totalCost,
  payout,
  selfPaid,
  stage,
  timeline: [{ stage: 'accepted', date }],
  policyVersion: `${year}.1`,
  steps: [],
  settlement: null
})
const claims = [
  claim('c_1', 'inpatient', '青山县中医医院', `${year}-01-27`, '17955.68', '13495.48', '4460.20', 'paid_out'),
  claim('c_2', 'outpatient', '新华村卫生室', `${year}-03-02`, '48.26', '41.33', '6.93', 'reviewing')
]
const meter = (limit, used, left) => ({ limit, used, left })
// the county's year summary (the calculator's yearSummary, computed by the county): the tab shows it as sent
const summary = (y) => {
  const has = y === year
  return {
    coverageYear: { start: `${y}-01-01`, end: `${y}-12-31` },
    policyId: 'demo-county',
    policyVersion: `${y}.1`,
    claims: has ? 2 : 0,
    admissions: has ? 1 : 0,
    total: has ? '18003.94' : '0.00',
    insurancePaid: has ? '13536.81' : '0.00',
    basicFund: has ? '13536.81' : '0.00',
    catastrophic: '0.00',
    assistance: '0.00',
    householdAccount: '0.00',
    patientPays: has ? '4467.13' : '0.00',
    deductible: {
      inpatient: has ? '600.00' : '0.00',
      outpatient: '0.00',
      special: '0.00',
      total: has ? '600.00' : '0.00'
    },
    annualCap: has ? meter('200000.00', '13495.48', '186504.52') : meter('200000.00', '0.00', '200000.00'),
    outpatientLimit: has ? meter('600.00', '41.33', '558.67') : meter('600.00', '0.00', '600.00'),
    specialLimit: null,
    catastrophicLayer: {
      threshold: '15000.00',
      base: has ? '3200.00' : '0.00',
      paid: '0.00',
      toGo: has ? '11800.00' : '15000.00'
    }
  }
}
const lists = (y) => ({
  personId: 'p_0001',
  year: y,
  cap: '200000.00',
  capUsed: summary(y).annualCap.used,
  capRemaining: summary(y).annualCap.left,
  summary: summary(y),
  claims: y === year ? claims : []
})

function county(o) {
  const url = o.url.replace(/^https?:\/\/[^/]+/, '')
  let body = null
  if (url.startsWith('/v1/auth/wechat')) body = { token: 't-weapp', expiresAt: `${year}-12-31T00:00:00+08:00`, me }
  else if (url.startsWith('/v1/households/hh_0001')) body = household
  else if (url.startsWith('/v1/persons/p_0001/claims')) body = lists(Number((/year=(\d+)/.exec(url) || [])[1] || year))
  else if (url.startsWith('/v1/persons/'))
    body = { personId: 'x', year, cap: null, capUsed: '0.00', capRemaining: null, summary: null, claims: [] }
  const res = body
    ? { statusCode: 200, data: JSON.stringify(body), header: {} }
    : { statusCode: 404, data: JSON.stringify({ code: 'NOT_FOUND', message: '没有找到相关信息' }), header: {} }
  setTimeout(() => {
    o.success && o.success(res)
    o.complete && o.complete(res)
  }, 0)
  return { abort() {} }
}

test("the claims tab renders from the weapp build with the signed-in household's claims", async () => {
  const store = new Map([
    [
      'xqyb.session',
      JSON.stringify({ state: { userId: 'u_head', me, expiresAt: null, activeHouseholdId: 'hh_0001' }, version: 1 })
    ]
  ])
  const navigated = []
  const page = loadPage('pages/claims/index', {
    login: (o) => {
      const r = { code: 'demo-head' }
      setTimeout(() => {
        o.success && o.success(r)
        o.complete && o.complete(r)
      }, 0)
    },
    request: county,
    getStorageSync: (k) => (store.has(k) ? store.get(k) : ''),
    setStorageSync: (k, v) => {
      store.set(k, v)
    },
    navigateTo: (o) => {
      navigated.push(o.url)
      o.success && o.success({})
    }
  })
  await waitFor(() => text(page).includes('看病 2 次'), 30000)
  const t = text(page)
  expect(t).toContain('青山县中医医院')
  expect(t).toContain('新华村卫生室')
  expect(t).toContain(`${year}年的保障`)
  // the year's totals and protection: the county's summary as sent, formatted by the app
  expect(t).toContain('¥18,003.94')
  expect(t).toContain('¥13,536.81')
  expect(t).toContain('¥186,504.52')
  expect(t).toContain('¥11,800.00')
  expect(page.querySelectorAll('.claim-card').length).toBe(2)
  // the entries lead into the claims subpackage
  page.querySelector('.entry-estimate').dispatchEvent('tap')
  await waitFor(() => navigated.length > 0, 30000)
  expect(navigated[0]).toBe('/subpackages/claims/estimate/index?personId=p_0001')
  // the app stored what it read, so the tab opens offline next time (owner-scoped cache)
  expect(String(store.get('xqyb.cache.payouts.lists'))).toContain('c_1')
})
