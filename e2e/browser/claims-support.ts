// Shared set-up for the claims browser tests: the whole product (county API on a temp
// database + the h5 build), a phone-sized chromium, sign-in through the real h5 form,
// and a second county session in node to read what the county says (expected values).
import { mkdirSync } from 'fs'
import path from 'path'
import type { BrowserContext, Page } from 'playwright-core'
import { startProduct, TEST_NOW, type RunningProduct } from '../../config/product'
import { ARTIFACTS, collectErrors, launchPhone } from '../support/browser'
import { client, type Client } from '../../county-api/src/testing/client'
import { DEMO, DEV_OTP, signInApi, signInWithForm } from '../support/session'

export interface ClaimsWorld {
  product: RunningProduct
  context: BrowserContext
  page: Page
  errors: string[]
  /** the county API as the app calls it (through the web server's /county proxy), typed by the contract */
  api: Client
  /** 王建国's (demo-head) session token, for `api` */
  headToken: string
}

export async function startWorld(households = 12): Promise<ClaimsWorld> {
  const product = await startProduct({ households, env: { DEV_OTP }, now: TEST_NOW })
  const { context, page } = await launchPhone({ now: product.now })
  const errors = collectErrors(page)
  mkdirSync(ARTIFACTS, { recursive: true })
  const { token } = await signInApi(product, DEMO.head)
  return { product, context, page, errors, api: client(`${product.webUrl}/county`), headToken: token }
}

export async function stopWorld(w: ClaimsWorld | undefined): Promise<void> {
  await w?.context.close()
  await w?.product.close()
}

/** Signs in as 王建国 (demo-head) through the h5 sign-in form. */
export async function signInAsHead(w: ClaimsWorld): Promise<void> {
  await signInWithForm(w.page, w.product, DEMO.head)
}

/** Turns elderly mode on or off with the switch on the 我的 tab, as a villager would. */
export async function setElderly(w: ClaimsWorld, on: boolean): Promise<void> {
  const { page, product } = w
  await page.goto(`${product.webUrl}/#/pages/me/index`)
  const sw = page.locator('.elderly-switch:visible').first()
  await sw.waitFor()
  const isOn = (await page.locator('.app-page.elderly:visible').count()) > 0
  if (isOn !== on) await sw.click()
  await page
    .locator(on ? '.app-page.elderly:visible' : '.app-page:not(.elderly):visible')
    .first()
    .waitFor()
}

export function shot(name: string): string {
  return path.join(ARTIFACTS, `${name}.png`)
}

/** Screenshot of the whole page: the h5 app scrolls inside its page container, so the
 *  viewport is made as tall as the content for the picture, then put back to 375×667. */
export async function fullShot(page: Page, name: string): Promise<void> {
  const h = await page.evaluate(() =>
    Math.max(
      ...Array.from(document.querySelectorAll('.taro_page, .app-page, body')).map(
        (e) => (e as HTMLElement).scrollHeight
      )
    )
  )
  await page.setViewportSize({ width: 375, height: Math.min(Math.max(h + 60, 667), 6000) })
  await page.screenshot({ path: shot(name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

/** Today in Beijing, as the app computes it. */
/** Today by the product's (pinned) clock, in Asia/Shanghai. */
export function todayShanghai(w: ClaimsWorld): string {
  return new Date(w.product.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}
