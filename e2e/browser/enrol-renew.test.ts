// Renew from afar: the household as the county has it is confirmed, a member who left is
// reported with the reason, the application reaches the county, and the next step is paying.
import type { Page } from 'playwright-core'
import type { RunningProduct } from '../../config/product'
import {
  countyClient,
  type EnrolWorld,
  pendingFor,
  type SignedIn,
  startEnrolWorld,
  stopEnrolWorld
} from './enrol-helpers'

jest.setTimeout(180000)

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
})

afterAll(() => stopEnrolWorld(world))

test('renew: confirm members, report one who left, submit, then go to pay', async () => {
  const householdId = migrant.me.households[0].householdId
  const hh = await countyClient(product).call('getHousehold', { params: { householdId }, token: migrant.token })
  const others = hh.data.members.filter((m) => m.personId !== migrant.me.personId)
  expect(others.length).toBeGreaterThan(0)
  const leaver = others[0]

  await page.goto(`${product.webUrl}/#/subpackages/enrol/checklist/index?kind=renew_remote`)
  await page.getByText('在外地续保（明年参保）：要准备的材料').waitFor()
  await page.locator('.enrol-checklist__start').click()
  await page.locator('.enrol-renew-member').first().waitFor()
  for (const m of hh.data.members) await page.locator('.enrol-renew-member').filter({ hasText: m.name }).waitFor()

  const card = page.locator('.enrol-renew-member').filter({ hasText: leaver.name })
  await card.getByText('不再一起参保').click()
  await page.locator('.enrol-submit').click()
  await card.getByText('请选择这个人为什么不再跟家里一起参保').waitFor()
  await card.getByText('参加了职工医保').click()
  await page.locator('.enrol-submit').click()

  await page.locator('.enrol-status-view--submitted').waitFor()
  const [pending] = await pendingFor(product, reviewer.token, householdId)
  expect(pending.kind).toBe('renew_remote')
  const fields = pending.fields as { year: number; reason: string; personId: string }
  expect(fields.reason).toBe(`人员变动：${leaver.name}（参加了职工医保）`)
  expect(fields.personId).toBe(migrant.me.personId)
  const pay = page.locator('.enrol-pay')
  await expect(pay.textContent()).resolves.toContain(`去缴${fields.year}年的费用`)
  await pay.click()
  await page.waitForURL(new RegExp(`subpackages/pay/quote/index\\?householdId=${householdId}&year=${fields.year}`))
  // the quote page finds the household and the year (not "没有找到要缴费的家庭")
  await page.locator('.pay-quote-page').getByText(`${fields.year}年`, { exact: false }).first().waitFor()
  await expect(page.locator('.pay-quote-page').textContent()).resolves.not.toContain('没有找到要缴费的家庭')
  const mine = await countyClient(product).call('getApplication', {
    params: { applicationId: pending.applicationId },
    token: migrant.token
  })
  expect(mine.data.status).toBe('submitted')
  expect(errors).toEqual([])
})
