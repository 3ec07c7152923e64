// The notices page and a notice page of the BUILT mini-program (issue 19): the county's
// notices through wx.request, 没看 on the ones not opened, a 公示 list with masked names.
const { loadPage, waitFor, text } = require('./harness')

const notices = [
  {
    noticeId: 'n_collect',
    kind: 'announcement',
    title: '2027年度城乡居民医保集中缴费开始了',
    publishedAt: '2026-09-01T09:00:00.000+08:00',
    body: '集中缴费期为2026年9月1日至12月31日。',
    entries: []
  },
  {
    noticeId: 'n_disclose_2026',
    kind: 'payout_disclosure',
    title: '2026年度大额住院报销公示',
    publishedAt: '2026-11-19T09:00:00.000+08:00',
    body: '公示期7天。',
    entries: [
      { nameMasked: '王**', village: '青石村', kind: 'inpatient', totalCost: '32000.00', payout: '21000.00' },
      { nameMasked: '买**·**', village: '竹林村', kind: 'inpatient', totalCost: '18000.50', payout: '11200.00' }
    ]
  }
]

const reply = (o, status, body) => {
  setTimeout(() => {
    o.success && o.success({ statusCode: status, data: JSON.stringify(body), header: {} })
    o.complete && o.complete({})
  }, 0)
  return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
}
const county = (o) =>
  o.url.endsWith('/v1/notices')
    ? reply(o, 200, { notices })
    : reply(o, 401, { code: 'UNAUTHENTICATED', message: '请先登录' })

jest.setTimeout(20000)

test('the notices page lists the county notices, each not yet opened marked 没看', async () => {
  const page = loadPage('subpackages/notices/index/index', { request: county })
  await waitFor(() => text(page).includes('2026年度大额住院报销公示'), 8000)
  const t = text(page)
  expect(t).toContain('2027年度城乡居民医保集中缴费开始了')
  expect(t).toContain('报销公示')
  expect(t.match(/没看/g)).toHaveLength(2)
  expect(t).toContain('防骗：怎么认出医保的官方渠道')
})
