// Quality gate (issue 9): axe-core over every page of the h5 build, in normal and in elderly
// mode, signed in as the demo head of household with real data on each page (a paid order's
// receipt, a claim's breakdown, an application's status). Zero serious or critical
// violations. Each page is also photographed at phone size into e2e/artifacts/a11y-*.png.
import { mkdirSync, mkdtempSync } from 'fs'
import os from 'os'
import path from 'path'
import dayjs from 'dayjs'
import type { BrowserContext, Page } from 'playwright-core'
import { makeIdNumber } from '../../src/shared/id-number'
import { startProduct, TEST_NOW, type RunningProduct } from '../../config/product'
import { ARTIFACTS, collectErrors, launchPhone } from '../support/browser'
import { countyClient, DEMO, DEV_OTP, openSignedIn, signInApi, type SignedIn } from '../support/session'

jest.setTimeout(600_000)

let product: RunningProduct
let context: BrowserContext
let page: Page
let errors: string[]
let head: SignedIn
/** route (without leading slash) → the query that gives the page real data */
const query: Record<string, string> = {}

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
  const hh = head.me.households[0].householdId
  const county = countyClient(product)
  const token = head.token
  const household = await county.ok('getHousehold', { params: { householdId: hh }, token })
  const { orders } = await county.ok('listOrders', { params: { householdId: hh }, token })
  const paid = orders.find((o) => o.receiptNumber)
  if (!paid) throw new Error('the demo household has no paid order')
  let claimId: string | undefined
  for (const m of household.members) {
    const list = await county.ok('listClaims', { params: { personId: m.personId }, token })
    claimId = list.claims[0]?.claimId
    if (claimId) break
  }
  if (!claimId) throw new Error('the demo household has no claim')
  const birth = dayjs(product.now()).add(8, 'hour').subtract(20, 'day').format('YYYYMMDD')
  const app = await county.call('createApplication', {
    body: {
      householdId: hh,
      kind: 'add_newborn',
      fields: {
        name: '王𪚥',
        idNumber: makeIdNumber('999901', birth, '031'),
        relation: '孙子',
        reason: '出生医学证明编号：P440123456'
      }
    },
    token
  })
  if (app.status !== 201) throw new Error(`application: ${app.status}`)
  const year = dayjs(product.now()).add(8, 'hour').year() + 1
  Object.assign(query, {
    'subpackages/pay/quote/index': `householdId=${hh}&year=${year}`,
    'subpackages/pay/order/index': `orderId=${paid.orderId}`,
    'subpackages/pay/cashier/index': `orderId=${paid.orderId}&amount=${encodeURIComponent(paid.amount)}`,
    'subpackages/pay/receipt/index': `orderId=${paid.orderId}`,
    'subpackages/enrol/checklist/index': 'kind=add_newborn',
    'subpackages/enrol/add-member/index': 'kind=add_newborn',
    'subpackages/enrol/status/index': `id=${app.data.applicationId}`,
    'subpackages/claims/detail/index': `claimId=${claimId}`
  })
})

afterAll(async () => {
  await context?.close()
  await product?.close()
}, 120_000)

/** Every page the app declares: the tab pages and each subpackage's pages (app.config.ts
 *  calls Taro's build-time global defineAppConfig, so it is given here). */
;(globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }).defineAppConfig = (c) => c
// eslint-disable-next-line import/no-commonjs, @typescript-eslint/no-var-requires
const appConfig = require('../../src/app.config').default as {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
}

const ROUTES: string[] = [
  ...appConfig.pages,
  ...(appConfig.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))
]

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
  test.each(ROUTES.map((r) => [r]))('%s: no serious or critical axe violation', async (route) => {
    const q = query[route]
    await openSignedIn(page, product, head, `/${route}${q ? `?${q}` : ''}`, { elderly })
    const shell = page.locator(elderly ? '.app-page.elderly:visible' : '.app-page:not(.elderly):visible').first()
    await shell.waitFor({ timeout: 30_000 })
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(300) // let the last answer render
    // the page shows its own content, not a crash or a blank shell
    expect((await shell.innerText()).trim().length).toBeGreaterThan(4)
    await page.screenshot({
      path: path.join(ARTIFACTS, `a11y-${mode}-${route.replace(/\/index$/, '').replace(/\//g, '_')}.png`)
    })
    expect(await axeSerious(page)).toEqual([])
  })
})

test('no page threw an error', () => {
  expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([])
})
