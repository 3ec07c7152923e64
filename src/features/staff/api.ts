// The workspace's county calls: who may use it, the queue, one application, decisions, the audit
// and the assistant's consents. Every call goes through the typed county client.
import type { Me, ReimbursementInput } from '@/contract'
import { call, fetchDocument } from '@/services/county-client'

/** May this account use the workspace (and which part)? */
export function workspaceRole(me: Me | null): 'staff' | 'supervisor' | 'assistant' | null {
  if (!me) return null
  if (me.role === 'supervisor') return 'supervisor'
  if (me.role === 'reviewer') return 'staff'
  if (me.role === 'assistant') return 'assistant'
  return null
}

export interface QueueFilter {
  status: string
  kind?: string
  township?: string
}

export const loadQueue = (f: QueueFilter, after?: string) =>
  call('staffQueue', {
    query: {
      status: f.status,
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.township ? { township: f.township } : {}),
      limit: 20,
      ...(after ? { after } : {})
    }
  })

export const loadApplication = (applicationId: string) => call('staffApplication', { params: { applicationId } })

export function decide(applicationId: string, decision: 'approve' | 'needs_more' | 'reject', reason: string) {
  const r = reason.trim()
  return call('reviewDecide', {
    params: { applicationId },
    body: { decision, ...(r ? { reason: r } : {}) },
    retries: 0
  })
}

export const loadDocument = fetchDocument

export const loadAudit = (after?: string, householdId?: string) =>
  call('staffAudit', { query: { limit: 50, ...(after ? { after } : {}), ...(householdId ? { householdId } : {}) } })

export const startAssist = (body: {
  idNumber: string
  name: string
  householdNumber: string
  method?: 'code' | 'form'
}) => call('startAssist', { body, retries: 0 })
export const confirmAssist = (consentId: string, code: string) =>
  call('confirmAssist', { params: { consentId }, body: { code: code.trim() }, retries: 0 })
export const myAssists = () => call('listMyAssists', {})
export const householdFor = (householdId: string) => call('getHousehold', { params: { householdId } })

/** The assistant pays for the household: an order for the year being collected, paid on the order page. */
export const payFor = (householdId: string, year: number, idempotencyKey: string) =>
  call('createOrder', { body: { householdId, year, channel: 'h5' }, idempotencyKey })

// money the county could not book, and the daily reconciliation (the payment work's own routes)
export const loadMoney = (all: boolean) => call('reviewMoney', { query: { status: all ? 'all' : 'open' } })
export const refundMoney = (moneyId: string, reason: string) =>
  call('reviewRefundMoney', { params: { moneyId }, body: { reason: reason.trim() }, retries: 0 })
export const attachMoney = (moneyId: string, orderId: string) =>
  call('reviewAttachMoney', { params: { moneyId }, body: { orderId: orderId.trim() }, retries: 0 })
export const resolveMoney = (moneyId: string, note: string) =>
  call('reviewResolveMoney', { params: { moneyId }, body: { note: note.trim() }, retries: 0 })

// 多收钱了吗 and disputes: read, investigate, answer (the household reads the answer under its tracking number)
export const loadConcerns = (status: 'received' | 'investigating' | 'resolved', after?: string) =>
  call('reviewConcerns', { query: { status, limit: 20, ...(after ? { after } : {}) } })
export function answerConcern(concernId: string, status: 'investigating' | 'resolved', resolution: string) {
  const r = resolution.trim()
  return call('reviewConcernUpdate', {
    params: { concernId },
    body: { status, ...(r ? { resolution: r } : {}) },
    retries: 0
  })
}

// notices: written by the county, at once or at a set time; 公示 lists made by the county, masked
export const loadNotices = () => call('staffNotices', {})

/** "2026-12-01 09:00" (Beijing time) → the county's instant; null when not such a time. */
export function publishTime(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim())
  return m ? `${m[1]}T${m[2]}:${m[3]}:00+08:00` : null
}

export const writeNotice = (body: {
  kind: 'announcement' | 'payout_disclosure'
  title: string
  body: string
  publishAt?: string
  disclosureYear?: number
}) => call('staffCreateNotice', { body, retries: 0 })

/** Before it is public: title, text and time may change (a public one is withdrawn and written again). */
export const editNotice = (noticeId: string, body: { title: string; body: string; publishAt?: string }) =>
  call('staffEditNotice', { params: { noticeId }, body, retries: 0 })
export const withdrawNotice = (noticeId: string, reason: string) =>
  call('staffWithdrawNotice', { params: { noticeId }, body: { reason: reason.trim() }, retries: 0 })

// the daily reconciliation with the payment provider's bill: its results, and running a past day again
export const loadReconciliations = () => call('reviewReconciliations', {})
export const runReconciliation = (billDate: string) =>
  call('reviewRunReconciliation', { params: { billDate }, retries: 0 })

// 手工报销: the calculator's steps for the entered inputs (and the reviewer's changes), then settling once
export interface InputChange {
  field: ReimbursementInput
  value: string
  reason: string
}
export const previewReimbursement = (applicationId: string, adjustments: InputChange[]) =>
  call('reviewReimbursementPreview', { params: { applicationId }, body: { adjustments }, retries: 0 })
export const settleReimbursement = (applicationId: string, adjustments: InputChange[]) =>
  call('reviewReimbursementSettle', { params: { applicationId }, body: { adjustments }, retries: 0 })
