// What villagers see, in normal and elderly mode at 375×667: the checklist, the add-member
// form with its messages, an upload in progress and an application the county sent back.
// Checks what can go wrong on a small phone: nothing wider than the screen, touch targets
// big enough (44 px; 48 px in elderly mode), and elderly mode really larger. Screenshots
// go to e2e/artifacts/ for people to look at.
import { mkdirSync } from 'fs'
import path from 'path'
import dayjs from 'dayjs'
import type { BrowserContext, Page } from 'playwright-core'
import type { Application } from '../../src/contract'
import { makeIdNumber } from '../../src/shared/id-number'
import type { RunningProduct } from '../../config/product'
import { ARTIFACTS, collectErrors, launchPhone } from '../support/browser'
import {
  countyClient,
  makeJpeg,
  MIGRANT_PHONE,
  review,
  REVIEWER_PHONE,
  signIn,
  startEnrolProduct,
  useSessionInBrowser,
  type SignedIn
} from './enrol-helpers'

jest.setTimeout(240000)

let product: RunningProduct
let migrant: SignedIn
let sentBack: Application
let open: Application

beforeAll(async () => {
  product = await startEnrolProduct()
  migrant = await signIn(product, MIGRANT_PHONE)
  const reviewer = await signIn(product, REVIEWER_PHONE)
  const householdId = migrant.me.households[0].householdId
  const birth = dayjs(product.now()).add(8, 'hour').subtract(20, 'day').format('YYYYMMDD')
  const newborn = await countyClient(product).call('createApplication', {
    body: {
      householdId,
      kind: 'add_newborn',
      fields: {
        name: '王𪚥',
        idNumber: makeIdNumber('999901', birth, '031'),
        relation: '子',
        reason: '出生医学证明编号：P440123456'
      }
    },
    token: migrant.token
  })
  expect(newborn.status).toBe(201)
  sentBack = await review(
    product,
    reviewer.token,
    newborn.data.applicationId,
    'needs_more',
    '请补拍户口本户主页，要能看清户号'
  )
  const filing = await countyClient(product).call('createApplication', {
    body: {
      householdId,
      kind: 'out_of_area_care',
      fields: {
        personId: migrant.me.personId!,
        destination: '广东省东莞市',
        from: '2026-12-01',
        to: '2027-11-30',
        reason: '在外地打工'
      }
    },
    token: migrant.token
  })
  open = filing.data
  mkdirSync(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await product?.close()
})

async function checkLayout(page: Page, minTarget: number) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  const small = await page.evaluate((min) => {
    const els = Array.from(
      document.querySelectorAll('.app-page .btn, .app-page .enrol-chip, .app-page .enrol-input')
    ) as HTMLElement[]
    return els
      .filter((e) => e.offsetParent !== null)
      .map((e) => ({ cls: e.className, h: e.getBoundingClientRect().height }))
      .filter((x) => x.h < min)
  }, minTarget)
  expect(small).toEqual([])
}

async function fontSize(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
}

for (const mode of ['normal', 'elderly'] as const) {
  describe(`${mode} mode`, () => {
    let context: BrowserContext
    let page: Page
    let errors: string[]
    const shot = (name: string) =>
      page.screenshot({ path: path.join(ARTIFACTS, `enrol-${name}-${mode}.png`), fullPage: true })
    const minTarget = mode === 'elderly' ? 48 : 44

    beforeAll(async () => {
      ;({ context, page } = await launchPhone({ now: product.now }))
      await useSessionInBrowser(context, migrant, { elderly: mode === 'elderly' })
      errors = collectErrors(page)
    })
    afterAll(async () => {
      await context?.close()
    })

    test('hub: applications first, then what can be done', async () => {
      await page.goto(`${product.webUrl}/#/subpackages/enrol/index/index`)
      await page.locator('.enrol-application').first().waitFor()
      const order = await page.evaluate(() => {
        const a = document.querySelector('.enrol-applications')!.getBoundingClientRect().top
        const k = document.querySelector('.enrol-kind')!.getBoundingClientRect().top
        return a < k
      })
      expect(order).toBe(true)
      await checkLayout(page, minTarget)
      await shot('hub')
    })

    test('checklist before starting', async () => {
      await page.goto(`${product.webUrl}/#/subpackages/enrol/checklist/index?kind=add_newborn`)
      await page.getByText('新生儿参保：要准备的材料').waitFor()
      await expect(
        page.locator(`.app-page${mode === 'elderly' ? '.elderly' : ':not(.elderly)'}`).count()
      ).resolves.toBe(1)
      await checkLayout(page, minTarget)
      const size = await fontSize(page, '.enrol-doc__label')
      expect(size).toBeGreaterThanOrEqual(mode === 'elderly' ? 20 : 16)
      await shot('checklist')
    })

    test('add-member form with its messages', async () => {
      await page.goto(`${product.webUrl}/#/subpackages/enrol/add-member/index?kind=add_newborn`)
      await page.locator('.enrol-form--add').waitFor()
      await page.locator('.enrol-input--name input').fill('阿依古丽·买买提2')
      await page.locator('.enrol-submit').click()
      await page.locator('.enrol-error--name').waitFor()
      await checkLayout(page, minTarget)
      expect(await fontSize(page, '.enrol-error--name')).toBeGreaterThanOrEqual(mode === 'elderly' ? 20 : 15)
      await shot('add-member')
    })

    test('upload in progress', async () => {
      let release!: () => void
      const held = new Promise<void>((r) => {
        release = r
      })
      await page.route('**/documents', async (route) => {
        await held
        await route.continue()
      })
      await page.goto(`${product.webUrl}/#/subpackages/enrol/status/index?id=${open.applicationId}`)
      await page.locator('.enrol-doc--id-card').waitFor()
      const photo = await makeJpeg(page, '身份证 正面')
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.locator('.enrol-doc--id-card .enrol-pick__album').click()
      ])
      await chooser.setFiles([{ name: 'id.jpg', mimeType: 'image/jpeg', buffer: photo }])
      await page.locator('.enrol-doc--id-card .enrol-upload--uploading').waitFor()
      await checkLayout(page, minTarget)
      await shot('upload-progress')
      release()
      await page
        .locator('.enrol-doc--id-card')
        .getByText(/已上传 \d 张/)
        .waitFor()
      await page.unroute('**/documents')
    })

    test('application sent back: what exactly the county wants', async () => {
      await page.goto(`${product.webUrl}/#/subpackages/enrol/status/index?id=${sentBack.applicationId}`)
      await page.locator('.enrol-status-view--needs_more').waitFor()
      await page.getByText('请补拍户口本户主页，要能看清户号').waitFor()
      await expect(page.locator('.enrol-app-name').textContent()).resolves.toContain('王𪚥')
      await checkLayout(page, minTarget)
      await shot('status-needs-more')
      expect(errors).toEqual([])
    })
  })
}
