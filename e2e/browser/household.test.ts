// Issue 5 end to end on the h5 build + the county API in Chromium at phone size:
// sign in, bind, household status against the county's own records, offline start from
// the phone's cache, shared phone sign-out, family invite → accept → scope → revoke,
// elderly mode (computed font size), axe-core, screenshots of home in both modes.
import { mkdirSync, mkdtempSync } from 'fs'
import os from 'os'
import path from 'path'
import Database from 'better-sqlite3'
import jsQR from 'jsqr'
import type { BrowserContext, Page } from 'playwright-core'
import { startProduct, TEST_NOW, type RunningProduct } from '../../config/product'
import { ARTIFACTS, collectErrors, launchPhone, tabBarLink } from '../support/browser'

jest.setTimeout(240_000)

let product: RunningProduct
let context: BrowserContext
let page: Page
let errors: string[]
let db: Database.Database

const STATUS = { enrolled: '已参保', unpaid: '未缴费', lapsed: '已断保', pending_review: '审核中' } as Record<
  string,
  string
>
// the product runs on a pinned clock (TEST_NOW): the year it shows is that clock's
const YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(TEST_NOW))
)

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xqyb-home-'))
  product = await startProduct({
    dbPath: path.join(dir, 'county.sqlite'),
    households: 12,
    env: { DEV_OTP: '123456' },
    now: TEST_NOW
  })
  db = new Database(product.dbPath, { readonly: true, fileMustExist: true })
  ;({ context, page } = await launchPhone({ now: product.now }))
  errors = collectErrors(page)
  mkdirSync(ARTIFACTS, { recursive: true })
})

afterAll(async () => {
  db?.close()
  await context?.close()
  await product?.close()
})

const visible = (p: Page, sel: string) => p.locator(`${sel}:visible`).first()

async function fill(p: Page, sel: string, value: string) {
  const input = p.locator(`${sel}:visible input`).first()
  await input.fill(value)
}

async function axeSerious(p: Page): Promise<string[]> {
  await p.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  const result = await p.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>
        }
      }
    ).axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' '))
    }))
  })
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`)
}

async function signIn(p: Page, phone: string) {
  await p.goto(`${product.webUrl}/#/subpackages/account/sign-in/index`)
  await fill(p, '.sign-in__phone', phone)
  await visible(p, '.sign-in__send').click()
  await p.getByText('验证码已发出，请查看短信').waitFor()
  await fill(p, '.sign-in__code', '123456')
  await visible(p, '.sign-in__submit').click()
}

/** The county's own records for a household: name → [this year's, next year's] status text. */
function expectedStatuses(householdId: string): Map<string, [string, string]> {
  const rows = db.prepare('SELECT id, name FROM persons WHERE household_id = ?').all(householdId) as {
    id: string
    name: string
  }[]
  const status = db.prepare('SELECT status FROM enrolments WHERE person_id = ? AND year = ?')
  return new Map(
    rows.map((r) => {
      const now = status.get(r.id, YEAR) as { status: string } | undefined
      const next = status.get(r.id, YEAR + 1) as { status: string } | undefined
      return [r.name, [now ? STATUS[now.status] : '无记录', next ? STATUS[next.status] : '未缴费']]
    })
  )
}

async function checkStatuses(p: Page, householdId: string) {
  const expected = expectedStatuses(householdId)
  expect(expected.size).toBeGreaterThan(1)
  for (const [name, [now, next]] of expected) {
    const card = p.locator('.member-card:visible').filter({ has: p.locator('.member-card__name', { hasText: name }) })
    await card.first().waitFor()
    const badges = await card.first().locator('.status-badge').allInnerTexts()
    expect([name, ...badges]).toEqual([name, now, next])
  }
}

test('a villager signs in with phone + code, binds by ID number and name, and sees the household as the county has it', async () => {
  const head = db
    .prepare(
      "SELECT p.name, p.id_number, h.household_number FROM households h JOIN persons p ON p.id = h.head_person_id WHERE h.id = 'hh_0003'"
    )
    .get() as { name: string; id_number: string; household_number: string }
  expect(head.name).toContain('·') // 买买提·艾力: the middle dot must survive the whole way
  await page.goto(`${product.webUrl}/#/pages/home/index`)
  await visible(page, '.home-welcome').waitFor()
  await signIn(page, '13900000123')
  await visible(page, '.bind-form').waitFor()
  expect(await axeSerious(page)).toEqual([])

  // a typing mistake is caught on the phone with a plain sentence
  const wrong = head.id_number.slice(0, 17) + (head.id_number[17] === '1' ? '2' : '1')
  await fill(page, '.bind-form__id', wrong)
  await fill(page, '.bind-form__name', head.name)
  await visible(page, '.bind-form__submit').click()
  await expect(visible(page, '.bind-form__id-error').innerText()).resolves.toContain('校验')

  await fill(page, '.bind-form__id', head.id_number.toLowerCase())
  await fill(page, '.bind-form__booklet', head.household_number)
  await visible(page, '.bind-form__submit').click()
  // ID number, name and booklet number are not enough: the code goes to the phone on the roster
  await expect(visible(page, '.bind-form__sent').innerText()).resolves.toContain('138****0031')
  await fill(page, '.bind-form__code', '123456')
  await visible(page, '.bind-form__confirm').click()
  await visible(page, '.household-summary').waitFor()
  await checkStatuses(page, 'hh_0003')
  await expect(visible(page, '.household-summary').innerText()).resolves.toContain('来自县医保系统')
  // ID numbers are masked on screen and never written to the phone's storage in full
  expect(await page.locator('body').innerText()).not.toContain(head.id_number)
  const stored = await page.evaluate(() =>
    Object.keys(localStorage)
      .map((k) => localStorage.getItem(k))
      .join('\n')
  )
  expect(stored).not.toContain(head.id_number)
})

test('with the county system down, the app opens on the cached household, says so, and recovers by itself', async () => {
  await product.stopApi()
  await page.reload()
  await page.getByText('县里的系统暂时连不上', { exact: false }).first().waitFor()
  await checkStatuses(page, 'hh_0003')
  await expect(visible(page, '.household-summary').innerText()).resolves.toContain('手机里存的')
  await page.screenshot({ path: path.join(ARTIFACTS, 'home-offline.png') })
  await product.startApi()
  // the app probes again by itself (no reload): the banner goes and the data is fresh
  await page.locator('.as-of--county:visible').first().waitFor({ timeout: 60_000 })
  await expect(page.locator('.offline-banner:visible').count()).resolves.toBe(0)
})

test('the browser was closed: the saved household stays, marked 需要重新登录; signing in again takes the mark away', async () => {
  // the session lives as long as the tab (sessionStorage); the saved household in localStorage stays
  await page.evaluate(() => sessionStorage.clear())
  await page.reload()
  await visible(page, '.session-banner').waitFor()
  await checkStatuses(page, 'hh_0003')
  await page.screenshot({ path: path.join(ARTIFACTS, 'home-session-ended.png') })
  await visible(page, '.session-banner__sign-in').click()
  await fill(page, '.sign-in__phone', '13900000123')
  await visible(page, '.sign-in__send').click()
  await page.getByText('验证码已发出，请查看短信').waitFor()
  await fill(page, '.sign-in__code', '123456')
  await visible(page, '.sign-in__submit').click()
  await page.goto(`${product.webUrl}/#/pages/home/index`)
  await page.locator('.as-of--county:visible').first().waitFor()
  await expect(page.locator('.session-banner:visible').count()).resolves.toBe(0)
})

test("sign-out on a shared phone clears that user's household; the next user never sees it", async () => {
  await tabBarLink(page, '我的').click()
  await visible(page, '.account-card__sign-out').click()
  await visible(page, '.account-card__confirm--sign-out .account-card__confirm-yes').click()
  await page.locator('.home-welcome:visible').first().waitFor()
  const stored = await page.evaluate(() =>
    Object.keys(localStorage)
      .map((k) => localStorage.getItem(k))
      .join('\n')
  )
  expect(stored).not.toContain('买买提')
  expect(stored).not.toContain('hh_0003')

  await signIn(page, '13800000001') // 王建国, head of hh_0001
  await visible(page, '.household-summary').waitFor()
  await checkStatuses(page, 'hh_0001')
  expect(await page.locator('body').innerText()).not.toContain('买买提')
  await expect(visible(page, '.household-summary').innerText()).resolves.toContain('126.50')
  expect(await axeSerious(page)).toEqual([])
  await page.screenshot({ path: path.join(ARTIFACTS, 'home-normal.png'), fullPage: true })
})

test('the head invites a family member with one scope; the grantee sees only that; revoking takes it away', async () => {
  await page.goto(`${product.webUrl}/#/subpackages/account/family/index`)
  await visible(page, '.family-access__create').click()
  const code = (await visible(page, '.family-access__code').innerText()).trim()
  // the QR shown beside it scans back to the same code (read from the pixels on screen); it is
  // drawn just after the code arrives
  await visible(page, '.family-access__qr img').waitFor()
  const pixels = await page.evaluate(async () => {
    const img = Array.from(document.querySelectorAll('.family-access__qr img')).find(
      (i) => (i as HTMLElement).offsetParent
    ) as HTMLImageElement
    if (!img.complete)
      await new Promise((r) => {
        img.onload = r
      })
    const c = document.createElement('canvas')
    c.width = img.naturalWidth
    c.height = img.naturalHeight
    const ctx = c.getContext('2d')!
    ctx.drawImage(img, 0, 0)
    return { w: c.width, h: c.height, data: Array.from(ctx.getImageData(0, 0, c.width, c.height).data) }
  })
  expect(jsQR(Uint8ClampedArray.from(pixels.data), pixels.w, pixels.h)?.data).toBe(code)
  expect(code.length).toBeGreaterThanOrEqual(4)
  expect(await axeSerious(page)).toEqual([])

  const second = await launchPhone({ now: product.now })
  const p2 = second.page
  const errors2 = collectErrors(p2)
  try {
    await signIn(p2, '13900000456')
    await visible(p2, '.bind-form').waitFor()
    await p2.goto(`${product.webUrl}/#/subpackages/account/accept/index`)
    await fill(p2, '.accept-invite__code', code)
    await visible(p2, '.accept-invite__submit').click()
    await visible(p2, '.household-summary').waitFor()
    await checkStatuses(p2, 'hh_0001')
    await expect(visible(p2, '.household-summary').innerText()).resolves.toContain('家人授权查看')
    expect(await p2.locator('.collection-banner:visible').count()).toBe(0) // no pay scope: no pay prompt
    // the county refuses what the scope does not cover
    const person = (
      db.prepare("SELECT head_person_id AS id FROM households WHERE id = 'hh_0001'").get() as { id: string }
    ).id
    const claims = await p2.evaluate(async (pid) => {
      const token = sessionStorage.getItem('xqyb.session-token')
      const r = await fetch(`/county/v1/persons/${pid}/claims`, { headers: { authorization: `Bearer ${token}` } })
      return r.status
    }, person)
    expect(claims).toBe(403)

    // the head sees the grantee and what they looked at, and revokes with one tap
    await page.goto(`${product.webUrl}/#/subpackages/account/family/index`)
    // (王建国's household also has the seeded grant for his daughter: pick the new one)
    const row = page.locator('.family-access__grant:visible').filter({ hasText: '0456' })
    await row.waitFor()
    await expect(row.innerText()).resolves.toContain('看参保情况')
    await expect(row.innerText()).resolves.not.toContain('帮忙缴费')
    const log = await visible(page, '.family-access').innerText()
    expect(log).toContain('家人查看记录')
    await row.locator('.family-access__revoke').click()
    await page.locator('.family-access__grant:visible').filter({ hasText: '0456' }).waitFor({ state: 'detached' })

    await p2.reload()
    await visible(p2, '.home-bind').waitFor()
    expect(await p2.locator('body').innerText()).not.toContain('王志强')
    // the county answers 403/404 for the revoked household (the browser logs those); no crash
    expect(errors2.filter((e) => !/Failed to load resource: .* (403|404)/.test(e))).toEqual([])
  } finally {
    await second.context.close()
  }
})

test('elderly mode: larger text on the status card, screenshots and axe in both modes', async () => {
  await page.goto(`${product.webUrl}/#/pages/home/index`)
  await visible(page, '.member-card').waitFor()
  // the font size of the last shown match (the page just opened), read once it is attached and
  // laid out: mid tab-transition the first match can be the old page's, detached (NaN)
  const size = async (sel: string) =>
    (await (
      await page.waitForFunction((s) => {
        const shown = Array.from(document.querySelectorAll(s)).filter((e) => e.getClientRects().length > 0)
        const el = shown[shown.length - 1]
        const px = el && el.isConnected ? parseFloat(getComputedStyle(el).fontSize) : NaN
        return Number.isFinite(px) ? px : null
      }, sel)
    ).jsonValue()) as number
  const before = await size('.member-card__care-reason')
  await tabBarLink(page, '我的').click()
  await visible(page, '.elderly-switch').click()
  await page.locator('.app-page.elderly:visible').first().waitFor()
  await tabBarLink(page, '参保').click()
  await page.locator('.app-page.elderly:visible .member-card').first().waitFor()
  expect(await size('.app-page')).toBeGreaterThanOrEqual(20)
  const after = await size('.member-card__care-reason')
  expect(after).toBeGreaterThanOrEqual(20)
  expect(after).toBeGreaterThan(before)
  const speakHeight = await visible(page, '.member-card__speak').evaluate((el) => el.getBoundingClientRect().height)
  expect(speakHeight).toBeGreaterThanOrEqual(48)
  expect(await axeSerious(page)).toEqual([])
  await page.screenshot({ path: path.join(ARTIFACTS, 'home-elderly.png'), fullPage: true })
  expect(errors.filter((e) => !/502|Bad Gateway|Failed to load resource/i.test(e))).toEqual([])
})
