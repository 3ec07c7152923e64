// Quality gate: the county API failing in every way we could inject (slow past the timeout,
// 500s, connection dropped mid-response, malformed JSON, "not modified" with a stale ETag)
// never breaks the app and never shows a wrong figure: the household opens on the phone's saved
// data with a plain notice, and comes back fresh within seconds once the county answers again,
// whatever the phone's clock says.
import os from 'os'
import path from 'path'
import { mkdtempSync } from 'fs'
import type { BrowserContext, Page } from 'playwright-core'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { startProduct, TEST_NOW, type RunningProduct } from '../../config/product'
import type { Fault } from '../../config/static-server'
import { collectErrors, launchPhone } from '../support/browser'
import { DEMO, signInWithForm } from '../support/session'

dayjs.extend(utc)

// Each test finishes within a minute: the app gives up on a request after 10 s and, once the
// county answers again, every screen is fresh within 10 s (2 s, 4 s, then every 8 s).
jest.setTimeout(60_000)

const DAY_MS = 86_400_000
// Farmers' phones are often days off. The page's clock is set days before and days after the
// county's (timers run at real speed): recovery must not depend on the two agreeing, and the
// dates the app shows are the county's.
const CLOCKS: Array<[string, number]> = [
  ['three days behind the county', -3],
  ['three days ahead of the county', 3]
]

const FAULTS: Array<[string, Fault]> = [
  ['500 answers', { kind: 'error500' }],
  ['malformed JSON', { kind: 'garbage' }],
  ['connection dropped mid-response', { kind: 'drop' }],
  ['"not modified" with a stale ETag', { kind: 'stale-etag' }],
  ['an answer slower than the app waits', { kind: 'slow', delayMs: 12_000 }]
]

let product: RunningProduct

beforeAll(async () => {
  product = await startProduct({
    dbPath: path.join(mkdtempSync(path.join(os.tmpdir(), 'xqyb-faults-')), 'county.sqlite'),
    households: 12,
    env: { DEV_OTP: '123456' },
    now: TEST_NOW // morning in Beijing: the county's date below is the same day throughout
  })
}, 120_000)

afterAll(async () => {
  product?.setFault({ kind: 'none' })
  await product?.close()
}, 120_000)

/** "11月20日": the county's today as the as-of line writes it */
const countyDay = () =>
  dayjs(product.now())
    .utcOffset(8 * 60)
    .format('M月D日')

describe.each(CLOCKS)('a phone %s', (_label, days) => {
  let context: BrowserContext
  let page: Page
  let errors: string[]
  const visible = (sel: string) => page.locator(`${sel}:visible`).first()

  beforeAll(async () => {
    ;({ context, page } = await launchPhone({ now: () => product.now() + days * DAY_MS }))
    errors = collectErrors(page)
    await signInWithForm(page, product, DEMO.head) // 王建国, head of hh_0001
    await visible('.household-summary').waitFor()
  }, 120_000)

  afterAll(async () => {
    product.setFault({ kind: 'none' })
    await context?.close()
  }, 60_000)

  /** What the household looks like when the county answers: the reference for every fault. */
  let reference: { summary: string; cards: string[] }
  async function snapshot() {
    return {
      // the figures only: not the as-of line, its source, or a transient "updating" note
      summary: (await visible('.household-summary').innerText())
        .split('\n')
        .filter((l) => l.trim() && !/数据时间|来自|正在更新/.test(l))
        .join('\n'),
      cards: await page.locator('.member-card:visible').allInnerTexts()
    }
  }

  test('with the county answering, the household is shown from the county system, dated by its clock', async () => {
    await expect(visible('.household-summary').innerText()).resolves.toContain('126.50')
    await visible('.as-of--county').waitFor()
    // the phone's own date is three days off; the app shows the county's
    await expect(visible('.as-of--county').innerText()).resolves.toContain(`数据时间 ${countyDay()}`)
    reference = await snapshot()
    expect(reference.cards.length).toBeGreaterThan(1)
  })

  test.each(FAULTS)(
    '%s: saved data, a plain notice, the same figures, fresh within seconds after',
    async (_l, fault) => {
      product.setFault(fault)
      try {
        await page.reload()
        await page.getByText('县里的系统暂时连不上', { exact: false }).first().waitFor({ timeout: 30_000 })
        await expect(visible('.household-summary').innerText()).resolves.toContain('手机里存的')
        const now = await snapshot()
        expect(now.summary).toEqual(reference.summary)
        expect(now.cards).toEqual(reference.cards)
      } finally {
        product.setFault({ kind: 'none' })
      }
      // the county answers again: fresh data and the notice gone by themselves, within 10 s (a
      // little more for a request already under way on a loaded machine)
      await page.locator('.as-of--county:visible').first().waitFor({ timeout: 15_000 })
      await expect(page.locator('.offline-banner:visible').count()).resolves.toBe(0)
      await expect(visible('.as-of--county').innerText()).resolves.toContain(`数据时间 ${countyDay()}`)
    }
  )

  test('no page error was thrown through all of it', () => {
    // failed requests are logged by the browser as console errors; crashes are page errors
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([])
  })
})
