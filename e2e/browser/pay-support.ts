// Shared set-up for the payment browser tests: the whole product (county API on a temp
// sqlite file + the h5 build, paying through the WeChat simulator's WeChat Pay APIv3 unless a
// test file asks for the simulated cashier), demo sign-in, and looks into the county's database
// and WeChat's ledger to check what really happened to the money; the county API's typed client.
import { mkdirSync, mkdtempSync } from 'fs'
import os from 'os'
import path from 'path'
import Database from 'better-sqlite3'
import type { BrowserContext, Page } from 'playwright-core'
import { startProduct, TEST_NOW, type RunningProduct } from '../../config/product'
import { ARTIFACTS, collectErrors, launchPhone } from '../support/browser'
import type { Client } from '../../county-api/src/testing/client'
import { fenToYuan } from '../../src/calculator/money'
import {
  countyClient,
  openSignedIn as openWithSession,
  signInApi as signInWithApi,
  type SignedIn
} from '../support/session'

export { DEMO } from '../support/session'

export interface PayWorld {
  product: RunningProduct
  /** the county API, typed by the contract */
  api: Client
  dbPath: string
  context: BrowserContext
  page: Page
  errors: string[]
  db: () => Database.Database
  close: () => Promise<void>
}

export async function startPayWorld(
  opts: { payment?: 'wechat' | 'simulated'; env?: Record<string, string> } = {}
): Promise<PayWorld> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xqyb-pay-'))
  const dbPath = path.join(dir, 'county.sqlite')
  const product = await startProduct({
    dbPath,
    households: 30,
    // the pay tests sign the same personas in again and again (a dozen times a run): more codes a
    // phone than a villager gets (the limits themselves: county-api/src/abuse.test.ts)
    env: { DEV_OTP: '123456', TEST_HOOKS: '1', OTP_SENDS_PER_HOUR: '1000', OTP_SENDS_PER_DAY: '10000', ...opts.env },
    now: TEST_NOW,
    payment: opts.payment
  })
  const { context, page } = await launchPhone({ now: product.now })
  const errors = collectErrors(page)
  mkdirSync(ARTIFACTS, { recursive: true })
  let handle: Database.Database | null = null
  return {
    product,
    api: countyClient(product),
    dbPath,
    context,
    page,
    errors,
    db: () => {
      if (!handle) handle = new Database(dbPath, { readonly: true, fileMustExist: true })
      return handle
    },
    close: async () => {
      handle?.close()
      await context.close()
      await product.close()
    }
  }
}

/** Signs in through the county API (dev one-time code) and returns the session. */
export async function signInApi(w: PayWorld, phone: string): Promise<SignedIn> {
  return signInWithApi(w.product, phone)
}

/** Opens the app already signed in as a demo user, the way the app itself keeps a session. */
export async function openSignedIn(
  w: PayWorld,
  phone: string,
  route = '/pages/pay/index',
  opts: { elderly?: boolean } = {}
): Promise<string> {
  const s = await signInWithApi(w.product, phone)
  await openWithSession(w.page, w.product, s, route, opts)
  return s.token
}

export async function setElderly(w: PayWorld, on: boolean): Promise<void> {
  const settings = JSON.stringify({ state: { elderlyChoice: on ? 'on' : 'off' }, version: 1 })
  await w.page.evaluate((v) => window.localStorage.setItem('xqyb.settings', JSON.stringify({ data: v })), settings)
  await w.page.reload()
}

export interface OrderRowLite {
  id: string
  household_id: string
  year: number
  status: string
  amount_fen: number
  payer_user_id: string
  receipt_number: string | null
  transaction_id: string | null
  persons: string
}

export function ordersOf(w: PayWorld, householdId: string, year?: number): OrderRowLite[] {
  const rows = w
    .db()
    .prepare('SELECT * FROM orders WHERE household_id = ? ORDER BY created_at')
    .all(householdId) as OrderRowLite[]
  return rows.filter((o) => !o.id.startsWith('ord_seed_') && (year === undefined || o.year === year))
}

/** Money that actually moved: WeChat's ledger (the simulator's), or the simulated provider's (one row per charge). */
export function chargesFor(
  w: PayWorld,
  orderIds: string[]
): { order_id: string; result: string; amount_fen: number }[] {
  if (orderIds.length === 0) return []
  const wechat = w.product.wechat
  if (wechat)
    return orderIds.flatMap((id) => {
      const o = wechat.pay.orders.get(id)
      return o && o.transactionId ? [{ order_id: id, result: 'SUCCESS', amount_fen: o.totalFen }] : []
    })
  return w
    .db()
    .prepare(
      `SELECT order_id, result, amount_fen FROM sim_payments WHERE order_id IN (${orderIds.map(() => '?').join(',')})`
    )
    .all(...orderIds) as { order_id: string; result: string; amount_fen: number }[]
}

/** ¥1,234.50 as the Money component shows it */
export function shown(fen: number): string {
  const y = fenToYuan(fen)
  const [i, f] = y.split('.')
  return `¥${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`
}

export async function shot(w: PayWorld, name: string): Promise<void> {
  await w.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true })
}

/** Waits until the page on screen has finished sliding in (Taro h5 page transition). */
export async function settle(w: PayWorld): Promise<void> {
  await w.page.waitForFunction(() => {
    const pages = Array.from(document.querySelectorAll('.app-page')).filter(
      (e) => (e as HTMLElement).offsetParent !== null
    )
    const el = pages[pages.length - 1]
    return !!el && Math.abs(el.getBoundingClientRect().left) < 1
  })
}

export function visiblePage(w: PayWorld) {
  return w.page.locator('.app-page:visible').last()
}

/** Turns the county's clock (TEST_HOOKS only), e.g. past an order's expiry, and WeChat's with it. */
export async function setCountyClock(w: PayWorld, iso: string): Promise<void> {
  await w.product.setNow(Date.parse(iso))
}

/**
 * On WeChat's H5 payment page (the simulator's): checks the amount (in fen, as the app showed
 * it), pays or cancels, and waits to be back on the app's order page.
 */
export async function payAtWechat(w: PayWorld, opts: { expectFen?: number; cancel?: boolean } = {}): Promise<void> {
  const sim = w.product.wechat
  if (!sim) throw new Error('this product pays at the simulated cashier')
  await w.page.waitForURL((u) => u.href.startsWith(`${sim.url}/sim/h5pay`))
  if (opts.expectFen !== undefined)
    await expect(w.page.locator('.amount').innerText()).resolves.toBe(`¥${fenToYuan(opts.expectFen)}`)
  await w.page.locator(opts.cancel ? '.sim-cancel' : '.sim-pay').click()
  await w.page.waitForURL((u) => u.href.startsWith(w.product.webUrl) && u.hash.includes('/subpackages/pay/order/'))
}

export function writableDb(w: PayWorld): Database.Database {
  return new Database(w.dbPath, { fileMustExist: true })
}
