// Launches Debian's chromium through playwright-core. A downloaded browser cannot be
// installed on these machines, so a missing /usr/bin/chromium is a hard failure with
// the command that fixes it, never a silent skip.
import { existsSync, mkdtempSync } from 'fs'
import os from 'os'
import path from 'path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export class ChromiumMissingError extends Error {
  constructor(executablePath: string) {
    super(
      `Chromium was not found at ${executablePath}. The browser tests need Debian's chromium: ` +
        'run `sudo apt-get update && sudo apt-get install -y chromium` (CI: .ci/run installs it).'
    )
    this.name = 'ChromiumMissingError'
  }
}

export const PHONE = { width: 375, height: 667 }

/**
 * `now`: the clock the product runs on (RunningProduct.now). Playwright's clock starts the page's
 * time there and lets it run on at real speed, so the app's "today" is the county's. (A hand-made
 * Date shift was tried first: the app then came back from a county outage only after minutes.)
 */
export async function launchPhone(
  opts: { executablePath?: string; now?: () => number } = {}
): Promise<{ context: BrowserContext; page: Page }> {
  const executablePath = opts.executablePath || CHROMIUM_PATH
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath)
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'xqyb-chromium-')), {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN'
    ],
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai'
  })
  if (opts.now) await context.clock.install({ time: opts.now() })
  const page = context.pages()[0] || (await context.newPage())
  return { context, page }
}

/** Collects page errors so a test can assert the app did not crash. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  // a failed request's message does not name it; the location does (path only: no tokens)
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    const where = m.location()?.url
      ? ` [${
          m
            .location()
            .url.replace(/^https?:\/\/[^/]+/, '')
            .split('?')[0]
        }]`
      : ''
    errors.push(`console.error: ${m.text()}${where}`)
  })
  return errors
}

export const ARTIFACTS = path.resolve(__dirname, '../artifacts')

/** A tab of the app's own tab bar on the page on screen (every tab page draws its own). */
export function tabBarLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name, exact: true })
}
