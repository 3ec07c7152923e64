// "多收钱了吗？": a villager says the hospital asked for more than the settlement shows, or
// disputes the claim. The report is saved on the phone with its Idempotency-Key BEFORE it is
// sent (like a payment): a double tap, a retry or the app being killed send the same key and the
// county keeps one report. Without a network it stays on the phone as 'saved-on-phone' and is
// sent again, with the same key, when the network or the county system comes back. The county
// answers with a tracking number (受理号) and a status the villager sees on the claim.
import type { ClaimConcern, ClaimConcernList } from '@/contract'
import { createUserCache } from '@/services/cache'
import { call, newIdempotencyKey, type CallResult } from '@/services/county-client'
import { appError, isCountyDownError, type AppError } from '@/services/errors'
import { nowIso } from '@/services/time'

export type ConcernKind = 'paid-extra' | 'dispute'
export const CONCERN_LABEL: Record<ConcernKind, string> = {
  'paid-extra': '医院让我多交了钱',
  dispute: '我对这笔报销有疑问'
}

export type ConcernStatus =
  /** kept on this phone, not yet taken by the county: sent (same key) when the network is back */
  | 'saved-on-phone'
  /** the county took it and gave a tracking number */
  | 'received'
  | 'investigating'
  | 'resolved'

export const CONCERN_STATUS_TEXT: Record<ConcernStatus, string> = {
  'saved-on-phone': '还没发出去，已保存在手机上，联网后会自动发送',
  received: '县医保局已收到',
  investigating: '县医保局正在核查',
  resolved: '县医保局已答复'
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
  /** Idempotency-Key of the report, made once before the first send and kept until answered */
  key?: string
  /** the county's id once it took the report */
  concernId?: string | null
  /** the county's answer once resolved */
  resolution?: string | null
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
    else if (!/^(0|[1-9]\d{0,6})(\.\d{1,2})?$/.test(a) || /^0(\.0*)?$/.test(a))
      errors.push({ field: 'amount', message: '请填写正确的金额，例如 200 或 200.50' })
  }
  if (input.note.trim().length > 200) errors.push({ field: 'note', message: '说明最多200个字' })
  if (input.kind === 'dispute' && input.note.trim() === '')
    errors.push({ field: 'note', message: '请简单说一下哪里不对' })
  return errors
}

/** The county calls of this feature (replaced in tests). */
export interface ConcernApi {
  report: (
    claimId: string,
    body: { kind: ConcernKind; amount: string | null; note: string },
    idempotencyKey: string
  ) => Promise<CallResult<ClaimConcern>>
  list: (claimId: string) => Promise<CallResult<ClaimConcernList>>
}
const countyConcernApi: ConcernApi = {
  report: (claimId, body, idempotencyKey) => call('reportClaimConcern', { params: { claimId }, body, idempotencyKey }),
  list: (claimId) => call('listClaimConcerns', { params: { claimId } })
}
let api: ConcernApi = countyConcernApi
export function setConcernApi(a: ConcernApi): void {
  api = a
}
export function resetConcernApi(): void {
  api = countyConcernApi
}

function normalAmount(raw: string): string {
  const a = raw.trim().replace(/[，,\s元]/g, '')
  return a.includes('.') ? `${a.split('.')[0]}.${a.split('.')[1].padEnd(2, '0')}` : `${a}.00`
}

function fromCounty(c: ClaimConcern, localId: string = c.concernId): Concern {
  return {
    localId,
    claimId: c.claimId,
    kind: c.kind,
    amount: c.amount,
    note: c.note ?? '',
    createdAt: c.createdAt,
    status: c.status,
    trackingNumber: c.trackingNumber,
    concernId: c.concernId,
    resolution: c.resolution
  }
}

function readList(owner: string, claimId: string): Concern[] {
  return concernCache.getState().read(owner, claimId)?.data ?? []
}

/** Applies `change` to the claim's saved list as it is now (other sends may have changed it meanwhile). */
function update(owner: string, claimId: string, change: (list: Concern[]) => Concern[]): void {
  concernCache.getState().put(owner, claimId, change(readList(owner, claimId)))
}

/** The field a county BAD_REQUEST is about, if it says. */
function fieldOf(error: AppError): ConcernError['field'] {
  const problems = (error.details as { problems?: { field?: string }[] } | undefined)?.problems
  return problems?.[0]?.field === 'amount' ? 'amount' : 'note'
}

type SendResult =
  { ok: true; concern: Concern; queued: boolean } | { ok: false; error: AppError; fields?: ConcernError[] }

const inFlight = new Map<string, Promise<SendResult>>()

/** Sends one saved report (its key is kept: a repeat is the same report to the county). */
function send(owner: string, concern: Concern): Promise<SendResult> {
  const running = inFlight.get(concern.localId)
  if (running) return running
  const key = concern.key ?? newIdempotencyKey()
  if (!concern.key)
    update(owner, concern.claimId, (list) => list.map((c) => (c.localId === concern.localId ? { ...c, key } : c)))
  const p = (async (): Promise<SendResult> => {
    const r = await api.report(concern.claimId, { kind: concern.kind, amount: concern.amount, note: concern.note }, key)
    if (r.ok) {
      const taken = fromCounty(r.data, concern.localId)
      update(owner, concern.claimId, (list) =>
        [...list.filter((c) => c.localId !== concern.localId && c.concernId !== taken.concernId), taken].sort((a, b) =>
          a.createdAt.localeCompare(b.createdAt)
        )
      )
      return { ok: true, concern: taken, queued: false }
    }
    // no network or the county system is down: it stays on the phone and goes out later
    if (isCountyDownError(r.error)) return { ok: true, concern: { ...concern, key }, queued: true }
    // the county refused it (wrong amount, no longer allowed to see the claim…): not kept
    update(owner, concern.claimId, (list) => list.filter((c) => c.localId !== concern.localId))
    return {
      ok: false,
      error: r.error,
      fields: r.error.code === 'BAD_REQUEST' ? [{ field: fieldOf(r.error), message: r.error.message }] : undefined
    }
  })()
  inFlight.set(concern.localId, p)
  void p.finally(() => inFlight.delete(concern.localId))
  return p
}

/**
 * Sends a report about a claim to the county. It is saved on the phone first; if the county
 * cannot be reached it stays there (`queued: true`, status 'saved-on-phone') and
 * `sendSavedConcerns` sends it later with the same key. A refusal by the county (e.g. more
 * than the claim's total) is an error on the form, and nothing stays saved.
 */
export async function reportClaimConcern(owner: string, input: ConcernInput): Promise<SendResult> {
  const fields = validateConcern(input)
  if (fields.length) return { ok: false, error: appError('INVALID_INPUT', { message: fields[0].message }), fields }
  const concern: Concern = {
    localId: `local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    claimId: input.claimId,
    kind: input.kind,
    amount: input.kind === 'paid-extra' ? normalAmount(input.amount) : null,
    note: input.note.trim(),
    createdAt: nowIso(),
    status: 'saved-on-phone',
    trackingNumber: null,
    key: newIdempotencyKey(),
    concernId: null,
    resolution: null
  }
  update(owner, input.claimId, (list) => [...list, concern])
  return send(owner, concern)
}

/** Sends the claim's reports still on the phone (on opening the claim, and when the network is back). */
export async function sendSavedConcerns(owner: string, claimId: string): Promise<void> {
  const waiting = readList(owner, claimId).filter((c) => c.status === 'saved-on-phone')
  for (const c of waiting) {
    const r = await send(owner, c)
    if (r.ok && r.queued) return // still no network: the rest wait too
  }
}

/** Reads the claim's reports from the county (new status, answers); reports not yet sent stay. */
export async function refreshConcerns(owner: string, claimId: string): Promise<void> {
  const r = await api.list(claimId)
  if (!r.ok) return
  update(owner, claimId, (list) => {
    const localIds = new Map(list.filter((c) => c.concernId).map((c) => [c.concernId as string, c.localId]))
    const county = r.data.concerns.map((c) => fromCounty(c, localIds.get(c.concernId)))
    return [...county, ...list.filter((c) => c.status === 'saved-on-phone')].sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt)
    )
  })
}
