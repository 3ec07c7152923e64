// The estimate on the phone equals the shared calculator's result for the same input
// (computed here with the calculator and the county's own policy document), the
// township comparison too; and with the county API stopped the estimate still works
// from the policy saved on the phone.
import {
  addYuan,
  compareYuan,
  estimate,
  insurancePaid,
  subtractYuan,
  yearSummary,
  type EstimateAnswers,
  type Settlement
} from '../../src/calculator'
import {
  fullShot,
  signInAsHead,
  setElderly,
  startWorld,
  stopWorld,
  todayShanghai,
  type ClaimsWorld
} from './claims-support'

let w: ClaimsWorld
beforeAll(async () => {
  w = await startWorld(200)
})
afterAll(async () => {
  await stopWorld(w)
})

// Taro h5 keeps earlier pages in the DOM, hidden (after a tab and back there can be two estimate
// pages): every selector is taken inside the estimate page on screen.
const onScreen = () =>
  w.page
    .locator('.estimate-page:visible, .taro_page:visible')
    .filter({ has: w.page.locator('.estimate-form') })
    .last()

async function fillAndRun(amount: string) {
  const p = onScreen()
  await p.locator('.ef-place .chip[data-value="county"]').click()
  await p.locator('.ef-inpatient .chip[data-value="true"]').click()
  await p.locator('.ef-amount input').fill(amount)
  await p.locator('.ef-referral .chip[data-value="false"]').click()
  await p.locator('.ef-submit').click()
  await p.locator('.er-summary').waitFor()
}

async function shown() {
  const s = onScreen().locator('.er-summary')
  return {
    insured: await s.getAttribute('data-insured'),
    family: await s.getAttribute('data-family'),
    total: await s.getAttribute('data-total')
  }
}

test('the estimate equals the calculator for the same input, online and offline', async () => {
  const { page, product } = w
  await signInAsHead(w)
  const me = await w.api.ok('me', { token: w.headToken })
  const household = await w.api.ok('getHousehold', {
    params: { householdId: me.households[0].householdId },
    token: w.headToken
  })
  const person = household.members.find((m) => m.personId === me.personId)!
  const today = todayShanghai(w)
  const year = Number(today.slice(0, 4))
  const list = await w.api.ok('listClaims', {
    params: { personId: me.personId! },
    query: { year: year },
    token: w.headToken
  })
  const policy = await w.api.ok('getPolicy', {
    query: { region: household.regionCode, date: today },
    token: w.headToken
  })
  // the member's own data, as the form is documented to fill it in; this year so far is the
  // calculator's year summary of the settled claims the county sent
  const student = person.categories.includes('student')
  const settled = list.claims.map((c) => c.settlement).filter(Boolean) as Settlement[]
  const soFar = yearSummary(policy.document, settled, today, { student })
  let years = 0
  for (let y = year - 1; person.enrolments.some((e: any) => e.year === y && e.status === 'enrolled'); y--) years++
  const answers: EstimateAnswers = {
    kind: 'inpatient',
    institution: { tier: 'county' },
    area: 'local',
    billAmount: '8000.00',
    birthDate: person.birthDate,
    student,
    continuousYears: years,
    ...(soFar.annualCap ? { fundPaidThisYear: soFar.annualCap.used } : {}),
    ...(soFar.catastrophicLayer
      ? {
          catastrophicBaseThisYear: soFar.catastrophicLayer.base,
          catastrophicPaidThisYear: soFar.catastrophicLayer.paid
        }
      : {}),
    admissionsThisYear: soFar.admissions,
    referralApproved: false
  }
  const expected = estimate(policy.document, answers, today)
  const atTownship = estimate(
    policy.document,
    { ...answers, institution: { tier: 'township' }, referralApproved: undefined },
    today
  )

  await page.goto(`${product.webUrl}/#/subpackages/claims/estimate/index?personId=${me.personId}`)
  await onScreen().waitFor()
  await fillAndRun('8000')
  // what insurance pays is the calculator's insurancePaid; the family pays the rest
  const insured = insurancePaid(expected)
  expect(await shown()).toEqual({ insured, family: subtractYuan('8000.00', insured), total: '8000.00' })
  await expect(onScreen().locator('.er-summary').textContent()).resolves.toContain(`${policy.version}版估算`)
  await expect(onScreen().locator('.er-tag').textContent()).resolves.toBe('估算')
  // "at 乡镇卫生院 you would get ¥X more", shown exactly when the calculator says it pays more there
  const more = subtractYuan(insurancePaid(atTownship), insured)
  expect(compareYuan(more, '0.00')).toBe(1)
  expect(await onScreen().locator('.er-lower').getAttribute('data-more')).toBe(more)
  expect(await onScreen().locator('.er-assumption').count()).toBe(expected.assumptions.length)
  // the waterfall of the estimate: its payers add up to the bill
  const paid = await onScreen()
    .locator('.who-paid [data-payer]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-amount') as string))
  expect(addYuan(...paid)).toBe('8000.00')
  await fullShot(page, 'claims-estimate')

  // a wrong amount is refused in plain Chinese, nothing estimated
  await onScreen().locator('.ef-amount input').fill('-5')
  await onScreen().locator('.ef-submit').click()
  await expect(onScreen().locator('.ef-error[data-field="amount"]').textContent()).resolves.toBe('花费不能是负数')

  // offline: the county API is gone; the saved policy still estimates, with the same result
  await product.stopApi()
  await page.reload()
  await onScreen().waitFor()
  await page.locator('.offline-banner:visible').first().waitFor()
  await fillAndRun('8000')
  expect(await shown()).toEqual({ insured, family: subtractYuan('8000.00', insured), total: '8000.00' })
  await expect(onScreen().locator('.er-summary').textContent()).resolves.toContain('用的是手机上保存的政策')
  await product.startApi()

  await setElderly(w, true)
  await page.goto(`${product.webUrl}/#/subpackages/claims/estimate/index?personId=${me.personId}`)
  await onScreen().waitFor()
  await fillAndRun('8000')
  await fullShot(page, 'claims-estimate-elderly')
  await setElderly(w, false)

  // 王建国 is covered: no warning. His son 王志强 stopped paying (已断保): told before any figure
  // that he cannot claim now, and the figure is labelled as after enrolling again
  await expect(onScreen().locator('.estimate-not-covered').count()).resolves.toBe(0)
  const lapsed = household.members.find((m) => m.enrolments.some((e) => e.year === year && e.status === 'lapsed'))!
  expect(lapsed).toBeDefined()
  await page.goto(`${product.webUrl}/#/subpackages/claims/estimate/index?personId=${lapsed.personId}`)
  await onScreen().locator('.estimate-not-covered').waitFor()
  await expect(onScreen().locator('.estimate-not-covered').innerText()).resolves.toContain(
    `${lapsed.name}现在看病不能报销：已断保`
  )
  await fillAndRun('8000')
  await expect(onScreen().locator('.er-not-covered').innerText()).resolves.toContain('现在看病不能报销')
  await expect(onScreen().locator('.er-big').first().innerText()).resolves.toContain('参保以后大约能报销')
  await fullShot(page, 'claims-estimate-not-covered')
  expect(w.errors.filter((e) => !/Failed to load resource|ERR_CONNECTION|502|503|504/.test(e))).toEqual([])
})
