// Rows → contract shapes, with masking decided by who is looking.
import type { Category, Enrolment, Household, Me, Order, Person } from '../../src/contract'
import type { Access } from './access'
import type { Ctx } from './context'
import type {
  EnrolmentRow,
  HouseholdRow,
  OrderPerson,
  OrderRow,
  PersonRow,
  Recorded,
  RecordedEnrolment,
  UserRow
} from './db/rows'
import { isoDate, isoTime } from './clock'
import { certificationsOf, listedDiseases } from './chronic'
import { fenToYuan } from '../../src/calculator/money'
import { maskBirthCertificate, maskIdNumber, maskName, maskPhone } from './mask'
import { mapInOrder } from './db'

/**
 * When an enrolment pays claims, as recorded when the county enrolled the person (the dates the
 * calculator gave for the payment day: a waiting period for arrears or a late payment moves the
 * start). Every screen shows these: the payment's confirmation, the receipt, home.
 */
export function benefitOf(r: Pick<EnrolmentRow, 'status' | 'coverage_start' | 'coverage_end' | 'waiting_end'>): {
  benefitStart: string | null
  benefitEnd: string | null
} {
  if (r.status !== 'enrolled' || r.coverage_start === null) return { benefitStart: null, benefitEnd: null }
  return { benefitStart: r.waiting_end ?? r.coverage_start, benefitEnd: r.coverage_end }
}

function enrolmentView(r: EnrolmentRow): Enrolment {
  return {
    year: r.year,
    status: r.status,
    payer: r.payer,
    amountPaid: r.amount_fen === null ? null : fenToYuan(r.amount_fen),
    coverageStart: r.coverage_start,
    coverageEnd: r.coverage_end,
    waitingPeriodEnd: r.waiting_end,
    ...benefitOf(r),
    orderId: r.order_id
  }
}

/** Full ID number and phone only for the person themself and the household head. */
async function personView(
  ctx: Ctx,
  p: PersonRow,
  viewer: UserRow,
  access: Access,
  headId: string,
  diseaseName: (code: string) => Promise<string>
): Promise<Person> {
  const full = access.relation === 'head' || viewer.person_id === p.id
  const enrolments = (
    await ctx.db.all<EnrolmentRow>('SELECT * FROM enrolments WHERE person_id = ? ORDER BY year', p.id)
  ).map(enrolmentView)
  return {
    personId: p.id,
    name: p.name,
    idNumber: p.id_number === null ? null : full ? p.id_number : maskIdNumber(p.id_number),
    idNumberMasked: !full,
    birthCertificateNumber:
      p.birth_certificate_number === null
        ? null
        : full
          ? p.birth_certificate_number
          : maskBirthCertificate(p.birth_certificate_number),
    sex: p.sex,
    birthDate: p.birth_date,
    relation: p.relation,
    categories: JSON.parse(p.categories) as Category[],
    phone: p.phone === null ? null : full ? p.phone : maskPhone(p.phone),
    isHead: p.id === headId,
    enrolments,
    // a health fact: the household's own members see it, a granted relative does not
    ...(access.relation === 'grantee'
      ? {}
      : {
          chronicDiseases: await mapInOrder(await certificationsOf(ctx, p.id, isoDate(ctx.clock.now())), async (c) => ({
            code: c.code,
            label: await diseaseName(c.code),
            validFrom: c.validFrom
          }))
        })
  }
}

export async function householdView(ctx: Ctx, h: HouseholdRow, viewer: UserRow, access: Access): Promise<Household> {
  const people = await ctx.db.all<PersonRow>('SELECT * FROM persons WHERE household_id = ? ORDER BY id', h.id)
  // the policy is read only when someone has a certification; a disease since dropped from the list shows its code
  let names: Map<string, string> | undefined
  const diseaseName = async (code: string) =>
    (names ??= await listedDiseases(ctx, h.region_code, isoDate(ctx.clock.now()))).get(code) ?? code
  return {
    householdId: h.id,
    householdNumber: h.household_number,
    regionCode: h.region_code,
    township: h.township,
    village: h.village,
    headPersonId: h.head_person_id,
    accountBalance: h.account_balance_fen === null ? null : fenToYuan(h.account_balance_fen),
    members: await mapInOrder(
      people,
      async (p) => await personView(ctx, p, viewer, access, h.head_person_id, diseaseName)
    ),
    viewer: { relation: access.relation, scopes: access.scopes }
  }
}

/**
 * How a payer appears to others: the bound person's name masked (张**), else the account's
 * display name, which holds no name (微信用户, or the phone masked).
 */
export async function maskedPayerName(ctx: Ctx, userId: string, known?: UserRow): Promise<string> {
  // (the signed-in user's bound person was read with the session)
  if (known?.id === userId && known.home !== undefined && (known.home?.personId ?? null) === known.person_id)
    return known.home ? maskName(known.home.personName) : known.display_name
  const u = await ctx.db.get<{ display_name: string; name: string | null }>(
    'SELECT u.display_name, p.name FROM users u LEFT JOIN persons p ON p.id = u.person_id WHERE u.id = ?',
    userId
  )
  if (!u) return '*'
  return u.name !== null ? maskName(u.name) : u.display_name
}

/** Stored when the order was created; looked up for orders older than that column. */
export async function payerNameMasked(
  ctx: Ctx,
  o: Pick<OrderRow, 'payer_name_masked' | 'payer_user_id'>
): Promise<string> {
  return o.payer_name_masked ?? (await maskedPayerName(ctx, o.payer_user_id))
}

/** `o.recorded`: the enrolments, read with the order (pay/orders.ts loadOrderFor); else they are read here. */
export async function orderView(ctx: Ctx, o: OrderRow & Recorded, namesVisible: boolean): Promise<Order> {
  // once confirmed, each person's benefit dates as the county recorded them for this payment
  // (by the enrolments' key, person and year: an order is viewed at every status poll)
  const orderPersons = JSON.parse(o.persons) as OrderPerson[]
  const recorded = new Map<string, ReturnType<typeof benefitOf>>()
  if (o.status === 'confirmed') {
    // (every person of the order in one statement, each found by the key)
    const rows =
      o.recorded ??
      (await ctx.db.all<RecordedEnrolment>(
        `SELECT person_id, status, coverage_start, coverage_end, waiting_end FROM enrolments
          WHERE person_id IN (${orderPersons.map(() => '?').join(', ')}) AND year = ? AND order_id = ?`,
        ...orderPersons.map((p) => p.personId),
        o.year,
        o.id
      ))
    for (const e of rows) recorded.set(e.person_id, benefitOf(e))
  }
  const persons = orderPersons.map((p) => ({
    personId: p.personId,
    name: namesVisible ? p.name : maskName(p.name),
    // a payer outside the household sees the total only: a due (or a late benefit start) gives
    // away a category
    due: namesVisible ? fenToYuan(p.dueFen) : null,
    benefitStart: namesVisible ? (recorded.get(p.personId)?.benefitStart ?? null) : null,
    benefitEnd: namesVisible ? (recorded.get(p.personId)?.benefitEnd ?? null) : null
  }))
  return {
    orderId: o.id,
    householdId: o.household_id,
    year: o.year,
    status: o.status,
    amount: fenToYuan(o.amount_fen),
    channel: o.channel,
    persons,
    payerIsHousehold: o.payer_is_household === 1,
    payerNameMasked: await payerNameMasked(ctx, o),
    createdAt: isoTime(o.created_at),
    expiresAt: isoTime(o.expires_at),
    paidAt: o.paid_at === null ? null : isoTime(o.paid_at),
    confirmedAt: o.confirmed_at === null ? null : isoTime(o.confirmed_at),
    receiptNumber: o.receipt_number,
    failureReason: o.failure_reason
  }
}

export async function meView(ctx: Ctx, user: UserRow): Promise<Me> {
  const households: Me['households'] = []
  const headName = async (hid: string) => {
    const r = (await ctx.db.get<{ name: string; village: string }>(
      'SELECT p.name, h.village FROM households h JOIN persons p ON p.id = h.head_person_id WHERE h.id = ?',
      hid
    ))!
    return { headNameMasked: maskName(r.name), village: r.village }
  }
  if (user.person_id) {
    const r = (await ctx.db.get<{ household_id: string; head_person_id: string }>(
      'SELECT p.household_id, h.head_person_id FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id = ?',
      user.person_id
    ))!
    households.push({
      householdId: r.household_id,
      relation: r.head_person_id === user.person_id ? 'head' : 'member',
      scopes: ['status', 'claims', 'pay'],
      ...(await headName(r.household_id))
    })
  }
  const grants = await ctx.db.all<{ household_id: string; scopes: string }>(
    'SELECT household_id, scopes FROM grants WHERE grantee_user_id = ? AND revoked_at IS NULL AND expires_at > ?',
    user.id,
    ctx.clock.now()
  )
  for (const g of grants)
    households.push({
      householdId: g.household_id,
      relation: 'grantee',
      scopes: JSON.parse(g.scopes),
      ...(await headName(g.household_id))
    })
  let displayName = user.display_name
  if (user.person_id)
    displayName = (await ctx.db.get<{ name: string }>('SELECT name FROM persons WHERE id = ?', user.person_id))!.name
  return {
    userId: user.id,
    role: user.role,
    personId: user.person_id,
    displayName,
    phoneMasked: user.phone ? maskPhone(user.phone) : null,
    households
  }
}
