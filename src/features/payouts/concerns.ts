// "多收钱了吗？": a villager says the hospital asked for more than the settlement shows, or
// disputes the claim. The county API has no route for this yet (see the report / docs):
// `reportClaimConcern` is the one client call the screen uses; until the county opens the
// route it keeps the report on the phone (never lost, shown with its status) and tells
// the villager to phone the county office as well.
import { createUserCache } from '@/services/cache'
import { appError, type AppError } from '@/services/errors'
import { nowIso } from '@/services/time'

export type ConcernKind = 'paid-extra' | 'dispute'
export const CONCERN_LABEL: Record<ConcernKind, string> = { 'paid-extra': '医院让我多交了钱', dispute: '我对这笔报销有疑问' }

export type ConcernStatus =
  /** kept on this phone: the county system cannot take reports yet */
  | 'saved-on-phone'
  /** the county took it and gave a tracking number */
  | 'received'
  | 'in-review'
  | 'answered'

export const CONCERN_STATUS_TEXT: Record<ConcernStatus, string> = {
  'saved-on-phone': '已保存在手机上，县医保系统开通网上反映后发送',
  received: '县医保局已收到',
  'in-review': '县医保局正在核查',
  answered: '县医保局已答复'
}

export interface Concern {
  localId: string
  claimId: string
  kind: ConcernKind
  /** paid-extra: how much more they paid (decimal string) */
  amount: string | null
  note: string
  createdAt: string
  status: ConcernStatus
  trackingNumber: string | null
}

export interface ConcernInput {
  claimId: string
  kind: ConcernKind
  amount: string
  note: string
}

export interface ConcernError {
  field: 'amount' | 'note'
  message: string
}

/** key: claimId */
export const concernCache = createUserCache<Concern[]>({ name: 'payouts.concerns', version: 1, maxEntries: 50 })

export function validateConcern(input: ConcernInput): ConcernError[] {
  const errors: ConcernError[] = []
  const a = input.amount.trim().replace(/[，,\s元]/g, '')
  if (input.kind === 'paid-extra') {
    if (a === '') errors.push({ field: 'amount', message: '请填写多交了多少钱' })
    else if (/^-/.test(a)) errors.push({ field: 'amount', message: '金额不能是负数' })
    else if (!/^(0|[1-9]\d{0,6})(\.\d{1,2})?$/.test(a) || /^0(\.0*)?$/.test(a)) errors.push({ field: 'amount', message: '请填写正确的金额，例如 200 或 200.50' })
  }
  if (input.note.trim().length > 200) errors.push({ field: 'note', message: '说明最多200个字' })
  if (input.kind === 'dispute' && input.note.trim() === '') errors.push({ field: 'note', message: '请简单说一下哪里不对' })
  return errors
}

/** The county route for reports (not in the contract yet). Flip when it lands. */
export const CONCERN_ROUTE_AVAILABLE = false

/**
 * Sends a report about a claim to the county. Without the county route the report is
 * kept on the phone with status 'saved-on-phone' (the answer says so; it is not an error
 * the villager can fix).
 */
export async function reportClaimConcern(owner: string, input: ConcernInput): Promise<{ ok: true; concern: Concern } | { ok: false; error: AppError; fields?: ConcernError[] }> {
  const fields = validateConcern(input)
  if (fields.length) return { ok: false, error: appError('INVALID_INPUT', { message: fields[0].message }), fields }
  const a = input.amount.trim().replace(/[，,\s元]/g, '')
  const concern: Concern = {
    localId: `local-${Date.now().toString(36)}`,
    claimId: input.claimId,
    kind: input.kind,
    amount: input.kind === 'paid-extra' ? (a.includes('.') ? `${a.split('.')[0]}.${a.split('.')[1].padEnd(2, '0')}` : `${a}.00`) : null,
    note: input.note.trim(),
    createdAt: nowIso(),
    status: 'saved-on-phone',
    trackingNumber: null
  }
  const cache = concernCache.getState()
  const list = cache.read(owner, input.claimId)?.data ?? []
  cache.put(owner, input.claimId, [...list, concern])
  return { ok: true, concern }
}
