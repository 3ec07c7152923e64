// One truth for the 报销 figures: for every demo member with claims this year, what the tab
// shows (this year's protection and the year's totals, which are the year summary the county
// sends with the list) and what each claim's detail shows (who paid what) equal the
// calculator's own yearSummary of the member's settled claims, as the county sent them.
// Expected values are computed here with the calculator, never typed in.
import { addYuan, insurancePaid, yearSummary, type Settlement } from '../../src/calculator'
import { signInAsHead, startWorld, stopWorld, todayShanghai, type ClaimsWorld } from './claims-support'

let w: ClaimsWorld
beforeAll(async () => {
  w = await startWorld(12)
})
afterAll(async () => {
  await stopWorld(w)
})

test('the 报销 tab and every claim detail show the calculator year summary, member by member', async () => {
  const { page, product } = w
  await signInAsHead(w)
  const me = await w.api.ok('me', { token: w.headToken })
  const household = await w.api.ok('getHousehold', {
    params: { householdId: me.households[0].householdId },
    token: w.headToken
  })
  const today = todayShanghai(w)
  const year = Number(today.slice(0, 4))
  const policy = await w.api.ok('getPolicy', {
    query: { region: household.regionCode, date: today },
    token: w.headToken
  })

  let checked = 0
  for (const member of household.members) {
    const list = await w.api.ok('listClaims', {
      params: { personId: member.personId },
      query: { year },
      token: w.headToken
    })
    const settled = list.claims.map((c) => c.settlement).filter(Boolean) as Settlement[]
    if (settled.length === 0) continue
    const y = yearSummary(policy.document, settled, today, { student: member.categories.includes('student') })

    await page.goto(`${product.webUrl}/#/pages/claims/index`)
    await page.locator(`.member-chips .chip[data-value="${member.personId}"]`).click()
    const totals = page.locator(`.year-totals[data-year="${year}"]`)
    await page.locator(`.year-totals[data-year="${year}"] >> text=${member.name}`).waitFor()
    // the year's totals
    await expect(totals.getAttribute('data-total')).resolves.toBe(y.total)
    await expect(totals.getAttribute('data-paid')).resolves.toBe(y.insurancePaid)
    await expect(totals.getAttribute('data-self')).resolves.toBe(y.patientPays)
    await expect(totals.getAttribute('data-account')).resolves.toBe(y.householdAccount)
    // the county sent this summary with the list: the tab shows it, it adds nothing itself
    expect(list.summary).toEqual(y)
    // this year's protection
    const cap = page.locator('.protection .pm-cap')
    await expect(cap.getAttribute('data-basic-fund')).resolves.toBe(y.basicFund)
    if (y.annualCap) {
      await expect(cap.getAttribute('data-used')).resolves.toBe(y.annualCap.used)
      await expect(cap.getAttribute('data-left')).resolves.toBe(y.annualCap.left ?? '')
    }
    await expect(page.locator('.protection .pm-deductible').getAttribute('data-paid')).resolves.toBe(
      y.deductible.inpatient
    )
    await expect(page.locator('.protection .pm-deductible').textContent()).resolves.toContain(
      `今年住院 ${y.admissions} 次`
    )
    if (y.outpatientLimit)
      await expect(page.locator('.protection .pm-outpatient').getAttribute('data-used')).resolves.toBe(
        y.outpatientLimit.used
      )
    if (y.catastrophicLayer?.toGo)
      await expect(page.locator('.protection .pm-catastrophic').getAttribute('data-to-go')).resolves.toBe(
        y.catastrophicLayer.toGo
      )

    // each claim's detail: who paid what is its settlement's parts; together, the year's
    const fundPaid: string[] = []
    for (const c of list.claims.filter((x: any) => x.settlement)) {
      const s = c.settlement as Settlement
      await page.goto(`${product.webUrl}/#/subpackages/claims/detail/index?claimId=${c.claimId}`)
      await page.locator('.who-paid').first().waitFor()
      const paid = Object.fromEntries(
        await page
          .locator('.who-paid [data-payer]')
          .evaluateAll((els) => els.map((e) => [e.getAttribute('data-payer'), e.getAttribute('data-amount')]))
      ) as Record<string, string>
      expect(paid['basic-fund']).toBe(s.basicFund)
      expect(paid.family).toBe(s.patientPays)
      expect(paid.catastrophic ?? '0.00').toBe(s.catastrophic)
      expect(paid.assistance ?? '0.00').toBe(s.assistance)
      expect(paid['household-account'] ?? '0.00').toBe(s.householdAccount)
      expect(addYuan(paid['basic-fund'], paid.catastrophic ?? '0.00', paid.assistance ?? '0.00')).toBe(insurancePaid(s))
      expect(insurancePaid(s)).toBe(c.payout)
      fundPaid.push(paid['basic-fund'])
    }
    expect(addYuan(...fundPaid)).toBe(y.basicFund)
    checked++
  }
  // 王建国's family has several members with claims this year, an outpatient-only one among them
  expect(checked).toBeGreaterThan(1)
  expect(w.errors).toEqual([])
})
