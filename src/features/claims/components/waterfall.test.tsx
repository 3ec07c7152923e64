// The waterfall is rendered from real settlements: each case settles a claim with the
// shared calculator and the demo county policy, then checks the lines on screen —
// every step kind has its line, a reason and its source, and the payers add up to the total.
import { render, screen, within } from '@testing-library/react'
import { subtractYuan } from '@/calculator/money'
import {
  bundledPolicies,
  DEMO_POLICY_ID,
  settleClaim,
  type Claim,
  type ClaimHistory,
  type Settlement
} from '@/calculator'
import { buildWaterfall, sumOfPayers } from '../waterfall'
import { WaterfallView, WhoPaid } from './waterfall'

const policy = bundledPolicies[DEMO_POLICY_ID]
const AS_OF = '2026-11-01'
const person = { birthDate: '1958-03-02', continuousYears: 3 }
const township = { designated: true, tier: 'township' as const, level: 1 as const }
const city = { designated: true, tier: 'city' as const, level: 3 as const, grade: 'A' as const }

function settle(claim: Partial<Claim>, history?: ClaimHistory): Settlement {
  const base: Claim = {
    kind: 'inpatient',
    area: 'local',
    person,
    institution: township,
    admissionDate: '2026-03-01',
    dischargeDate: '2026-03-10',
    bill: { total: '8000.00' }
  }
  return settleClaim(policy, { ...base, ...claim } as Claim, history, AS_OF)
}

function show(s: Settlement) {
  const w = buildWaterfall(s.steps)
  const view = render(
    <>
      <WaterfallView data={w} />
      <WhoPaid data={w} />
    </>
  )
  return { w, view }
}

const lineOf = (container: HTMLElement, rule: string) =>
  container.querySelector(`[data-rule="${rule}"]`) as HTMLElement | null

function expectAddsUp(s: Settlement, w: ReturnType<typeof buildWaterfall>) {
  expect(w.total).toBe(s.total)
  expect(sumOfPayers(w)).toBe(s.total)
  expect(w.familyPays).toBe(s.patientPays)
}

test('an inpatient stay at a city hospital without referral, 低保, second admission: every line from total to family', () => {
  const s = settle(
    {
      institution: city,
      person: { ...person, groups: ['dibao'] },
      bill: {
        total: '80000.00',
        lines: [
          { class: 'A', amount: '60000.00' },
          { class: 'B', amount: '15000.00' },
          { class: 'self-pay', amount: '5000.00' }
        ]
      },
      referral: { approved: false }
    },
    { admissions: { local: 1 } }
  )
  const { w, view } = show(s)
  const c = view.container
  for (const rule of [
    'policy.version',
    'total',
    'eligible-cost',
    'inpatient.deductible',
    'referral.penalty-deductible',
    'inpatient.deductible-applied',
    'inpatient.ratio',
    'continuous-years-bonus',
    'referral.penalty-ratio',
    'rounding.fen',
    'annual-cap',
    'basic-fund',
    'catastrophic',
    'assistance',
    'patient-pays'
  ]) {
    expect(lineOf(c, rule)).not.toBeNull()
  }
  // minus lines carry the amount that step took away
  const notCovered = c.querySelector('[data-rule="eligible-cost"][data-kind="minus"]') as HTMLElement
  expect(notCovered.dataset.amount).toBe(subtractYuan(s.total, s.eligible))
  expect(
    c.querySelector('[data-rule="inpatient.deductible-applied"][data-kind="minus"]')!.getAttribute('data-amount')
  ).toBe(s.deductible)
  // the reason for the deductible says which admission and the level; the ratio line shows the base rate
  expect(within(lineOf(c, 'inpatient.deductible')!).getByText(/本年第 2 次住院/)).toBeInTheDocument()
  expect(within(lineOf(c, 'inpatient.ratio')!).getByText('× 65%')).toBeInTheDocument()
  expect(within(lineOf(c, 'referral.penalty-ratio')!).getByText(/未办转诊/)).toBeInTheDocument()
  // 大病保险 band by band
  expect(within(lineOf(c, 'catastrophic')!).getAllByText(/报 \d+%/)).toHaveLength(3)
  // payers: fund, 大病, 救助 as the calculator settled them
  expect(w.payers.map((p) => [p.ruleId, p.amount])).toEqual([
    ['basic-fund', s.basicFund],
    ['catastrophic', s.catastrophic],
    ['assistance', s.assistance]
  ])
  expectAddsUp(s, w)
  // every rule line cites its document
  expect(within(lineOf(c, 'inpatient.ratio')!).getByText('依据：演示方案 第十四条')).toBeInTheDocument()
  expect(within(lineOf(c, 'catastrophic')!).getByText(/演示县大病保险实施办法/)).toBeInTheDocument()
  expect(screen.getByText('您家自己付', { selector: '.wf-title' })).toBeInTheDocument()
  for (const el of Array.from(c.querySelectorAll('.wf-line')))
    expect(el.querySelector('.wf-reason')!.textContent!.length).toBeGreaterThan(3)
})

test('the annual cap cuts the fund: a minus line shows what was over the cap', () => {
  const s = settle({ institution: city, bill: { total: '100000.00' } }, { fundPaid: '190000.00' })
  const { w, view } = show(s)
  const over = view.container.querySelector('[data-rule="annual-cap"][data-kind="minus"]') as HTMLElement
  expect(over).not.toBeNull()
  expect(over.dataset.amount).toBe(s.overCap)
  expect(w.payers[0]).toEqual({ ruleId: 'basic-fund', title: '基本医保', amount: '10000.00' })
  expectAddsUp(s, w)
})

test('outpatient at the village clinic: patient flat fee, outpatient limits, household account', () => {
  const s = settle(
    {
      kind: 'outpatient',
      institution: { designated: true, tier: 'village' },
      serviceDate: '2026-04-02',
      admissionDate: undefined,
      dischargeDate: undefined,
      bill: { total: '60.00' },
      useHouseholdAccount: true
    },
    { householdAccountBalance: '40.00' }
  )
  const { w, view } = show(s)
  const c = view.container
  for (const rule of [
    'outpatient.deductible',
    'outpatient.patient-flat',
    'outpatient.annual-limit',
    'household-account',
    'patient-pays'
  ])
    expect(lineOf(c, rule)).not.toBeNull()
  expect(w.payers.find((p) => p.ruleId === 'household-account')!.amount).toBe(s.householdAccount)
  expectAddsUp(s, w)
})

test('outpatient at the county hospital above the per-visit limit', () => {
  const s = settle({
    kind: 'outpatient',
    institution: { designated: true, tier: 'county', level: 2 },
    serviceDate: '2026-04-02',
    admissionDate: undefined,
    dischargeDate: undefined,
    bill: { total: '900.00' }
  })
  const { w, view } = show(s)
  const cut = view.container.querySelector('[data-rule="outpatient.per-visit-limit"][data-kind="minus"]') as HTMLElement
  expect(cut).not.toBeNull()
  expect(within(cut).getByText(/门诊每次限额/)).toBeInTheDocument()
  expectAddsUp(s, w)
})

test('special outpatient disease: yearly deductible and ratio', () => {
  const s = settle({
    kind: 'special-outpatient',
    serviceDate: '2026-05-02',
    admissionDate: undefined,
    dischargeDate: undefined,
    specialDisease: { code: 'diabetes', approved: true },
    bill: { total: '2000.00' }
  })
  const { w, view } = show(s)
  expect(lineOf(view.container, 'special-outpatient.deductible')).not.toBeNull()
  expect(within(lineOf(view.container, 'special-outpatient.ratio')!).getByText('× 65%')).toBeInTheDocument()
  expectAddsUp(s, w)
})

test('major disease and benchmark price settlements', () => {
  const major = settle({ majorDisease: 'breast-cancer', institution: city, bill: { total: '50000.00' } })
  const m = show(major)
  expect(lineOf(m.view.container, 'major-disease.fund')).not.toBeNull()
  expect(lineOf(m.view.container, 'major-disease.cap')).not.toBeNull()
  expectAddsUp(major, m.w)
  m.view.unmount()
  const bench = settle({
    benchmark: { disease: 'appendicitis', list: 'county' },
    institution: { designated: true, tier: 'county', level: 2 },
    bill: { total: '7000.00' }
  })
  const b = show(bench)
  expect(within(lineOf(b.view.container, 'benchmark-price.fund')!).getByText(/基准价格 6000.00 元/)).toBeInTheDocument()
  expectAddsUp(bench, b.w)
})

test('an excluded claim says why nothing was paid, and the family pays all of it', () => {
  const s = settle({ institution: { designated: false, tier: 'county' } })
  const { w, view } = show(s)
  expect(w.excluded).toBe(true)
  expect(within(lineOf(view.container, 'exclusion')!).getByText(/非定点医疗机构/)).toBeInTheDocument()
  expect(w.payers).toEqual([])
  expect(w.familyPays).toBe('8000.00')
  expectAddsUp(s, w)
})

test('emergency handling and steps this screen does not know are shown as notes, never dropped', () => {
  const s = settle({ area: 'out-filed', emergency: { died: false } })
  const w = buildWaterfall([...s.steps, { rule: 'something.new', label: '新的规则说明' }])
  render(<WaterfallView data={w} />)
  expect(w.lines.some((l) => l.ruleId === 'emergency.out-of-area' && l.kind === 'note')).toBe(true)
  expect(screen.getByText('新的规则说明')).toBeInTheDocument()
})

test('steps as the county API stores them (ruleId, amounts as strings) render the same way', () => {
  const s = settle({})
  const stored = s.steps.map((st) => ({
    ruleId: st.rule,
    label: st.label,
    before: st.before,
    after: st.after,
    params: st.params,
    source: st.source
  }))
  const w = buildWaterfall(stored)
  expect(w).toEqual(buildWaterfall(s.steps))
  expect(sumOfPayers(w)).toBe(s.total)
})
