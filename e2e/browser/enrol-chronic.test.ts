// 门诊慢特病认定 from afar: the hub's entry, the form with the county policy's listed diseases
// and what certification is worth in yuan a year (shared calculator), the diagnosis photo, the
// county's approval, and the person certified.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import type { Page } from 'playwright-core'
import type { RunningProduct } from '../../config/product'
import { chronicWorth, listedDiseases } from '../../src/features/enrol/chronic-worth'
import { yuanText } from '../../src/features/enrol/filing-worth'
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
})

afterAll(() => stopEnrolWorld(world))

test('apply for a listed disease, upload the diagnosis, the county approves: certified, with its yearly worth', async () => {
  const householdId = migrant.me.households[0].householdId
  const myName = migrant.me.displayName
  const today = dayjs(product.now()).utcOffset(480).format('YYYY-MM-DD')
  const hh = await countyClient(product).call('getHousehold', { params: { householdId }, token: migrant.token })
  const policy = await countyClient(product).call('getPolicy', { query: { region: hh.data.regionCode } })
  // a disease the seed has not already certified this person for (the seed certifies chronic patients)
  const held = (hh.data.members.find((m) => m.personId === migrant.me.personId)?.chronicDiseases ?? []).map(
    (c) => c.code
  )
  const disease = listedDiseases(policy.data.document as never).find((d) => !held.includes(d.code))!
  const worth = chronicWorth(policy.data.document as never, disease.code, today)!
  expect(worth).not.toBeNull()

  await page.goto(`${product.webUrl}/#/subpackages/enrol/index/index`)
  await page.locator('.enrol-kind--chronic_disease .enrol-kind__start').getByText('申请门诊慢特病认定').click()
  await page.getByText('门诊慢特病认定：要准备的材料').waitFor()
  await page.locator('.enrol-checklist__start').click()

  const form = page.locator('.enrol-form--chronic')
  await form.waitFor()
  await page.locator('.enrol-chips--personId').getByText(myName).click()
  await page.locator('.enrol-chips--diseaseCode').getByText(disease.label).click()
  await form.getByText(`认定以后每年能多报约 ${yuanText(worth.worth)}`).waitFor()
  await page.locator('.enrol-input--hospital input').fill('县人民医院')
  await page.locator('.enrol-input--diagnosisDate input').fill('2099-01-01')
  await page.locator('.enrol-submit').click()
  await page.getByText('诊断日期不能晚于今天').waitFor()
  await page.locator('.enrol-input--diagnosisDate input').fill(today)
  await page.locator('.enrol-submit').click()

  await page.locator('.enrol-status-view--submitted').waitFor()
  await page.locator('.enrol-worth__now').getByText('还没有认定，认定以前门诊慢特病这一块不报。').waitFor()
  const photo = await makeJpeg(page, '诊断证明')
  await chooseFiles(page, '.enrol-doc--diagnosis .enrol-pick__album', [
    { name: 'diagnosis.jpg', mimeType: 'image/jpeg', buffer: photo }
  ])
  await page.locator('.enrol-doc--diagnosis').getByText('已上传 1 张').waitFor()

  const [pending] = await pendingFor(product, reviewer.token, householdId)
  expect(pending.kind).toBe('chronic_disease')
  expect(pending.fields).toMatchObject({
    personId: migrant.me.personId,
    diseaseCode: disease.code,
    hospital: '县人民医院',
    diagnosisDate: today
  })
  await review(product, reviewer.token, pending.applicationId, 'approve')

  await page.locator('.enrol-refresh').click()
  await page.locator('.enrol-status-view--approved').waitFor()
  await page.locator('.enrol-worth__now').getByText('已经认定，门诊看这个病按门诊慢特病报销。').waitFor()
  await page.getByText(`认定以后每年能多报约 ${yuanText(worth.worth)}`).waitFor()

  const after = await countyClient(product).call('getHousehold', { params: { householdId }, token: migrant.token })
  const me = after.data.members.find((m) => m.personId === migrant.me.personId)!
  expect(me.chronicDiseases).toContainEqual({ code: disease.code, label: disease.label, validFrom: today })
  expect(errors).toEqual([])
})
