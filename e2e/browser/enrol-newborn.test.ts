// A migrant demo user adds a newborn from afar, before the baby has an ID number (by the birth
// certificate's number, birth date and sex), with a photo of the certificate; the county
// reviewer asks for more; she uploads again and resubmits; the reviewer approves; the baby
// appears on the household with the status the county gives (unpaid until paid).
import { mkdirSync } from 'fs'
import path from 'path'
import dayjs from 'dayjs'
import type { Page } from 'playwright-core'
import { makeIdNumber } from '../../src/shared/id-number'
import type { RunningProduct } from '../../config/product'
import { ARTIFACTS } from '../support/browser'
import {
  closePageMessage,
  countyClient,
  chooseFiles,
  type EnrolWorld,
  makeJpeg,
  pendingFor,
  review,
  type SignedIn,
  startEnrolWorld,
  stopEnrolWorld,
  uploadRequests
} from './enrol-helpers'

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

test('newborn without an ID number added from afar: photo, needs more, photo again, approved, on the household', async () => {
  const householdId = migrant.me.households[0].householdId
  const uploads = uploadRequests(page)
  const birth = dayjs(product.now()).add(8, 'hour').subtract(40, 'day')
  const babyName = '帕丽达·艾力'

  await page.goto(`${product.webUrl}/#/subpackages/enrol/index/index`)
  await page.getByText('要办什么').waitFor()
  await page.locator('.enrol-kind--add_newborn .enrol-kind__start').click()

  // the checklist comes first
  await page.getByText('新生儿参保：要准备的材料').waitFor()
  await expect(page.locator('.enrol-checklist .enrol-doc__label', { hasText: '出生医学证明' }).count()).resolves.toBe(1)
  await page.locator('.enrol-checklist__start').click()

  // the form: nothing filled → Chinese messages, nothing sent
  await page.locator('.enrol-form--add').waitFor()
  await page.locator('.enrol-submit').click()
  await page.getByText('请填写姓名').waitFor()
  await expect(page.getByText('请填写出生医学证明编号（证上右上角红色的编号）').count()).resolves.toBe(1)

  await page.locator('.enrol-input--name input').fill('帕丽达.艾力')
  // "还没有" (no ID number yet) is the default for a newborn: certificate number, birth date, sex
  await expect(page.locator('.enrol-input--idNumber:visible').count()).resolves.toBe(0)
  await page.locator('.enrol-input--birthCertificateNumber input').fill('p440123456')
  // the calendar wheel fills the date box (it opens on today); typing works too
  await page.locator('.enrol-pick-date:visible').last().click()
  await page.locator('.weui-picker__action:visible', { hasText: '确定' }).last().click()
  await expect(page.locator('.enrol-input--birthDate input').inputValue()).resolves.toBe(
    dayjs(product.now()).add(8, 'hour').format('YYYY-MM-DD')
  )
  await page.locator('.enrol-input--birthDate input').fill(birth.format('YYYY-MM-DD'))
  await page.locator('.enrol-chips--sex').getByText('女孩').click()
  await page.locator('.enrol-chips--relation').getByText('女儿', { exact: true }).click()
  await page.locator('.enrol-submit').click()

  // status page: submitted; upload the birth certificate photo
  await page.locator('.enrol-status-view--submitted').waitFor()
  await expect(page.locator('.enrol-app-name').textContent()).resolves.toContain(babyName)
  await expect(page.locator('.enrol-app-certificate').textContent()).resolves.toContain('P4*****456')
  const photo1 = await makeJpeg(page, '出生医学证明 P440123456')
  await chooseFiles(page, '.enrol-doc--birth-certificate .enrol-pick__album', [
    { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo1 }
  ])
  await page.locator('.enrol-doc--birth-certificate').getByText('已上传 1 张').waitFor()
  expect(uploads).toHaveLength(1)

  // the county asks for more
  const [pending] = await pendingFor(product, reviewer.token, householdId)
  expect(pending.kind).toBe('add_newborn')
  expect(pending.fields).toMatchObject({
    birthCertificateNumber: 'P4*****456',
    birthDate: birth.format('YYYY-MM-DD'),
    sex: 'female'
  })
  expect((pending.fields as { idNumber?: string }).idNumber).toBeUndefined()
  expect(pending.documents.map((d) => d.fileName)).toEqual(['birth-certificate-1.jpg'])
  await review(
    product,
    reviewer.token,
    pending.applicationId,
    'needs_more',
    '出生医学证明照片看不清编号，请在亮处重拍一张'
  )

  await closePageMessage(page)
  await page.locator('.enrol-refresh').click()
  await page.locator('.enrol-status-view--needs_more').waitFor()
  await page.getByText('出生医学证明照片看不清编号，请在亮处重拍一张').waitFor()
  const photo2 = await makeJpeg(page, '出生医学证明 P440123456（重拍）', 1000)
  await chooseFiles(page, '.enrol-doc--birth-certificate .enrol-pick__camera', [
    { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: photo2 }
  ])
  await page.locator('.enrol-doc--birth-certificate').getByText('已上传 2 张').waitFor()
  await page.locator('.enrol-resubmit').click()
  await page.locator('.enrol-status-view--submitted').waitFor()

  // approved
  const [again] = await pendingFor(product, reviewer.token, householdId)
  expect(again.applicationId).toBe(pending.applicationId)
  expect(again.documents).toHaveLength(2)
  await review(product, reviewer.token, again.applicationId, 'approve')
  await closePageMessage(page)
  await page.locator('.enrol-refresh').click()
  await page.locator('.enrol-status-view--approved').waitFor()
  await page.getByText(`${babyName}已加到家里的户上`, { exact: false }).waitFor()

  // the baby is on the household, with the status the county holds for her
  const hh = await countyClient(product).call('getHousehold', { params: { householdId }, token: migrant.token })
  const baby = hh.data.members.find((m) => m.name === babyName)!
  expect(baby).toMatchObject({
    idNumber: null,
    birthCertificateNumber: 'P440123456',
    birthDate: birth.format('YYYY-MM-DD'),
    sex: 'female'
  })
  const latest = [...baby.enrolments].sort((a, b) => b.year - a.year)[0]
  const expectedWord = { enrolled: '已参保', unpaid: '未缴费', lapsed: '已断保', pending_review: '审核中' }[
    latest.status
  ]

  // born this year, 40 days ago: the demo policy covers her from birth if her birth year is paid
  // within 90 days; the status page offers that year, and its quote says so
  const thisYear = Number(dayjs(product.now()).add(8, 'hour').format('YYYY'))
  if (birth.year() === thisYear) {
    expect(baby.enrolments.find((e) => e.year === thisYear)?.status).toBe('unpaid')
    const payBirthYear = page.locator('.enrol-pay--birth-year')
    await expect(payBirthYear.textContent()).resolves.toContain(`去缴${thisYear}年的费用`)
    await payBirthYear.click()
    const row = page.locator('.pay-quote-page .pay-member:visible').filter({ hasText: babyName })
    await row.waitFor()
    await expect(row.locator('.pay-member__from-birth').textContent()).resolves.toContain(
      `${birth.year()}年${birth.month() + 1}月${birth.date()}日`
    )
    await expect(row.textContent()).resolves.not.toContain('要先等')
    await page.waitForTimeout(500) // the page's slide-in, so the picture shows the page in place
    await page.screenshot({ path: path.join(ARTIFACTS, 'enrol-newborn-birth-year-quote.png'), fullPage: true })
    await page.goBack()
    await page.locator('.enrol-status-view--approved').waitFor()
  }
  await page.locator('.enrol-back-home').click()
  const row = page.locator('.enrol-member:visible').filter({ hasText: babyName }).last()
  await row.waitFor()
  await expect(row.textContent()).resolves.toContain(expectedWord)
  await expect(row.textContent()).resolves.toContain(`${latest.year}年`)
  await page
    .locator('.enrol-application:visible')
    .filter({ hasText: babyName })
    .filter({ hasText: '已通过' })
    .last()
    .waitFor()
  await page.screenshot({ path: path.join(ARTIFACTS, 'enrol-home-after-newborn.png'), fullPage: true })

  // the household page names her by the masked birth certificate until she has an ID number
  await page.goto(`${product.webUrl}/#/pages/home/index`)
  const card = page.locator('.member-card:visible').filter({ hasText: babyName }).last()
  await card.waitFor()
  await expect(card.locator('.member-card__id').textContent()).resolves.toBe('出生证 P4*****456（还没有身份证号）')
  await expect(page.content()).resolves.not.toContain('P440123456')
  await card.screenshot({ path: path.join(ARTIFACTS, 'home-newborn-card.png') })

  // she gets her hukou: her ID number is added on the hub (checked against her birth date and sex)
  await page.goto(`${product.webUrl}/#/subpackages/enrol/index/index`)
  // .last(): the hub page just opened (the earlier one may still be on screen mid-transition)
  const addId = page.locator('.enrol-add-id:visible').filter({ hasText: babyName }).last()
  await addId.waitFor()
  const wrong = makeIdNumber('999901', birth.subtract(1, 'day').format('YYYYMMDD'), '024')
  await addId.locator('.enrol-input--idNumber input').fill(wrong)
  await addId.locator('.enrol-add-id__submit').click()
  await addId.getByText('身份证号里的出生日期和孩子登记的不一样，请核对').waitFor()
  await addId.screenshot({ path: path.join(ARTIFACTS, 'enrol-add-id-number.png') })
  const herId = makeIdNumber('999901', birth.format('YYYYMMDD'), '024')
  await addId.locator('.enrol-input--idNumber input').fill(herId)
  await addId.locator('.enrol-add-id__submit').click()
  await page.locator('.enrol-status-view--submitted:visible').last().waitFor()
  const hukou = await makeJpeg(page, '户口本 帕丽达·艾力')
  await chooseFiles(page, '.enrol-doc--hukou-child .enrol-pick__album', [
    { name: 'IMG_0003.jpg', mimeType: 'image/jpeg', buffer: hukou }
  ])
  await page.locator('.enrol-doc--hukou-child').getByText('已上传 1 张').waitFor()
  const [idApp] = (await pendingFor(product, reviewer.token, householdId)).filter((a) => a.kind === 'add_id_number')
  expect(idApp.fields).toMatchObject({ personId: baby.personId })
  await review(product, reviewer.token, idApp.applicationId, 'approve')
  await page.locator('.enrol-refresh:visible').last().click()
  await page.locator('.enrol-status-view--approved:visible').getByText('身份证号已补登', { exact: false }).waitFor()
  const after = await countyClient(product).call('getHousehold', { params: { householdId }, token: migrant.token })
  expect(after.data.members.find((m) => m.personId === baby.personId)).toMatchObject({
    idNumber: herId,
    birthCertificateNumber: 'P440123456'
  })

  const mine = await countyClient(product).call('getApplication', {
    params: { applicationId: pending.applicationId },
    token: migrant.token
  })
  expect(mine.data.status).toBe('approved')
  expect(uploads).toHaveLength(3)
  expect(errors).toEqual([])
})
