// The county staff's workspace and the assisted path in the browser (issue 18):
//   - a migrant's newborn application: the reviewer asks for material in the workspace (the
//     uploaded photo viewed and zoomed), she adds it, the reviewer approves, her home shows the baby;
//   - a 村医 gets an elderly household's consent on the assist page and pays for it; the household
//     sees it in 谁替我办过事 and takes the consent back;
//   - a household with no phone consents on paper: the 村医 sends the signed form's photo, the
//     reviewer confirms it in the queue, and the 村医 may act;
//   - a villager or grantee is refused the workspace (403 through HTTP, a refusal on the page) and
//     their app has no link to it;
//   - axe: no serious or critical violation on the workspace's pages, desktop and phone width.
import { mkdirSync } from 'fs'
import path from 'path'
import dayjs from 'dayjs'
import type { BrowserContext, Page } from 'playwright-core'
import type { RunningProduct } from '../../config/product'
import { ARTIFACTS, collectErrors, launchPhone } from '../support/browser'
import { countyClient, DEMO, DEV_OTP, openSignedIn, signInApi, type SignedIn } from '../support/session'
import { chooseFiles, makeJpeg, startEnrolProduct } from './enrol-helpers'

jest.setTimeout(240000)

const DESKTOP = { width: 1280, height: 860 }
const SUPERVISOR = '13800000010'
const ASSISTANT = '13800000008'

let product: RunningProduct
let context: BrowserContext
let page: Page
let errors: string[]

beforeAll(async () => {
  product = await startEnrolProduct()
  ;({ context, page } = await launchPhone({ now: product.now }))
  errors = collectErrors(page)
  mkdirSync(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  await context?.close()
  await product?.close()
})

async function axeSerious(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  const violations = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: any[] }> } }).axe
    const r = await axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes})`)
}

test('newborn round trip: the reviewer asks for material in the workspace, then approves; her home shows the baby', async () => {
  const api = countyClient(product)
  const migrant = await signInApi(product, DEMO.migrant)
  const reviewer = await signInApi(product, DEMO.reviewer)
  const householdId = migrant.me.households[0].householdId
  const babyName = '阿丽米热·买买提'
  const birth = dayjs(product.now()).add(8, 'hour').subtract(20, 'day').format('YYYY-MM-DD')

  // the migrant applies from afar with a photo of the birth certificate
  await page.goto('about:blank')
  const photo = await makeJpeg(page, '出生医学证明 Q440123457')
  const created = await api.ok('createApplication', {
    body: {
      householdId,
      kind: 'add_newborn',
      fields: {
        name: babyName,
        birthCertificateNumber: 'Q440123457',
        birthDate: birth,
        sex: 'female',
        relation: '女儿'
      }
    },
    token: migrant.token
  })
  const upload = async (buffer: Buffer, name: string) => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(buffer)], { type: 'image/jpeg' }), name)
    await api.ok('uploadDocument', { params: { applicationId: created.applicationId }, form, token: migrant.token })
  }
  await upload(photo, 'birth-certificate-1.jpg')

  // the reviewer, at a desktop browser: the queue, the application, the photo zoomed, ask for more
  await page.setViewportSize(DESKTOP)
  await openSignedIn(page, product, reviewer, '/subpackages/staff/queue/index')
  const row = page.locator('.staff-row:visible').filter({ hasText: '新生儿参保' }).first()
  await row.waitFor()
  await expect(row.textContent()).resolves.toContain('材料 1 份')
  expect(await axeSerious(page)).toEqual([])
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-queue-desktop.png') })
  await row.locator('.staff-row__open').click()
  await page.locator('.staff-detail:visible').waitFor()
  await page.getByText(babyName).first().waitFor()
  await page.locator('.staff-doc:visible').first().click()
  await page.locator('.staff-viewer__image:visible img').first().waitFor()
  await page.locator('.staff-viewer:visible').getByText('放大').click()
  await page.locator('.staff-viewer:visible').getByText('原样（150%）').waitFor()
  expect(await axeSerious(page)).toEqual([])
  await page.locator('.staff-decide__needs_more:visible').click()
  await page.getByText('请写明原因，这户才知道要怎么办').waitFor()
  await page.locator('.staff-decide__reason:visible textarea').fill('出生医学证明照片看不清编号，请在亮处重拍一张')
  // the picture: the request, its zoomed photo and the decision on one desktop screen
  await page.setViewportSize({ width: DESKTOP.width, height: 1200 })
  await page.locator('.staff-detail__title:visible').first().scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-decision-desktop.png') })
  await page.setViewportSize(DESKTOP)
  await page.locator('.staff-decide__needs_more:visible').click()
  await page.getByText('已退回，这户会看到要补什么').waitFor()
  expect(
    (await api.ok('getApplication', { params: { applicationId: created.applicationId }, token: migrant.token })).reason
  ).toBe('出生医学证明照片看不清编号，请在亮处重拍一张')

  // she adds a clearer photo and sends it again
  await upload(await makeJpeg(page, '出生医学证明 Q440123457（重拍）', 1000), 'birth-certificate-2.jpg')
  await api.ok('resubmitApplication', { params: { applicationId: created.applicationId }, token: migrant.token })

  // the reviewer approves (phone width this time)
  await page.setViewportSize({ width: 375, height: 667 })
  await openSignedIn(page, product, reviewer, '/subpackages/staff/queue/index')
  await page.locator('.staff-row:visible').filter({ hasText: '材料 2 份' }).first().waitFor()
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-queue-phone.png') })
  await page.locator('.staff-row:visible').filter({ hasText: '材料 2 份' }).first().locator('.staff-row__open').click()
  await page.locator('.staff-decide__approve:visible').waitFor()
  expect(await axeSerious(page)).toEqual([])
  await page.locator('.staff-detail__title:visible').first().scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-decision-phone.png') })
  await page.locator('.staff-decide__approve:visible').click()
  await page.getByText('已通过，这户的首页会显示结果').waitFor()

  // her home shows the baby
  await openSignedIn(page, product, migrant, '/pages/home/index')
  await page.locator('.member-card:visible').filter({ hasText: babyName }).last().waitFor()

  // the supervisor's audit names the reviewer's reads and decisions
  const supervisor = await signInApi(product, SUPERVISOR)
  await page.setViewportSize(DESKTOP)
  await openSignedIn(page, product, supervisor, '/subpackages/staff/audit/index')
  await page.locator('.staff-row:visible').filter({ hasText: '县里审核通过' }).first().waitFor()
  await expect(page.locator('.staff-audit').textContent()).resolves.toContain('县里审核员看了上传的材料')
  expect(await axeSerious(page)).toEqual([])
  expect(errors).toEqual([])
})

test('a 村医 pays for an elderly household with its consent; the household sees it and takes it back', async () => {
  const assistant = await signInApi(product, ASSISTANT)
  const elder = await signInApi(product, DEMO.elder)
  const api = countyClient(product)
  const [who] = await (async () => {
    const hh = await api.ok('getHousehold', { params: { householdId: 'hh_0002' }, token: elder.token })
    const head = hh.members.find((m) => m.relation === '户主')!
    return [{ idNumber: head.idNumber as string, name: head.name, householdNumber: '999901000002' }]
  })()

  await page.setViewportSize({ width: 375, height: 667 })
  await openSignedIn(page, product, assistant, '/subpackages/staff/assist/index')
  await page.locator('.assist:visible').waitFor()
  await page.getByRole('textbox', { name: '身份证号' }).fill(who.idNumber)
  await page.getByRole('textbox', { name: '姓名' }).fill(who.name)
  await page.getByRole('textbox', { name: '户口簿户号' }).fill(who.householdNumber)
  await page.locator('.assist-ask:visible').click()
  await page.getByText('验证码已发到这户的手机 138****0002').waitFor()
  await page.getByRole('textbox', { name: '这户念给您的验证码' }).fill(DEV_OTP)
  await page.locator('.assist-confirm:visible').click()
  await page.locator('.assist-active:visible').waitFor()
  await page.locator('.assist-pay:visible').waitFor()
  expect(await axeSerious(page)).toEqual([])

  // the payment itself (the pay screens are the villager's own, tested in pay-*.test.ts)
  const [consent] = (await api.ok('listMyAssists', { token: assistant.token })).consents
  expect(consent.status).toBe('active')
  const order = await api.ok('createOrder', {
    body: { householdId: 'hh_0002', year: 2027, channel: 'h5' },
    headers: { 'idempotency-key': 'assist-browser-0001' },
    token: assistant.token
  })
  expect(order.householdId).toBe('hh_0002')

  // a grandchild was born: the 村医 starts the newborn's enrolment for the household (a newborn's only)
  await page.locator('.assist-newborn:visible').click()
  await page.locator('.enrol-form--add').waitFor()
  await expect(page.locator('.enrol-chips--kind:visible').count()).resolves.toBe(0)
  const birth = dayjs(product.now()).add(8, 'hour').subtract(10, 'day').format('YYYY-MM-DD')
  await page.locator('.enrol-input--name input').fill('李小满')
  await page.locator('.enrol-input--birthCertificateNumber input').fill('R440123458')
  await page.locator('.enrol-input--birthDate input').fill(birth)
  await page.locator('.enrol-chips--sex').getByText('男孩').click()
  await page.locator('.enrol-chips--relation').getByText('孙子', { exact: true }).click()
  await page.locator('.enrol-submit').click()
  await page.locator('.enrol-status-view--submitted').waitFor()
  await expect(page.locator('.enrol-app-name').textContent()).resolves.toContain('李小满')
  const started = (await api.ok('listApplications', { params: { householdId: 'hh_0002' }, token: elder.token }))
    .applications
  expect(started.find((a) => a.kind === 'add_newborn' && a.status === 'submitted')).toBeTruthy()

  // the household: 我的 → 家人查看 lists who acted for it, and takes the consent back
  await openSignedIn(page, product, elder, '/subpackages/account/family/index')
  const item = page.locator('.assisted-by__item:visible').first()
  await item.waitFor()
  await expect(item.textContent()).resolves.toContain('云岭村村医 赵医生')
  await item.getByText('代办人发起缴费').waitFor()
  await expect(item.textContent()).resolves.toContain('代办人提交了新生儿参保申请')
  await item.locator('.assisted-by__revoke').click()
  await page.getByText('已收回，他不能再替您家办事了').waitFor()
  const after = await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: assistant.token })
  expect(after.status).toBe(404)
})

test('a consent on paper: the 村医 sends the signed form, the reviewer confirms it, the 村医 may act', async () => {
  const assistant = await signInApi(product, ASSISTANT)
  const reviewer = await signInApi(product, DEMO.reviewer)
  const elder = await signInApi(product, DEMO.elder)
  const api = countyClient(product)
  const hh = await api.ok('getHousehold', { params: { householdId: 'hh_0002' }, token: elder.token })
  const head = hh.members.find((m) => m.relation === '户主')!

  await page.setViewportSize({ width: 375, height: 667 })
  await openSignedIn(page, product, assistant, '/subpackages/staff/assist/index')
  await page.locator('.assist:visible').waitFor()
  await page.getByRole('textbox', { name: '身份证号' }).fill(head.idNumber as string)
  await page.getByRole('textbox', { name: '姓名' }).fill(head.name)
  await page.getByRole('textbox', { name: '户口簿户号' }).fill('999901000002')
  await page.locator('.assist-form:visible').click()
  // the form's page: the photo of the signed form, through the villagers' weak-network uploads
  await page.locator('.enrol-status-view--submitted:visible').waitFor()
  await expect(page.locator('.enrol-status-view--submitted:visible').textContent()).resolves.toContain('代办同意书')
  const photo = await makeJpeg(page, '代办同意书 户主签字')
  await chooseFiles(page, '.enrol-doc--consent-form .enrol-pick__album', [
    { name: 'IMG_0101.jpg', mimeType: 'image/jpeg', buffer: photo }
  ])
  await page.locator('.enrol-doc--consent-form').getByText('已上传 1 张').waitFor()
  await page.screenshot({ path: path.join(ARTIFACTS, 'assist-consent-form-375.png'), fullPage: true })

  // the reviewer finds it in the queue with its photo and confirms it
  const [waiting] = (await api.ok('listMyAssists', { token: assistant.token })).consents.filter(
    (c) => c.status === 'form_pending'
  )
  await page.setViewportSize(DESKTOP)
  await openSignedIn(page, product, reviewer, '/subpackages/staff/queue/index')
  const row = page.locator('.staff-row:visible').filter({ hasText: '代办同意书' }).first()
  await row.waitFor()
  await expect(row.textContent()).resolves.toContain('材料 1 份')
  await row.locator('.staff-row__open').click()
  await page.locator('.staff-detail:visible').waitFor()
  await page.locator('.staff-doc:visible').first().click()
  await page.locator('.staff-viewer__image:visible img').first().waitFor()
  expect(await axeSerious(page)).toEqual([])
  await page.locator('.staff-decide__approve:visible').click()
  await page.getByText('已通过，这户的首页会显示结果').waitFor()

  // the 村医 may now act for a day
  await page.setViewportSize({ width: 375, height: 667 })
  await openSignedIn(page, product, assistant, '/subpackages/staff/assist/index')
  await page.locator('.assist-active:visible').waitFor()
  await page.locator('.assist-pay:visible').waitFor()
  const seen = (await api.ok('listHouseholdAssists', { params: { householdId: 'hh_0002' }, token: elder.token }))
    .consents
  expect(seen.find((c) => c.consentId === waiting.consentId)?.status).toBe('active')
  await api.ok('revokeAssist', { params: { consentId: waiting.consentId }, token: elder.token })
})

test('villagers and grantees are refused the workspace, and their app has no link to it', async () => {
  for (const phone of [DEMO.grantee, DEMO.head]) {
    const s: SignedIn = await signInApi(product, phone)
    const r = await fetch(`${product.webUrl}/county/v1/staff/queue`, {
      headers: { authorization: `Bearer ${s.token}` }
    })
    expect(r.status).toBe(403)
    await openSignedIn(page, product, s, '/subpackages/staff/queue/index')
    await page.getByText('这里只给县医保局工作人员和登记过的代办人用').waitFor()
    await expect(page.locator('.staff-row').count()).resolves.toBe(0)
    await openSignedIn(page, product, s, '/pages/me/index')
    await page.locator('.app-page:visible').first().waitFor()
    await page.waitForLoadState('networkidle')
    expect(await page.locator('a[href*="staff"], [data-url*="staff"]').count()).toBe(0)
    await expect(page.content()).resolves.not.toContain('工作台')
  }
})

test('concerns, money and notices: a 多收钱了吗 report answered and read by the household; a notice published', async () => {
  const api = countyClient(product)
  const head = await signInApi(product, DEMO.head)
  const reviewer = await signInApi(product, DEMO.reviewer)
  const hh = await api.ok('getHousehold', { params: { householdId: 'hh_0001' }, token: head.token })
  const claims = await api.ok('listClaims', {
    params: { personId: hh.members[0].personId },
    query: { year: 2026 },
    token: head.token
  })
  const claim = claims.claims[0]
  const report = await api.ok('reportClaimConcern', {
    params: { claimId: claim.claimId },
    body: { kind: 'dispute', note: '住院天数算少了' },
    headers: { 'idempotency-key': 'staff-concern-0001' },
    token: head.token
  })

  await page.setViewportSize(DESKTOP)
  await openSignedIn(page, product, reviewer, '/subpackages/staff/concerns/index')
  const item = page.locator('.concern-item:visible').filter({ hasText: report.trackingNumber })
  await item.waitFor()
  expect(await axeSerious(page)).toEqual([])
  await item.locator('textarea').fill('已核对住院记录，天数无误，按8天结算')
  await item.getByText('答复并结束').click()
  await page.getByText('已答复，村民在受理号下面能看到').waitFor()
  const seen = await api.ok('listClaimConcerns', { params: { claimId: claim.claimId }, token: head.token })
  expect(seen.concerns.find((c) => c.concernId === report.concernId)?.resolution).toBe(
    '已核对住院记录，天数无误，按8天结算'
  )

  await openSignedIn(page, product, reviewer, '/subpackages/staff/money/index')
  await page.locator('.staff-money:visible').waitFor()
  expect(await axeSerious(page)).toEqual([])
  // a past day reconciled again from the workspace: the day's line says what the bill showed
  const yesterday = new Date(product.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10)
  const [y, m, d] = yesterday.split('-').map(Number)
  await page.locator('.reconcile-date:visible input').fill(yesterday)
  await page.locator('.reconcile-run:visible').click()
  await page
    .locator('.reconcile-day:visible')
    .filter({ hasText: `${y}年${m}月${d}日` })
    .waitFor()
  await page.getByText(new RegExp(`^${y}年${m}月${d}日：`)).waitFor()
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-money-desktop.png'), fullPage: true })

  // a notice written in the workspace is public at once
  await openSignedIn(page, product, reviewer, '/subpackages/staff/notices/index')
  await page.locator('.staff-notices:visible').waitFor()
  await page.locator('.notice-title:visible input').fill('缴费截止提醒')
  await page.locator('.notice-body:visible textarea').fill('2027年度的医保费12月31日截止，请抓紧缴费。')
  await page.locator('.notice-publish:visible').click()
  await page.getByText('已发布，村民现在就能看到').waitFor()
  expect(await axeSerious(page)).toEqual([])
  const { notices } = await api.ok('listNotices', {})
  expect(notices.map((n) => n.title)).toContain('缴费截止提醒')

  // written wrong: withdrawn with a reason, and the villagers no longer see it
  const mine = page.locator('.notice-item:visible').filter({ hasText: '缴费截止提醒' })
  await mine.locator('.notice-withdraw').click()
  await mine.getByText('撤回要写明原因').waitFor()
  await mine.locator('.notice-withdraw-reason input').fill('年度写错了，另发更正')
  await mine.locator('.notice-withdraw').click()
  await page.getByText('已撤回「缴费截止提醒」，村民那里不再显示').waitFor()
  await page.locator('.notice-item:visible').filter({ hasText: '已撤回：年度写错了，另发更正' }).waitFor()
  expect((await api.ok('listNotices', {})).notices.map((n) => n.title)).not.toContain('缴费截止提醒')
  await page.screenshot({ path: path.join(ARTIFACTS, 'staff-notices-desktop.png'), fullPage: true })
  expect(errors).toEqual([])
})
