// 手工报销 end to end (issue 19 item 3): on the phone, a bill paid out of pocket is claimed back
// from the 报销 tab with its three photos and a bank card (masked once sent); at the county's
// workspace the reviewer sees the shared calculator's steps, changes an input with a reason and
// settles; back on the phone the application is settled and the claim shows its breakdown.
import { mkdirSync } from 'fs'
import path from 'path'
import type { BrowserContext, Page } from 'playwright-core'
import type { RunningProduct } from '../../config/product'
import { formatMoney } from '../../src/components/money/format'
import { collectErrors, launchPhone } from '../support/browser'
import { countyClient, DEMO, openSignedIn, signInApi, type SignedIn } from '../support/session'
import { chooseFiles, makeJpeg, startEnrolProduct } from './enrol-helpers'

jest.setTimeout(240000)

const SCREENS = path.resolve(__dirname, '../../docs/screens')
const CARD = '6217000000123456786'

let product: RunningProduct
let context: BrowserContext
let page: Page
let errors: string[]
let migrant: SignedIn
let reviewer: SignedIn

beforeAll(async () => {
  product = await startEnrolProduct()
  migrant = await signInApi(product, DEMO.migrant)
  reviewer = await signInApi(product, DEMO.reviewer)
  ;({ context, page } = await launchPhone({ now: product.now }))
  errors = collectErrors(page)
  mkdirSync(SCREENS, { recursive: true })
})

afterAll(async () => {
  await context?.close()
  await product?.close()
})

test('submit on the phone → the reviewer settles with the calculator in the workspace → the claim with its breakdown on the phone', async () => {
  const api = countyClient(product)
  const householdId = migrant.me.households[0].householdId
  const hh = await api.ok('getHousehold', { params: { householdId }, token: migrant.token })
  // someone of the household enrolled for 2026, the year of the stay
  const patient = hh.members.find((m) => m.enrolments.some((e) => e.year === 2026 && e.status === 'enrolled'))!
  expect(patient).toBeDefined()

  // from the 报销 tab: the entry, the papers to prepare, the form
  await openSignedIn(page, product, migrant, '/pages/claims/index')
  await page.locator('.entry-reimburse:visible').click()
  await page.getByText('手工报销（自己垫付的钱）：要准备的材料').waitFor()
  await page.locator('.enrol-checklist__start').click()
  const form = page.locator('.enrol-form--reimburse')
  await form.waitFor()
  await page.locator('.enrol-chips--personId').getByText(patient.name).click()
  await page.locator('.enrol-chips--careKind').getByText('住院').click()
  await page.locator('.enrol-input--hospital input').fill('省人民医院')
  await page.locator('.enrol-chips--institutionLevel').getByText('省级医院').click()
  await page.locator('.enrol-chips--outOfCounty').getByText('在县外').click()
  await page.locator('.enrol-chips--referred').getByText('没办').click()
  await page.locator('.enrol-input--admissionDate input').fill('2026-10-08')
  await page.locator('.enrol-input--dischargeDate input').fill('2026-10-15')
  await page.locator('.enrol-input--totalCost input').fill('12,000')
  await page.locator('.enrol-input--selfPayCost input').fill('-5')
  await page.locator('.enrol-input--bankName input').fill('农村信用社')
  await page.locator('.enrol-input--accountName input').fill(patient.name)
  await page.locator('.enrol-input--accountNumber input').fill('6217 0000 0012 3456 787')
  await page.locator('.enrol-submit').click()
  await page.getByText('自费的部分不能是负数').waitFor()
  await page.getByText('银行卡号有一位不对，请照着卡再核对一遍').waitFor()
  await page.locator('.enrol-input--selfPayCost input').fill('1500.5')
  await page.locator('.enrol-input--accountNumber input').fill('6217 0000 0012 3456 786')
  await page.screenshot({ path: path.join(SCREENS, 'normal-375-reimburse.png'), fullPage: true })
  await page.locator('.enrol-submit').click()

  // the status: the card masked; the three photos through the uploads
  await page.locator('.enrol-status-view--submitted').waitFor()
  await page.locator('.enrol-app-account').getByText('6217***********6786', { exact: false }).waitFor()
  for (const [doc, text] of [
    ['invoice', '收费票据 合计12000.00'],
    ['itemised', '费用清单 自费1500.50'],
    ['discharge', '出院小结']
  ]) {
    const photo = await makeJpeg(page, text)
    await chooseFiles(page, `.enrol-doc--${doc} .enrol-pick__album`, [
      { name: `${doc}.jpg`, mimeType: 'image/jpeg', buffer: photo }
    ])
    await page.locator(`.enrol-doc--${doc}`).getByText('已上传 1 张').waitFor()
  }
  expect(await page.locator('body').textContent()).not.toContain(CARD)
  const [app] = (await api.ok('listApplications', { params: { householdId }, token: migrant.token })).applications
  expect(app).toMatchObject({ kind: 'reimbursement', status: 'submitted' })
  expect(app.documents).toHaveLength(3)

  // the reviewer: the steps for what was entered, a change with its reason, settle
  await page.setViewportSize({ width: 1280, height: 1400 })
  await openSignedIn(page, product, reviewer, `/subpackages/staff/application/index?id=${app.applicationId}`)
  await page.locator('.staff-settle__step:visible').first().waitFor()
  expect(await page.locator('.staff-decide__approve:visible').count()).toBe(0)
  await page.locator('.staff-settle__field--selfPayCost:visible').click()
  await page.locator('.staff-settle__value:visible input').fill('2000')
  await page.locator('.staff-settle__reason:visible input').fill('费用清单上自费药合计2000.00元')
  await page.locator('.staff-settle__try:visible').click()
  await page.getByText('改了自费部分：1500.50 → 2000.00（费用清单上自费药合计2000.00元）').waitFor()
  const preview = await api.ok('reviewReimbursementPreview', {
    params: { applicationId: app.applicationId },
    body: { adjustments: [{ field: 'selfPayCost', value: '2000', reason: '费用清单上自费药合计2000.00元' }] },
    token: reviewer.token
  })
  await page.locator('.staff-settle__go:visible').getByText(`结算（报销 ¥${preview.payout}）`).waitFor()
  await page.locator('.staff-settle:visible').screenshot({ path: path.join(SCREENS, 'staff-settle-desktop.png') })
  await page.locator('.staff-settle__go:visible').click()
  await page.locator('.staff-settle--done:visible').getByText(`已结算：报销 ¥${preview.payout}`).waitFor()
  await page.getByText(`请打款到：农村信用社 ${patient.name} ${CARD}`).waitFor()

  // back on the phone: settled, and the claim with its breakdown line by line
  await page.setViewportSize({ width: 375, height: 667 })
  await openSignedIn(page, product, migrant, `/subpackages/enrol/status/index?id=${app.applicationId}`)
  await page.locator('.enrol-status-view--approved').waitFor()
  await page.getByText('县里核对后改了自费的部分：1500.50 → 2000.00（费用清单上自费药合计2000.00元）').waitFor()
  await page.locator('.enrol-app-claim').click()
  await page.locator('.claim-head').getByText(`${patient.name}的住院报销`).waitFor()
  await page.locator('.claim-head').getByText('省人民医院').waitFor()
  const text = await page.locator('body').textContent()
  expect(text).toContain(formatMoney(preview.payout))
  expect(text).not.toContain(CARD)
  expect(await page.locator('.claim-policy').getAttribute('data-version')).toBe(preview.policyVersion)
  expect(errors).toEqual([])
})

test('the form in elderly mode (picture)', async () => {
  await page.setViewportSize({ width: 375, height: 667 })
  await openSignedIn(page, product, migrant, '/subpackages/enrol/reimburse/index', { elderly: true })
  await page.locator('.enrol-form--reimburse').waitFor()
  await page.screenshot({ path: path.join(SCREENS, 'elderly-375-reimburse.png'), fullPage: true })
  expect(errors).toEqual([])
})

test('estimate vs actual, kept: the estimate kept with the county meets the settled claim of that stay; deleted, it is gone', async () => {
  const api = countyClient(product)
  const householdId = migrant.me.households[0].householdId
  const hh = await api.ok('getHousehold', { params: { householdId }, token: migrant.token })
  const patient = hh.members.find((m) => m.enrolments.some((e) => e.year === 2026 && e.status === 'enrolled'))!
  await page.setViewportSize({ width: 375, height: 667 })
  await openSignedIn(page, product, migrant, `/subpackages/claims/estimate/index?personId=${patient.personId}`)
  const p = page
    .locator('.estimate-page:visible, .taro_page:visible')
    .filter({ has: page.locator('.estimate-form') })
    .last()
  await p.locator('.ef-place .chip[data-value="county"]').click()
  await p.locator('.ef-inpatient .chip[data-value="true"]').click()
  await p.locator('.ef-amount input').fill('6000')
  await p.locator('.ef-referral .chip[data-value="false"]').click()
  await p.locator('.ef-submit').click()
  await p.locator('.er-summary').waitFor()
  await p.locator('.kept-estimates__what').getByText('随时可以删掉', { exact: false }).waitFor()
  await p.locator('.kept-estimates__keep').click()
  await p.getByText('已交给县里保存。').waitFor()
  const [kept] = (await api.ok('listKeptEstimates', { params: { personId: patient.personId }, token: migrant.token }))
    .estimates
  expect(kept.total).toBe('6000.00')

  // the stay happens (two days ago, 9000.00) and the county settles the bill claimed back
  const created = await api.ok('createApplication', {
    body: {
      householdId,
      kind: 'reimbursement',
      fields: {
        personId: patient.personId,
        careKind: 'inpatient',
        hospital: '县人民医院',
        institutionLevel: 'county',
        outOfCounty: false,
        admissionDate: '2026-11-18',
        dischargeDate: '2026-11-19',
        totalCost: '9000',
        bankName: '农村信用社',
        accountName: patient.name,
        accountNumber: CARD
      }
    },
    token: migrant.token
  })
  const settled = await api.ok('reviewReimbursementSettle', {
    params: { applicationId: created.applicationId },
    body: {},
    token: reviewer.token
  })
  await openSignedIn(page, product, migrant, `/subpackages/claims/detail/index?claimId=${settled.claim.claimId}`)
  const card = page.locator('.estimate-vs-actual--kept')
  await card
    .getByText('总费用：估算 6000.00元，实际 9000.00元。实际花费和估算时填的不一样。', { exact: false })
    .waitFor()
  await card.getByText('怎么认出是这次看病的', { exact: false }).waitFor()

  // deleted at the estimate page: the claim shows no kept estimate any more
  await openSignedIn(page, product, migrant, `/subpackages/claims/estimate/index?personId=${patient.personId}`)
  await page.locator('.kept-estimates__delete').first().click()
  await page.getByText('已删除，县里不再保存这次估算。').waitFor()
  const after = await api.ok('getClaim', { params: { claimId: settled.claim.claimId }, token: migrant.token })
  expect(after.estimate).toBeUndefined()
  expect(errors).toEqual([])
})
