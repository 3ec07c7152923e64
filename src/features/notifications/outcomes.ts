// What the county decided or did lately, for home's "有新结果" cards (issue 17 item 6): an
// application decided or sent back for material (网上参保), a claim paid out, a payment
// confirmed. Read straight from the county client — the enrol and claims features' stores
// (and their upload code) stay out of the main package. Each card has one button to the next step.
import type { Application, Claim, HouseholdLink, Order } from '@/contract'
import { APPLICATION_KIND_LABEL } from '@/shared/application-kinds'
import { formatMoney } from '@/components/money/format'
import { createUserCache } from '@/services/cache'
import { call, type CallResult } from '@/services/county-client'
import { daysBetween, formatDate } from '@/services/time'

/** What home needs from the county; each part is [] when this user may not read it. */
interface OutcomeSources {
  applications: Application[]
  orders: Order[]
  claims: Claim[]
}

/** key: householdId */
export const outcomesCache = createUserCache<OutcomeSources>({ name: 'home-outcomes', version: 1, maxEntries: 5 })

/** A decision or a payment stays on home this many days; a request for material until it is answered. */
const RECENT_DAYS = 30

interface Outcome {
  key: string
  /** good news (green) or something the family must do or know (orange) */
  tone: 'done' | 'todo'
  text: string
  button: string
  url: string
}

type Access = Pick<HouseholdLink, 'householdId' | 'relation' | 'scopes'>
const may = (link: Access, scope: 'claims' | 'pay') => link.relation !== 'grantee' || link.scopes.includes(scope)

/**
 * Applications (head and members: the county refuses grantees), orders (with 缴费), and this
 * year's claims of each member (with 报销). The first failure is the answer: home then keeps the
 * saved copy.
 */
export async function loadOutcomes(
  link: Access,
  personIds: string[],
  year: number
): Promise<CallResult<OutcomeSources>> {
  const householdId = link.householdId
  const none = Promise.resolve({ ok: true as const, data: null })
  const [apps, orders, ...claims] = await Promise.all([
    link.relation === 'grantee' ? none : call('listApplications', { params: { householdId } }),
    may(link, 'pay') ? call('listOrders', { params: { householdId } }) : none,
    ...(may(link, 'claims')
      ? personIds.map((personId) => call('listClaims', { params: { personId }, query: { year } }))
      : [])
  ])
  for (const r of [apps, orders, ...claims]) if (!r.ok) return r
  return {
    ok: true,
    data: {
      // only what the cards say is kept: an application's fields can hold ID numbers
      applications: ((apps.ok && apps.data?.applications) || []).map((a) => ({ ...a, fields: {}, documents: [] })),
      orders: (orders.ok && orders.data?.orders) || [],
      claims: claims.flatMap((r) => (r.ok ? r.data.claims.map((c) => ({ ...c, steps: [], settlement: null })) : []))
    }
  }
}

/** the YYYY-MM-DD of a county instant (+08:00) */
const dayOf = (iso: string) => iso.slice(0, 10)
const recent = (day: string, today: string) => {
  const ago = daysBetween(day, today)
  return ago >= 0 && ago <= RECENT_DAYS
}
const yuan = (m: string) => {
  const t = formatMoney(m)
  return t === null ? '' : ` ¥${t} `
}

function applicationOutcome(a: Application, today: string): Outcome | null {
  const what = APPLICATION_KIND_LABEL[a.kind]
  const url = `/subpackages/enrol/status/index?id=${encodeURIComponent(a.applicationId)}`
  const why = a.reason ? `：${a.reason}` : ''
  if (a.status === 'needs_more') {
    return { key: a.applicationId, tone: 'todo', text: `县里要您补充材料（${what}）${why}`, button: '去补充材料', url }
  }
  if (!a.decidedAt || !recent(dayOf(a.decidedAt), today)) return null
  if (a.status === 'approved') {
    return { key: a.applicationId, tone: 'done', text: `${what}的申请，县里已经同意了`, button: '看申请结果', url }
  }
  if (a.status === 'rejected') {
    return { key: a.applicationId, tone: 'todo', text: `${what}的申请没有通过${why}`, button: '看原因和怎么办', url }
  }
  return null
}

function orderOutcome(o: Order, today: string): Outcome | null {
  if (o.status !== 'confirmed' || !o.confirmedAt || !recent(dayOf(o.confirmedAt), today)) return null
  return {
    key: o.orderId,
    tone: 'done',
    text: `${o.year}年的医保费${yuan(o.amount)}已交上，县里已确认`,
    button: '看票据',
    url: `/subpackages/pay/receipt/index?orderId=${encodeURIComponent(o.orderId)}`
  }
}

function claimOutcome(c: Claim, today: string): Outcome | null {
  const paid = c.timeline.find((t) => t.stage === 'paid_out')
  if (c.stage !== 'paid_out' || !paid || !recent(paid.date, today)) return null
  return {
    key: c.claimId,
    tone: 'done',
    text: `${c.personName}在${c.institutionName}看病的报销${yuan(c.payout)}已在${formatDate(paid.date)}打到卡上`,
    button: '看报销明细',
    url: `/subpackages/claims/detail/index?claimId=${encodeURIComponent(c.claimId)}`
  }
}

/**
 * The cards, most urgent first: requests for material and refusals, then the good news.
 * `skipOrders`: payments another card already tells (the paid-by-someone-else notice).
 */
export function homeOutcomes(s: OutcomeSources, today: string, skipOrders: ReadonlySet<string> = new Set()): Outcome[] {
  const all = [
    ...s.applications.map((a) => applicationOutcome(a, today)),
    ...s.orders.filter((o) => !skipOrders.has(o.orderId)).map((o) => orderOutcome(o, today)),
    ...s.claims.map((c) => claimOutcome(c, today))
  ].filter((o): o is Outcome => o !== null)
  return [...all.filter((o) => o.tone === 'todo'), ...all.filter((o) => o.tone === 'done')]
}
