// Every field of the policy format is honoured: walking every field of the format's one
// definition (policy-format.ts), a change to it — in a shipped policy, or added to one — is
// either refused by the validator or changes what the calculator answers on a fixed set of
// probes (settlements with steps, quotes, estimates, refusals). A field the engine ignored
// would fail here. Only fields that are text for readers are listed apart, with why.
import fc from 'fast-check'
import { filledTarget, personYearArb, policyTarget, type PolicyTarget } from './testing/arbitraries'
import { defs, policyDocument, type Fields, type Shape } from './policy-format'
import { pickShape } from './validate'
import {
  bundledPolicies,
  estimate,
  quoteContribution,
  resolvePolicy,
  settleClaim,
  validatePolicy,
  type Claim,
  type ClaimHistory,
  type Household,
  type PolicyDocument
} from './index'

/** Fields for readers (text, citations, identifiers of the file): why each is not a rule. */
const READERS_ONLY: Record<string, string> = {
  $schema: 'the JSON Schema path, for editors',
  notes: 'free text for readers of the file',
  resolvedFrom: 'set by the calculator after merging `extends`',
  source: 'citations: shown with the steps of the rules that use them, the rest is for readers of the file',
  note: 'a note for readers (a missing figure’s note is its error message: checked there)',
  regionName: 'the region’s name, shown in policy lists and in messages',
  scheme: 'names the scheme; versions of one series must agree on it (checked when a series is given)',
  demo: 'tells the app to label the figures 演示',
  'populationGroups.groups[].id': 'a name the table rows refer to: a change that breaks a reference is refused',
  extends: 'merged before validation; a document still carrying it is refused (checked in calculator.test.ts)'
}
const readersOnly = (abs: string, key: string | number, path: (string | number)[]) =>
  READERS_ONLY[abs] !== undefined ||
  READERS_ONLY[String(key)] !== undefined ||
  path.some((p) => p === 'source' || p === 'notes')

// ---------------------------------------------------------------- the fields of the definition

type Abstract = string
/** small shapes shared by many tables and sections: their fields are counted once, under the shape's name */
const SHARED = new Set(['rowCondition', 'personCondition', 'missing', 'none', 'source'])

/** Every field of the definition ("inpatient.deductible.rows[].amount", "rowCondition.tier"), with its shape. */
function abstractFields(): Map<Abstract, Shape> {
  const out = new Map<Abstract, Shape>()
  const walk = (s: Shape, path: string, seen: Set<string>): void => {
    if (s.k === 'ref') {
      if (seen.has(s.name)) return
      return walk(defs[s.name].shape, SHARED.has(s.name) ? s.name : path, new Set([...seen, s.name]))
    }
    const fields = (f: Fields) => {
      for (const [k, x] of Object.entries(f)) {
        const p = path ? `${path}.${k}` : k
        if (!out.has(p)) out.set(p, x.shape)
        walk(x.shape, p, seen)
      }
    }
    if (s.k === 'object') fields(s.fields)
    else if (s.k === 'forms') fields({ ...s.common, ...s.forms })
    else if (s.k === 'list' || s.k === 'oneOrMany') walk(s.of, `${path}[]`, seen)
    else if (s.k === 'either') for (const o of s.of) walk(o, path, seen)
  }
  walk(policyDocument, '', new Set())
  return out
}

/** Every place in a document: its path, value and the field of the definition it is. */
function places(doc: unknown): { path: (string | number)[]; value: unknown; abs: Abstract }[] {
  const out: { path: (string | number)[]; value: unknown; abs: Abstract }[] = []
  const walk = (v: unknown, s: Shape, abs: string, path: (string | number)[]): void => {
    if (s.k === 'ref') return walk(v, defs[s.name].shape, SHARED.has(s.name) ? s.name : abs, path)
    if (s.k === 'either') return walk(v, pickShape(s.of, v), abs, path)
    if (s.k === 'oneOrMany') {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, s.of, `${abs}[]`, [...path, i]))
      return
    }
    if (s.k === 'list') {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, s.of, `${abs}[]`, [...path, i]))
      return
    }
    const fields = s.k === 'object' ? s.fields : s.k === 'forms' ? { ...s.common, ...s.forms } : null
    if (!fields || typeof v !== 'object' || v === null) return
    for (const [k, f] of Object.entries(fields)) {
      const x = (v as Record<string, unknown>)[k]
      if (x === undefined) continue
      const a = abs ? `${abs}.${k}` : k
      out.push({ path: [...path, k], value: x, abs: a })
      walk(x, f.shape, a, [...path, k])
    }
  }
  walk(doc, policyDocument, '', [])
  return out
}

/** What kind of value a shape holds when it is a string: an amount, a rate, or something else. */
function stringKind(s: Shape): 'money' | 'rate' | 'date' | 'other' {
  if (s.k === 'ref') {
    if (s.name === 'money' || s.name === 'moneyParam' || s.name === 'limitParam') return 'money'
    if (s.name === 'rate' || s.name === 'rateParam') return 'rate'
    if (s.name === 'date') return 'date'
    return stringKind(defs[s.name].shape)
  }
  if (s.k === 'money' || s.k === 'rate' || s.k === 'date') return s.k
  if (s.k === 'either') {
    for (const o of s.of) {
      const k = stringKind(o)
      if (k !== 'other') return k
    }
  }
  return 'other'
}

// ---------------------------------------------------------------- probes

const GROUPS = ['wubao', 'tekun', 'dibao', 'severe-disability', 'dibao-edge', 'youfu', 'family-planning']
const TIERS = ['village', 'township', 'county', 'city', 'provincial'] as const
const AREAS = ['local', 'out-referred', 'out-filed', 'out-unfiled', 'out-emergency'] as const

/** Claims aimed at every rule and setting, on a day the policy is in force. */
function targeted(t: PolicyTarget, doc: PolicyDocument): { claim: Claim; history?: ClaimHistory }[] {
  const day = doc.effectiveFrom < '2000-01-01' ? doc.effectiveFrom : shiftDate(doc.effectiveFrom, 150)
  const year = day.slice(0, 4)
  const person = { birthDate: '1960-06-01', continuousYears: 3 }
  const inst = (tier: (typeof TIERS)[number], level?: 1 | 2 | 3, grade?: 'A' | 'B') => ({
    designated: true,
    tier,
    level,
    grade,
    ownership: 'public' as const,
    code: t.institutionCodes[0]
  })
  const stay = (over: Partial<Claim>): Claim => ({
    kind: 'inpatient',
    person,
    institution: inst('county', 2, 'A'),
    area: 'local',
    admissionDate: day,
    dischargeDate: day,
    bill: {
      total: '60000.00',
      lines: t.eligibleCost
        ? [
            { class: 'A', amount: '40000.00', overLimit: '500.00' },
            { class: 'B', amount: '12000.00' },
            { class: 'C', amount: '3000.00' },
            { class: 'self-pay', amount: '5000.00' }
          ]
        : [
            { class: 'A', amount: '55000.00', overLimit: '500.00' },
            { class: 'self-pay', amount: '5000.00' }
          ]
    },
    ...over
  })
  const out: { claim: Claim; history?: ClaimHistory }[] = []
  const add = (claim: Claim, history?: ClaimHistory) => out.push({ claim, history })
  const histories: (ClaimHistory | undefined)[] = [
    undefined,
    {
      admissions: { local: 2, 'out-referred': 1 },
      lastDeductible: '300.00',
      fundPaid: '150000.00',
      outpatientFundPaid: '300.00',
      outpatientDeductibleMet: '50.00',
      specialFundPaid: '20000.00',
      specialDeductibleMet: '100.00',
      majorDiseaseFundPaid: '100000.00',
      catastrophicBase: '90000.00',
      catastrophicPaid: '30000.00',
      assistanceBase: '2000.00',
      assistancePaid: '1000.00',
      householdAccountBalance: '300.00'
    },
    // the year before: a new year starts from zero, the account as the policy says
    {
      coverageYear: `${Number(year) - 1}${doc.coverageYear?.startMonthDay ? `-${doc.coverageYear.startMonthDay}` : '-01-01'}`,
      householdAccountBalance: '500.00',
      fundPaid: '1000.00'
    }
  ]
  for (const h of histories) {
    for (const tier of TIERS)
      for (const level of [1, 2, 3] as const)
        for (const grade of ['A', 'B'] as const) add(stay({ institution: inst(tier, level, grade) }), h)
    for (const area of AREAS) add(stay({ area }), h)
    for (const birthDate of ['2015-01-01', `${Number(year) - 18}-12-31`, `${Number(year) - 18}-01-01`, '1930-01-01'])
      for (const student of [true, false]) add(stay({ person: { ...person, birthDate, student } }), h)
    for (const g of GROUPS) add(stay({ person: { ...person, groups: [g] } }), h)
    add(stay({ person: { ...person, groups: ['dibao', 'dibao-edge', 'tekun'] } }), h)
    for (const years of [0, 1, 10, 40]) add(stay({ person: { ...person, continuousYears: years } }), h)
    for (const tier of TIERS)
      for (const expectedTier of [undefined, 'village', 'township'] as const)
        for (const years of [0, 15]) {
          add(
            stay({
              institution: inst(tier),
              referral: { approved: false, expectedTier },
              person: { ...person, continuousYears: years }
            }),
            h
          )
          add(
            stay({
              kind: 'outpatient',
              serviceDate: day,
              admissionDate: undefined,
              dischargeDate: undefined,
              bill: { total: '900.00' },
              institution: inst(tier),
              referral: { approved: false, expectedTier },
              useHouseholdAccount: true
            }),
            h
          )
        }
    for (const code of [...t.majorCodes, 'not-listed'])
      for (const kind of ['inpatient', 'outpatient', 'special-outpatient'] as const)
        add(
          stay({
            kind,
            serviceDate: day,
            majorDisease: code,
            specialDisease:
              kind === 'special-outpatient' ? { code: t.specialCodes[0] ?? 'x', approved: true } : undefined
          }),
          h
        )
    for (const code of t.benchmark?.codes.length ? t.benchmark.codes : ['x'])
      for (const list of t.benchmark?.lists ?? ['x'])
        for (const tier of TIERS)
          for (const total of ['1500.00', '90000.00'])
            add(
              stay({ institution: inst(tier), bill: { total }, benchmark: { disease: code, list, price: '5000.00' } }),
              h
            )
    for (const code of [...t.specialCodes, 'not-listed'])
      for (const approved of [true, false])
        for (const area of AREAS)
          add(
            {
              kind: 'special-outpatient',
              person,
              institution: inst('county'),
              area,
              serviceDate: day,
              bill: { total: '40000.00' },
              specialDisease: { code, approved }
            },
            h
          )
    for (const tier of TIERS)
      for (const total of ['3.00', '30.00', '300.00', '3000.00'])
        for (const useHouseholdAccount of [true, false])
          add(
            {
              kind: 'outpatient',
              person,
              institution: inst(tier),
              area: 'local',
              serviceDate: day,
              bill: { total },
              useHouseholdAccount
            },
            h
          )
    for (const cause of [
      'illness',
      'accident',
      'medical-accident',
      'self-harm',
      'childbirth',
      'cosmetic',
      'fight',
      'crime',
      'drugs',
      'drunkenness',
      'family-planning',
      'other-violation',
      'self-harm-mental-illness'
    ] as const)
      for (const thirdPartyLiable of [true, false])
        for (const birthDate of [
          '1950-01-01',
          `${Number(year) - 65}-06-15`,
          `${Number(year) - 65}-12-31`,
          '1990-01-01'
        ])
          add(stay({ cause, thirdPartyLiable, person: { ...person, birthDate } }), h)
    for (const area of AREAS)
      for (const died of [true, false]) {
        add(
          stay({
            kind: 'outpatient',
            serviceDate: day,
            area,
            emergency: { died },
            institution: { ...inst('city'), designated: false }
          }),
          h
        )
        add(stay({ area, emergency: { died }, institution: { ...inst('city'), designated: false } }), h)
      }
    add(stay({ institution: { ...inst('county'), designated: false, approved: true } }), h)
    add(stay({ institution: { ...inst('county'), designated: false } }), h)
    for (const status of ['not-enrolled', 'lapsed'] as const)
      add(stay({ person: { ...person, enrolment: { status } } }), h)
    add(
      stay({
        person: {
          ...person,
          enrolment: { status: 'enrolled', paid: { coverageYear: Number(year), paidOn: `${year}-03-10` } }
        }
      }),
      h
    )
    add(
      stay({
        person: {
          ...person,
          enrolment: {
            status: 'enrolled',
            paid: { coverageYear: Number(year), paidOn: `${year}-01-10`, lapsedYears: 1 }
          }
        }
      }),
      h
    )
  }
  return out
}

function probesFor(t: PolicyTarget, doc: PolicyDocument) {
  // a fixed, generated set of person-years over the policy's period (the same every run)
  const years = fc.sample(personYearArb(t, 10), { seed: 20261203, numRuns: 15 })
  const y = Number(doc.effectiveFrom.slice(0, 4))
  const born = (age: number, md = '06-01') => `${y - age}-${md}`
  const households: Household[] = [
    {
      members: [
        // every group at every age: adult, senior, minor, student
        ...GROUPS.flatMap((g, i) => [
          { id: `g${i}a`, birthDate: born(45), groups: [g] },
          { id: `g${i}s`, birthDate: born(70), groups: [g] },
          { id: `g${i}m`, birthDate: born(10), groups: [g] },
          { id: `g${i}t`, birthDate: born(19), student: true, schoolFundedBy: 'county' as const, groups: [g] }
        ]),
        { id: 'a', birthDate: born(45) },
        { id: 'b', birthDate: born(70), groups: ['dibao', 'severe-disability'] },
        { id: 'c', birthDate: born(12), student: true, schoolFundedBy: 'county' },
        { id: 'd', birthDate: born(35), groups: ['severe-disability', 'dibao', 'dibao-edge'], lapsedYears: 1 },
        { id: 'e', birthDate: born(20), student: true, schoolFundedBy: 'other', groups: ['dibao-edge'] },
        { id: 'f', birthDate: born(16), groups: ['dibao'] },
        { id: 'h', birthDate: born(60, '12-31'), groups: ['tekun'] },
        { id: 'i', birthDate: born(59, '12-31') },
        { id: 'j', birthDate: born(18, '12-31') }
      ]
    },
    // part of a household left out (no reason given)
    {
      members: [
        { id: 'x', birthDate: born(40) },
        { id: 'y', birthDate: born(42), enrolling: false }
      ]
    }
  ]
  return { years, households }
}

function answers(doc: PolicyDocument, t: PolicyTarget, probes: ReturnType<typeof probesFor>): string {
  const out: unknown[] = []
  const attempt = (f: () => unknown) => {
    try {
      out.push(f())
    } catch (e) {
      out.push({ error: (e as { code?: string }).code, message: (e as Error).message })
    }
  }
  for (const p of targeted(t, doc)) {
    try {
      out.push(settleClaim(doc, p.claim, p.history, '2100-12-31'))
    } catch (e) {
      out.push({ error: (e as { code?: string }).code, message: (e as Error).message })
    }
  }
  for (const y of probes.years) {
    let h: ClaimHistory | undefined = y.history
    for (const c of y.claims) {
      try {
        const s = settleClaim(doc, c as Claim, h, y.asOf)
        out.push(s)
        h = s.historyAfter
      } catch (e) {
        out.push({ error: (e as { code?: string }).code, message: (e as Error).message })
      }
    }
  }
  const year = Number(doc.effectiveFrom.slice(0, 4))
  for (const hh of probes.households) {
    for (const paid of [`${year - 1}-10-20`, `${year}-03-10`, `${year}-06-01`])
      attempt(() => quoteContribution(doc, { ...hh, paymentDate: paid }, paid, { coverageYear: year }))
    // a newborn, paid a month after birth
    attempt(() =>
      quoteContribution(
        doc,
        { members: [{ id: 'n', birthDate: `${year}-02-01` }], paymentDate: `${year}-03-01` },
        `${year}-03-01`,
        {
          coverageYear: year
        }
      )
    )
  }
  for (const kind of ['inpatient', 'outpatient', 'special-outpatient'] as const)
    for (const tier of ['township', 'county', 'city'] as const)
      attempt(() =>
        estimate(
          doc,
          { kind, institution: { tier }, billAmount: '30000.00', age: 40, specialDisease: t.specialCodes[0] },
          doc.effectiveFrom
        )
      )
  return JSON.stringify(out)
}

// ---------------------------------------------------------------- changes

/** Different values of the same kind for a field (its shape says whether a string is an amount, a rate, a date…). */
function changed(v: unknown, key: string | number, shape: Shape | undefined): unknown[] {
  if (typeof v === 'boolean') return [!v]
  if (typeof v === 'number') return [v + 1, Math.max(0, v - 1), 0, 150]
  if (v === null) return ['999999.00']
  if (Array.isArray(v)) {
    const alts: unknown[] = []
    if (v.length > 1) alts.push(v.slice(1), v.slice(0, -1), [...v].reverse())
    if (v.length > 0 && typeof v[0] === 'string') {
      alts.push([...v, ...ENUM_EXTRA.filter((x) => !v.includes(x)).slice(0, 3)])
      alts.push([`${v[0]}（改）`, ...v.slice(1)])
    }
    return alts
  }
  if (typeof v === 'object') return [] // objects are changed field by field
  const s = String(v)
  const kind = shape ? stringKind(shape) : 'other'
  if (kind === 'money') {
    const fen = Math.round(Number(s) * 100)
    return [fen * 2 + 100, Math.floor(fen / 2), 0, 10_000_000].map((x) => (x / 100).toFixed(2))
  }
  if (kind === 'rate') {
    const r = Number(s)
    return [r >= 0.5 ? (r - 0.25).toFixed(2) : (r + 0.25).toFixed(2), r === 0 ? '0.10' : '0.00', '1.00']
  }
  if (kind === 'date') return [shiftDate(s, 40), shiftDate(s, -40), shiftDate(s, 400), shiftDate(s, -400)]
  if (/^\d{2}-\d{2}$/.test(s)) return [s === '01-01' ? '07-01' : '01-01']
  if (ENUMS[String(key)]) return ENUMS[String(key)].filter((x) => x !== s)
  return [`${s}（改）`]
}
const shiftDate = (d: string, days: number) => {
  const t = Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) + days * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}
/** the values an enumerated field may take, by field name, read from the definition */
const ENUMS: Record<string, string[]> = {}
const ENUM_EXTRA = ['inpatient', 'outpatient', 'special-outpatient', 'local', 'out-referred', 'out-filed', 'abroad']
;(function collect(s: Shape, key: string, seen: Set<string>) {
  if (s.k === 'ref') {
    if (!seen.has(s.name)) collect(defs[s.name].shape, key, new Set([...seen, s.name]))
    return
  }
  if (s.k === 'enum') ENUMS[key] = [...(ENUMS[key] ?? []), ...s.values.map(String)]
  if (s.k === 'object') for (const [k, f] of Object.entries(s.fields)) collect(f.shape, k, seen)
  if (s.k === 'forms') for (const [k, f] of Object.entries({ ...s.common, ...s.forms })) collect(f.shape, k, seen)
  if (s.k === 'list' || s.k === 'oneOrMany') collect(s.of, key, seen)
  if (s.k === 'either') for (const o of s.of) collect(o, key, seen)
})(policyDocument, '', new Set())

function setAt(doc: unknown, path: (string | number)[], value: unknown): PolicyDocument {
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>
  let o: Record<string | number, unknown> = copy
  for (const p of path.slice(0, -1)) o = o[p] as Record<string | number, unknown>
  o[path[path.length - 1]] = value
  return copy as unknown as PolicyDocument
}

// ---------------------------------------------------------------- the walk

describe('every field of the format is honoured or refused', () => {
  const all = abstractFields()
  const covered = new Set<Abstract>()
  const ignored = new Map<Abstract, string[]>()
  const shipped = Object.keys(bundledPolicies).map((id) =>
    resolvePolicy(bundledPolicies[id], (x) => bundledPolicies[x])
  )
  const demo = shipped.find((d) => d.id === 'demo-county-2026')!
  // settings that matter only in a context no shipped policy has: walked on the demo in that context
  const ip = demo.inpatient!
  const op = demo.outpatient!
  const sp = demo.specialOutpatient!
  const variants: PolicyDocument[] = [
    {
      ...demo,
      id: 'demo-major-every-kind',
      majorDiseases: { ...demo.majorDiseases!, kinds: ['inpatient', 'outpatient', 'special-outpatient'] }
    },
    // every form of a table row and of a condition
    {
      ...demo,
      id: 'demo-every-form',
      populationGroups: {
        ...demo.populationGroups!,
        groups: [
          { id: 'poor', label: '低保和特困人员', when: { groups: ['dibao', 'tekun'] } },
          { id: 'senior', label: '70周岁以上老人', when: { ageAtLeast: 70 } },
          ...demo.populationGroups!.groups
        ]
      },
      inpatient: {
        ...ip,
        ratio: {
          rows: [
            { when: { kind: 'inpatient', ownership: 'private', tier: 'county' }, rate: '0.55' },
            { when: { group: 'poor', tier: 'county' }, patientFlat: '300.00' },
            { when: { group: 'senior', tier: 'county' }, rate: '0.88' },
            ...ip.ratio.rows
          ]
        }
      },
      outpatient: {
        ...op,
        ratio: {
          rows: [
            {
              when: { tier: 'county' },
              bands: [
                { upTo: '500.00', rate: '0.60' },
                { upTo: null, rate: '0.40' }
              ]
            },
            ...op.ratio.rows
          ]
        }
      },
      specialOutpatient: {
        ...sp,
        ratio: {
          rows: [
            { when: { tier: 'township' }, patientFlat: '50.00' },
            {
              when: { tier: 'county' },
              bands: [
                { upTo: '10000.00', rate: '0.70' },
                { upTo: null, rate: '0.50' }
              ]
            },
            ...sp.ratio.rows
          ]
        }
      }
    }
  ]

  for (const policy of [...shipped, ...variants]) {
    it(`${policy.id}: every change of every field not yet honoured is tried`, () => {
      // missing figures filled, so that the rules behind them are reached
      const t = filledTarget(policyTarget(policy.id, policy))
      const doc = t.input as PolicyDocument
      // a policy that did not validate would make every change look refused
      expect(validatePolicy(doc)).toEqual([])
      const probes = probesFor(t, doc)
      const base = answers(doc, t, probes)
      // the policy as shipped too, for its missing figures
      let shippedBase: string | null = null
      for (const [d, filled] of [
        [doc, true],
        [policy, false]
      ] as const) {
        for (const { path, value, abs } of places(d)) {
          if (covered.has(abs)) continue
          const key = path[path.length - 1]
          // a container is covered by its fields; text for readers needs no rule
          const container =
            typeof value === 'object' &&
            value !== null &&
            (!Array.isArray(value) || value.some((x) => typeof x === 'object' && x !== null))
          if (container || readersOnly(abs, key, path)) {
            covered.add(abs)
            continue
          }
          const against = filled ? base : (shippedBase ??= answers(d, t, probes))
          let honoured = false
          for (const alt of changed(value, key, all.get(abs))) {
            const m = setAt(d, path, alt)
            if (validatePolicy(m).length > 0 || answers(m, t, probes) !== against) {
              honoured = true
              break
            }
          }
          if (honoured) covered.add(abs)
          else ignored.set(abs, [...(ignored.get(abs) ?? []), `${policy.id} = ${JSON.stringify(value).slice(0, 60)}`])
        }
      }
    })
  }

  it('every field of the definition is honoured (or refused) in some policy: none is validated and ignored', () => {
    const missed = [...all.keys()]
      .filter((f) => !covered.has(f) && !readersOnly(f, f.split('.').pop()!.replace('[]', ''), f.split(/[.[\]]+/)))
      .map(
        (f) =>
          `${f}${ignored.has(f) ? `: changed in ${ignored.get(f)!.join('; ')}, no answer changed` : ': in no policy walked'}`
      )
    expect(missed).toEqual([])
  })
})
