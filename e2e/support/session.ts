// Signing in for browser tests, in one place: the demo phones, the county API's typed client,
// a session made through the API and handed to the h5 app exactly as the app stores it
// after a sign-in, and the real sign-in form for tests that are about signing in.
import type { BrowserContext, Page } from 'playwright-core'
import type { Session } from '../../src/contract'
import type { RunningProduct } from '../../config/product'
import { client, DEV_OTP, type Client } from '../../county-api/src/testing/client'

export { DEV_OTP } from '../../county-api/src/testing/client'

/** Demo users (county-api/DEMO.md). */
export const DEMO = {
  head: '13800000001', // 王建国, head of hh_0001
  elder: '13800000002',
  migrant: '13800000003', // 阿依古丽·买买提
  grantee: '13800000004',
  reviewer: '13800000009'
} as const

export type SignedIn = Session

/** The county API straight (not through the web server's proxy), typed by the contract. */
export function countyClient(product: RunningProduct): Client {
  const base = product.api?.url
  if (!base) throw new Error('county API is not running')
  return client(base)
}

/** Signs a demo phone in through the county API (development one-time code). */
export async function signInApi(product: RunningProduct, phone: string): Promise<SignedIn> {
  return countyClient(product).phone(phone)
}

/** The app's own storage after a sign-in (Taro h5 storage format): session, settings, token. */
function appStorage(s: SignedIn, opts: { elderly?: boolean }): [session: string, settings: string, token: string] {
  const own = s.me.households.find((h) => h.relation !== 'grantee') ?? s.me.households[0]
  const session = JSON.stringify({
    state: { userId: s.me.userId, me: s.me, expiresAt: s.expiresAt, activeHouseholdId: own?.householdId ?? null },
    version: 1
  })
  const settings = JSON.stringify({ state: { elderlyChoice: opts.elderly ? 'on' : 'off' }, version: 1 })
  return [session, settings, s.token]
}

/** Every page of this browser context starts signed in with `s` (set before the app loads). */
export async function useSessionInContext(
  context: BrowserContext,
  s: SignedIn,
  opts: { elderly?: boolean } = {}
): Promise<void> {
  await context.addInitScript(
    ([session, settings, token]) => {
      window.localStorage.setItem('xqyb.session', JSON.stringify({ data: session }))
      window.localStorage.setItem('xqyb.settings', JSON.stringify({ data: settings }))
      window.sessionStorage.setItem('xqyb.session-token', token)
    },
    appStorage(s, opts)
  )
}

let navs = 0
const blankServed = new WeakSet<Page>()
/** Opens the app at `route` signed in with `s`: a new document, so the app starts with this session only. */
export async function openSignedIn(
  page: Page,
  product: RunningProduct,
  s: SignedIn,
  route: string,
  opts: { elderly?: boolean } = {}
): Promise<void> {
  // an empty page on the app's origin to write its storage from: the web server would answer
  // /blank.html with the app itself, which would start with the previous user's session
  if (!blankServed.has(page)) {
    blankServed.add(page)
    await page.route('**/blank.html', (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' })
    )
  }
  await page.goto('about:blank')
  await page.goto(`${product.webUrl}/blank.html`)
  await page.evaluate(
    ([session, settings, token]) => {
      window.sessionStorage.setItem('xqyb.session-token', token)
      window.localStorage.setItem('xqyb.session', JSON.stringify({ data: session }))
      window.localStorage.setItem('xqyb.settings', JSON.stringify({ data: settings }))
    },
    appStorage(s, opts)
  )
  await page.goto(`${product.webUrl}/?as=${encodeURIComponent(s.me.userId)}&n=${++navs}#${route}`)
}

/** Signs in through the h5 sign-in form, as a villager would (phone, code sent, code typed). */
export async function signInWithForm(page: Page, product: RunningProduct, phone: string): Promise<void> {
  const visible = (sel: string) => page.locator(`${sel}:visible`).first()
  await page.goto(`${product.webUrl}/#/subpackages/account/sign-in/index`)
  await visible('.sign-in__phone input').fill(phone)
  await visible('.sign-in__send').click()
  await page.getByText('验证码已发出，请查看短信').waitFor()
  await visible('.sign-in__code input').fill(DEV_OTP)
  await visible('.sign-in__submit').click()
  await page.waitForFunction(() => !!window.sessionStorage.getItem('xqyb.session-token'))
}
