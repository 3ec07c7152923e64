// fast-check generators shared by the calculator's property tests (properties.test.ts) and
// the million-claim fuzz (bench/fuzz-calculator.ts). Test tooling: neither the calculator
// nor the app imports this folder (lint lets only it use fast-check inside src/calculator).
import fc from 'fast-check'
import { addDays, daysBetween, makeDate, yearOf } from '../dates'
import {
  bundledPolicies,
  deepMerge,
  resolvePolicy,
  type Claim,
  type ClaimHistory,
  type ClaimKind,
  type Person,
  type PolicyDocument,
  type PolicyInput,
  type PolicyOverlay
} from '../index'

/** whole fen → "yuan.fen" (integers only: never a float amount) */
export const fen = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`
/** the largest amount the calculator accepts on a claim: 1 亿元 */
export const MAX_FEN = 10_000_000_000
/** the largest year total a history may hold: 10 亿元 (a year's bills add up past one bill's limit) */
export const MAX_YEAR_FEN = 100_000_000_000

/** A policy input to settle against (one document or a series) and what claims for it can name. */
export interface PolicyTarget {
  name: string
  input: PolicyInput
  /** the versions, resolved (their caps and limits are what a fuzz checks against) */
  docs: PolicyDocument[]
  /** first and last day any version is in force */
  from: string
  to: string
  specialCodes: string[]
  majorCodes: string[]
  benchmark: { codes: string[]; lists: string[]; priceFromClaim: boolean } | null
  /** rows of deductible and ratio tables may name institution codes */
  institutionCodes: string[]
  /** claim kinds some version has rules for (others are generated too, less often) */
  kinds: ClaimKind[]
  /** some version sets the class B/C first self-pay (without it, B/C lines are refused) */
  eligibleCost: boolean
}

/** Build a target from a document or series (overlays resolved against the bundled policies). */
export function policyTarget(name: string, input: PolicyInput): PolicyTarget {
  const list = (Array.isArray(input) ? input : [input]) as (PolicyDocument | PolicyOverlay)[]
  const docs = list.map((d) => resolvePolicy(d, (id) => bundledPolicies[id]))
  const codes = (v: unknown): string[] => (Array.isArray(v) ? v.map((d: { code: string }) => d.code) : [])
  const uniq = (xs: string[]) => [...new Set(xs)]
  const bps = docs.map((d) => d.benchmarkPrice).filter((b) => b !== undefined)
  // institution codes named by row conditions (when.code)
  const inst: string[] = []
  JSON.stringify(docs, (k, v: unknown) => {
    if (k === 'when' && typeof v === 'object' && v !== null && 'code' in v)
      inst.push(...[(v as { code: string | string[] }).code].flat())
    return v
  })
  return {
    name,
    input,
    docs,
    from: docs.map((d) => d.effectiveFrom).sort()[0],
    // an open-ended version is fuzzed over the year after it starts
    to: docs
      .map((d) => d.effectiveTo ?? addDays(d.effectiveFrom, 364))
      .sort()
      .reverse()[0],
    specialCodes: uniq(docs.flatMap((d) => codes(d.specialOutpatient?.diseases))),
    majorCodes: uniq(docs.flatMap((d) => codes(d.majorDiseases?.diseases))),
    benchmark: bps.length
      ? {
          codes: uniq(bps.flatMap((b) => (b.prices ?? []).map((p) => p.code))),
          lists: uniq(bps.flatMap((b) => b.shares.map((s) => s.list))),
          priceFromClaim: bps.some((b) => b.priceFrom === 'claim')
        }
      : null,
    institutionCodes: uniq(inst),
    kinds: (['inpatient', 'outpatient', 'special-outpatient'] as const).filter((k) =>
      docs.some((d) =>
        k === 'inpatient'
          ? d.inpatient
          : k === 'outpatient'
            ? (d.outpatient ?? d.householdAccount)
            : d.specialOutpatient
      )
    ),
    eligibleCost: docs.some((d) => d.eligibleCost !== undefined)
  }
}

// A stand-in for each kind of figure the shipped policies mark missing, so that a fuzz of
// the "filled" policy runs the rules behind them (as the cases files do with policyPatch).
// Contribution figures are left missing: they are not used when settling.
const FILL: Record<string, unknown> = {
  classBFirstPayRate: '0.10',
  classCFirstPayRate: '1.00',
  rate: '0.60',
  shareOfPersonal: '0.10',
  amount: '300.00',
  deductibleIncrease: '200.00',
  threshold: '12000.00',
  cap: '150000.00',
  annualLimit: '500.00',
  diseases: [{ code: 'filled-disease', label: '（补充的病种）' }]
}
function fillMissing(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => fillMissing(x, key))
  if (typeof v !== 'object' || v === null) return v
  if ((v as { missing?: unknown }).missing === true && key in FILL) return FILL[key]
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillMissing(x, k)]))
}
/** The same policy input with every missing settlement figure filled in (overlays resolved first). */
export function filledTarget(t: PolicyTarget): PolicyTarget {
  const list = (Array.isArray(t.input) ? t.input : [t.input]) as (PolicyDocument | PolicyOverlay)[]
  const docs = list.map((d) => fillMissing(resolvePolicy(d, (id) => bundledPolicies[id])) as PolicyDocument)
  return policyTarget(`${t.name}, missing figures filled`, Array.isArray(t.input) ? docs : docs[0])
}

/**
 * Every bundled policy on its own, every region's versions as one series (version
 * selection by date), and each of those again with its missing figures filled.
 */
export function bundledTargets(): PolicyTarget[] {
  const all = Object.values(bundledPolicies)
  const single = all.map((d) => policyTarget(d.id, d))
  const byRegion = new Map<string, (PolicyDocument | PolicyOverlay)[]>()
  for (const d of all) {
    const r = resolvePolicy(d, (id) => bundledPolicies[id])
    const key = `${r.regionCode}/${r.scheme}`
    byRegion.set(key, [...(byRegion.get(key) ?? []), d])
  }
  const series = [...byRegion.entries()]
    .filter(([, ds]) => ds.length > 1)
    .map(([key, ds]) => policyTarget(`series ${key} (${ds.map((d) => d.id).join(', ')})`, ds))
  return [...single, ...series].flatMap((t) => [t, filledTarget(t)])
}

const GROUPS = ['dibao', 'tekun', 'wubao', 'dibao-edge', 'severe-disability', 'youfu', 'family-planning'] as const
const TIERS = ['village', 'township', 'county', 'city', 'provincial'] as const
const CAUSES = [
  'illness',
  'accident',
  'self-harm',
  'self-harm-mental-illness',
  'fight',
  'drunkenness',
  'drugs',
  'crime',
  'medical-accident',
  'childbirth',
  'family-planning',
  'cosmetic',
  'other-violation'
] as const
const AREAS = ['local', 'out-referred', 'out-filed', 'out-unfiled', 'out-emergency', 'abroad'] as const
/** a value present `percent`% of the time, else undefined (shrinks towards undefined) */
const maybe = <T>(a: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - percent }, { arbitrary: a, weight: percent })
const pickOr = (xs: string[], other: string) =>
  xs.length
    ? fc.oneof({ arbitrary: fc.constantFrom(...xs), weight: 6 }, { arbitrary: fc.constant(other), weight: 1 })
    : fc.constant(other)

/** an amount in fen: mostly everyday sizes, sometimes large, now and then at the edges (0, 1 亿) */
const amountArb = (typical: number, large: number): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: typical }), weight: 8 },
    { arbitrary: fc.integer({ min: 0, max: large }), weight: 3 },
    { arbitrary: fc.constantFrom(0, 1, 99, 100, MAX_FEN / 4), weight: 1 }
  )

/** bill lines (class, amount, over-limit part); the total is their sum, so always ≤ 1 亿 */
const linesArb = (t: PolicyTarget, typical: number, large: number) =>
  fc.array(
    fc.record({
      class: t.eligibleCost
        ? fc.constantFrom('A', 'A', 'B', 'C', 'self-pay' as const)
        : fc.oneof(
            { arbitrary: fc.constantFrom('A', 'A', 'self-pay' as const), weight: 19 },
            { arbitrary: fc.constantFrom('B', 'C' as const), weight: 1 }
          ),
      amount: amountArb(typical, large),
      overPct: maybe(fc.integer({ min: 0, max: 100 }), 25)
    }),
    { minLength: 1, maxLength: 4 }
  )

function billOf(
  lines: { class: 'A' | 'B' | 'C' | 'self-pay'; amount: number; overPct?: number }[] | null,
  total: number
): Claim['bill'] {
  if (!lines) return { total: fen(total) }
  return {
    total: fen(lines.reduce((s, l) => s + l.amount, 0)),
    lines: lines.map((l) =>
      l.overPct === undefined
        ? { class: l.class, amount: fen(l.amount) }
        : { class: l.class, amount: fen(l.amount), overLimit: fen(Math.floor((l.amount * l.overPct) / 100)) }
    )
  }
}

/** One claim for `t` on `day` (the person and dates are filled in by personYearArb). */
function claimForArb(t: PolicyTarget): fc.Arbitrary<Omit<Claim, 'person'> & { stay: number; offset: number }> {
  const weight = (k: ClaimKind, w: number) => ({ arbitrary: fc.constant(k), weight: t.kinds.includes(k) ? w : 1 })
  const kind = fc.oneof(weight('inpatient', 8), weight('outpatient', 8), weight('special-outpatient', 4))
  return kind.chain((k) => {
    const [typical, large] =
      k === 'inpatient'
        ? [3_000_000, MAX_FEN / 4]
        : k === 'special-outpatient'
          ? [500_000, 20_000_000]
          : [30_000, 2_000_000]
    return fc
      .record({
        kind: fc.constant(k),
        offset: fc.nat(),
        stay: k === 'inpatient' ? fc.integer({ min: 0, max: 40 }) : fc.constant(0),
        area: fc.oneof(
          { arbitrary: fc.constant('local' as const), weight: 6 },
          { arbitrary: fc.constantFrom(...AREAS), weight: 2 }
        ),
        institution: fc.record({
          designated: fc.oneof(
            { arbitrary: fc.constant(true), weight: 9 },
            { arbitrary: fc.constant(false), weight: 1 }
          ),
          approved: maybe(fc.boolean(), 15),
          tier: maybe(fc.constantFrom(...TIERS), 93),
          level: maybe(fc.constantFrom(1, 2, 3 as const), 50),
          grade: maybe(fc.constantFrom('A', 'B', 'C' as const), 33),
          ownership: maybe(fc.constantFrom('public', 'private' as const), 25),
          code: t.institutionCodes.length
            ? maybe(fc.constantFrom(...t.institutionCodes, 'H-0001'), 33)
            : fc.constant(undefined)
        }),
        lines: fc.oneof(
          { arbitrary: linesArb(t, typical, large), weight: 3 },
          { arbitrary: fc.constant(null), weight: 1 }
        ),
        total: amountArb(typical, large),
        referral: maybe(fc.record({ approved: fc.boolean(), expectedTier: maybe(fc.constantFrom(...TIERS), 25) }), 25),
        emergency: maybe(fc.record({ died: maybe(fc.boolean(), 60) }), 7),
        cause: maybe(fc.constantFrom(...CAUSES), 15),
        thirdPartyLiable: maybe(fc.boolean(), 10),
        majorDisease: k === 'inpatient' ? maybe(pickOr(t.majorCodes, 'not-on-the-list'), 8) : fc.constant(undefined),
        specialDisease:
          k === 'special-outpatient'
            ? maybe(
                fc.record({
                  code: pickOr(t.specialCodes, 'not-on-the-list'),
                  approved: fc.oneof(
                    { arbitrary: fc.constant(true), weight: 8 },
                    { arbitrary: fc.constant(false), weight: 1 }
                  )
                }),
                97
              )
            : fc.constant(undefined),
        benchmark:
          k === 'inpatient' && t.benchmark
            ? maybe(
                fc.record({
                  disease: pickOr(t.benchmark.codes, 'not-on-the-list'),
                  list: pickOr(t.benchmark.lists, 'no-such-list'),
                  price: t.benchmark.priceFromClaim
                    ? fc.integer({ min: 0, max: 5_000_000 }).map(fen)
                    : maybe(fc.integer({ min: 0, max: 5_000_000 }).map(fen), 25)
                }),
                12
              )
            : fc.constant(undefined),
        useHouseholdAccount: maybe(fc.boolean(), 75)
      })
      .map(({ lines, total, ...c }) => ({ ...c, bill: billOf(lines, total) }))
  })
}

/** a year total in fen: mostly as amountArb, now and then past one bill's 1 亿 and up to the 10 亿 a history may hold, or just under it */
const yearTotalArb = (typical: number, large: number): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: amountArb(typical, large), weight: 19 },
    {
      arbitrary: fc.oneof(
        fc.integer({ min: MAX_FEN, max: MAX_YEAR_FEN }),
        fc.constantFrom(MAX_YEAR_FEN, MAX_YEAR_FEN - 100_000, MAX_FEN + 1)
      ),
      weight: 1
    }
  )

/** A starting history: usually none, sometimes a year already under way (near the caps, large self-pay, an account balance, a year total near the limit). */
export const historyArb: fc.Arbitrary<ClaimHistory | undefined> = maybe(
  fc.record(
    {
      admissions: fc.record(
        {
          local: fc.integer({ min: 0, max: 6 }),
          'out-referred': fc.integer({ min: 0, max: 2 }),
          'out-filed': fc.integer({ min: 0, max: 2 })
        },
        { requiredKeys: [] }
      ),
      lastDeductible: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 300_000 }).map(fen)),
      fundPaid: yearTotalArb(5_000_000, 60_000_000).map(fen),
      outpatientFundPaid: fc.integer({ min: 0, max: 200_000 }).map(fen),
      outpatientDeductibleMet: fc.integer({ min: 0, max: 50_000 }).map(fen),
      specialFundPaid: yearTotalArb(1_000_000, 5_000_000).map(fen),
      specialDeductibleMet: fc.integer({ min: 0, max: 100_000 }).map(fen),
      majorDiseaseFundPaid: yearTotalArb(5_000_000, 50_000_000).map(fen),
      catastrophicBase: yearTotalArb(5_000_000, 100_000_000).map(fen),
      catastrophicPaid: yearTotalArb(5_000_000, 50_000_000).map(fen),
      assistanceBase: yearTotalArb(1_000_000, 10_000_000).map(fen),
      assistancePaid: yearTotalArb(1_000_000, 10_000_000).map(fen),
      householdAccountBalance: fc.integer({ min: 0, max: 300_000 }).map(fen)
    },
    { requiredKeys: [] }
  ),
  30
)

export interface PersonYear {
  person: Person
  history: ClaimHistory | undefined
  /** in date order, all in one year of the target's period */
  claims: Claim[]
  asOf: string
}

/** One person's claims over a year of `t` (1 to maxClaims claims, sorted by date), with the history they start from. */
export function personYearArb(t: PolicyTarget, maxClaims = 12): fc.Arbitrary<PersonYear> {
  const span = daysBetween(t.from, t.to) + 1
  return fc
    .record({
      start: fc.integer({ min: 0, max: Math.max(0, span - 1) }),
      birthAge: fc.integer({ min: 0, max: 95 }),
      birthMonth: fc.integer({ min: 1, max: 12 }),
      birthDay: fc.integer({ min: 1, max: 28 }),
      student: maybe(fc.boolean(), 60),
      groups: maybe(fc.subarray([...GROUPS], { maxLength: 2 }), 30),
      continuousYears: maybe(fc.integer({ min: 0, max: 40 }), 65),
      enrolment: maybe(
        fc.record({
          status: fc.constantFrom('enrolled', 'enrolled', 'not-enrolled', 'lapsed' as const),
          startIn: maybe(fc.integer({ min: -30, max: 200 }), 50),
          endIn: maybe(fc.integer({ min: 0, max: 365 }), 30)
        }),
        15
      ),
      history: historyArb,
      claims: fc.array(claimForArb(t), { minLength: 1, maxLength: maxClaims })
    })
    .map((r): PersonYear => {
      // the year window: from the start day to a year later, within the target's period
      const from = addDays(t.from, r.start)
      const lastDay = addDays(from, Math.min(364, span - 1 - r.start))
      const days = daysBetween(from, lastDay) + 1
      const born = makeDate(Math.max(1900, yearOf(from) - r.birthAge), r.birthMonth, r.birthDay)
      const e = r.enrolment
      const person: Person = {
        // born no later than the window opens, so every claim is after the birth date
        birthDate: born > from ? from : born,
        student: r.student,
        groups: r.groups,
        continuousYears: r.continuousYears,
        enrolment: e && {
          status: e.status,
          benefitStart: e.startIn === undefined ? undefined : addDays(from, e.startIn),
          benefitEnd: e.endIn === undefined ? undefined : addDays(from, e.endIn)
        }
      }
      // in the order of the date that picks the version (and so the coverage year): a person's year moves forward
      const sel = t.docs[0].versionSelection
      const dateOf = (c: Claim) =>
        sel === 'admission' ? (c.admissionDate ?? c.serviceDate)! : (c.dischargeDate ?? c.serviceDate)!
      const claims = r.claims
        .map(({ offset, stay, ...c }, i): Claim => {
          const day = addDays(from, offset % days)
          const end = addDays(day, Math.min(stay, daysBetween(day, lastDay)))
          const dates = c.kind === 'inpatient' ? { admissionDate: day, dischargeDate: end } : { serviceDate: day }
          return { id: `C${i + 1}`, ...c, person, ...dates }
        })
        .sort((a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0))
      return { person, history: r.history, claims, asOf: lastDay }
    })
}

// ---------------------------------------------------------------- the demo policy, every figure drawn at random

const demo = bundledPolicies['demo-county-2026'] as PolicyDocument

const money = (lo: number, hi: number) => fc.integer({ min: lo * 100, max: hi * 100 }).map(fen)
/** a rate from lo% to hi% with 2 decimals, or with 4 (the most a policy may write) */
const rateWith = (decimals: 2 | 4) => (lo: number, hi: number) =>
  decimals === 2
    ? fc.integer({ min: lo, max: hi }).map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`)
    : fc
        .integer({ min: lo * 100, max: hi * 100 })
        .map((n) => `${Math.floor(n / 10_000)}.${String(n % 10_000).padStart(4, '0')}`)

/** A valid policy: the demo's structure with every figure drawn at random (rates with `decimals` decimals). */
export function demoVariantArb(decimals: 2 | 4 = 2): fc.Arbitrary<PolicyDocument> {
  const rate = rateWith(decimals)
  return fc
    .record({
      tDed: money(0, 500),
      cDed: money(0, 2000),
      cityDed: money(0, 3000),
      provDed: money(0, 5000),
      outDed: money(0, 5000),
      tRate: rate(30, 100),
      cRate: rate(30, 100),
      cityRate: rate(20, 100),
      provRate: rate(20, 100),
      outRate: rate(10, 90),
      step: money(0, 300),
      floor: money(0, 300),
      reading: fc.constantFrom('from-base', 'from-previous'),
      perYear: rate(0, 3),
      maxRate: rate(50, 100),
      // mostly modest penalties; sometimes large enough that penalty × levels passes 100%
      penalty: fc.oneof({ arbitrary: rate(0, 20), weight: 3 }, { arbitrary: rate(0, 100), weight: 1 }),
      mode: fc.constantFrom('points', 'relative'),
      entryTier: fc.constantFrom('village', 'township', 'county'),
      provBanded: fc.boolean(),
      increase: money(0, 500),
      cap: fc.oneof(money(1000, 300000), fc.constant(null)),
      threshold: money(0, 30000),
      b1: rate(0, 100),
      b2: rate(0, 100),
      catCap: money(0, 500000),
      asRate: rate(0, 100),
      asCap: money(0, 80000),
      bFirst: rate(0, 100),
      outRateOp: rate(0, 100),
      opLimit: money(0, 2000),
      flat: money(0, 20)
    })
    .map((f) => {
      const patch = {
        id: 'generated',
        inpatient: {
          deductible: {
            rows: [
              { when: { area: 'local', tier: ['village', 'township'] }, amount: f.tDed },
              { when: { area: 'local', tier: 'county' }, amount: f.cDed },
              { when: { area: 'local', tier: 'city' }, amount: f.cityDed },
              { when: { area: 'local', tier: 'provincial' }, amount: f.provDed },
              { when: {}, amount: f.outDed }
            ]
          },
          repeatAdmission: { step: f.step, floor: f.floor, reading: f.reading, areas: ['local'], counts: 'same-areas' },
          ratio: {
            rows: [
              { when: { area: 'local', tier: ['village', 'township'] }, rate: f.tRate },
              { when: { area: 'local', tier: 'county' }, rate: f.cRate },
              {
                when: { area: 'local', tier: 'city' },
                bands: [
                  { upTo: '10000.00', rate: f.cityRate },
                  { upTo: null, rate: f.b1 }
                ]
              },
              f.provBanded
                ? {
                    when: { area: 'local', tier: 'provincial' },
                    bands: [
                      { upTo: '20000.00', rate: f.provRate },
                      { upTo: '50000.00', rate: f.cityRate },
                      { upTo: null, rate: f.b2 }
                    ]
                  }
                : { when: { area: 'local', tier: 'provincial' }, rate: f.provRate },
              { when: {}, rate: f.outRate }
            ]
          }
        },
        continuousYearsBonus: { perYear: f.perYear, maxRate: f.maxRate },
        referral: { penaltyPerLevel: f.penalty, mode: f.mode, entryTier: f.entryTier, deductibleIncrease: f.increase },
        annualCap: { amount: f.cap === null ? { none: true } : f.cap },
        catastrophic: {
          threshold: f.threshold,
          bands: [
            { upTo: '50000.00', rate: f.b1 },
            { upTo: null, rate: f.b2 }
          ],
          cap: f.catCap
        },
        assistance: { rules: [{ id: 'dibao', label: '低保', groups: ['dibao'], rate: f.asRate, cap: f.asCap }] },
        eligibleCost: { classBFirstPayRate: f.bFirst },
        outpatient: {
          ratio: {
            rows: [
              { when: { tier: 'village' }, patientFlat: f.flat },
              { when: {}, rate: f.outRateOp }
            ]
          },
          annualLimit: f.opLimit
        }
      }
      return deepMerge(demo, patch) as PolicyDocument
    })
}
/** demo variants with two-decimal rates, as the property tests have always used */
export const policyArb = demoVariantArb(2)

const tierArb = fc.constantFrom('village', 'township', 'county', 'city', 'provincial' as const)
const areaArb = fc.constantFrom('local', 'local', 'local', 'out-referred', 'out-filed', 'out-unfiled' as const)

/** A claim under the demo policy in 2026 with bill lines (class A, B and self-pay). */
export const claimArb = fc
  .record({
    kind: fc.constantFrom('inpatient', 'inpatient', 'outpatient', 'special-outpatient' as const),
    tier: tierArb,
    area: areaArb,
    a: fc.integer({ min: 0, max: 30_000_000 }),
    b: fc.integer({ min: 0, max: 5_000_000 }),
    self: fc.integer({ min: 0, max: 2_000_000 }),
    years: fc.integer({ min: 0, max: 30 }),
    referral: fc.constantFrom(undefined, true, false),
    dibao: fc.boolean(),
    month: fc.integer({ min: 1, max: 12 }),
    birthYear: fc.integer({ min: 1930, max: 2025 }),
    useAccount: fc.boolean()
  })
  .map((r): Claim => {
    const date = `2026-${String(r.month).padStart(2, '0')}-10`
    return {
      kind: r.kind,
      person: { birthDate: `${r.birthYear}-06-01`, continuousYears: r.years, groups: r.dibao ? ['dibao'] : [] },
      institution: { designated: true, tier: r.tier },
      area: r.area,
      admissionDate: date,
      dischargeDate: date,
      serviceDate: date,
      bill: {
        total: fen(r.a + r.b + r.self),
        lines: [
          { class: 'A', amount: fen(r.a) },
          { class: 'B', amount: fen(r.b) },
          { class: 'self-pay', amount: fen(r.self) }
        ]
      },
      referral: r.referral === undefined ? undefined : { approved: r.referral },
      specialDisease: r.kind === 'special-outpatient' ? { code: 'diabetes', approved: true } : undefined,
      useHouseholdAccount: r.useAccount
    }
  })
