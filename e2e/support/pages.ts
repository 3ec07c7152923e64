// Every page of the app, each opened with real data (a paid order's receipt, a claim's
// breakdown, an application's status): the walks over all pages (accessibility, elderly
// figures, words) share this.
import dayjs from 'dayjs'
import type { Locator, Page } from 'playwright-core'
import { makeIdNumber } from '../../src/shared/id-number'
import type { RunningProduct } from '../../config/product'
import { countyClient, openSignedIn, type SignedIn } from './session'

/** Every page the app declares: the tab pages and each subpackage's pages (app.config.ts
 *  calls Taro's build-time global defineAppConfig, so it is given here). */
const global = globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }
global.defineAppConfig = (c) => c
// eslint-disable-next-line import/no-commonjs, @typescript-eslint/no-var-requires
const appConfig = require('../../src/app.config').default as {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
}

export const ROUTES: string[] = [
  ...appConfig.pages,
  ...(appConfig.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))
]

/** route (without leading slash) → the query that gives the page real data, for the demo head. */
export async function pageQueries(product: RunningProduct, head: SignedIn): Promise<Record<string, string>> {
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
  const { notices } = await county.ok('listNotices', {})
  const disclosure = notices.find((n) => n.kind === 'payout_disclosure') ?? notices[0]
  if (!disclosure) throw new Error('the demo county has no notice')
  return {
    'subpackages/pay/quote/index': `householdId=${hh}&year=${year}`,
    'subpackages/pay/order/index': `orderId=${paid.orderId}`,
    'subpackages/pay/cashier/index': `orderId=${paid.orderId}&amount=${encodeURIComponent(paid.amount)}`,
    'subpackages/pay/receipt/index': `orderId=${paid.orderId}`,
    'subpackages/enrol/checklist/index': 'kind=add_newborn',
    'subpackages/enrol/add-member/index': 'kind=add_newborn',
    'subpackages/enrol/status/index': `id=${app.data.applicationId}`,
    'subpackages/claims/detail/index': `claimId=${claimId}`,
    'subpackages/notices/detail/index': `noticeId=${disclosure.noticeId}`
  }
}

/** Opens `route` signed in as `s` and waits until its answers have rendered; returns its shell. */
export async function openPage(
  page: Page,
  product: RunningProduct,
  s: SignedIn,
  route: string,
  queries: Record<string, string>,
  opts: { elderly: boolean }
): Promise<Locator> {
  const q = queries[route]
  await openSignedIn(page, product, s, `/${route}${q ? `?${q}` : ''}`, opts)
  const shell = page.locator(opts.elderly ? '.app-page.elderly:visible' : '.app-page:not(.elderly):visible').first()
  await shell.waitFor({ timeout: 30_000 })
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(300) // let the last answer render
  return shell
}

export const screenName = (route: string) => route.replace(/\/index$/, '').replace(/\//g, '_')
