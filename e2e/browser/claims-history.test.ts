// A demo member with several claims sees the history by year, with totals, and opens a
// claim whose waterfall lines add up to the total shown — all figures as the county
// settled them (read here from the county API, not hard-coded).
import { addYuan, compareYuan, fenToYuan, subtractYuan, yuanToFen } from '../../src/calculator'
import { fullShot, signInAsHead, setElderly, startWorld, stopWorld, type ClaimsWorld } from './claims-support'

let w: ClaimsWorld
// the full demo county: 王建国's story has claims in every year
beforeAll(async () => {
  w = await startWorld(200)
})
afterAll(async () => {
  await stopWorld(w)
})

const sum = (xs: string[]) => addYuan(...xs)

test('history by year with totals, filters, and a claim waterfall that adds up', async () => {
  const { page, product } = w
  await signInAsHead(w)
  const me = await w.api.ok('me', { token: w.headToken })
  const year = new Date(product.now() + 8 * 3600e3).getUTCFullYear()
  // find the year of 王建国 with the most claims: that is the one the test opens
  const lists = await Promise.all(
    [year, year - 1, year - 2].map((y) =>
      w.api.ok('listClaims', { params: { personId: me.personId! }, query: { year: y }, token: w.headToken })
    )
  )
  const list = [...lists].sort((a, b) => b.claims.length - a.claims.length)[0]
  expect(list.claims.length).toBeGreaterThan(1)

  await page.goto(`${product.webUrl}/#/pages/claims/index`)
  await page.locator('.year-chips .chip').first().waitFor()
  // this year's protection: the cap from the county, the outpatient limit from the county's policy document
  const household = await w.api.ok('getHousehold', {
    params: { householdId: me.households[0].householdId },
    token: w.headToken
  })
  const today = new Date(product.now() + 8 * 3600e3).toISOString().slice(0, 10)
  const policy = await w.api.ok('getPolicy', {
    query: { region: household.regionCode, date: today },
    token: w.headToken
  })
  const yuan = (v: string) => `¥${fenToYuan(yuanToFen(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`
  await page.locator('.protection .pm-outpatient').waitFor()
  await expect(page.locator('.protection .pm-outpatient').textContent()).resolves.toContain(
    yuan(policy.document.outpatient!.annualLimit as string)
  )
  await expect(page.locator('.protection .pm-cap').textContent()).resolves.toContain(yuan(lists[0].cap!))
  await page.locator(`.year-chips .chip[data-value="${list.year}"]`).click()
  const totals = page.locator(`.year-totals[data-year="${list.year}"]`)
  await totals.waitFor()
  await expect(totals.textContent()).resolves.toContain(`${list.year}年 看病 ${list.claims.length} 次`)
  const payout = sum(list.claims.map((c: any) => c.payout))
  await expect(totals.locator('.yt-payout').textContent()).resolves.toBe(yuan(payout))
  await expect(page.locator('.claim-card').count()).resolves.toBe(list.claims.length)
  // every claim shows its institution and its progress with dates
  for (const c of list.claims) {
    const card = page.locator(`.claim-card[data-claim-id="${c.claimId}"]`)
    await expect(card.textContent()).resolves.toContain(c.institutionName)
    await expect(card.locator('.stage--done').count()).resolves.toBe(
      ['accepted', 'reviewing', 'publicized', 'paid_out'].indexOf(c.stage) + 1
    )
  }
  // filter: only hospital stays
  const stays = list.claims.filter((c: any) => c.kind === 'inpatient').length
  await page.locator('.kind-chips .chip[data-value="inpatient"]').click()
  await expect(page.locator('.claim-card').count()).resolves.toBe(stays)
  await page.locator('.kind-chips .chip[data-value="all"]').click()
  await fullShot(page, 'claims-list')

  // open the biggest claim
  const claim = [...list.claims].sort((a: any, b: any) => compareYuan(b.totalCost, a.totalCost))[0]
  await page.locator(`.claim-card[data-claim-id="${claim.claimId}"]`).click()
  await page.getByText('每一笔是怎么算的').first().waitFor()
  // whose stay it was, at the top (a screenshot sent to family says it too)
  const patient = household.members.find((m) => m.personId === claim.personId)!.name
  expect(claim.personName).toBe(patient)
  await expect(page.locator('.claim-head__who').textContent()).resolves.toContain(patient)
  // it cites the documents of the policy version it was settled under, no other year's
  await expect(page.locator('.claim-policy').getAttribute('data-version')).resolves.toBe(claim.policyVersion)
  const cited = (await page.locator('.wf-line .wf-source').allTextContents()).join(' ')
  const versionYear = Number(claim.policyVersion.slice(0, 4))
  for (const y of [year, year - 1, year - 2, year + 1].filter((x) => x !== versionYear))
    expect(cited).not.toContain(`${y}年`)
  const total = await page.locator('.wf-line[data-rule="total"]').getAttribute('data-amount')
  expect(total).toBe(claim.totalCost)
  const paid = await page
    .locator('.who-paid [data-payer]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-amount') as string))
  expect(sum(paid)).toBe(total)
  expect(await page.locator('.who-paid [data-payer="family"]').getAttribute('data-amount')).toBe(claim.selfPaid)
  expect(await page.locator('.who-paid [data-payer="basic-fund"]').getAttribute('data-amount')).toBe(claim.payout)
  // the waterfall, line by line: total − not covered − deductible … each with a reason and its document
  const notCovered = (await page.locator('.wf-line[data-rule="eligible-cost"][data-kind="minus"]').count())
    ? await page.locator('.wf-line[data-rule="eligible-cost"][data-kind="minus"]').getAttribute('data-amount')
    : '0.00'
  expect(subtractYuan(total!, notCovered!)).toBe(claim.eligibleCost)
  expect(
    await page.locator('.wf-line[data-rule="eligible-cost"][data-kind="subtotal"]').getAttribute('data-amount')
  ).toBe(claim.eligibleCost)
  const reasons = await page
    .locator('.wf-line .wf-reason')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()))
  expect(reasons.every((r) => r.length > 3)).toBe(true)
  await expect(page.locator('.wf-line .wf-source').first().textContent()).resolves.toMatch(/^依据：/)
  await fullShot(page, 'claims-detail')

  await setElderly(w, true)
  await page.goto(`${product.webUrl}/#/pages/claims/index`)
  await page.locator('.claim-card').first().waitFor()
  await fullShot(page, 'claims-list-elderly')
  await page.goto(`${product.webUrl}/#/subpackages/claims/detail/index?claimId=${claim.claimId}`)
  await page.getByText('每一笔是怎么算的').first().waitFor()
  const size = await page
    .locator('.wf-reason')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(size).toBeGreaterThanOrEqual(18)
  await fullShot(page, 'claims-detail-elderly')
  await setElderly(w, false)
  expect(w.errors).toEqual([])
})
