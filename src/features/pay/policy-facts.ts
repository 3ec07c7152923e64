// Reads the few contribution rules the quote screen explains in words (household as a
// unit, waiting period, arrears) out of the county's policy document. Nothing is computed
// here: figures are read and shown as the county wrote them. Unknown shapes give nulls and
// the screen leaves that sentence out rather than guess.
import type { Quote } from '@/contract'
import { daysBetween } from '@/services/time'
import { call } from '@/services/county-client'

export interface PolicyFacts {
  /** all registered members enrol together */
  householdUnit: boolean | null
  /** waiting period when paying late, in months (calculator format) or days (older format) */
  waitingMonths: number | null
  waitingDays: number | null
  /** true: the waiting period only applies outside the collection window */
  waitingOnlyWhenLate: boolean
  /** false: back-payment for missed years has no government subsidy */
  arrearsSubsidised: boolean | null
  arrearsWaitingMonths: number | null
  deadline: string | null
  collectionNote: string | null
}

const EMPTY: PolicyFacts = {
  householdUnit: null,
  waitingMonths: null,
  waitingDays: null,
  waitingOnlyWhenLate: true,
  arrearsSubsidised: null,
  arrearsWaitingMonths: null,
  deadline: null,
  collectionNote: null
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null)
const dateStr = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null)

export function policyFacts(document: unknown): PolicyFacts {
  if (!isObj(document)) return EMPTY
  const c = isObj(document.contribution) ? document.contribution : {}
  const waiting = isObj(c.waitingPeriod) ? c.waitingPeriod : null
  const arrears = isObj(c.arrears) ? c.arrears : null
  const collection = isObj(c.collection) ? c.collection : null
  return {
    householdUnit: typeof c.householdUnit === 'boolean' ? c.householdUnit : null,
    waitingMonths: waiting ? num(waiting.months) : null,
    waitingDays: num(document.waitingDays),
    waitingOnlyWhenLate: waiting ? waiting.appliesTo !== 'all' : true,
    arrearsSubsidised: arrears && typeof arrears.subsidised === 'boolean' ? arrears.subsidised : null,
    arrearsWaitingMonths: arrears ? num(arrears.waitingMonths) : null,
    deadline: collection ? (dateStr(collection.deadline) ?? dateStr(collection.to)) : null,
    collectionNote: collection && typeof collection.note === 'string' ? collection.note : null
  }
}

/** The last day to pay without a waiting period: the calculator's deadline, the policy's, else the window's end. */
export function deadlineOf(quote: Quote, facts: PolicyFacts | null): string | null {
  return quote.calculation?.collection?.deadline ?? facts?.deadline ?? quote.collectionPeriod?.end ?? null
}

export type WindowState =
  { kind: 'before'; daysToStart: number } | { kind: 'open'; daysLeft: number } | { kind: 'closed'; daysLate: number }

export function collectionWindow(quote: Quote, today: string, facts: PolicyFacts | null): WindowState | null {
  const end = deadlineOf(quote, facts)
  const start = quote.collectionPeriod?.start
  if (!end) return null
  if (start && today < start) return { kind: 'before', daysToStart: daysBetween(today, start) }
  if (today <= end) return { kind: 'open', daysLeft: daysBetween(today, end) }
  return { kind: 'closed', daysLate: daysBetween(end, today) }
}

/** "3 个月（约 90 天）" / "90 天" / null */
export function waitingText(facts: PolicyFacts | null): string | null {
  if (!facts) return null
  if (facts.waitingMonths !== null) return `${facts.waitingMonths} 个月（约 ${facts.waitingMonths * 30} 天）`
  if (facts.waitingDays !== null) return `${facts.waitingDays} 天`
  return null
}

/** Region of the household (from the county), then the policy in force on 1 January of the year. */
export async function loadPolicyFacts(householdId: string, year: number): Promise<PolicyFacts | null> {
  const h = await call('getHousehold', { params: { householdId } })
  if (!h.ok) return null
  const p = await call('getPolicy', { query: { region: h.data.regionCode, date: `${year}-01-01` } })
  return p.ok ? policyFacts(p.data.document) : null
}
