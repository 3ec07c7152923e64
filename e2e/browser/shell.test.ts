// The h5 build renders the app shell in Chromium at phone size, the tab bar navigates,
// and elderly mode makes the text larger (computed font size, not a class check).
import { mkdirSync } from 'fs'
import path from 'path'
import type { BrowserContext, Page } from 'playwright-core'
import { ARTIFACTS, collectErrors, launchPhone, tabBarLink } from '../support/browser'
import { startStaticServer, type RunningStatic } from '../../config/static-server'

let web: RunningStatic
let context: BrowserContext
let page: Page
let errors: string[]

beforeAll(async () => {
  web = await startStaticServer({ root: path.resolve(process.env.H5_DIST || path.join(__dirname, '../../dist/h5')) })
  ;({ context, page } = await launchPhone())
  errors = collectErrors(page)
  mkdirSync(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await context?.close()
  await web?.close()
})

test('the shell renders with its tab bar', async () => {
  await page.goto(`${web.url}/#/pages/home/index`)
  await page.getByText('我家参保情况').waitFor()
  for (const tab of ['参保', '缴费', '报销', '我的']) {
    await expect(tabBarLink(page, tab).count()).resolves.toBe(1)
  }
  await expect(tabBarLink(page, '参保').getAttribute('aria-current')).resolves.toBe('page')
  const base = await page
    .locator('.app-page')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(base).toBeGreaterThanOrEqual(16)
  await page.screenshot({ path: path.join(ARTIFACTS, 'shell-home.png') })
})

test('the 我的 tab turns on elderly mode, and text gets larger', async () => {
  await tabBarLink(page, '我的').click()
  await page.getByText('大字模式（字更大、按钮更大）').waitFor()
  const before = await page
    .locator('.app-page:visible')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  await page.locator('.elderly-switch').first().click()
  await page.locator('.app-page.elderly:visible').last().waitFor()
  const after = await page
    .locator('.app-page.elderly:visible')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(after).toBeGreaterThanOrEqual(20)
  expect(after).toBeGreaterThan(before)
  await page.screenshot({ path: path.join(ARTIFACTS, 'shell-me-elderly.png') })
  // no county API runs here: 我的 asks it which voices it speaks, is answered 502 by the static
  // server, and offers 普通话 alone; home asked for the county's public notices the same way (and
  // tried again, as a GET may). Nothing else may fail.
  await expect(page.locator('.voice-choice:visible [role="radio"]').allTextContents()).resolves.toEqual(['✓ 普通话'])
  const noCounty = ['(Bad Gateway) [/county/v1/speech/voices]', '(Bad Gateway) [/county/v1/notices]']
  expect(errors.filter((e) => !noCounty.some((n) => e.endsWith(n)))).toEqual([])
})
