import { addMonths, ageAtYearEnd, ageOn, daysBetween, firstOfMonthAfter, isIsoDate, addDays } from './dates'
import { Exact, fen2, mulRound, parseFen, RATE, rateUnits } from './amounts'
import { deepMerge } from './resolve'
import {
  bundledPolicies,
  bundledSeries,
  CalculatorError,
  DEMO_POLICY_ID,
  estimate,
  listBundledPolicies,
  loadBundledPolicy,
  PolicyInvalidError,
  quoteContribution,
  resolvePolicy,
  settleClaim,
  validatePolicy,
  type Claim,
  type ClaimHistory,
  type PolicyDocument
} from './index'

const demo = bundledPolicies[DEMO_POLICY_ID] as PolicyDocument
const claim = (over: Partial<Claim> = {}): Claim => ({
  kind: 'inpatient',
  person: { birthDate: '1970-01-01' },
  institution: { designated: true, tier: 'county' },
  area: 'local',
  admissionDate: '2026-03-01',
  dischargeDate: '2026-03-05',
  bill: { total: '5000.00' },
  ...over
})
function codeOf(f: () => unknown): string | undefined {
  try {
    f()
  } catch (e) {
    if (e instanceof CalculatorError) return e.code
    throw e
  }
  return undefined
}

describe('dates', () => {
  it('validates ISO dates including leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2026-02-29')).toBe(false)
    expect(isIsoDate('2026-13-01')).toBe(false)
    expect(isIsoDate('26-01-01')).toBe(false)
  })
  it('adds months and days', () => {
    expect(firstOfMonthAfter('2008-03-10', 3)).toBe('2008-06-01')
    expect(firstOfMonthAfter('2025-11-30', 3)).toBe('2026-02-01')
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(daysBetween('2026-03-01', '2026-06-29')).toBe(120)
  })
  it('counts age in full years, and at 31 Dec of a year', () => {
    expect(ageOn('1961-06-15', '2026-06-14')).toBe(64)
    expect(ageOn('1961-06-15', '2026-06-15')).toBe(65)
    expect(ageAtYearEnd('1990-12-30', 2008)).toBe(18)
  })
})

describe('money', () => {
  it('parses only strings with at most two decimals', () => {
    expect(parseFen('12.30', '$')).toBe(1230)
    expect(parseFen('12.3', '$')).toBe(1230)
    expect(parseFen('100000000.00', '$')).toBe(10_000_000_000)
    for (const bad of ['-1.00', '1.234', 'abc', '', '1e5', ' 12', '1000000000', '100000000.01', 'NaN', '01.00']) {
      expect(codeOf(() => parseFen(bad, '$'))).toBe('INVALID_AMOUNT')
    }
    expect(codeOf(() => parseFen(12 as unknown as string, '$'))).toBe('INVALID_AMOUNT')
  })
  it('rounds half up to the fen, exactly, whatever the size', () => {
    // 0.125 yuan = 12.5 fen → 13; 2.345 → 235; a tie goes up, anything less goes down
    expect(mulRound(25, rateUnits('0.5'))).toBe(13)
    expect(mulRound(469, rateUnits('0.5'))).toBe(235)
    expect(mulRound(2499, rateUnits('0.0002'))).toBe(0) // 0.4998 fen
    expect(mulRound(2500, rateUnits('0.0002'))).toBe(1) // 0.5 fen
    // 10 亿 × 0.9999 with an eight-decimal rate (a relative penalty): exact beyond 2^53 intermediates
    expect(mulRound(100_000_000_000, 99_990_001)).toBe(99_990_001_000)
    expect(mulRound(99_999_999_999, 56_997_000)).toBe(56_996_999_999)
    const x = new Exact().add(1, RATE / 2).add(1, RATE / 2 - 1)
    expect([x.fen, x.frac, x.round(), x.roundFrom(10)]).toEqual([0, RATE - 1, 1, 9])
    expect(fen2(123456)).toBe('1234.56')
  })
})

describe('policy validation', () => {
  it('lists every problem with its JSON path', () => {
    const bad = deepMerge(demo, {
      regionCode: '12',
      scheme: 'employee',
      inpatient: {
        deductible: {
          rows: [
            { when: { tier: 'moon' }, amount: '-100' },
            { when: {}, amount: '100.005' }
          ]
        }
      },
      catastrophic: {
        bands: [
          { upTo: '100.00', rate: '1.50' },
          { upTo: '50.00', rate: '0.50' }
        ]
      },
      contribution: {
        categories: [{ id: 'x', label: 'x', when: {}, total: '10.00', personal: '3.00', subsidy: '3.00' }]
      },
      annualCap: { amuont: '1.00' }
    })
    const problems = validatePolicy(bad)
    const paths = problems.map((p) => p.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.regionCode',
        '$.scheme',
        '$.inpatient.deductible.rows[0].when.tier',
        '$.inpatient.deductible.rows[0].amount',
        '$.inpatient.deductible.rows[1].amount',
        '$.catastrophic.bands[0].rate',
        '$.catastrophic.bands[1].upTo',
        '$.contribution.categories[0].total',
        '$.annualCap.amuont'
      ])
    )
    expect(problems.find((p) => p.path === '$.inpatient.deductible.rows[1].amount')?.message).toBe(
      '金额必须是最多两位小数的字符串，例如 "200.00"'
    )
  })
  it('refuses an invalid policy with POLICY_INVALID and the problems', () => {
    const bad = deepMerge(demo, { id: 'bad', effectiveFrom: '2026-02-30' }) as PolicyDocument
    let err: unknown
    try {
      settleClaim(bad, claim(), undefined, '2026-12-31')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(PolicyInvalidError)
    expect((err as PolicyInvalidError).problems[0].path).toBe('$.effectiveFrom')
  })
  it('refuses a rate outside 0–1 or malformed with POLICY_INVALID, naming the field (rates only occur in policies)', () => {
    for (const bad of ['1.50', '1.0001', '-0.10', '0.12345', '.7', '70%', 0.7, null]) {
      const doc = JSON.parse(JSON.stringify({ ...demo, id: 'bad-rate' })) as PolicyDocument
      // set, not merged: a merged null would remove the field
      ;(doc.eligibleCost as unknown as Record<string, unknown>).classBFirstPayRate = bad
      expect(validatePolicy(doc)).toContainEqual({
        path: '$.eligibleCost.classBFirstPayRate',
        message: '比例必须是 0 到 1 之间的字符串，例如 "0.70"'
      })
      let err: unknown
      try {
        settleClaim(doc, claim(), undefined, '2026-12-31')
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(PolicyInvalidError)
      expect((err as PolicyInvalidError).code).toBe('POLICY_INVALID')
      expect((err as PolicyInvalidError).problems.map((p) => p.path)).toContain('$.eligibleCost.classBFirstPayRate')
    }
    for (const good of ['0', '1', '0.7', '0.1234', '1.0000']) {
      expect(validatePolicy(deepMerge(demo, { eligibleCost: { classBFirstPayRate: good } }))).toEqual([])
    }
  })
  it('resolves overlays: objects merge, arrays replace, null removes, figures replace whole', () => {
    const child = {
      id: 'child',
      extends: DEMO_POLICY_ID,
      version: 'x',
      annualCap: { amount: '1000.00' },
      catastrophic: null
    }
    const r = resolvePolicy(child as never, (id) => bundledPolicies[id])
    expect(r.annualCap?.amount).toBe('1000.00')
    expect(r.annualCap?.kinds).toEqual(['inpatient', 'special-outpatient'])
    expect(r.catastrophic).toBeUndefined()
    expect(r.extends).toBeUndefined()
    expect(r.resolvedFrom).toEqual([DEMO_POLICY_ID])
    expect(deepMerge({ a: { missing: true, note: 'n' } }, { a: { none: true } })).toEqual({ a: { none: true } })
    expect(codeOf(() => resolvePolicy({ id: 'x', extends: 'nope' } as never, () => undefined))).toBe('POLICY_NOT_FOUND')
  })
  it('ships policies that all load and summarise', () => {
    const list = listBundledPolicies()
    expect(list.map((p) => p.id)).toEqual(
      expect.arrayContaining(['demo-county-2026', 'benxi-urban-resident-2008', 'ganzhou-ncms-2014-08'])
    )
    expect(list.find((p) => p.id === DEMO_POLICY_ID)?.demo).toBe(true)
    expect(bundledSeries('620702', 'ncms').map((d) => d.id)).toEqual([
      'ganzhou-ncms-2015',
      'ganzhou-ncms-2014-08',
      'ganzhou-ncms-2014'
    ])
    expect(codeOf(() => loadBundledPolicy('nope'))).toBe('POLICY_NOT_FOUND')
  })
})

describe('settleClaim input checks', () => {
  const asOf = '2026-12-31'
  it.each([
    ['negative total', claim({ bill: { total: '-1.00' } }), 'INVALID_AMOUNT'],
    ['three decimals', claim({ bill: { total: '1.001' } }), 'INVALID_AMOUNT'],
    ['absurd size', claim({ bill: { total: '999999999.00' } }), 'INVALID_AMOUNT'],
    ['number instead of string', claim({ bill: { total: 100 as unknown as string } }), 'INVALID_AMOUNT'],
    [
      'lines not adding up',
      claim({ bill: { total: '100.00', lines: [{ class: 'A', amount: '90.00' }] } }),
      'INVALID_INPUT'
    ],
    ['unknown level', claim({ institution: { designated: true, level: 5 as never } }), 'UNKNOWN_INSTITUTION_LEVEL'],
    [
      'unknown tier',
      claim({ institution: { designated: true, tier: 'capital' as never } }),
      'UNKNOWN_INSTITUTION_LEVEL'
    ],
    [
      'no tier where the policy needs one',
      claim({ institution: { designated: true, level: 2 } }),
      'UNKNOWN_INSTITUTION_LEVEL'
    ],
    ['impossible date', claim({ admissionDate: '2026-02-30' }), 'INVALID_DATE'],
    ['discharge before admission', claim({ dischargeDate: '2026-02-01' }), 'INVALID_DATE'],
    ['year out of range', claim({ admissionDate: '1800-01-01' }), 'DATE_OUT_OF_RANGE'],
    [
      'before the policy starts',
      claim({ admissionDate: '2025-12-20', dischargeDate: '2025-12-28' }),
      'NO_POLICY_FOR_DATE'
    ],
    ['unknown kind', claim({ kind: 'dental' as never }), 'INVALID_INPUT']
  ])('%s', (_name, c, code) => {
    expect(codeOf(() => settleClaim(demo, c, undefined, asOf))).toBe(code)
  })
  it('rejects a bad asOf and a bad history', () => {
    expect(codeOf(() => settleClaim(demo, claim(), undefined, '2026/12/31'))).toBe('INVALID_DATE')
    expect(codeOf(() => settleClaim(demo, claim(), { fundPaid: '-5.00' }, '2026-12-31'))).toBe('INVALID_AMOUNT')
    expect(codeOf(() => settleClaim(demo, claim(), { admissions: { local: -1 } }, '2026-12-31'))).toBe('INVALID_INPUT')
  })
  it('error messages are Chinese', () => {
    try {
      settleClaim(demo, claim({ bill: { total: '-1.00' } }), undefined, '2026-12-31')
    } catch (e) {
      expect((e as Error).message).toMatch(/负数/)
    }
    expect.assertions(1)
  })
})

describe('steps', () => {
  it('carry rule ids, Chinese labels, params and sources', () => {
    const s = settleClaim(
      demo,
      claim({ person: { birthDate: '1970-01-01', continuousYears: 2 } }),
      { admissions: { local: 1 } },
      '2026-12-31'
    )
    const rules = s.steps.map((x) => x.rule)
    expect(rules).toEqual([
      'policy.version',
      'enrolment.assumed',
      'eligible-cost',
      'inpatient.deductible',
      'inpatient.deductible-applied',
      'inpatient.ratio',
      'continuous-years-bonus',
      'rounding.fen',
      'annual-cap',
      'catastrophic',
      'patient-pays'
    ])
    const ded = s.steps.find((x) => x.rule === 'inpatient.deductible')!
    expect(ded.label).toBe(
      '起付线 500.00 元（县级医院，本地就医，本年第 2 次住院，由 600.00 元 逐次降低，最低 100.00 元）'
    )
    expect(ded.params).toEqual({ base: '600.00', step: '100.00', floor: '100.00', reading: 'from-base' })
    expect(ded.source?.clause).toBe('第十四条')
    // 4500 × 0.82 = 3690
    expect(s.basicFund).toBe('3690.00')
    expect(s.steps[s.steps.length - 1].after).toBe(s.patientPays)
  })
})

describe('historyAfter', () => {
  it('writes every amount as yuan with two decimals, even when it came in shorter and did not change', () => {
    const s = settleClaim(
      demo,
      claim({
        kind: 'outpatient',
        serviceDate: '2026-03-01',
        institution: { designated: true, tier: 'village' },
        bill: { total: '30.00' }
      }),
      { fundPaid: '100', catastrophicBase: '5.5', outpatientFundPaid: '20.00' },
      '2026-12-31'
    )
    expect(s.historyAfter.fundPaid).toBe('100.00')
    expect(s.historyAfter.catastrophicBase).toBe('5.50')
    expect(s.historyAfter.outpatientFundPaid).toBe('45.00')
    expect(s.historyAfter.assistancePaid).toBe('0.00')
  })
})

describe('referral penalty on banded rates', () => {
  const asOf = '2026-12-31'
  // relative mode, 30% per level, entry tier village: a provincial hospital is 4 levels up
  const policy = deepMerge(demo, {
    id: 'relative-banded',
    referral: { penaltyPerLevel: '0.30', mode: 'relative', entryTier: 'village' },
    inpatient: {
      ratio: {
        rows: [
          {
            when: { area: 'local', tier: 'provincial' },
            bands: [
              { upTo: '10000.00', rate: '0.60' },
              { upTo: null, rate: '0.70' }
            ]
          },
          { when: {}, rate: '0.80' }
        ]
      }
    }
  }) as PolicyDocument
  const stay = (over: Partial<Claim> = {}) =>
    claim({
      institution: { designated: true, tier: 'provincial' },
      bill: { total: '20000.00' },
      referral: { approved: false },
      ...over
    })
  const both = (c: Claim) => {
    const s = settleClaim(policy, c, undefined, asOf)
    // without steps, the same figures
    expect(JSON.stringify(settleClaim(policy, c, undefined, asOf, { steps: false }))).toBe(
      JSON.stringify({ ...s, steps: [] })
    )
    return s
  }
  it('never takes a band below 0: 4 levels × 30% leaves every band 0%, so the fund pays 0.00 (was −2362.00)', () => {
    const s = both(stay())
    expect(s.deductible).toBe('1700.00')
    expect(s.basicFund).toBe('0.00')
    for (const k of ['basicFund', 'catastrophic', 'assistance', 'householdAccount', 'patientPays', 'overCap'] as const)
      expect(Number(s[k])).toBeGreaterThanOrEqual(0)
    const pen = s.steps.find((x) => x.rule === 'referral.penalty-ratio')!
    expect(pen.label).toContain('60% 降为 0%')
    expect(pen.label).toContain('70% 降为 0%')
    expect(pen.params).toEqual({ penaltyPerLevel: '0.30', mode: 'relative', levels: '4' })
  })
  it("scales each band's own ratio: 1 level × 30% makes 60%/70% into 42%/49%", () => {
    // expected at a city hospital: 1 level above it; 18300 above the deductible: 10000 × 0.42 + 8300 × 0.49
    const s = both(stay({ referral: { approved: false, expectedTier: 'city' } }))
    expect(s.basicFund).toBe('8267.00')
    expect(s.steps.find((x) => x.rule === 'referral.penalty-ratio')!.label).toContain('60% 降为 42%')
  })
  it('clamps bands in points mode too', () => {
    const points = deepMerge(policy, {
      id: 'points-banded',
      referral: { mode: 'points', penaltyPerLevel: '0.20' }
    }) as PolicyDocument
    const s = settleClaim(points, stay(), undefined, asOf)
    expect(s.basicFund).toBe('0.00')
  })
})

describe('history totals (year sums may pass 1 亿, a single bill may not)', () => {
  const asOf = '2026-12-31'
  const refusal = (f: () => unknown): [string, string, string | undefined] | 'settled' => {
    try {
      f()
      return 'settled'
    } catch (e) {
      if (!(e instanceof CalculatorError)) throw e
      return [e.code, e.message, e.path]
    }
  }
  it('accepts a year total above 1 亿 (a sum of bills), up to 10 亿', () => {
    for (const h of [
      { catastrophicBase: '119799999.00' },
      { fundPaid: '1000000000.00', assistanceBase: '999999999.99', lastDeductible: '150000000.00' }
    ]) {
      const s = settleClaim(demo, claim(), h, asOf)
      expect(s.historyAfter.catastrophicBase).not.toBe('0.00')
      expect(JSON.stringify(settleClaim(demo, claim(), h, asOf, { steps: false }))).toBe(
        JSON.stringify({ ...s, steps: [] })
      )
    }
  })
  it('refuses a history amount above 10 亿 with INVALID_AMOUNT, the same on both paths', () => {
    const h = { catastrophicBase: '1000000000.01' }
    const r = refusal(() => settleClaim(demo, claim(), h, asOf))
    expect(r).not.toBe('settled')
    expect(r[0]).toBe('INVALID_AMOUNT')
    expect(r[1]).toMatch(/10 亿/)
    expect(refusal(() => settleClaim(demo, claim(), h, asOf, { steps: false }))).toEqual(r)
  })
  it('what it returns, it reads back: a year of 1 亿 bills settles claim after claim, until the 10 亿 limit refuses one', () => {
    // in-patient stays of 99,999,999.00 (the reported history reached catastrophicBase 119,799,999.00 and was refused)
    let h: ClaimHistory | undefined
    let hf: ClaimHistory | undefined
    const stay = (i: number) =>
      claim({
        id: `C${i + 1}`,
        admissionDate: `2026-0${1 + (i % 9)}-01`,
        dischargeDate: `2026-0${1 + (i % 9)}-02`,
        bill: { total: '99999999.00' }
      })
    for (let i = 0; i < 10; i++) {
      const s = settleClaim(demo, stay(i), h, asOf)
      const f = settleClaim(demo, stay(i), hf, asOf, { steps: false })
      expect(JSON.stringify(f)).toBe(JSON.stringify({ ...s, steps: [] }))
      h = s.historyAfter
      hf = f.historyAfter
    }
    expect(Number(h!.catastrophicBase)).toBeGreaterThan(900_000_000)
    // the 11th would take the year's self-pay past 10 亿: refused at this claim, not at the next
    const r = refusal(() => settleClaim(demo, stay(10), h, asOf))
    expect(r).toEqual([
      'YEAR_TOTAL_OUT_OF_RANGE',
      expect.stringMatching(/[\u4e00-\u9fff]/),
      '$historyAfter.catastrophicBase'
    ])
    expect(refusal(() => settleClaim(demo, stay(10), hf, asOf, { steps: false }))).toEqual(r)
  })
  it('refuses, at that claim and with its own code, a claim that would take a year total above 10 亿', () => {
    const h: ClaimHistory = { catastrophicBase: '999999000.00', fundPaid: '1000.00' }
    const c = claim({ bill: { total: '5000.00' } })
    const r = refusal(() => settleClaim(demo, c, h, asOf))
    expect(r).toEqual([
      'YEAR_TOTAL_OUT_OF_RANGE',
      expect.stringMatching(/^本次结算后.*10 亿元/),
      '$historyAfter.catastrophicBase'
    ])
    expect(refusal(() => settleClaim(demo, c, h, asOf, { steps: false }))).toEqual(r)
    // a smaller bill that stays within the limit settles, and its history reads back
    const ok = settleClaim(demo, claim({ bill: { total: '600.00' } }), h, asOf)
    expect(ok.historyAfter.catastrophicBase).toBe('999999600.00')
    expect(
      settleClaim(
        demo,
        claim({
          kind: 'outpatient',
          serviceDate: '2026-03-01',
          institution: { designated: true, tier: 'village' },
          bill: { total: '0.00' }
        }),
        ok.historyAfter,
        asOf
      ).outcome
    ).toBe('nothing-payable')
  })
  it('refuses a 367th admission in a year the same way (366 is the most a history may hold)', () => {
    const r = refusal(() => settleClaim(demo, claim(), { admissions: { local: 366 } }, asOf))
    expect(r).toEqual(['YEAR_TOTAL_OUT_OF_RANGE', expect.stringMatching(/366/), '$historyAfter.admissions.local'])
    expect(refusal(() => settleClaim(demo, claim(), { admissions: { local: 366 } }, asOf, { steps: false }))).toEqual(r)
  })
})

describe('estimate', () => {
  it('lists its assumptions as steps and uses the same engine', () => {
    const e = estimate(
      demo,
      { kind: 'inpatient', institution: { tier: 'township' }, billAmount: '2000.00' },
      '2026-06-01'
    )
    expect(e.assumptions.length).toBeGreaterThan(3)
    expect(e.steps.slice(0, e.assumptions.length)).toEqual(e.assumptions)
    expect(e.assumptions.every((a) => a.rule === 'estimate.assumption' && a.label.startsWith('估算假设'))).toBe(true)
    // 2000 × 85% = 1700 in-policy; − 200 = 1500 × 90% = 1350
    expect(e.basicFund).toBe('1350.00')
    // no discharge yet: the policy line names the day of care
    expect(e.steps.find((x) => x.rule === 'policy.version')?.label).toMatch(/^按看病日期（2026-06-01）适用/)
  })
  it("counts this year's earlier self-pay towards 大病保险, and says so when it is not given", () => {
    const big = {
      kind: 'inpatient' as const,
      institution: { tier: 'city' as const },
      billAmount: '80000.00',
      fundPaidThisYear: '0.00'
    }
    const alone = estimate(demo, big, '2026-06-01')
    expect(alone.assumptions.some((x) => x.label.includes('大病保险按今年还没有别的自付费用计算'))).toBe(true)
    const withEarlier = estimate(
      demo,
      { ...big, catastrophicBaseThisYear: '5000.00', catastrophicPaidThisYear: '0.00' },
      '2026-06-01'
    )
    expect(withEarlier.assumptions.some((x) => x.label.includes('大病保险按今年'))).toBe(false)
    // the same bill on top of ¥5,000 already self-paid reaches further into the bands: more is paid
    expect(parseFen(withEarlier.catastrophic, '$')).toBeGreaterThan(parseFen(alone.catastrophic, '$'))
    expect(withEarlier.basicFund).toBe(alone.basicFund)
    expect(codeOf(() => estimate(demo, { ...big, catastrophicBaseThisYear: '-1' }, '2026-06-01'))).toBe(
      'INVALID_AMOUNT'
    )
  })
  it('accepts a date in the future and refuses a bad bill', () => {
    expect(
      estimate(
        demo,
        { kind: 'outpatient', institution: { tier: 'village' }, billAmount: '30.00', date: '2026-11-01' },
        '2026-06-01'
      ).basicFund
    ).toBe('20.50')
    expect(
      codeOf(() =>
        estimate(demo, { kind: 'inpatient', institution: { tier: 'county' }, billAmount: 'abc' }, '2026-06-01')
      )
    ).toBe('INVALID_AMOUNT')
  })
})

describe('quoteContribution input checks', () => {
  it('refuses duplicate ids, bad dates and empty households', () => {
    expect(codeOf(() => quoteContribution(demo, { members: [] }, '2025-10-01'))).toBe('INVALID_INPUT')
    expect(
      codeOf(() =>
        quoteContribution(
          demo,
          {
            members: [
              { id: 'a', birthDate: '1970-01-01' },
              { id: 'a', birthDate: '1971-01-01' }
            ]
          },
          '2025-10-01'
        )
      )
    ).toBe('INVALID_INPUT')
    expect(
      codeOf(() => quoteContribution(demo, { members: [{ id: 'a', birthDate: '1970-02-31' }] }, '2025-10-01'))
    ).toBe('INVALID_DATE')
    expect(
      codeOf(() =>
        quoteContribution(
          demo,
          { members: [{ id: 'a', birthDate: '1970-01-01' }], paymentDate: '2025-10-02' },
          '2025-10-01'
        )
      )
    ).toBe('DATE_OUT_OF_RANGE')
  })
})

describe('newborns (policy contribution.newborn: enrolled within N days of birth → covered from birth)', () => {
  const quoteOn = (
    policy: PolicyDocument,
    birthDate: string,
    paymentDate: string,
    others: { id: string; birthDate: string }[] = []
  ) =>
    quoteContribution(policy, { members: [{ id: 'baby', birthDate }, ...others], paymentDate }, paymentDate, {
      coverageYear: 2026
    })

  it('paid within the window: cover from the birth date, no waiting period, the rule is named', () => {
    const q = quoteOn(demo, '2026-10-02', '2026-11-23') // 52 days, demo window 90
    const baby = q.members[0]
    expect(baby.benefitStart).toBe('2026-10-02')
    expect(baby.steps.map((s) => s.rule)).toContain('contribution.newborn')
    expect(baby.steps.map((s) => s.rule)).not.toContain('contribution.waiting-period')
    expect(baby.due).toBe(baby.personal) // demo: birthYearContribution "full"
    expect(q.issues.find((i) => i.code === 'OUTSIDE_COLLECTION')?.message).toContain('不用等待，从出生那天起就能报销')
  })

  it('paid after the window: an ordinary late payment, with the waiting period', () => {
    const q = quoteOn(demo, '2026-03-01', '2026-07-15') // 136 days
    expect(q.members[0].benefitStart).toBe('2026-10-01')
    expect(q.members[0].steps.map((s) => s.rule)).toContain('contribution.waiting-period')
    expect(q.issues.find((i) => i.code === 'OUTSIDE_COLLECTION')?.message).toContain('缴费后要等 3 个月才能报销')
  })

  it('a policy that waives the birth year charges nothing for it; one grown-up paying late still hears about the wait', () => {
    const waived = deepMerge(demo, {
      contribution: { newborn: { enrolWithinDays: 90, birthYearContribution: 'waived' } }
    }) as PolicyDocument
    const q = quoteOn(waived, '2026-10-02', '2026-11-23')
    expect(q.members[0]).toMatchObject({
      standard: '0.00',
      subsidy: '0.00',
      personal: '0.00',
      due: '0.00',
      benefitStart: '2026-10-02'
    })
    const withMother = quoteOn(waived, '2026-10-02', '2026-11-23', [{ id: 'mother', birthDate: '1998-05-05' }])
    expect(withMother.members[1].benefitStart).toBe('2027-02-01')
    expect(withMother.issues.find((i) => i.code === 'OUTSIDE_COLLECTION')?.message).toContain(
      '缴费后要等 3 个月才能报销'
    )
  })
})
