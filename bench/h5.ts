// npm run bench:h5 — the h5 build on a weak rural network, in Debian chromium at phone size,
// throttled with CDP Network.emulateNetworkConditions:
//   3G-like 750 kbps / 300 ms RTT and 2G-like 250 kbps / 800 ms RTT,
//   cold start (no HTTP cache, no cached household) and warm start (both cached),
//   each measured to "household status visible" (the first member card on the home page),
//   plus the bytes transferred by a cold first load (compressed, as served).
// Needs dist/h5 (npm run build:h5). Prints one figure a line with its target.
// `--waterfall` also prints each request of the cold 3G start: start → end ms, KB, path.
import os from 'os'
import path from 'path'
import { mkdtempSync } from 'fs'
import type { CDPSession, Page } from 'playwright-core'
import { startProduct } from '../config/product'
import { launchPhone } from '../e2e/support/browser'
import { info, report, type Figure } from './format'

interface Profile {
  name: string
  kbps: number
  rttMs: number
}
const PROFILES: Profile[] = [
  { name: '3G', kbps: 750, rttMs: 300 },
  { name: '2G', kbps: 250, rttMs: 800 }
]

async function throttle(cdp: CDPSession, p: Profile | null) {
  await cdp.send(
    'Network.emulateNetworkConditions',
    p
      ? {
          offline: false,
          latency: p.rttMs,
          downloadThroughput: (p.kbps * 1000) / 8,
          uploadThroughput: (p.kbps * 1000) / 8
        }
      : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }
  )
}

async function timeToStatus(page: Page, url: string): Promise<number> {
  const t0 = Date.now()
  await page.goto(url, { waitUntil: 'commit' })
  await page.locator('.member-card:visible').first().waitFor({ timeout: 60_000 })
  return Date.now() - t0
}

async function main() {
  const product = await startProduct({
    dbPath: path.join(mkdtempSync(path.join(os.tmpdir(), 'xqyb-bench-h5-')), 'county.sqlite'),
    households: 12,
    env: { DEV_OTP: '123456' }
  })
  const { context, page } = await launchPhone()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  let bytes = 0
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength
  })
  // --waterfall: what a cold start waits for, request by request
  const started = new Map<string, { url: string; t: number }>()
  let t0 = 0
  let watching = false
  if (process.argv.includes('--waterfall')) {
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; timestamp: number; request: { url: string } }) => {
      if (!watching) return
      if (!t0) t0 = e.timestamp
      started.set(e.requestId, { url: e.request.url, t: e.timestamp })
    })
    cdp.on('Network.loadingFinished', (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
      const r = started.get(e.requestId)
      if (!r || r.url.startsWith('data:')) return
      const ms = (t: number) => ((t - t0) * 1000).toFixed(0).padStart(6)
      console.log(
        `${ms(r.t)} → ${ms(e.timestamp)} ms ${(e.encodedDataLength / 1024).toFixed(1).padStart(6)} KB ${new URL(r.url).pathname}`
      )
    })
  }
  const home = `${product.webUrl}/#/pages/home/index`
  const figures: Figure[] = []
  const lines: string[] = []
  try {
    // sign in once, unthrottled (the session survives reloads in this tab)
    await page.goto(`${product.webUrl}/#/subpackages/account/sign-in/index`)
    await page.locator('.sign-in__phone:visible input').first().fill('13800000001')
    await page.locator('.sign-in__send:visible').first().click()
    await page.getByText('验证码已发出，请查看短信').waitFor()
    await page.locator('.sign-in__code:visible input').first().fill('123456')
    await page.locator('.sign-in__submit:visible').first().click()
    await page.locator('.member-card:visible').first().waitFor({ timeout: 60_000 })

    for (const p of PROFILES) {
      // cold: no HTTP cache and no cached household on the phone (the session stays)
      await cdp.send('Network.clearBrowserCache')
      // the data cache only (xqyb.cache.*): the signed-in session stays, as after an app restart
      await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('xqyb.cache.'))
          .forEach((k) => localStorage.removeItem(k))
      )
      await page.goto('about:blank')
      await throttle(cdp, p)
      bytes = 0
      watching = p.name === '3G'
      const cold = await timeToStatus(page, home)
      watching = false
      const coldBytes = bytes
      // warm: everything cached from the cold run
      await page.goto('about:blank')
      const warm = await timeToStatus(page, home)
      await throttle(cdp, null)
      if (p.name === '3G') {
        figures.push({
          name: 'h5 cold start to status visible (3G 750 kbps, 300 ms)',
          value: cold / 1000,
          unit: 's',
          kind: 'max',
          target: 3,
          digits: 2
        })
        figures.push({
          name: 'h5 warm start from cache to status visible (3G)',
          value: warm / 1000,
          unit: 's',
          kind: 'max',
          target: 1,
          digits: 2
        })
        figures.push({
          name: 'h5 first-load transfer (compressed)',
          value: coldBytes / 1024,
          unit: 'KB',
          kind: 'max',
          target: 300
        })
      } else {
        lines.push(
          info(`h5 cold start to status visible (${p.name} ${p.kbps} kbps, ${p.rttMs} ms)`, cold / 1000, 's', 2)
        )
        lines.push(info(`h5 warm start from cache to status visible (${p.name})`, warm / 1000, 's', 2))
      }
    }
  } finally {
    await context.close()
    await product.close()
  }
  const ok = report(figures)
  for (const l of lines) console.log(l)
  process.exitCode = ok ? 0 : 1
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
