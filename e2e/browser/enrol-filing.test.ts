// Out-of-area care filing (异地就医备案) from afar: the hub's estimate for an out-of-area stay
// is the unfiled one; the filing form says what filing is worth in yuan (shared calculator);
// the filing is submitted and approved by the county; the estimate changes to the filed one.
import { mkdirSync } from 'fs'
import path from 'path'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import type { Page } from 'playwright-core'
import type { RunningProduct } from '../../config/product'
import { filingWorth, yuanText } from '../../src/features/enrol/filing-worth'
import { ARTIFACTS } from '../support/browser'
import {
  countyClient,
  chooseFiles,
  type EnrolWorld,
  makeJpeg,
  pendingFor,
  review,
  type SignedIn,
  startEnrolWorld,
  stopEnrolWorld
} from './enrol-helpers'

dayjs.extend(utc)
jest.setTimeout(240000)

let world: EnrolWorld
let product: RunningProduct
let page: Page
let errors: string[]
let migrant: SignedIn
let reviewer: SignedIn

beforeAll(async () => {
  world = await startEnrolWorld()
  ;({ product, page, errors, migrant } = world)
  reviewer = world.reviewer
  mkdirSync(ARTIFACTS, { recursive: true })
})

afterAll(() => stopEnrolWorld(world))

test('a filing is submitted and approved, and the out-of-area estimate changes from unfiled to filed', async () => {
  const householdId = migrant.me.households[0].householdId
  const myName = migrant.me.displayName
  const today = dayjs(product.now()).utcOffset(480).format('YYYY-MM-DD')
  const hh = await countyClient(product).call('getHousehold', { params: { householdId }, token: migrant.token })
  const policy = await countyClient(product).call('getPolicy', { query: { region: hh.data.regionCode } })
  const worth = filingWorth(policy.data.document as never, today)!
  expect(worth).not.toBeNull()
  expect(worth.filed.reimbursed).not.toBe(worth.unfiled.reimbursed)

  await page.goto(`${product.webUrl}/#/subpackages/enrol/index/index`)
  const myEstimate = page.locator('.enrol-estimate:visible').filter({ hasText: myName })
  await myEstimate.waitFor()
  await expect(myEstimate.textContent()).resolves.toContain('未备案')
  await expect(myEstimate.textContent()).resolves.toContain(`能报约 ${yuanText(worth.unfiled.reimbursed)}`)

  await page.locator('.enrol-kind--out_of_area_care .enrol-kind__start').click()
  await page.getByText('异地就医备案：要准备的材料').waitFor()
  await page.locator('.enrol-checklist__start').click()

  const form = page.locator('.enrol-form--filing')
  await form.waitFor()
  // what filing is worth, in yuan, before submitting
  await form.getByText(`备案能多报约 ${yuanText(worth.worth)}`).waitFor()
  await page.locator('.enrol-chips--personId').getByText(myName).click()
  await page.locator('.enrol-input--destination input').fill('广东省东莞市')
  // a wrong end date is caught on the phone
  await page.locator('.enrol-input--to input').fill('2020.1.1')
  await page.locator('.enrol-chips--reason').getByText('在外地打工').click()
  await page.locator('.enrol-submit').click()
  await page.getByText('结束日期不能早于开始日期').waitFor()
  const to = dayjs(today).add(1, 'year').subtract(1, 'day').format('YYYY年M月D日')
  await page.locator('.enrol-input--to input').fill(to)
  await page.locator('.enrol-submit').click()

  await page.locator('.enrol-status-view--submitted').waitFor()
  await expect(page.locator('.enrol-app-destination').textContent()).resolves.toContain('广东省东莞市')
  await page.locator('.enrol-worth__now').getByText('现在还没有备案。').waitFor()
  const photo = await makeJpeg(page, '身份证')
  await chooseFiles(page, '.enrol-doc--id-card .enrol-pick__album', [
    { name: 'id.jpg', mimeType: 'image/jpeg', buffer: photo }
  ])
  await page.locator('.enrol-doc--id-card').getByText('已上传 1 张').waitFor()

  const [pending] = await pendingFor(product, reviewer.token, householdId)
  expect(pending.kind).toBe('out_of_area_care')
  expect(pending.fields).toMatchObject({
    destination: '广东省东莞市',
    from: today,
    to: dayjs(today).add(1, 'year').subtract(1, 'day').format('YYYY-MM-DD'),
    reason: '在外地打工',
    personId: migrant.me.personId
  })
  await review(product, reviewer.token, pending.applicationId, 'approve')

  await page.locator('.enrol-refresh').click()
  await page.locator('.enrol-status-view--approved').waitFor()
  await page.locator('.enrol-worth__now').getByText('已经备案，按备案的比例报销。').waitFor()

  await page.locator('.enrol-back-home').click()
  const after = page.locator('.enrol-estimate:visible').filter({ hasText: myName }).filter({ hasText: '已备案' })
  await after.waitFor()
  await expect(after.textContent()).resolves.toContain(`能报约 ${yuanText(worth.filed.reimbursed)}`)
  await expect(after.textContent()).resolves.toContain('广东省东莞市')
  await page.screenshot({ path: path.join(ARTIFACTS, 'enrol-home-after-filing.png'), fullPage: true })

  const list = await countyClient(product).call('listApplications', { params: { householdId }, token: migrant.token })
  expect(list.data.applications.map((a) => `${a.kind}:${a.status}`)).toEqual(['out_of_area_care:approved'])
  expect(errors).toEqual([])
})
