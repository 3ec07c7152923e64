// "今年的保障" shows the county's year summary (the calculator's yearSummary, which the county
// runs on the member's settled claims and sends with the list). The figures must equal what
// the calculator itself carried from claim to claim (its historyAfter), for a member with
// two hospital stays and two outpatient visits settled in order.
import { render, screen } from '@testing-library/react'
import { addYuan, compareYuan, subtractYuan } from '@/calculator/money'
import {
  bundledPolicies,
  DEMO_POLICY_ID,
  settleClaim,
  yearSummary,
  type Claim as CalcClaim,
  type FullClaimHistory,
  type Settlement
} from '@/calculator'
import type { Claim } from '@/contract'
import { protectionOf } from '../history'
import { ProtectionMeter } from './protection-meter'

const policy = bundledPolicies[DEMO_POLICY_ID]
const person = { birthDate: '1970-01-01', continuousYears: 2 }

function toContract(s: Settlement, i: number, c: CalcClaim): Claim {
  return {
    claimId: `c${i}`,
    personId: 'p1',
    personName: '王建国',
    year: 2026,
    kind: c.kind === 'inpatient' ? 'inpatient' : 'outpatient',
    institutionId: null,
    institutionName: '某医院',
    admissionDate: c.admissionDate ?? c.serviceDate!,
    dischargeDate: c.dischargeDate ?? null,
    totalCost: s.total,
    eligibleCost: s.eligible,
    payout: s.basicFund,
    selfPaid: s.patientPays,
    stage: 'paid_out',
    timeline: [],
    policyVersion: s.policyVersion,
    steps: s.steps,
    settlement: s
  }
}

function settleYear(claims: CalcClaim[]) {
  let h: FullClaimHistory | undefined
  const out: Claim[] = []
  claims.forEach((c, i) => {
    const s = settleClaim(policy, c, h, '2026-12-01')
    out.push(toContract(s, i, c))
    h = s.historyAfter
  })
  return { claims: out, history: h!, summary: countySummary(out) }
}

/** What the county sends with the list: the calculator's year summary of the settled claims. */
function countySummary(claims: Claim[]) {
  return yearSummary(
    policy,
    claims.map((c) => c.settlement!),
    '2026-12-01'
  )
}

const stay = (date: string, total: string, tier: 'county' | 'city'): CalcClaim => ({
  kind: 'inpatient',
  area: 'local',
  person,
  institution: { designated: true, tier },
  admissionDate: date,
  dischargeDate: date,
  bill: { total }
})
const visit = (date: string, total: string): CalcClaim => ({
  kind: 'outpatient',
  area: 'local',
  person,
  institution: { designated: true, tier: 'county' },
  serviceDate: date,
  bill: { total }
})

test('the meter shows the cap, deductibles, outpatient pooling and the 大病 threshold as the calculator carried them', () => {
  const { history, summary } = settleYear([
    stay('2026-02-01', '30000.00', 'city'),
    visit('2026-03-01', '150.00'),
    stay('2026-05-01', '20000.00', 'county'),
    visit('2026-06-01', '900.00')
  ])
  const p = protectionOf(2026, summary)
  expect(p.admissions).toBe(2)
  // 1000 (city, first stay) + 500 (county, second stay: 600 − 100)
  expect(p.deductiblesPaid).toBe('1500.00')
  expect(p.cap).toEqual({
    used: history.fundPaid,
    limit: '200000.00',
    left: subtractYuan('200000.00', history.fundPaid)
  })
  expect(p.outpatient).toEqual({
    used: history.outpatientFundPaid,
    limit: '600.00',
    left: subtractYuan('600.00', history.outpatientFundPaid)
  })
  expect(p.catastrophic!.base).toBe(history.catastrophicBase)
  expect(p.catastrophic!.threshold).toBe('15000.00')

  const { container } = render(<ProtectionMeter data={p} name='王建国' />)
  expect(screen.getByText('王建国 2026年的保障')).toBeInTheDocument()
  expect(container.querySelector('.pm-cap')!.getAttribute('data-left')).toBe(summary.annualCap!.left)
  expect(container.querySelector('.pm-outpatient')!.getAttribute('data-used')).toBe(history.outpatientFundPaid)
  expect(screen.getByText(/今年住院 2 次/)).toBeInTheDocument()
  const toGo = container.querySelector('.pm-catastrophic')!.getAttribute('data-to-go')
  expect(toGo).toBe(subtractYuan('15000.00', history.catastrophicBase))
  expect(screen.getByText(/后，大病保险开始报/)).toBeInTheDocument()
  const bars = container.querySelectorAll('[role="progressbar"]')
  expect(bars.length).toBe(3)
})

test('a member with no claims this year still sees the limits from the policy', () => {
  const p = protectionOf(2026, countySummary([]))
  render(<ProtectionMeter data={p} />)
  expect(p).toMatchObject({
    admissions: 0,
    deductiblesPaid: '0.00',
    outpatient: { used: '0.00', limit: '600.00', left: '600.00' },
    catastrophic: { toGo: '15000.00', reached: false }
  })
  expect(screen.getByText('今年还没有住院。')).toBeInTheDocument()
})

test('past the 大病 threshold the meter says 大病保险 is paying; a county without a cap says so', () => {
  const { summary } = settleYear([stay('2026-02-01', '90000.00', 'city')])
  const p = protectionOf(2026, { ...summary, annualCap: null })
  expect(p.catastrophic!.reached).toBe(true)
  render(<ProtectionMeter data={p} />)
  expect(screen.getByText('已经开始报')).toBeInTheDocument()
  expect(screen.getByText('不设年度封顶线')).toBeInTheDocument()
})

test('已报 is what the basic fund paid; the cap meter is what the county counted towards the cap', () => {
  // a hospital stay and an outpatient visit: the visit is paid by the fund but, under the demo
  // policy, not counted towards the annual cap — 已报 must not read less than the fund paid
  const { claims, history, summary } = settleYear([
    stay('2026-02-01', '30000.00', 'city'),
    visit('2026-03-01', '150.00')
  ])
  const p = protectionOf(2026, summary)
  expect(p.cap).toEqual({
    used: history.fundPaid,
    limit: '200000.00',
    left: subtractYuan('200000.00', history.fundPaid)
  })
  expect(p.basicFund).toBe(addYuan(...claims.map((c) => c.settlement!.basicFund)))
  expect(compareYuan(p.basicFund, p.cap!.used)).toBe(1)
  const { container } = render(<ProtectionMeter data={p} />)
  expect(container.querySelector('.pm-cap')!.getAttribute('data-basic-fund')).toBe(p.basicFund)
  expect(container.querySelector('.pm-cap')!.textContent).toContain('其中计入年度封顶线的')
})
