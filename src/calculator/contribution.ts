// quoteContribution: what each member of a household pays for a coverage year, who pays
// the rest, and when benefits start.
import { compileSeries, need, type CompiledPolicy, type Fig } from './compile'
import { addDays, ageAtYearEnd, chineseDate, daysBetween, firstOfMonthAfter, parseDate, yearOf } from './dates'
import { CalculatorError } from './errors'
import { checkAsOf } from './input'
import { fen2, moneyFen, mulRound, pct, rateText, rateUnits, yuan } from './amounts'
import { personMatches } from './rules'
import type {
  CalcOptions,
  ContributionQuote,
  ContributionSection,
  Household,
  Member,
  MemberQuote,
  PaidBy,
  PolicyInput,
  Step
} from './types'

export interface QuoteOptions extends CalcOptions {
  /** the coverage year being paid for; defaults to the year the policy takes effect */
  coverageYear?: number
}

/** coverage year `year`: from its first day (MM-DD) to the day before that day a year later */
function coverageSpan(year: number, startMonthDay: string): { start: string; end: string } {
  return {
    start: `${String(year).padStart(4, '0')}-${startMonthDay}`,
    end: addDays(`${String(year + 1).padStart(4, '0')}-${startMonthDay}`, -1)
  }
}

function bad(message: string, path: string): never {
  throw new CalculatorError('INVALID_INPUT', message, path)
}

function pickVersion(series: CompiledPolicy[], year: number | undefined, asOf: string): CompiledPolicy {
  if (year !== undefined) {
    const { start, end } = coverageSpan(year, series[0].coverageStart)
    for (const c of series) if (c.from <= start && (c.to === null || c.to >= start)) return c
    // a series may start mid-year; take the version in force on the last day of that year
    for (const c of series) if (c.from <= end && (c.to === null || c.to >= end)) return c
    throw new CalculatorError('NO_POLICY_FOR_DATE', `${year} 年没有适用的缴费政策`, '$coverageYear')
  }
  for (const c of series) if (c.from <= asOf) return c
  return series[series.length - 1]
}

export function quoteContribution(
  policy: PolicyInput,
  household: Household,
  asOf: string,
  options?: QuoteOptions
): ContributionQuote {
  const day = checkAsOf(asOf)
  const series = compileSeries(policy, options?.resolve)
  if (
    options?.coverageYear !== undefined &&
    (!Number.isInteger(options.coverageYear) || options.coverageYear < 1900 || options.coverageYear > 2100)
  ) {
    throw new CalculatorError('DATE_OUT_OF_RANGE', `参保年度不合理：${String(options.coverageYear)}`, '$coverageYear')
  }
  const pol = pickVersion(series, options?.coverageYear, day)
  const year = options?.coverageYear ?? yearOf(pol.from)
  const con = pol.doc.contribution
  if (!con) throw new CalculatorError('NO_MATCHING_RULE', `政策「${pol.doc.title}」没有缴费规定`, '$.contribution')
  if (typeof household !== 'object' || household === null || !Array.isArray(household.members))
    bad('家庭信息应当包含成员列表（members）', '$.members')
  if (household.members.length === 0) bad('家庭里至少要有一位成员', '$.members')
  if (household.members.length > 50) bad('一户成员不应超过50人，请检查', '$.members')
  const paymentDate =
    household.paymentDate !== undefined ? parseDate(household.paymentDate, '$.paymentDate', '缴费日期') : day
  if (paymentDate > day)
    throw new CalculatorError('DATE_OUT_OF_RANGE', `缴费日期 ${paymentDate} 晚于计算日期 ${day}`, '$.paymentDate')
  const withSteps = options?.steps !== false
  const steps: Step[] = []
  const issues: ContributionQuote['issues'] = []
  const yearEnd = coverageSpan(year, pol.coverageStart).end
  const coll = con.collection ?? null
  const open = coll ? (coll.from === undefined || paymentDate >= coll.from) && paymentDate <= coll.to : true

  const ids = new Set<string>()
  const notEnrolling: string[] = []
  const quotes: MemberQuote[] = []
  household.members.forEach((m, i) => {
    const path = `$.members[${i}]`
    if (typeof m !== 'object' || m === null || typeof m.id !== 'string' || m.id.length === 0)
      bad('每位成员都要有编号（id）', `${path}.id`)
    if (ids.has(m.id)) bad(`成员编号「${m.id}」重复`, `${path}.id`)
    ids.add(m.id)
    parseDate(m.birthDate, `${path}.birthDate`, '出生日期')
    if (m.birthDate > yearEnd) bad('出生日期晚于参保年度', `${path}.birthDate`)
    if (m.lapsedYears !== undefined && (!Number.isInteger(m.lapsedYears) || m.lapsedYears < 0 || m.lapsedYears > 30))
      bad('断保年数应当是 0 到 30 的整数', `${path}.lapsedYears`)
    if (m.groups !== undefined && (!Array.isArray(m.groups) || m.groups.some((g) => typeof g !== 'string')))
      bad('人员类别应当是文字列表', `${path}.groups`)
    if (m.enrolling === false) {
      if (!m.exemptReason) notEnrolling.push(m.id)
      return
    }
    quotes.push(quoteMember(pol, con, m, path, year, paymentDate, open, withSteps))
  })
  if (quotes.length === 0) bad('没有要缴费的成员', '$.members')
  let payable = true
  if (con.householdUnit && notEnrolling.length > 0) {
    payable = false
    issues.push({
      code: 'HOUSEHOLD_INCOMPLETE',
      message: '按规定全家户口本上的成员要一起参保，还有成员没有选上（已参加职工医保等的成员请注明原因）',
      memberIds: notEnrolling
    })
  }
  if (coll && !open)
    issues.push({ code: 'OUTSIDE_COLLECTION', message: outsideCollection(con, coll, household, quotes) })
  let standard = 0
  let subsidy = 0
  let others = 0
  let personal = 0
  let arrears = 0
  let credit = 0
  for (const q of quotes) {
    standard += moneyFen(q.standard)
    subsidy += moneyFen(q.subsidy)
    for (const p of q.paidBy) others += moneyFen(p.amount)
    personal += moneyFen(q.personal)
    arrears += moneyFen(q.arrears)
    credit += moneyFen(q.householdAccountCredit)
  }
  const due = personal + arrears
  if (withSteps) {
    steps.push({
      rule: 'contribution.household',
      // counted as asked: those paying now, of the whole household (others enrolled or excused)
      label: `${quotes.length === household.members.length ? `全家 ${quotes.length} 人` : `这次交费的 ${quotes.length} 人（全家 ${household.members.length} 人）`}，筹资标准合计 ${yuan(standard)}：财政补助 ${yuan(subsidy)}${others > 0 ? `，有关部门代缴 ${yuan(others)}` : ''}，个人缴费 ${yuan(personal)}${arrears > 0 ? `，补缴欠费 ${yuan(arrears)}` : ''}，本次应交 ${yuan(due)}`,
      after: fen2(due),
      source: con.source
    })
  }
  return {
    policyId: pol.id,
    policyVersion: pol.version,
    coverageYear: year,
    members: quotes,
    standard: fen2(standard),
    subsidy: fen2(subsidy),
    paidByOthers: fen2(others),
    personal: fen2(personal),
    arrears: fen2(arrears),
    due: fen2(due),
    householdAccountCredit: fen2(credit),
    pooled: fen2(standard - credit),
    collection: coll ? { from: coll.from ?? null, to: coll.to, deadline: coll.deadline ?? null, open } : null,
    payable,
    issues,
    steps
  }
}

// mutation: not money — the message's wording
/** Paying outside the collection window: when it closed, and what waiting that means. */
function outsideCollection(
  con: ContributionSection,
  coll: NonNullable<ContributionSection['collection']>,
  household: Household,
  quotes: MemberQuote[]
): string {
  // newborns covered from birth have no waiting period: when they are all that is paid for, say so
  const birthDates = new Map(household.members.map((m) => [m.id, m.birthDate]))
  const allFromBirth = !!con.newborn && quotes.every((q) => q.benefitStart === birthDates.get(q.memberId))
  const after = !con.waitingPeriod
    ? ''
    : allFromBirth
      ? `；新生儿出生 ${con.newborn?.enrolWithinDays} 天内参保，不用等待，从出生那天起就能报销`
      : `，缴费后要等 ${con.waitingPeriod.months} 个月才能报销`
  return `现在不在集中缴费期（${coll.from ? `${chineseDate(coll.from)}至` : ''}${chineseDate(coll.to)}截止）内${after}`
}

function quoteMember(
  pol: CompiledPolicy,
  con: ContributionSection,
  m: Member,
  path: string,
  year: number,
  paymentDate: string,
  open: boolean,
  withSteps: boolean
): MemberQuote {
  const steps: Step[] = []
  const age = ageAtYearEnd(m.birthDate, year)
  const cat = con.categories.find((c) => personMatches(c.when, m, age))
  if (!cat) throw new CalculatorError('NO_MATCHING_RULE', `政策的缴费类别没有覆盖这位成员（${age} 岁）`, `${path}`)
  const catIndex = con.categories.indexOf(cat)
  const cpath = `$.contribution.categories[${catIndex}]`
  let standard = need(toFig(cat.total, `${cpath}.total`))
  let personal = need(toFig(cat.personal, `${cpath}.personal`))
  let subsidy = need(toFig(cat.subsidy, `${cpath}.subsidy`))
  let paidBy: PaidBy[] = []
  if (withSteps) {
    steps.push({
      rule: 'contribution.category',
      label: `${cat.label}（按 ${year} 年12月31日计 ${age} 岁）：筹资标准 ${yuan(standard)}，财政补助 ${yuan(subsidy)}，个人缴费 ${yuan(personal)}`,
      params: { category: cat.id, age: String(age) },
      source: con.source
    })
  }
  let subsidisedGroup: string | null = null
  const groups = m.groups ?? []
  if (groups.length && con.subsidisedGroups) {
    // every subsidised rule the member is in, with its row for the member's category
    const candidates: { gi: number; ri: number; personal: number; subsidy: number }[] = []
    for (let gi = 0; gi < con.subsidisedGroups.length; gi++) {
      const g = con.subsidisedGroups[gi]
      if (!g.groups.some((x) => groups.includes(x))) continue
      const ri = g.rows.findIndex(
        (r) =>
          r.category === undefined || (Array.isArray(r.category) ? r.category.includes(cat.id) : r.category === cat.id)
      )
      if (ri < 0) continue
      const r = g.rows[ri]
      const rpath = `$.contribution.subsidisedGroups[${gi}].rows[${ri}]`
      candidates.push({
        gi,
        ri,
        personal: need(toFig(r.personal, `${rpath}.personal`)),
        subsidy: need(toFig(r.subsidy, `${rpath}.subsidy`))
      })
      if (con.subsidisedGroupChoice !== 'lowest-personal') break
    }
    // in several groups: the first listed, or the lowest personal share (the policy says which; a tie keeps the first)
    let pick = candidates[0]
    for (const x of candidates) if (x.personal < pick.personal) pick = x
    if (pick) {
      const g = con.subsidisedGroups[pick.gi]
      const r = g.rows[pick.ri]
      personal = pick.personal
      subsidy = pick.subsidy
      paidBy = r.paidBy ? [r.paidBy] : []
      subsidisedGroup = g.id
      if (withSteps) {
        steps.push({
          rule: 'contribution.subsidised-group',
          label: `${g.label}：个人缴费 ${yuan(personal)}${r.paidBy ? `，${r.paidBy.label} ${yuan(moneyFen(r.paidBy.amount))}` : ''}，财政补助 ${yuan(subsidy)}${candidates.length > 1 ? `（同时属于${candidates.map((x) => con.subsidisedGroups![x.gi].label).join('、')}，按个人缴费最少的一类）` : ''}`,
          params: { group: g.id, ...(candidates.length > 1 ? { choice: 'lowest-personal' } : {}) },
          source: con.source
        })
      }
    }
  }
  // when benefits start and end: newborns from birth, students by the school year, after a
  // lapse or a late payment only after the waiting months
  const lapsed = m.lapsedYears ?? 0
  const period = benefitPeriod(pol, con, m, year, paymentDate, open, lapsed)
  const { benefitStart, benefitEnd } = period
  const nb = con.newborn
  if (nb && period.newbornDays !== null) {
    if (nb.birthYearContribution === 'waived') {
      standard = 0
      personal = 0
      subsidy = 0
      paidBy = []
    }
    if (withSteps) {
      steps.push({
        rule: 'contribution.newborn',
        label: `新生儿出生 ${period.newbornDays} 天内参保，自出生之日（${m.birthDate}）起享受待遇${nb.birthYearContribution === 'waived' ? '，出生当年免缴' : ''}`,
        params: { enrolWithinDays: String(nb.enrolWithinDays) },
        source: con.source
      })
    }
  }
  if (withSteps && period.studentYear)
    steps.push({
      rule: 'contribution.student-year',
      label: `学生按学年参保，待遇期 ${benefitStart} 至 ${benefitEnd}`,
      source: con.source
    })
  // arrears after a lapse: full standard, no subsidy (seed 001 Art.12)
  let arrears = 0
  if (lapsed > 0) {
    const perYear = con.arrears!.subsidised ? personal : need(toFig(cat.total, `${cpath}.total`))
    arrears = perYear * lapsed
    if (withSteps) {
      steps.push({
        rule: 'contribution.arrears',
        label: `断保 ${lapsed} 年需补缴 ${yuan(arrears)}（每年 ${yuan(perYear)}，${con.arrears!.subsidised ? '按个人缴费标准' : '全部由个人承担，没有财政补助'}，按今年标准计算）；补缴后满 ${con.arrears!.waitingMonths} 个月，${benefitStart} 起享受待遇`,
        after: fen2(arrears),
        params: { lapsedYears: String(lapsed), subsidised: String(con.arrears!.subsidised) },
        source: con.source
      })
    }
  } else if (withSteps && period.waited) {
    steps.push({
      rule: 'contribution.waiting-period',
      label: `${con.waitingPeriod!.appliesTo === 'all' ? '' : '不在集中缴费期内缴费，'}从缴费当月起满 ${con.waitingPeriod!.months} 个月后（${benefitStart}）开始报销`,
      params: { months: String(con.waitingPeriod!.months) },
      source: con.source
    })
  }
  // split of the fiscal subsidy between government levels
  const split: MemberQuote['subsidySplit'] = []
  if (con.subsidySplit && subsidy > 0) {
    // a student's share depends on who funds the school, when the policy splits it so: never assumed
    if (
      m.student &&
      m.schoolFundedBy === undefined &&
      con.subsidySplit.some((r) => r.when?.schoolFundedBy !== undefined)
    )
      bad(
        '学生的财政补助按学校经费来源分担，请写明学校经费来源（schoolFundedBy：county 县财政供给经费的学校，other 其他学校）',
        `${path}.schoolFundedBy`
      )
    const conditional = con.subsidySplit.filter(
      (r) =>
        r.when &&
        (r.when.student === undefined || r.when.student === (m.student === true)) &&
        (r.when.schoolFundedBy === undefined || r.when.schoolFundedBy === m.schoolFundedBy)
    )
    const rows = conditional.length ? conditional : con.subsidySplit.filter((r) => !r.when)
    let left = subsidy
    rows.forEach((r, i) => {
      const amt = i === rows.length - 1 ? left : mulRound(subsidy, rateUnits(r.share))
      left -= amt
      split.push({ payer: r.payer, label: r.label, amount: fen2(amt) })
    })
  }
  let credit = 0
  const ha = pol.householdAccount
  if (ha) {
    const share = need(ha.share)
    let base = personal
    for (const p of paidBy) base += moneyFen(p.amount)
    credit = mulRound(base, share)
    if (withSteps && credit > 0) {
      steps.push({
        rule: 'contribution.household-account',
        label: `个人缴费的 ${pct(share)}（${yuan(credit)}）记入家庭账户，可用于家人门诊`,
        params: { shareOfPersonal: rateText(share) },
        source: ha.source
      })
    }
  }
  const due = personal + arrears
  return {
    memberId: m.id,
    category: cat.id,
    categoryLabel: cat.label,
    subsidisedGroup,
    standard: fen2(standard),
    subsidy: fen2(subsidy),
    personal: fen2(personal),
    paidBy: paidBy.map((p) => ({ ...p })),
    subsidySplit: split,
    householdAccountCredit: fen2(credit),
    arrears: fen2(arrears),
    due: fen2(due),
    pooled: fen2(standard - credit),
    enrolment: {
      status: 'enrolled',
      paid: { coverageYear: year, paidOn: paymentDate, ...(lapsed > 0 ? { lapsedYears: lapsed } : {}) }
    },
    benefitStart,
    benefitEnd,
    steps
  }
}

function toFig(v: string | { missing: true; note: string }, path: string): Fig {
  return typeof v === 'string' ? moneyFen(v) : { missing: true, path, note: v.note }
}

/**
 * When a member's benefits start and end for coverage year `year`, paid on `paymentDate`
 * (inside the collection window or not): from the coverage year's first day; newborns
 * enrolled within the policy's days from birth; students by the school year; after a lapse
 * (arrears paid now) or a late payment, the policy's waiting months after the payment month.
 * One rule for the quote and for a claim that brings its enrolment record (Enrolment.paid).
 */
export function benefitPeriod(
  pol: CompiledPolicy,
  con: ContributionSection,
  m: { birthDate: string; student?: boolean },
  year: number,
  paymentDate: string,
  open: boolean,
  lapsed: number
): { benefitStart: string; benefitEnd: string; newbornDays: number | null; studentYear: boolean; waited: boolean } {
  const { start: yearStart, end: yearEnd } = coverageSpan(year, pol.coverageStart)
  let benefitStart = yearStart
  let benefitEnd = yearEnd
  let newbornDays: number | null = null
  const nb = con.newborn
  if (nb && m.birthDate >= yearStart && m.birthDate <= yearEnd) {
    const days = daysBetween(m.birthDate, paymentDate)
    if (days >= 0 && days <= nb.enrolWithinDays) {
      newbornDays = days
      benefitStart = m.birthDate
    }
  }
  const studentYear = m.student === true && pol.studentCoverageStart !== null
  if (studentYear) {
    const school = coverageSpan(year, pol.studentCoverageStart!)
    benefitStart = school.start
    benefitEnd = school.end
  }
  let waited = false
  if (lapsed > 0) {
    if (!con.arrears)
      throw new CalculatorError(
        'POLICY_FIGURE_MISSING',
        '这位成员有断保年份，但政策没有规定补缴办法',
        '$.contribution.arrears'
      )
    const start = firstOfMonthAfter(paymentDate, con.arrears.waitingMonths)
    if (start > benefitStart) benefitStart = start
  } else if (
    con.waitingPeriod &&
    newbornDays === null &&
    !studentYear &&
    (con.waitingPeriod.appliesTo === 'all' || !open)
  ) {
    const start = firstOfMonthAfter(paymentDate, con.waitingPeriod.months)
    if (start > benefitStart) {
      benefitStart = start
      waited = true
    }
  }
  return { benefitStart, benefitEnd, newbornDays, studentYear, waited }
}

/**
 * The benefit period of an enrolment record (what a quote and its payment produce: the
 * coverage year, the payment date, years of arrears paid with it), under the policy's
 * version for that year: so a claim's waiting period is computed, never copied by hand.
 */
export function enrolmentPeriod(
  series: CompiledPolicy[],
  paid: { coverageYear: number; paidOn: string; lapsedYears?: number },
  person: { birthDate: string; student?: boolean }
): { benefitStart: string; benefitEnd: string } {
  const pol = pickVersion(series, paid.coverageYear, paid.paidOn)
  const con = pol.doc.contribution
  if (!con)
    throw new CalculatorError(
      'NO_MATCHING_RULE',
      `政策「${pol.doc.title}」没有缴费规定，不能由缴费记录推算待遇开始日期`,
      '$.person.enrolment.paid'
    )
  const coll = con.collection ?? null
  const open = coll ? (coll.from === undefined || paid.paidOn >= coll.from) && paid.paidOn <= coll.to : true
  const p = benefitPeriod(pol, con, person, paid.coverageYear, paid.paidOn, open, paid.lapsedYears ?? 0)
  return { benefitStart: p.benefitStart, benefitEnd: p.benefitEnd }
}
