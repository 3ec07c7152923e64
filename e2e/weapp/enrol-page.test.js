// The remote-enrolment hub (subpackages/enrol/index/index) of the BUILT mini-program, rendered
// with miniprogram-simulate: a signed-in migrant worker sees what can be done from afar, the
// household's applications with their status, the members, and the out-of-area estimate from
// the calculator — all through Taro's real weapp runtime and the subpackage's own chunks.
const { loadPage, waitFor, text } = require('./harness')

const HOUSEHOLD = 'hh_demo8'
const me = {
  userId: 'u_migrant',
  role: 'villager',
  personId: 'p_a',
  displayName: '阿依古丽·买买提',
  phoneMasked: '138****0003',
  households: [
    {
      householdId: HOUSEHOLD,
      relation: 'head',
      scopes: ['status', 'claims', 'pay'],
      headNameMasked: '阿*****提',
      village: '青石村'
    }
  ]
}
const enrol = (year, status) => ({
  year,
  status,
  payer: null,
  amountPaid: null,
  coverageStart: null,
  coverageEnd: null,
  waitingPeriodEnd: null,
  benefitStart: null,
  benefitEnd: null,
  orderId: null
})
const person = (personId, name, relation, isHead, enrolments) => ({
  personId,
  name,
  idNumber: '990***********1234',
  idNumberMasked: true,
  sex: 'female',
  birthDate: '1992-03-04',
  relation,
  categories: ['ordinary'],
  phone: null,
  isHead,
  enrolments
})
const household = {
  householdId: HOUSEHOLD,
  householdNumber: null,
  regionCode: '999901',
  township: '石桥镇',
  village: '青石村',
  headPersonId: 'p_a',
  accountBalance: null,
  members: [
    person('p_a', '阿依古丽·买买提', '户主', true, [enrol(2026, 'enrolled')]),
    person('p_b', '王𪚥', '子', false, [enrol(2027, 'unpaid')])
  ],
  viewer: { relation: 'head', scopes: ['status', 'claims', 'pay'] }
}
const application = (id, kind, status, fields, reason) => ({
  applicationId: id,
  householdId: HOUSEHOLD,
  kind,
  status,
  fields,
  documents: [],
  reason,
  submittedAt: '2026-11-20T10:00:00+08:00',
  decidedAt: status === 'submitted' ? null : '2026-11-21T10:00:00+08:00'
})
const applications = {
  applications: [
    application('app_1', 'add_newborn', 'needs_more', { name: '王𪚥', relation: '子' }, '出生医学证明照片看不清'),
    application(
      'app_2',
      'out_of_area_care',
      'approved',
      { personId: 'p_a', destination: '广东省东莞市', from: '2026-01-01', to: '2099-12-31' },
      null
    )
  ]
}

function answer(url) {
  if (/\/v1\/households\/[^/]+\/applications/.test(url)) return applications
  if (/\/v1\/households\//.test(url)) return household
  return null // policy: not answered → the app uses the policy shipped for region 999901
}

test('the enrol hub renders from the built weapp with household, applications and the filing estimate', async () => {
  const storage = new Map()
  storage.set(
    'xqyb.session',
    JSON.stringify({
      state: { userId: 'u_migrant', me, expiresAt: '2099-01-01T00:00:00+08:00', activeHouseholdId: HOUSEHOLD },
      version: 1
    })
  )
  const requested = []
  const navigated = []
  const page = loadPage('subpackages/enrol/index/index', {
    setStorageSync: (k, v) => {
      storage.set(k, v)
    },
    getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
    removeStorageSync: (k) => {
      storage.delete(k)
    },
    navigateTo: (o) => {
      navigated.push(o.url)
      o.success && o.success({})
    },
    request: (o) => {
      requested.push(o.url)
      const body = answer(o.url)
      setTimeout(() => {
        if (body)
          o.success({ statusCode: 200, data: JSON.stringify(body), header: { 'content-type': 'application/json' } })
        else
          o.success({
            statusCode: 404,
            data: JSON.stringify({ code: 'POLICY_NOT_FOUND', message: '没有找到该地区当时执行的政策' }),
            header: {}
          })
        o.complete && o.complete({})
      }, 0)
      return { abort() {} }
    }
  })
  await waitFor(() => text(page).includes('在外地办参保'))
  for (const k of ['新生儿参保', '结婚嫁入参保', '回乡落户参保', '在外地续保', '异地就医备案'])
    expect(text(page)).toContain(k)
  await waitFor(() => text(page).includes('要补充材料'))
  expect(text(page)).toContain('已通过')
  await waitFor(() => text(page).includes('王𪚥'))
  expect(text(page)).toContain('未缴费')
  // calculator in the subpackage: the filed member's estimate differs from the unfiled one
  await waitFor(() => text(page).includes('在外地住院能报多少'))
  const filed = page.querySelector('.enrol-estimate--filed')
  const unfiled = page.querySelector('.enrol-estimate--unfiled')
  expect(filed).toBeTruthy()
  expect(unfiled).toBeTruthy()
  const amount = (el) => Number(/能报约 (\d+(?:\.\d+)?) 元/.exec(el.dom.textContent)[1])
  expect(amount(filed)).toBeGreaterThan(amount(unfiled))
  expect(requested.some((u) => u.includes(`/v1/households/${HOUSEHOLD}/applications`))).toBe(true)
  // the checklist comes before any form
  page.querySelector('.enrol-kind__start').dispatchEvent('tap')
  await waitFor(() => navigated.length > 0)
  expect(navigated[0]).toBe('/subpackages/enrol/checklist/index?kind=add_newborn')
})
