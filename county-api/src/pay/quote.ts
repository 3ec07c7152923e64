// The contribution quote: what a household owes for a year, from the shared calculator, and the
// quote as the app sees it (names, the members a department already enrolled, the issues).
import type { Category, Quote, QuoteLine } from '../../../src/contract'
import type { Ctx } from '../context'
import type { PersonRow } from '../db/rows'
import type { PolicyRecord, QuoteResult } from '../ports/calculator'
import { ApiFailure } from '../errors'
import { isoDate } from '../clock'
import { fenToYuan } from '../../../src/calculator/money'
import { cachedSeries } from '../policies'
import { chineseDate } from '../../../src/calculator/dates'
import { TAX_BUREAU_ISSUE } from '../../../src/shared/quote-issues'

export function defaultYear(ctx: Ctx): number {
  // From September the collection is for next year (集中缴费期 for year N runs in year N-1's autumn).
  const today = isoDate(ctx.clock.now())
  const y = Number(today.slice(0, 4))
  return Number(today.slice(5, 7)) >= 9 ? y + 1 : y
}

/**
 * What a quote is worked out from, in one read: the household's county, its members (by id) and
 * their enrolment records up to the year (newest first). Undefined: no such household.
 */
export interface QuoteInputs {
  regionCode: string
  people: PersonRow[]
  /** each member's record for the year */
  status: Map<string, string>
  /** each member's records of the years before, newest first */
  history: Map<string, { year: number; status: string }[]>
}

export async function readQuoteInputs(ctx: Ctx, householdId: string, year: number): Promise<QuoteInputs | undefined> {
  const rows = await ctx.db.all<PersonRow & { h_region_code: string; e_year: number | null; e_status: string | null }>(
    `SELECT h.region_code AS h_region_code, p.*, e.year AS e_year, e.status AS e_status FROM households h
        LEFT JOIN persons p ON p.household_id = h.id LEFT JOIN enrolments e ON e.person_id = p.id AND e.year <= ?
      WHERE h.id = ? ORDER BY p.id, e.year DESC`,
    year,
    householdId
  )
  if (rows.length === 0) return undefined
  const inputs: QuoteInputs = { regionCode: rows[0].h_region_code, people: [], status: new Map(), history: new Map() }
  for (const { h_region_code: _r, e_year: y, e_status: st, ...person } of rows) {
    void _r
    if (person.id === null) continue // a household with nobody in it
    if (inputs.people[inputs.people.length - 1]?.id !== person.id) inputs.people.push(person)
    if (y === null || st === null) continue
    if (y === year) inputs.status.set(person.id, st)
    else inputs.history.set(person.id, [...(inputs.history.get(person.id) ?? []), { year: y, status: st }])
  }
  return inputs
}

/** `steps: false` when nobody will read the explanation (orders, matching): the calculator skips writing it. */
/**
 * `keepUncovered`: matching a payment already taken must see every person paid for, even one the
 * payment day leaves without cover (the caller refuses to match then); quotes and new orders leave
 * such a person out, listed in `uncovered`, so nobody is charged for no cover.
 * `inputs`: readQuoteInputs() already asked (creating an order needs the county first).
 */
export async function computeQuote(
  ctx: Ctx,
  householdId: string,
  year: number,
  opts: {
    only?: string[]
    paymentDate?: string
    steps?: boolean
    keepUncovered?: boolean
    inputs?: QuoteInputs
  } = {}
): Promise<{ quote: QuoteResult; people: PersonRow[]; uncovered: string[] }> {
  const inputs = opts.inputs ?? (await readQuoteInputs(ctx, householdId, year))
  if (!inputs) throw new ApiFailure('NOT_FOUND')
  const { people, status, history } = inputs
  const h = { region_code: inputs.regionCode }
  const lapsedYears = (personId: string) => {
    let n = 0
    for (const r of history.get(personId) ?? []) {
      if (r.status === 'lapsed') n++
      else break
    }
    return n
  }
  const members = people
    .filter((p) => p.birth_date <= `${year}-12-31`)
    .map((p) => ({
      personId: p.id,
      birthDate: p.birth_date,
      categories: JSON.parse(p.categories) as Category[],
      alreadyEnrolled: status.get(p.id) === 'enrolled' || (opts.only !== undefined && !opts.only.includes(p.id)),
      excludedReason: status.get(p.id) === 'pending_review' ? '参保申请待审核' : undefined,
      lapsedYears: lapsedYears(p.id)
    }))
  const series = await cachedSeries(ctx, h.region_code)
  const today = isoDate(ctx.clock.now())
  refuseYearWithoutPolicy(series, year, today)
  let quote = ctx.calc.quote(series, members, year, today, opts.paymentDate, { steps: opts.steps })
  // Paid this late, a member would get no day of cover in that year (the waiting period runs past
  // its end): nobody is charged for that; they are shown as not payable for the year instead.
  // (When nobody would be covered the window counts as closed: collectionClosed already says so.)
  const noCover = new Set(
    opts.keepUncovered ? [] : quote.lines.filter((l) => l.benefitStart > l.benefitEnd).map((l) => l.personId)
  )
  if (noCover.size && noCover.size < quote.lines.length) {
    for (const m of members) if (noCover.has(m.personId)) m.excludedReason = 'no cover left in the year'
    quote = ctx.calc.quote(series, members, year, today, opts.paymentDate, { steps: opts.steps })
    return { quote, people, uncovered: [...noCover] }
  }
  return { quote, people, uncovered: [] }
}

/**
 * Quotes and orders only for a year the county has published a policy for: a version in force in
 * that year whose collection window is that year's (it ends in the year before or in the year
 * itself). The calculator would otherwise price any year by the nearest version (2100 at today's
 * price, paid inside today's window). A year before every policy is POLICY_NOT_FOUND; a later one
 * not yet published is NOT_IN_COLLECTION_PERIOD (reason no_policy). Arrears of lapsed years are
 * part of the open year's quote, as the policy says.
 */
function refuseYearWithoutPolicy(series: PolicyRecord[], year: number, today: string): void {
  const inYear = series.filter(
    (r) => r.effectiveFrom <= `${year}-12-31` && (r.effectiveTo === null || r.effectiveTo >= `${year}-01-01`)
  )
  const madeFor = inYear.some((r) => {
    const collection = (r.document as { contribution?: { collection?: { to?: string } } }).contribution?.collection
    const ends = collection?.to ? Number(collection.to.slice(0, 4)) : null
    return ends !== null
      ? ends === year - 1 || ends === year
      : r.effectiveTo !== null || r.effectiveFrom.startsWith(`${year}-`)
  })
  if (madeFor) return
  if (series.every((r) => r.effectiveFrom > `${year}-12-31`)) throw new ApiFailure('POLICY_NOT_FOUND', { year })
  throw new ApiFailure(
    'NOT_IN_COLLECTION_PERIOD',
    { year, collectionPeriod: null, today, reason: 'no_policy' },
    `县里还没有公布${year}年度的缴费政策，现在不能缴这一年的费`
  )
}

export async function quoteView(ctx: Ctx, householdId: string, year: number): Promise<Quote> {
  const { quote, people, uncovered } = await computeQuote(ctx, householdId, year)
  const taxBureau = ctx.config.collectionChannel === 'tax_bureau'
  const byId = new Map(people.map((p) => [p.id, p]))
  // left out of the quote because paying now would give them no day of cover: say who and why
  const noCoverIssue = uncovered.length
    ? [
        {
          code: 'NO_COVER_LEFT',
          message: `${uncovered.map((id) => byId.get(id)?.name ?? id).join('、')}：${year}年剩下的时间不够等待期，现在交也报销不了，这次不收；请交下一年的`
        }
      ]
    : []
  const quoted = new Set(quote.lines.map((l) => l.personId))
  const rest = people.filter((p) => !quoted.has(p.id))
  // the year's records of those not quoted, in one query (not one per person: 资助参保 members are many)
  const records =
    rest.length === 0
      ? new Map<string, { status: string; payer: string | null }>()
      : new Map(
          (
            await ctx.db.all<{ person_id: string; status: string; payer: string | null }>(
              `SELECT e.person_id, e.status, e.payer FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE p.household_id = ? AND e.year = ?`,
              householdId,
              year
            )
          ).map((r) => [r.person_id, r])
        )
  const enrolledLines = rest
    .map((p): QuoteLine | null => {
      const e = records.get(p.id)
      return e?.status === 'enrolled'
        ? {
            personId: p.id,
            name: p.name,
            categories: JSON.parse(p.categories) as Category[],
            categoryLabel: '本年度已参保',
            payer: (e.payer ?? 'self') as QuoteLine['payer'],
            standard: '0.00',
            subsidy: '0.00',
            paidByOthers: '0.00',
            arrears: '0.00',
            due: '0.00',
            alreadyEnrolled: true,
            benefitStart: null,
            benefitEnd: null
          }
        : null
    })
    .filter((l): l is QuoteLine => l !== null)
  return {
    householdId,
    year,
    policyVersion: quote.policyVersion,
    collectionPeriod: quote.collectionPeriod,
    lines: [
      ...quote.lines.map((l): QuoteLine => {
        const p = byId.get(l.personId) as PersonRow
        return {
          personId: l.personId,
          name: p.name,
          categories: JSON.parse(p.categories) as Category[],
          categoryLabel: l.categoryLabel,
          payer: l.payer,
          standard: fenToYuan(l.standardFen),
          subsidy: fenToYuan(l.subsidyFen),
          paidByOthers: fenToYuan(l.paidByOthersFen),
          arrears: fenToYuan(l.arrearsFen),
          due: fenToYuan(l.dueFen),
          alreadyEnrolled: false,
          benefitStart: l.benefitStart,
          benefitEnd: l.benefitEnd
        }
      }),
      ...enrolledLines
    ],
    total: fenToYuan(quote.totalFen),
    // a county that collects through the tax bureau takes no money here: the amount is shown, and where to pay it
    payable: quote.payable && quote.totalFen > 0 && !quote.collectionClosed && !taxBureau,
    // A closed window is a refusal, not the calculator's "late: waiting period" note.
    issues: [
      ...(quote.collectionClosed
        ? [
            { code: 'NOT_IN_COLLECTION_PERIOD', message: closedMessage(year, quote.collectionClosed) },
            ...quote.issues.filter((i) => i.code !== 'OUTSIDE_COLLECTION')
          ]
        : quote.issues),
      ...noCoverIssue,
      ...(taxBureau && quote.totalFen > 0
        ? [{ code: TAX_BUREAU_ISSUE, message: `本县的医保费由税务部门收，这里不能交。请${ctx.config.taxChannelHowTo}` }]
        : [])
    ],
    steps: quote.steps,
    calculation: quote.raw as Quote['calculation']
  }
}

export type ClosedWindow = NonNullable<QuoteResult['collectionClosed']>

/** e.g. 2026年度的集中缴费期为2025年9月1日至2025年12月31日，已经结束，现在不能缴费 */
export function closedMessage(year: number, closed: ClosedWindow): string {
  const window = closed.from
    ? `集中缴费期为${chineseDate(closed.from)}至${chineseDate(closed.to)}`
    : `缴费截止日期为${chineseDate(closed.to)}`
  return `${year}年度的${window}，${closed.reason === 'not_open_yet' ? '还没有开始' : '已经结束'}，现在不能缴费`
}
