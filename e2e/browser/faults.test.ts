// Quality gate: the county API failing in every way we could inject (slow past the timeout,
// 500s, connection dropped mid-response, malformed JSON, "not modified" with a stale ETag)
// never breaks the app and never shows a wrong figure: the household opens on the phone's saved
// data with a plain notice, and comes back fresh once the county answers again.
import os from 'os'
import path from 'path'
import { mkdtempSync } from 'fs'
import type { BrowserContext, Page } from 'playwright-core'
import { startProduct, type RunningProduct } from '../../config/product'
import type { Fault } from '../../config/static-server'
import { collectErrors, launchPhone } from '../support/browser'
import { DEMO, signInWithForm } from '../support/session'

jest.setTimeout(300_000)

let product: RunningProduct
let context: BrowserContext
let page: Page
let errors: string[]

const visible = (sel: string) => page.locator(`${sel}:visible`).first()

beforeAll(async () => {
  product = await startProduct({
    dbPath: path.join(mkdtempSync(path.join(os.tmpdir(), 'xqyb-faults-')), 'county.sqlite'),
    households: 12,
    env: { DEV_OTP: '123456' }
    // the machine's clock, not TEST_NOW: nothing here depends on the date, and with the page's
    // clock set days before the real one, recovery after a fault twice did not come within 160 s
    // (cause not found yet; see the closing note of 2026-11-24)
  })
  ;({ context, page } = await launchPhone())
  errors = collectErrors(page)
  await signInWithForm(page, product, DEMO.head) // 王建国, head of hh_0001
  await visible('.household-summary').waitFor()
})

afterAll(async () => {
  product?.setFault({ kind: 'none' })
  await context?.close()
  await product?.close()
}, 120_000)

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

test('with the county answering, the household is shown from the county system', async () => {
  await expect(visible('.household-summary').innerText()).resolves.toContain('126.50')
  await expect(visible('.household-summary').innerText()).resolves.toContain('来自县医保系统')
  reference = await snapshot()
  expect(reference.cards.length).toBeGreaterThan(1)
})

const FAULTS: Array<[string, Fault]> = [
  ['500 answers', { kind: 'error500' }],
  ['malformed JSON', { kind: 'garbage' }],
  ['connection dropped mid-response', { kind: 'drop' }],
  ['"not modified" with a stale ETag', { kind: 'stale-etag' }],
  ['an answer slower than the app waits', { kind: 'slow', delayMs: 12_000 }]
]

test.each(FAULTS)('%s: saved data, a plain notice, the same figures, no crash', async (_label, fault) => {
  product.setFault(fault)
  try {
    await page.reload()
    await page.getByText('县里的系统暂时连不上', { exact: false }).first().waitFor({ timeout: 60_000 })
    await expect(visible('.household-summary').innerText()).resolves.toContain('手机里存的')
    const now = await snapshot()
    expect(now.summary).toEqual(reference.summary)
    expect(now.cards).toEqual(reference.cards)
  } finally {
    product.setFault({ kind: 'none' })
  }
  // the county answers again: fresh data, notice gone, by itself (the app probes with pauses
  // growing up to 60 s: allow for one full pause, plus a probe already under way with its retries
  // on a loaded machine — 100 s was once not enough in a fresh-clone run)
  await page.locator('.as-of--county:visible').first().waitFor({ timeout: 160_000 })
  await expect(page.locator('.offline-banner:visible').count()).resolves.toBe(0)
})

test('no page error was thrown through all of it', () => {
  // failed requests are logged by the browser as console errors; crashes are page errors
  expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([])
})
