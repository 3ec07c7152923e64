// A county that collects through the tax bureau (COLLECTION_CHANNEL=tax_bureau, 税务部门征收): the
// household pays in the bureau's own app or hall, and the bureau hands the county a list of who paid.
// County staff import that list here; each line enrols the person it names, with the benefit dates
// the shared calculator gives for the day the bureau took the money, exactly as an order paid in
// the app would. A bureau receipt is recorded once (its number is the key), so importing the same
// list twice, or two overlapping lists, enrols nobody twice. A line that does not fit (unknown ID
// number, an amount that is not what the policy asks, someone already enrolled) is kept with what
// is wrong, for the reviewer, and can be imported again once the roster is put right.
import type { TaxBureauImport, TaxBureauImportBody, TaxBureauOutcome } from '../../../src/contract'
import type { Ctx } from '../context'
import type { UserRow } from '../db/rows'
import { inTx, mapInOrder } from '../db'
import { logHouseholdEvent } from '../access'
import { ApiFailure } from '../errors'
import { maskName } from '../mask'
import { checkIdNumber } from '../../../src/shared/id-number'
import { fenToYuan, yuanToFen } from '../../../src/calculator/money'
import { chineseDate } from '../../../src/calculator/dates'
import { computeQuote } from './quote'

type Result = TaxBureauImport['results'][number]
type Row = TaxBureauImportBody['rows'][number]

export async function importTaxBureauPayments(
  ctx: Ctx,
  body: TaxBureauImportBody,
  staff: UserRow
): Promise<TaxBureauImport> {
  if (ctx.config.collectionChannel !== 'tax_bureau')
    throw new ApiFailure('CONFLICT', { channel: 'app' }, '本县在app里收医保费，没有税务部门的缴费要登记')
  const seen = new Set<string>()
  for (const r of body.rows) {
    if (seen.has(r.bureauReceipt))
      throw new ApiFailure(
        'BAD_REQUEST',
        { field: 'bureauReceipt', value: r.bureauReceipt },
        `凭证号 ${r.bureauReceipt} 在这批里出现了两次`
      )
    seen.add(r.bureauReceipt)
  }
  // one commit for the whole list, on the disk before the answer: money records are never half-imported
  const results = await inTx(
    ctx,
    async (ctx) => await mapInOrder(body.rows, async (r) => await importRow(ctx, r, staff)),
    {
      durable: true
    }
  )
  const enrolled = results.filter((r) => r.outcome === 'enrolled').length
  return {
    results,
    enrolled,
    needsAttention: results.filter((r) => r.outcome !== 'enrolled' && r.outcome !== 'already_imported').length
  }
}

async function importRow(ctx: Ctx, r: Row, staff: UserRow): Promise<Result> {
  const now = ctx.clock.now()
  const earlier = await ctx.db.get<{ outcome: TaxBureauOutcome; person_id: string | null }>(
    'SELECT outcome, person_id FROM tax_bureau_payments WHERE bureau_receipt = ?',
    r.bureauReceipt
  )
  const base = { bureauReceipt: r.bureauReceipt, nameMasked: null, householdId: null, benefitStart: null }
  if (earlier?.outcome === 'enrolled')
    return { ...base, outcome: 'already_imported', message: '这张凭证已经登记过了，没有再登记' }

  const record = async (result: Result, personId: string | null, amountFen: number | null): Promise<Result> => {
    await ctx.db.run(
      `INSERT INTO tax_bureau_payments (bureau_receipt, person_id, year, amount_fen, paid_on, outcome, message, imported_by, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(bureau_receipt) DO UPDATE SET person_id = excluded.person_id, year = excluded.year,
          amount_fen = excluded.amount_fen, paid_on = excluded.paid_on, outcome = excluded.outcome,
          message = excluded.message, imported_by = excluded.imported_by, imported_at = excluded.imported_at`,
      r.bureauReceipt,
      personId,
      r.year,
      amountFen,
      r.paidOn,
      result.outcome,
      result.message,
      staff.id,
      now
    )
    return result
  }

  const amountFen = yuanToFen(r.amount)
  const id = checkIdNumber(r.idNumber)
  const person = id.ok
    ? await ctx.db.get<{ id: string; household_id: string; name: string }>(
        'SELECT id, household_id, name FROM persons WHERE id_number = ?',
        id.value
      )
    : undefined
  if (!person)
    return await record(
      {
        ...base,
        outcome: 'person_not_found',
        message: id.ok ? '花名册里没有这个身份证号，请核对后再登记' : '身份证号不正确（校验位不对），请核对'
      },
      null,
      amountFen
    )
  const who = { ...base, nameMasked: maskName(person.name), householdId: person.household_id }
  const enrolment = await ctx.db.get<{ status: string }>(
    'SELECT status FROM enrolments WHERE person_id = ? AND year = ?',
    person.id,
    r.year
  )
  if (enrolment?.status === 'enrolled')
    return await record(
      {
        ...who,
        outcome: 'already_enrolled',
        message: `此人${r.year}年度已经参保，这笔钱是重复缴的：请经税务部门退费`
      },
      person.id,
      amountFen
    )

  // What the policy asks of this person for the year, and the benefit dates, for the day the bureau took the money.
  let line: { dueFen: number; benefitStart: string; benefitEnd: string } | undefined
  try {
    line = (
      await computeQuote(ctx, person.household_id, r.year, {
        only: [person.id],
        paymentDate: r.paidOn,
        steps: false,
        keepUncovered: true
      })
    ).quote.lines.find((l) => l.personId === person.id)
  } catch (e) {
    if (!(e instanceof ApiFailure)) throw e
    return await record({ ...who, outcome: 'no_benefit_period', message: e.message }, person.id, amountFen)
  }
  if (!line || line.benefitStart > line.benefitEnd)
    return await record(
      {
        ...who,
        outcome: 'no_benefit_period',
        message: `按${chineseDate(r.paidOn)}缴费，此人${r.year}年度已没有待遇期：请核对或经税务部门退费`
      },
      person.id,
      amountFen
    )
  if (line.dueFen !== amountFen)
    return await record(
      {
        ...who,
        outcome: 'amount_differs',
        message: `金额不符：税务收了 ${r.amount} 元，按政策此人应缴 ${fenToYuan(line.dueFen)} 元`
      },
      person.id,
      amountFen
    )

  const waitingEnd = line.benefitStart > `${r.year}-01-01` ? line.benefitStart : null
  await ctx.db.run(
    `INSERT INTO enrolments (person_id, year, status, payer, amount_fen, coverage_start, coverage_end, waiting_end, order_id)
      VALUES (?, ?, 'enrolled', 'self', ?, ?, ?, ?, NULL)
      ON CONFLICT(person_id, year) DO UPDATE SET status = 'enrolled', payer = 'self', amount_fen = excluded.amount_fen,
        coverage_start = excluded.coverage_start, coverage_end = excluded.coverage_end, waiting_end = excluded.waiting_end, order_id = NULL`,
    person.id,
    r.year,
    amountFen,
    `${r.year}-01-01`,
    line.benefitEnd,
    waitingEnd
  )
  // the household sees, in its access log, that the county recorded it
  await logHouseholdEvent(ctx, person.household_id, staff.id, 'tax_bureau_payment_recorded', now)
  return await record(
    {
      ...who,
      benefitStart: line.benefitStart,
      outcome: 'enrolled',
      message: `已登记参保，${chineseDate(line.benefitStart)}起看病可以报销`
    },
    person.id,
    amountFen
  )
}
