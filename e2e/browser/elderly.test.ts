// Elderly mode to the MIIT 适老化 figures (../shared/design/elderly-design.md), measured in the
// h5 build on every page at 320 and 375 wide: every visible text at least 18 pt with line
// spacing 1.3+ and contrast 4.5:1+, every control at least 60 × 60 pt; the elder's own answer
// (今天看病能报销…) on the first screen of home; and text able to reach 30 pt (我的 → 字的大小 → 最大).
import { mkdirSync, mkdtempSync } from 'fs'
import os from 'os'
import path from 'path'
import type { BrowserContext, Page } from 'playwright-core'
import { startProduct, TEST_NOW, type RunningProduct } from '../../config/product'
import { ARTIFACTS, collectErrors, launchPhone, tabBarLink } from '../support/browser'
import { DEMO, DEV_OTP, openSignedIn, signInApi, type SignedIn } from '../support/session'
import { openPage, pageQueries, ROUTES, screenName } from '../support/pages'
import { measurePage } from '../support/measure'

jest.setTimeout(600_000)

const MIN_TEXT_PT = 18
const MIN_LINE_SPACING = 1.3
const MIN_CONTRAST = 4.5
const MIN_TARGET_PT = 60

let product: RunningProduct
let context: BrowserContext
let page: Page
let errors: string[]
let head: SignedIn
let query: Record<string, string> = {}

beforeAll(async () => {
  product = await startProduct({
    dbPath: path.join(mkdtempSync(path.join(os.tmpdir(), 'xqyb-elderly-')), 'county.sqlite'),
    households: 12,
    env: { DEV_OTP },
    now: TEST_NOW
  })
  ;({ context, page } = await launchPhone({ now: product.now }))
  errors = collectErrors(page)
  mkdirSync(ARTIFACTS, { recursive: true })
  head = await signInApi(product, DEMO.head)
  query = await pageQueries(product, head)
})

afterAll(async () => {
  await context?.close()
  await product?.close()
}, 120_000)

describe.each([
  [320, 568],
  [375, 667]
])('elderly mode at %i × %i', (width, height) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height })
  })

  test.each(ROUTES.map((r) => [r]))('%s: text, spacing, contrast and targets to the figures', async (route) => {
    await openPage(page, product, head, route, query, { elderly: true })
    const { texts, controls } = await measurePage(page)
    expect(texts.length).toBeGreaterThan(0)
    const small = texts.filter((t) => t.fontSize < MIN_TEXT_PT - 0.01).map((t) => `${t.fontSize}px "${t.text}"`)
    const tight = texts
      .filter((t) => t.lineHeight / t.fontSize < MIN_LINE_SPACING - 0.001)
      .map((t) => `${(t.lineHeight / t.fontSize).toFixed(2)} "${t.text}"`)
    const faint = texts.filter((t) => t.contrast < MIN_CONTRAST).map((t) => `${t.contrast.toFixed(2)}:1 "${t.text}"`)
    const tiny = controls
      .filter((c) => c.width < MIN_TARGET_PT - 0.5 || c.height < MIN_TARGET_PT - 0.5)
      .map((c) => `${Math.round(c.width)}×${Math.round(c.height)} "${c.name}"`)
    if (width === 320) await page.screenshot({ path: path.join(ARTIFACTS, `elderly-320-${screenName(route)}.png`) })
    expect({ small, tight, faint, tiny }).toEqual({ small: [], tight: [], faint: [], tiny: [] })
  })

  test("home: each member's answer (今天看病能/不能报销) starts on the first screen", async () => {
    await openPage(page, product, head, 'pages/home/index', query, { elderly: true })
    const answer = page.locator('.member-card__care-answer:visible').first()
    await answer.waitFor()
    const box = await answer.boundingBox()
    const bar = await page.locator('.tab-bar:visible').first().boundingBox()
    expect(box).not.toBeNull()
    expect(bar).not.toBeNull()
    // the whole line is above the tab bar without scrolling
    expect(box!.y + box!.height).toBeLessThanOrEqual(bar!.y)
  })
})

test('text reaches 30 pt: 我的 → 字的大小 → 最大, and the tab bar labels grow with it', async () => {
  await page.setViewportSize({ width: 375, height: 667 })
  await openSignedIn(page, product, head, '/pages/me/index', { elderly: true })
  await page.getByRole('radio', { name: '最大' }).click()
  await expect(page.getByRole('radio', { name: '最大' }).getAttribute('aria-checked')).resolves.toBe('true')
  const mainText = () =>
    page
      .locator('.app-page.elderly:visible')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(await mainText()).toBeGreaterThanOrEqual(30)
  const label = await tabBarLink(page, '我的')
    .locator('.tab-bar__label')
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(label).toBeGreaterThanOrEqual(30)
  // and every page keeps it: home's text is as large
  await tabBarLink(page, '参保').click()
  await page.locator('.member-card:visible').first().waitFor()
  expect(await mainText()).toBeGreaterThanOrEqual(30)
  await page.screenshot({ path: path.join(ARTIFACTS, 'elderly-largest-home.png') })
})

test('no page threw an error', () => {
  expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([])
})

test('读给我听 in the h5 build: the county voice plays (no browser Chinese voice here), with a stop state', async () => {
  await page.setViewportSize({ width: 375, height: 667 })
  await openSignedIn(page, product, head, '/pages/home/index', { elderly: true })
  const button = page.getByRole('button', { name: '读给我听：王建国的参保情况' })
  await button.click()
  const stop = page.getByRole('button', { name: '停止读：王建国的参保情况' })
  await stop.waitFor({ timeout: 30_000 })
  await expect(stop.getAttribute('aria-pressed')).resolves.toBe('true')
  await page.getByText('■ 停止读（正在读）').waitFor()
  await stop.click()
  await button.waitFor()
  expect(await page.getByRole('alert').filter({ hasText: '没法读出来' }).count()).toBe(0)
})
