// Quality gate (issues 9 and 17): every page of the h5 build, in normal and in elderly mode,
// signed in as the demo head of household with real data on each page (a paid order's receipt,
// a claim's breakdown, an application's status): zero serious or critical axe violations; every
// button, link, text box and choice found by getByRole with its name (e2e/support/roles.ts); no
// word of the glossary (src/shared/plain-words.ts) in the visible text. Each page is also
// photographed at phone size into e2e/artifacts/a11y-*.png.
import { mkdirSync, mkdtempSync } from 'fs'
import os from 'os'
import path from 'path'
import type { BrowserContext, Page } from 'playwright-core'
import { startProduct, TEST_NOW, type RunningProduct } from '../../config/product'
import { ARTIFACTS, collectErrors, launchPhone } from '../support/browser'
import { DEMO, DEV_OTP, signInApi, type SignedIn } from '../support/session'
import { openPage, pageQueries, ROUTES, screenName } from '../support/pages'
import { unreachableControls } from '../support/roles'
import { bannedTermsIn, PLAIN_WORDS } from '../../src/shared/plain-words'

jest.setTimeout(600_000)

let product: RunningProduct
let context: BrowserContext
let page: Page
let errors: string[]
let head: SignedIn
/** route (without leading slash) → the query that gives the page real data */
let query: Record<string, string> = {}

beforeAll(async () => {
  product = await startProduct({
    dbPath: path.join(mkdtempSync(path.join(os.tmpdir(), 'xqyb-a11y-')), 'county.sqlite'),
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

async function axeSerious(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  const violations = await p.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>
        }
      }
    ).axe
    const r = await axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' '))
    }))
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`)
}

test('the app declares the pages this test walks', () => {
  expect(ROUTES.length).toBeGreaterThanOrEqual(20)
  expect(ROUTES).toContain('pages/home/index')
  expect(ROUTES).toContain('subpackages/claims/detail/index')
})

describe.each([
  ['normal', false],
  ['elderly', true]
] as const)('%s mode', (mode, elderly) => {
  test.each(ROUTES.map((r) => [r]))('%s: no serious axe violation, controls by role, plain words', async (route) => {
    const shell = await openPage(page, product, head, route, query, { elderly })
    // the page shows its own content, not a crash or a blank shell
    expect((await shell.innerText()).trim().length).toBeGreaterThan(4)
    await page.screenshot({ path: path.join(ARTIFACTS, `a11y-${mode}-${screenName(route)}.png`) })
    expect(await axeSerious(page)).toEqual([])
    expect(await unreachableControls(page)).toEqual([])
    const words = bannedTermsIn(await shell.innerText()).map(
      (t) => `${t} → ${PLAIN_WORDS.find((w) => w.term === t)?.plain}`
    )
    expect(words).toEqual([])
  })
})

test('no page threw an error', () => {
  expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([])
})
