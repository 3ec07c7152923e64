// Issue 19 end to end on the h5 build + the county API in Chromium at phone size: the notices
// and 公示 on home with their unread count, a notice page (masked names, 读给我听); the
// official-channels page from sign-in and from the notices; the yearly statement with the
// county's figures and code, as a picture and as the county's PDF.
import { mkdtempSync, readFileSync } from 'fs'
import os from 'os'
import path from 'path'
import type { BrowserContext, Page } from 'playwright-core'
import { startProduct, TEST_NOW, type RunningProduct } from '../../config/product'
import { collectErrors, launchPhone } from '../support/browser'
import { countyClient, DEMO, DEV_OTP, openSignedIn, signInApi, type SignedIn } from '../support/session'
import { formatMoney } from '../../src/components/money/format'

jest.setTimeout(240_000)

let product: RunningProduct
let context: BrowserContext
let page: Page
let errors: string[]
let head: SignedIn

const YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(TEST_NOW))
)

beforeAll(async () => {
  product = await startProduct({
    dbPath: path.join(mkdtempSync(path.join(os.tmpdir(), 'xqyb-notices-')), 'county.sqlite'),
    households: 12,
    env: { DEV_OTP },
    now: TEST_NOW
  })
  ;({ context, page } = await launchPhone({ now: product.now }))
  errors = collectErrors(page)
  head = await signInApi(product, DEMO.head)
})

afterAll(async () => {
  await context?.close()
  await product?.close()
})

const visible = (sel: string) => page.locator(`${sel}:visible`).first()

test('home counts the notices not opened yet; a 公示 shows masked names and can be read aloud; opening it counts it read', async () => {
  const { notices } = await countyClient(product).ok('listNotices', {})
  const disclosure = notices.find((n) => n.kind === 'payout_disclosure' && n.entries.length > 0)
  if (!disclosure) throw new Error('the demo county has no 公示 list')
  await openSignedIn(page, product, head, '/pages/home/index')
  await expect(visible('.notices-entry__count').textContent()).resolves.toBe(`有${notices.length}条没看`)

  await visible('.notices-entry__go').click()
  await visible('.notice-item').waitFor()
  await expect(page.locator('.notice-item__title:visible').allTextContents()).resolves.toEqual(
    notices.map((n) => n.title)
  )
  await page.getByRole('button', { name: `看这条：${disclosure.title}` }).click()
  await visible('.notice__title').waitFor()
  await expect(visible('.notice__title').textContent()).resolves.toBe(disclosure.title)
  const names = await page.locator('.notice__entry-name:visible').allTextContents()
  expect(names).toHaveLength(disclosure.entries.length)
  for (const [i, e] of disclosure.entries.entries()) {
    expect(names[i]).toContain(e.nameMasked)
    expect(e.nameMasked).toMatch(/^[^*]\**(·\**)?$/u) // only the first character shows
  }
  await expect(page.getByRole('button', { name: `读给我听：${disclosure.title}` }).count()).resolves.toBe(1)

  await page.goBack()
  await page.goBack()
  await visible('.notices-entry__count').waitFor()
  await expect(visible('.notices-entry__count').textContent()).resolves.toBe(`有${notices.length - 1}条没看`)
  expect(errors).toEqual([])
})

test('the official channels page is one tap from sign-in and from the notices: 12393, no links, where the e-voucher is', async () => {
  await page.goto(`${product.webUrl}/#/subpackages/account/sign-in/index`)
  await page.getByRole('button', { name: '防骗：怎么认出医保的官方渠道' }).click()
  await visible('.official').waitFor()
  const text = (await page.locator('.official:visible').allTextContents()).join('\n')
  expect(text).toContain('医保从来不会发短信或链接')
  expect(text).toContain('12393')
  // h5 cannot open WeChat's mini-program: it says where to find the e-voucher
  expect(text).toContain('城市服务')
  await expect(page.getByRole('button', { name: '读给我听：防骗提醒' }).count()).resolves.toBe(1)

  await openSignedIn(page, product, head, '/subpackages/notices/index/index')
  await visible('.notice-item').waitFor()
  await page.getByRole('button', { name: '防骗：怎么认出医保的官方渠道' }).click()
  await visible('.official--warning').waitFor()
})

test("the statement shows the county's figures and code, makes a picture, and downloads the county's PDF", async () => {
  const hh = head.me.households[0].householdId
  const s = await countyClient(product).ok('getStatement', {
    params: { householdId: hh },
    query: { year: YEAR },
    token: head.token
  })
  await openSignedIn(page, product, head, '/pages/home/index')
  await page.getByRole('button', { name: '开证明' }).click()
  await visible('.statement__code').waitFor()
  await expect(visible('.statement__code').textContent()).resolves.toBe(`核验码 ${s.verificationCode}`)
  const totals = await page.locator('.statement__total:visible').allTextContents()
  expect(totals).toEqual([
    `交费¥${formatMoney(s.totals.contributions)}`,
    `看病总费用¥${formatMoney(s.totals.totalCost)}`,
    `医保付了¥${formatMoney(s.totals.insurancePaid)}`,
    `自己付了¥${formatMoney(s.totals.patientPays)}`
  ])
  for (const m of s.members)
    await expect(page.locator('.statement__name:visible', { hasText: m.name }).count()).resolves.toBe(1)

  // another year is another statement
  await page.getByRole('button', { name: `${YEAR - 1}年` }).click()
  await page.getByText(`${YEAR - 1}年度城乡居民医保参保缴费证明`).waitFor()
  await page.getByRole('button', { name: `${YEAR}年` }).click()
  await page.getByText(`${YEAR}年度城乡居民医保参保缴费证明`).waitFor()

  await page.getByRole('button', { name: '存成图片，发给家人' }).click()
  const src = await visible('.statement-image img').getAttribute('src')
  expect(src).toMatch(/^data:image\/png;base64,/)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载PDF（可以打印）' }).click()
  ])
  const file = await download.path()
  const bytes = readFileSync(file)
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
  expect(download.suggestedFilename()).toBe(`参保缴费证明-${YEAR}.pdf`)
  await page.getByText('PDF已下载，可以打印').waitFor()
  expect(errors).toEqual([])
})
