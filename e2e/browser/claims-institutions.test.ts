// The designated institutions list: search finds a township health centre and shows
// the ratio and deductible that apply there for this member (the calculator's figures
// for the same member), and a suspended institution is flagged.
import { ratePercent, settleClaim } from '../../src/calculator'
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
  w = await startWorld()
})
afterAll(async () => {
  await stopWorld(w)
})

test("search finds a township health centre with this member's ratio; suspended ones are flagged", async () => {
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
  const policy = await w.api.ok('getPolicy', {
    query: { region: household.regionCode, date: today },
    token: w.headToken
  })
  const { institutions } = await w.api.ok('listInstitutions', { token: w.headToken })
  const centre = institutions.find(
    (i) => i.level === 'township' && i.agreement.status === 'active' && i.name.includes('卫生院')
  )!
  const suspended = institutions.find((i) => i.agreement.status === 'suspended')!
  let years = 0
  for (let y = year - 1; person.enrolments.some((e: any) => e.year === y && e.status === 'enrolled'); y--) years++
  const s = settleClaim(
    policy.document,
    {
      kind: 'inpatient',
      area: 'local',
      person: {
        birthDate: person.birthDate,
        student: person.categories.includes('student'),
        groups: [],
        continuousYears: years
      },
      institution: { designated: true, tier: 'township', level: 1, grade: 'A', ownership: centre.ownership },
      admissionDate: today,
      dischargeDate: today,
      bill: { total: '10000.00' }
    },
    undefined,
    today
  )
  const ratio = ratePercent(s.ratio as string)

  await page.goto(`${product.webUrl}/#/subpackages/claims/institutions/index?personId=${me.personId}`)
  await page.locator('.inst').first().waitFor()
  await page.locator('.inst-search input').fill(centre.name.slice(0, 3))
  await page.locator('.inst-levels .chip[data-value="township"]').click()
  const card = page.locator(`.inst[data-institution-id="${centre.institutionId}"]`)
  await card.waitFor()
  await expect(card.locator('.inst-ratio').textContent()).resolves.toBe(`住院报销 ${ratio}`)
  expect(await card.locator('.inst-terms').getAttribute('data-deductible')).toBe(s.deductible)
  await expect(card.textContent()).resolves.toContain('乡镇卫生院')
  await expect(card.locator('.inst-call').textContent()).resolves.toContain(centre.phone)
  await fullShot(page, 'claims-institutions')

  await page.locator('.inst-search input').fill('')
  await page.locator('.inst-levels .chip[data-value="all"]').click()
  const flagged = page.locator(`.inst[data-institution-id="${suspended.institutionId}"]`)
  await expect(flagged.locator('.inst-status').textContent()).resolves.toBe('⚠ 暂停医保结算')
  await expect(flagged.locator('.inst-terms').count()).resolves.toBe(0)

  await setElderly(w, true)
  await page.goto(`${product.webUrl}/#/subpackages/claims/institutions/index?personId=${me.personId}`)
  await page.locator('.inst').first().waitFor()
  await fullShot(page, 'claims-institutions-elderly')
  await setElderly(w, false)
  expect(w.errors).toEqual([])
})
