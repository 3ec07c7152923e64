// One notice of the BUILT mini-program (issue 19): a 公示 list with the names as the county
// masked them, 读给我听, and opening it is remembered (its id saved on the phone).
const { loadPage, waitFor, text } = require('./harness')

const disclosure = {
  noticeId: 'n_disclose_2026',
  kind: 'payout_disclosure',
  title: '2026年度大额住院报销公示',
  publishedAt: '2026-11-19T09:00:00.000+08:00',
  body: '以下为本年度报销金额较大的住院补偿情况，公示期7天。',
  entries: [
    { nameMasked: '王**', village: '青石村', kind: 'inpatient', totalCost: '32000.00', payout: '21000.00' },
    { nameMasked: '买**·**', village: '竹林村', kind: 'inpatient', totalCost: '18000.50', payout: '11200.00' }
  ]
}

jest.setTimeout(20000)

test('a 公示 shows masked names, village and money, offers 读给我听, and is remembered as opened', async () => {
  const reply = (o, status, body) => {
    setTimeout(() => {
      o.success && o.success({ statusCode: status, data: JSON.stringify(body), header: {} })
      o.complete && o.complete({})
    }, 0)
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
  }
  const page = loadPage(
    'subpackages/notices/detail/index',
    { request: (o) => (o.url.endsWith('/v1/notices') ? reply(o, 200, { notices: [disclosure] }) : reply(o, 404, {})) },
    { noticeId: 'n_disclose_2026' }
  )
  await waitFor(() => text(page).includes('买**·**'), 8000)
  const t = text(page)
  expect(t).toContain('2026年度大额住院报销公示')
  expect(t).toContain('王** 青石村 住院')
  expect(t).toContain('¥32,000.00')
  expect(t).toContain('¥11,200.00')
  expect(t).toContain('读给我听')
  expect(t).toContain('名字只露出第一个字')
  await waitFor(() => [...global.wx.__storage.values()].map(String).join('\n').includes('n_disclose_2026'))
})
