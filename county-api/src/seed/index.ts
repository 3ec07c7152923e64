// Deterministic demo county: townships, villages, ~200 households with every category,
// three years of contributions, claims settled by the shared calculator, institutions,
// notices and the demo accounts described in county-api/DEMO.md.
import type { Category } from '../../../src/contract'
import type { Ctx } from '../context'
import { makeIdNumber } from '../../../src/shared/id-number'
import { dateStart, isoDate, addDays } from '../clock'
import { inTx, receiptsIssued, setMeta, type Param } from '../db'
import { maskName } from '../mask'
import { fenToYuan, yuanToFen } from '../../../src/calculator/money'
import { policyEtag } from '../policies'
import { certificationsOf, certify } from '../chronic'
import { defaultYear } from '../pay/quote'
import type { ClaimInput } from '../ports/calculator'
import { makeRng, type Rng } from './prng'
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES, TOWNSHIPS, UYGHUR_FEMALE, UYGHUR_MALE } from './data'

export interface SeedOptions {
  households?: number
  claims?: number
  seed?: number
}

interface SeedSummary {
  households: number
  persons: number
  claims: number
  institutions: number
  orders: number
}

interface P {
  id: string
  name: string
  sex: 'male' | 'female'
  birth: string
  relation: string
  categories: Category[]
  phone: string | null
  lapsedFrom?: number
  pendingFrom?: number
}
interface H {
  id: string
  number: string
  township: string
  village: string
  members: P[]
  story?: string
  balanceFen: number | null
}

export const DEMO_ACCOUNTS = [
  { key: 'head', phone: '13800000001', personKey: 'head' },
  { key: 'elder', phone: '13800000002', personKey: 'elder' },
  { key: 'migrant', phone: '13800000003', personKey: 'migrant' },
  { key: 'grantee', phone: '13800000004', personKey: 'grantee' },
  { key: 'reviewer', phone: '13800000009', personKey: null }
] as const

export async function seedDemo(ctx: Ctx, opts: SeedOptions = {}): Promise<SeedSummary> {
  const rng = makeRng(opts.seed ?? 20260101)
  const series = ctx.calc.shippedPolicies()
  const region = series[0].regionCode
  const collectionYear = defaultYear(ctx)
  const years = [collectionYear - 3, collectionYear - 2, collectionYear - 1]
  const targetHouseholds = opts.households ?? 200
  const targetClaims = opts.claims ?? Math.round(targetHouseholds * 2.5)
  let seq = 0
  const idSeq = () => String(++seq).padStart(4, '0')
  // Sequence numbers per birth date (unique), last digit odd for men; the region is fictional.
  const perDate = new Map<string, number>()
  const idNumber = (birth: string, sex: 'male' | 'female') => {
    const n = perDate.get(birth) ?? 0
    perDate.set(birth, n + 1)
    if (n >= 499) throw new Error('too many people born on one day for the demo generator')
    return makeIdNumber(region, birth.replace(/-/g, ''), String(n * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0'))
  }
  const birthFor = (age: number) =>
    `${collectionYear - 1 - age}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`

  const summary: SeedSummary = { households: 0, persons: 0, claims: 0, institutions: 0, orders: 0 }

  await inTx(ctx, async (ctx) => {
    const db = ctx.db
    // ---- policies shipped with the calculator ----
    for (const p of ctx.calc.shippedPolicies()) {
      const doc = JSON.stringify(p.document)
      await db.run(
        `INSERT INTO policies (region_code, version, effective_from, effective_to, document, etag) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (region_code, version) DO UPDATE SET effective_from = excluded.effective_from,
            effective_to = excluded.effective_to, document = excluded.document, etag = excluded.etag`,
        p.regionCode,
        p.version,
        p.effectiveFrom,
        p.effectiveTo,
        doc,
        policyEtag(doc)
      )
    }

    // ---- institutions ----
    const insts = await seedInstitutions(ctx, rng)
    summary.institutions = insts.length

    // ---- households ----
    const households: H[] = []
    const mk = (
      name: string,
      sex: 'male' | 'female',
      age: number,
      relation: string,
      categories: Category[] = ['ordinary'],
      phone: string | null = null
    ): P => ({ id: `p_${idSeq()}`, name, sex, birth: birthFor(age), relation, categories, phone })
    const hh = (village: number, members: P[], story?: string): H => {
      const t = TOWNSHIPS.flatMap((tw) => tw.villages.map((v) => ({ township: tw.name, village: v })))[village]
      const h: H = {
        id: `hh_${String(households.length + 1).padStart(4, '0')}`,
        number: `${region}${String(households.length + 1).padStart(6, '0')}`,
        ...t,
        members,
        story,
        balanceFen: null
      }
      households.push(h)
      return h
    }
    // Stories (see DEMO.md)
    const head = mk('王建国', 'male', 52, '户主', ['ordinary'], '13800000001')
    const headHh = hh(
      0,
      [
        head,
        mk('刘桂兰', 'female', 50, '配偶'),
        mk('王浩然', 'male', 17, '子', ['student']),
        mk('陈玉珍', 'female', 79, '母亲', ['elderly', 'disabled'])
      ],
      'head'
    )
    headHh.balanceFen = 12650
    const lapsed = mk('王志强', 'male', 27, '子')
    lapsed.lapsedFrom = collectionYear - 1
    headHh.members.push(lapsed)
    hh(
      4,
      [
        mk('李秀英', 'female', 78, '户主', ['elderly'], '13800000002'),
        mk('张德福', 'male', 81, '配偶', ['elderly', 'wubao'])
      ],
      'elder'
    )
    hh(
      7,
      [mk('买买提·艾力', 'male', 63, '户主', ['dibao'], '13800000031'), mk('古丽娜尔·吐尔逊', 'female', 60, '配偶')],
      'migrant-parents'
    )
    hh(
      8,
      [
        mk('阿依古丽·买买提', 'female', 34, '户主', ['ordinary'], '13800000003'),
        mk('艾力·吐尔逊', 'male', 36, '配偶'),
        mk('帕提古丽·阿不都', 'female', 8, '女', ['student'])
      ],
      'migrant'
    )
    hh(
      1,
      [mk('王小燕', 'female', 29, '户主', ['ordinary'], '13800000004'), mk('周海涛', 'male', 31, '配偶')],
      'grantee'
    )
    const returner = mk('欧阳𠮷祥', 'female', 24, '女')
    returner.pendingFrom = collectionYear
    hh(2, [mk('欧阳长顺', 'male', 55, '户主', ['family_planning']), returner], 'pending')

    // Generated households: every category, elderly-only, migrant, students.
    const villages = TOWNSHIPS.reduce((n, t) => n + t.villages.length, 0)
    while (households.length < targetHouseholds) {
      const v = rng.int(0, villages - 1)
      const uyghur = rng.chance(0.06)
      const surname = rng.pick(SURNAMES)
      const nm = (sex: 'male' | 'female') =>
        uyghur
          ? rng.pick(sex === 'male' ? UYGHUR_MALE : UYGHUR_FEMALE)
          : surname + rng.pick(sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE)
      const kind = rng.next()
      const special = (): Category[] => {
        const r = rng.next()
        return r < 0.05
          ? ['wubao']
          : r < 0.13
            ? ['dibao']
            : r < 0.16
              ? ['tekun']
              : r < 0.22
                ? ['poverty']
                : r < 0.26
                  ? ['family_planning']
                  : r < 0.3
                    ? ['disabled']
                    : ['ordinary']
      }
      if (kind < 0.2) {
        // elderly only
        const a = rng.int(66, 88)
        const members = [mk(nm('male'), 'male', a, '户主', ['elderly', ...special().filter((c) => c !== 'ordinary')])]
        if (rng.chance(0.6)) members.push(mk(nm('female'), 'female', a - rng.int(0, 4), '配偶', ['elderly']))
        hh(v, members)
      } else {
        const a = rng.int(30, 58)
        const cat = special()
        const members = [
          mk(
            nm('male'),
            'male',
            a,
            '户主',
            cat,
            rng.chance(0.7) ? `139${String(rng.int(0, 99999999)).padStart(8, '0')}` : null
          )
        ]
        members.push(mk(nm('female'), 'female', a - rng.int(0, 5), '配偶', cat))
        const kids = rng.int(0, 3)
        for (let k = 0; k < kids; k++) {
          const sex = rng.chance(0.5) ? 'male' : 'female'
          const age = rng.int(0, Math.max(0, a - 20))
          members.push(
            mk(nm(sex), sex, age, sex === 'male' ? '子' : '女', age >= 6 && age <= 22 ? ['student'] : ['ordinary'])
          )
        }
        if (rng.chance(0.3)) members.push(mk(nm('female'), 'female', a + rng.int(22, 30), '母亲', ['elderly']))
        const h = hh(v, members)
        if (rng.chance(0.1)) h.balanceFen = rng.int(0, 50000)
        if (kind > 0.9 && members.length > 2) {
          // a member who stopped paying
          members[members.length - 1].lapsedFrom = collectionYear - rng.int(1, 2)
        }
      }
    }

    const insHh = (...a: Param[]) =>
      db.run(
        'INSERT INTO households (id, household_number, region_code, township, village, head_person_id, account_balance_fen) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ...a
      )
    const insP = (...a: Param[]) =>
      db.run(
        'INSERT INTO persons (id, household_id, name, id_number, sex, birth_date, relation, categories, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ...a
      )
    const insE = (...a: Param[]) =>
      db.run(
        'INSERT INTO enrolments (person_id, year, status, payer, amount_fen, coverage_start, coverage_end, waiting_end, order_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ...a
      )
    // Seeded payments were made by the household's head (the payer account is the county's).
    const insO = (...a: Param[]) =>
      db.run(
        `INSERT INTO orders (id, household_id, year, status, amount_fen, channel, payer_user_id, payer_is_household, persons, policy_version, idempotency_key, request_hash, created_at, expires_at, paid_at, confirmed_at, transaction_id, receipt_number, payer_name_masked)
      VALUES (?, ?, ?, 'confirmed', ?, ?, ?, 1, ?, ?, ?, 'seed', ?, ?, ?, ?, ?, ?, ?)`,
        ...a
      )
    const insU = (...a: Param[]) =>
      db.run(
        'INSERT INTO users (id, role, openid, phone, person_id, display_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ...a
      )
    const now = ctx.clock.now()
    await insU('u_county', 'reviewer', 'dev-openid-reviewer', '13800000009', null, '县医保局审核员', now)
    // the workspace's supervisor (reads the audit) and a village doctor registered as an assistant
    await insU('u_supervisor', 'supervisor', 'dev-openid-supervisor', '13800000010', null, '县医保局科长', now)
    await insU('u_assistant', 'assistant', 'dev-openid-assistant', '13800000008', null, '云岭村村医 赵医生', now)
    const storyPersons = new Map<string, string>()
    const receiptSeq = new Map<number, number>()

    for (const h of households) {
      await insHh(h.id, h.number, region, h.township, h.village, h.members[0].id, h.balanceFen)
      if (h.story) storyPersons.set(h.story, h.members[0].id)
      for (const p of h.members) {
        // generated heads have a phone on the roster (binding sends its code there); the stories' own are above
        const phone = p.phone ?? (h.story === undefined && p === h.members[0] ? `1390000${h.id.slice(-4)}` : null)
        await insP(
          p.id,
          h.id,
          p.name,
          idNumber(p.birth, p.sex),
          p.sex,
          p.birth,
          p.relation,
          JSON.stringify(p.categories),
          phone
        )
        summary.persons++
      }
      summary.households++
      // contributions for the three past years (+ early payers for the collection year)
      const payYears = [...years, ...(rng.chance(0.3) && h.story === undefined ? [collectionYear] : [])]
      for (const year of payYears) {
        const active = h.members.filter(
          (p) =>
            p.birth <= `${year}-01-01` &&
            !(p.lapsedFrom !== undefined && year >= p.lapsedFrom) &&
            !(p.pendingFrom !== undefined && year >= p.pendingFrom)
        )
        if (active.length === 0) continue
        const paidDate = `${year - 1}-${String(rng.int(9, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
        const quote = ctx.calc.quote(
          series,
          active.map((p) => ({ personId: p.id, birthDate: p.birth, categories: p.categories, alreadyEnrolled: false })),
          year,
          paidDate,
          paidDate,
          { steps: false }
        )
        let orderId: string | null = null
        const selfLines = quote.lines.filter((l) => l.dueFen > 0)
        if (selfLines.length > 0) {
          orderId = `ord_seed_${h.id.slice(3)}_${year}`
          const n = (receiptSeq.get(year) ?? 0) + 1
          receiptSeq.set(year, n)
          const paidAt = dateStart(paidDate) + rng.int(8, 19) * 3600_000
          await insO(
            orderId,
            h.id,
            year,
            quote.totalFen,
            rng.chance(0.7) ? 'weapp' : 'h5',
            'u_county',
            JSON.stringify(
              selfLines.map((l) => ({
                personId: l.personId,
                name: (h.members.find((m) => m.id === l.personId) as P).name,
                dueFen: l.dueFen
              }))
            ),
            quote.policyVersion,
            `seed-${orderId}`,
            paidAt - 600_000,
            paidAt + 1_200_000,
            paidAt,
            paidAt + 5_000,
            `seedtx${h.id.slice(3)}${year}`,
            `${region}-${year}-${String(n).padStart(8, '0')}`,
            maskName(h.members[0].name)
          )
          summary.orders++
        }
        for (const l of quote.lines) {
          await insE(
            l.personId,
            year,
            'enrolled',
            l.dueFen > 0 ? 'self' : l.payer,
            l.dueFen,
            `${year}-01-01`,
            l.benefitEnd,
            l.benefitStart > `${year}-01-01` ? l.benefitStart : null,
            l.dueFen > 0 ? orderId : null
          )
        }
      }
      for (const p of h.members) {
        // lapsed in past years only: the year being collected is still open to pay (未缴费, not 已断保)
        if (p.lapsedFrom !== undefined)
          for (let y = p.lapsedFrom; y < collectionYear; y++)
            if (years.includes(y)) await insE(p.id, y, 'lapsed', null, null, null, null, null, null)
        if (p.pendingFrom !== undefined)
          await insE(p.id, collectionYear, 'pending_review', null, null, null, null, null, null)
      }
    }
    for (const [year, n] of receiptSeq) await receiptsIssued(db, year, n)

    // ---- demo users ----
    for (const a of DEMO_ACCOUNTS) {
      if (!a.personKey) continue
      const pid = storyPersons.get(a.personKey) as string
      const name = (await db.get<{ name: string }>('SELECT name FROM persons WHERE id = ?', pid))!.name
      await insU(`u_${a.key}`, 'villager', `dev-openid-${a.key}`, a.phone, pid, name, now)
      // bound at the county's office (the demo accounts are ready to use; new ones prove themselves)
      const hid = (await db.get<{ household_id: string }>('SELECT household_id FROM persons WHERE id = ?', pid))!
        .household_id
      await db.run(
        `INSERT INTO bindings (id, user_id, person_id, household_id, via, channel, ip, created_at) VALUES (?, ?, ?, ?, 'county', 'weapp', NULL, ?)`,
        `b_demo_${a.key}`,
        `u_${a.key}`,
        pid,
        hid,
        now
      )
    }
    // 王小燕 (grantee) may view and pay for her parents' household (王建国)
    const granted = now - 30 * 86400_000
    await db.run(
      'INSERT INTO grants (id, household_id, grantee_user_id, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      'g_demo',
      headHh.id,
      'u_grantee',
      JSON.stringify(['status', 'claims', 'pay']),
      granted,
      granted + ctx.config.grantDays * 86400_000
    )

    // ---- claims, settled by the calculator in date order per person-year ----
    const enrolled = await db.all<{
      person_id: string
      year: number
      birth_date: string
      sex: 'male' | 'female'
      categories: string
      coverage_start: string
      coverage_end: string
      waiting_end: string | null
    }>(
      `SELECT e.person_id, e.year, p.birth_date, p.sex, p.categories, e.coverage_start, e.coverage_end, e.waiting_end FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE e.status = 'enrolled' AND e.year IN (${years.join(',')}) ORDER BY e.person_id, e.year`
    )
    const wanted: ((typeof enrolled)[number] & { admission: string })[] = []
    const storyIds = new Set(households.filter((h) => h.story).flatMap((h) => h.members.map((m) => m.id)))
    for (const e of enrolled)
      if (storyIds.has(e.person_id) && rng.chance(0.7)) wanted.push({ ...e, admission: randomDate(rng, e.year, ctx) })
    while (wanted.length < targetClaims && enrolled.length > 0) {
      const e = rng.pick(enrolled)
      wanted.push({ ...e, admission: randomDate(rng, e.year, ctx) })
    }
    wanted.sort((a, b) => a.person_id.localeCompare(b.person_id) || a.admission.localeCompare(b.admission))
    const insC = (...a: Param[]) =>
      db.run(
        `INSERT INTO claims (id, person_id, year, kind, institution_id, institution_name, admission_date, discharge_date, total_fen, eligible_fen, payout_fen, self_fen, stage, timeline, policy_version, steps, settlement, cap_remaining_fen)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...a
      )
    const enrolledYears = (...a: Param[]) =>
      db.get(`SELECT COUNT(*) AS n FROM enrolments WHERE person_id = ? AND year < ? AND status = 'enrolled'`, ...a)
    const today = isoDate(now)
    const history = new Map<string, unknown>()
    const active = insts.filter((i) => i.status === 'active')
    const diseases = (
      (series[0].document as { specialOutpatient?: { diseases?: { code: string }[] } }).specialOutpatient?.diseases ??
      []
    ).map((d) => d.code)
    // a chronic claim is for the person's certified disease; the seed certifies the person (from
    // that day) at their first one. (The disease is still drawn every time: the rest of the seed stays as it was.)
    const certifiedFor = async (personId: string, day: string, drawn: string): Promise<string> => {
      const held = (await certificationsOf(ctx, personId, '9999-12-31'))[0]
      if (held) return held.code
      await certify(ctx, personId, drawn, day, null)
      return drawn
    }
    let c = 0
    const disclosures: {
      nameMasked: string
      village: string
      kind: string
      totalCost: string
      payout: string
      year: number
    }[] = []
    for (const w of wanted) {
      const inst = rng.pick(active.filter((i) => serves(i, w.sex, w.birth_date, w.admission)))
      const kind: ClaimInput['kind'] =
        inst.level === 'village' ? 'outpatient' : rng.chance(0.15) && diseases.length > 0 ? 'chronic' : 'inpatient'
      const days = kind === 'inpatient' ? rng.int(2, 15) : 0
      const totalFen =
        kind === 'outpatient'
          ? rng.int(3000, 30000)
          : kind === 'chronic'
            ? rng.int(20000, 150000)
            : rng.int(150000, inst.level === 'city' || inst.level === 'provincial' ? 12000000 : 3000000)
      const claim: ClaimInput = {
        claimId: `c_${String(++c).padStart(5, '0')}`,
        kind,
        institutionLevel: inst.level,
        institutionGrade: inst.grade,
        ownership: inst.ownership,
        admissionDate: w.admission,
        dischargeDate: kind === 'inpatient' ? addDays(w.admission, days) : null,
        totalFen,
        excludedFen: Math.round((totalFen * rng.int(0, 15)) / 100),
        referred: inst.level === 'city' || inst.level === 'provincial' ? rng.chance(0.8) : true,
        ...(kind === 'chronic'
          ? { specialDisease: await certifiedFor(w.person_id, w.admission, rng.pick(diseases)) }
          : {})
      }
      const key = `${w.person_id}:${w.year}`
      const continuousYears = ((await enrolledYears(w.person_id, w.year)) as { n: number }).n
      const settledOn = addDays(claim.dischargeDate ?? claim.admissionDate, 3)
      const enrolment = { benefitStart: w.waiting_end ?? w.coverage_start, benefitEnd: w.coverage_end }
      const settled = ctx.calc.settle(
        series,
        { birthDate: w.birth_date, categories: JSON.parse(w.categories) as Category[], continuousYears, enrolment },
        claim,
        history.get(key),
        settledOn
      )
      history.set(key, settled.historyAfter)
      const capRemaining = (settled.raw as { capRemaining: string | null }).capRemaining
      // Status timeline: 受理 at discharge, 审核 +3 days, 公示 +10, 拨付 +20 (only the stages already reached by today).
      const base = claim.dischargeDate ?? claim.admissionDate
      const stages = [
        ['accepted', 0],
        ['reviewing', 3],
        ['publicized', 10],
        ['paid_out', 20]
      ] as const
      const timeline = stages.map(([stage, d]) => ({ stage, date: addDays(base, d) })).filter((s) => s.date <= today)
      if (timeline.length === 0) timeline.push({ stage: 'accepted', date: base })
      const stage = timeline[timeline.length - 1].stage
      await insC(
        claim.claimId,
        w.person_id,
        w.year,
        kind,
        inst.id,
        inst.name,
        claim.admissionDate,
        claim.dischargeDate,
        totalFen,
        settled.eligibleFen,
        settled.payoutFen,
        settled.selfFen,
        stage,
        JSON.stringify(timeline),
        settled.policyVersion,
        JSON.stringify(settled.steps),
        JSON.stringify(settled.raw),
        capRemaining === null ? null : yuanToFen(capRemaining)
      )
      summary.claims++
      if (kind === 'inpatient' && settled.payoutFen >= 500000) {
        const p = (await db.get<{ name: string; village: string }>(
          'SELECT p.name, h.village FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id = ?',
          w.person_id
        ))!
        disclosures.push({
          nameMasked: maskName(p.name),
          village: p.village,
          kind: '住院',
          totalCost: fenToYuan(totalFen),
          payout: fenToYuan(settled.payoutFen),
          year: w.year
        })
      }
    }

    // ---- notices ----
    const insN = (...a: Param[]) =>
      db.run('INSERT INTO notices (id, kind, title, published_at, body, entries) VALUES (?, ?, ?, ?, ?, ?)', ...a)
    await insN(
      'n_collect',
      'announcement',
      `${collectionYear}年度城乡居民医保集中缴费开始了`,
      dateStart(`${collectionYear - 1}-09-01`) + 9 * 3600_000,
      `${collectionYear}年度城乡居民基本医疗保险集中缴费期为${collectionYear - 1}年9月1日至12月31日。可以在“乡亲医保”里给自己和家人缴费，也可以帮外地的父母缴费。逾期缴费的有待遇等待期。`,
      '[]'
    )
    await insN(
      'n_policy',
      'announcement',
      `${collectionYear - 1}年度报销政策调整说明`,
      dateStart(`${collectionYear - 2}-12-20`) + 9 * 3600_000,
      '住院起付线和报销比例按新政策执行，具体以“政策”页面的政策文件为准。在村卫生室、乡镇卫生院看病报销比例更高。',
      '[]'
    )
    for (const year of years) {
      const entries = disclosures
        .filter((d) => d.year === year)
        .slice(0, 30)
        .map(({ year: _y, ...e }) => e)
      if (entries.length === 0) continue
      await insN(
        `n_disclose_${year}`,
        'payout_disclosure',
        `${year}年度大额住院报销公示`,
        dateStart(`${year}-12-25`) > now ? now - 86400_000 : dateStart(`${year}-12-25`) + 9 * 3600_000,
        '以下为本年度报销金额较大的住院补偿情况，公示期7天。如有异议，请向县医保局反映。',
        JSON.stringify(entries)
      )
    }

    await setMeta(db, 'seeded', JSON.stringify({ at: now, collectionYear, households: summary.households }))
  })
  return summary
}

function randomDate(rng: Rng, year: number, ctx: Ctx): string {
  const today = isoDate(ctx.clock.now())
  const d = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
  return d > today ? addDays(today, -rng.int(5, 60)) : d
}

interface Inst {
  id: string
  name: string
  level: ClaimInput['institutionLevel']
  grade: string
  ownership: 'public' | 'private'
  status: string
  /** a 妇幼保健院 treats women and children (under 14) only */
  womenAndChildren: boolean
}

/** Whether a demo patient could have been treated there (no man at the 妇幼保健院). */
function serves(inst: Pick<Inst, 'womenAndChildren'>, sex: 'male' | 'female', birth: string, on: string): boolean {
  if (!inst.womenAndChildren) return true
  return sex === 'female' || ageOn(birth, on) < 14
}

function ageOn(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4))
  return on.slice(5) < birth.slice(5) ? years - 1 : years
}

async function seedInstitutions(ctx: Ctx, rng: Rng): Promise<Inst[]> {
  const out: Inst[] = []
  const rows: Param[][] = []
  const ins = `INSERT INTO institutions (id, name, level, grade, ownership, township, address, phone, instant_settlement, agreement_status, agreement_since, agreement_until)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  const add = (
    name: string,
    level: Inst['level'],
    grade: string,
    ownership: 'public' | 'private',
    township: string,
    instant: boolean,
    status = 'active',
    until: string | null = null
  ) => {
    const id = `inst_${String(out.length + 1).padStart(3, '0')}`
    rows.push([
      id,
      name,
      level,
      grade,
      ownership,
      township,
      `${township}${name.slice(0, 2)}路${rng.int(1, 99)}号`,
      `0${rng.int(100, 999)}-${rng.int(1000000, 9999999)}`,
      instant ? 1 : 0,
      status,
      `20${rng.int(10, 22)}-0${rng.int(1, 9)}-01`,
      until
    ])
    out.push({ id, name, level, grade, ownership, status, womenAndChildren: name.includes('妇幼') })
  }
  add('青山县人民医院', 'county', '二级甲等', 'public', '石桥镇', true)
  add('青山县中医医院', 'county', '二级甲等', 'public', '石桥镇', true)
  add('青山县妇幼保健院', 'county', '二级乙等', 'public', '石桥镇', true)
  add('青山县康宁医院', 'county', '一级甲等', 'private', '清溪镇', false, 'suspended', null)
  add('市第一人民医院', 'city', '三级甲等', 'public', '市区', true)
  add('省人民医院', 'provincial', '三级甲等', 'public', '省城', true)
  for (const t of TOWNSHIPS) add(`${t.name}卫生院`, 'township', '一级甲等', 'public', t.name, true)
  add('清溪镇仁和诊所', 'township', '未定级', 'private', '清溪镇', false, 'terminated', '2025-06-30')
  for (const t of TOWNSHIPS)
    for (const v of t.villages) {
      add(`${v}卫生室`, 'village', '未定级', 'public', t.name, true)
      if (out.length >= 30) break
    }
  let i = 0
  while (out.length < 30)
    add(
      `${TOWNSHIPS[i % 3].villages[0]}第${++i + 1}卫生室`,
      'village',
      '未定级',
      i % 4 === 0 ? 'private' : 'public',
      TOWNSHIPS[i % 3].name,
      i % 5 !== 0,
      i === 3 ? 'suspended' : 'active'
    )
  for (const r of rows) await ctx.db.run(ins, ...r)
  return out
}
