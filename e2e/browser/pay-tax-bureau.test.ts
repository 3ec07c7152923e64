// A county that collects through the tax bureau (COLLECTION_CHANNEL=tax_bureau, pay/tax-bureau.ts):
// the villager's 缴费明细 shows the amount and where to pay instead of a pay button; once the county
// has imported the bureau's list, 我已经交了 asks again and the page says the family is paid up.
import type { Quote } from '../../src/contract'
import { DEMO, openSignedIn, settle, shot, signInApi, startPayWorld, type PayWorld } from './pay-support'

jest.setTimeout(60_000)

const HOWTO = '在微信里搜“湖南税务”小程序交'
let w: PayWorld

beforeAll(async () => {
  w = await startPayWorld({ env: { COLLECTION_CHANNEL: 'tax_bureau', TAX_CHANNEL_HOWTO: HOWTO } })
}, 120_000)
afterAll(async () => {
  await w?.close()
})

test('where to pay, no pay button; paid at the bureau and imported, the family is paid up', async () => {
  const head = await openSignedIn(w, DEMO.head, '/subpackages/pay/quote/index?householdId=hh_0001')
  const card = w.page.locator('.pay-tax-bureau:visible')
  await card.getByText('本县在税务部门交医保费').waitFor()
  await card.getByText(HOWTO, { exact: false }).waitFor()
  await expect(w.page.locator('.pay-confirm:visible').count()).resolves.toBe(0)
  await settle(w)
  await card.scrollIntoViewIfNeeded()
  await shot(w, 'pay-tax-bureau')

  // the bureau's list for every member due, imported by the county's staff
  const quote = (
    await w.api.call('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 2027 }, token: head })
  ).data as Quote
  const due = quote.lines.filter((l) => !l.alreadyEnrolled && l.due !== '0.00')
  expect(due.length).toBeGreaterThan(0)
  const idOf = (personId: string) =>
    (w.db().prepare('SELECT id_number FROM persons WHERE id = ?').get(personId) as { id_number: string }).id_number
  const reviewer = await signInApi(w, DEMO.reviewer)
  const imported = await w.api.call('reviewImportTaxBureauPayments', {
    body: {
      rows: due.map((l, i) => ({
        bureauReceipt: `SW-E2E-${i}`,
        idNumber: idOf(l.personId),
        year: 2027,
        amount: l.due,
        paidOn: '2026-11-20'
      }))
    },
    token: reviewer.token
  })
  expect(imported.data?.enrolled).toBe(due.length)

  await card.getByText('我已经交了，看看登记了没有').click()
  await w.page.getByText('2027年全家都已交清').waitFor()
  await expect(w.page.locator('.pay-tax-bureau:visible').count()).resolves.toBe(0)
  expect(w.errors).toEqual([])
})

test('elderly mode: the same card, large', async () => {
  await openSignedIn(w, DEMO.elder, '/subpackages/pay/quote/index?householdId=hh_0002', { elderly: true })
  const card = w.page.locator('.pay-tax-bureau:visible')
  await card.getByText('本县在税务部门交医保费').waitFor()
  await settle(w)
  await card.scrollIntoViewIfNeeded()
  await shot(w, 'pay-tax-bureau-elderly')
})
