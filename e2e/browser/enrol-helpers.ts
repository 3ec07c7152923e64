// Helpers for the remote-enrolment (enrol) browser tests: the product on its own database, acting as
// the county reviewer, and making real image files in the browser (signing in and the county
// API's typed client: support/session).
import os from 'os'
import path from 'path'
import { mkdtempSync } from 'fs'
import type { BrowserContext, Page } from 'playwright-core'
import type { Application } from '../../src/contract'
import { startProduct, TEST_NOW, type RunningProduct } from '../../config/product'
import { collectErrors, launchPhone } from '../support/browser'
import {
  countyClient,
  DEMO,
  DEV_OTP,
  signInApi,
  useSessionInContext,
  useSessionInContext as sessionIntoContext,
  type SignedIn
} from '../support/session'

export type { SignedIn } from '../support/session'
export const MIGRANT_PHONE = DEMO.migrant
export const REVIEWER_PHONE = DEMO.reviewer

export async function startEnrolProduct(): Promise<RunningProduct> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xqyb-enrol-'))
  return startProduct({ dbPath: path.join(dir, 'county.sqlite'), households: 12, env: { DEV_OTP }, now: TEST_NOW })
}

export interface EnrolWorld {
  product: RunningProduct
  context: BrowserContext
  page: Page
  errors: string[]
  /** the migrant demo user, signed in in the browser */
  migrant: SignedIn
  /** the county reviewer, signed in through the API only */
  reviewer: SignedIn
}

/** The product on its own database, a phone signed in as the migrant, the reviewer's session. */
export async function startEnrolWorld(): Promise<EnrolWorld> {
  const product = await startEnrolProduct()
  const migrant = await signInApi(product, DEMO.migrant)
  const reviewer = await signInApi(product, DEMO.reviewer)
  const { context, page } = await launchPhone({ now: product.now })
  await sessionIntoContext(context, migrant)
  return { product, context, page, errors: collectErrors(page), migrant, reviewer }
}

export async function stopEnrolWorld(w: Partial<EnrolWorld>): Promise<void> {
  await w.context?.close()
  await w.product?.close()
}

/** An out-of-area filing by the migrant for herself, straight through the county API. */
export async function fileOutOfArea(w: EnrolWorld, destination: string): Promise<Application> {
  const created = await countyClient(w.product).call('createApplication', {
    body: {
      householdId: w.migrant.me.households[0].householdId,
      kind: 'out_of_area_care',
      fields: {
        personId: w.migrant.me.personId!,
        destination,
        from: '2026-12-01',
        to: '2027-11-30',
        reason: '在外地打工'
      }
    },
    token: w.migrant.token
  })
  if (created.status !== 201) throw new Error(`filing ${created.status}: ${JSON.stringify(created.body)}`)
  return created.data
}

export { countyClient } from '../support/session'
export const signIn = signInApi
/** Opens the app with this session, as the app itself stores it after sign-in. */
export const useSessionInBrowser = useSessionInContext

/** The reviewer's decision on the newest application of a household with `status`. */
export async function review(
  p: RunningProduct,
  reviewerToken: string,
  applicationId: string,
  decision: 'approve' | 'reject' | 'needs_more',
  reason?: string
): Promise<Application> {
  return countyClient(p).ok('reviewDecide', {
    params: { applicationId },
    body: { decision, ...(reason ? { reason } : {}) },
    token: reviewerToken
  })
}

export async function pendingFor(
  p: RunningProduct,
  reviewerToken: string,
  householdId: string
): Promise<Application[]> {
  const { applications } = await countyClient(p).ok('reviewList', {
    query: { status: 'submitted' },
    token: reviewerToken
  })
  return applications.filter((a) => a.householdId === householdId)
}

/** A real JPEG drawn by the browser (so the h5 image loader can decode it). */
export async function makeJpeg(page: Page, label: string, size = 800): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([text, w]) => {
      const c = document.createElement('canvas')
      c.width = w
      c.height = Math.round(w * 0.7)
      const x = c.getContext('2d')!
      x.fillStyle = '#f5f0e6'
      x.fillRect(0, 0, c.width, c.height)
      x.fillStyle = '#8c1d18'
      x.font = '36px sans-serif'
      x.fillText(text, 30, 80)
      return c.toDataURL('image/jpeg', 0.85)
    },
    [label, size] as const
  )
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}

/** Clicks a button that opens the file chooser and gives it these files. */
export async function chooseFiles(
  page: Page,
  buttonSelector: string,
  files: { name: string; mimeType: string; buffer: Buffer }[]
): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(buttonSelector).first().click()])
  await chooser.setFiles(files)
}

export function uploadRequests(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (r) => {
    if (/\/documents$/.test(new URL(r.url()).pathname)) seen.push(`${r.method()} ${r.url()}`)
  })
  return seen
}

/** Closes the page's message line (it stays until 知道了, over the foot of the page), as a user would. */
export async function closePageMessage(page: Page): Promise<void> {
  const close = page.locator('.page-message__close:visible')
  if (await close.count()) await close.first().click()
}
