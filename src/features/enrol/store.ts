// Remote enrolment state: the household's applications as last read from the county
// (offline cache), the forms being filled in (drafts survive the app closing; ID numbers are
// never written to storage), which paper each uploaded file is, and the upload queue.
// Everything here is cleared when the user signs out or another user signs in.
import { create, useStore } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { Application, ApplicationFields, Household, Person, PolicyEnvelope } from '@/contract'
import { createUserCache } from '@/services/cache'
import { announceChange, householdTopic } from '@/services/county-changes'
import { appError, type AppError } from '@/services/errors'
import { onReconnect, useNetwork } from '@/services/network'
import { taroStorage } from '@/services/storage'
import { todayShanghai } from '@/services/time'
import { compressPhoto, configureUpload, uploadDocument } from '@/services/upload'
import { useSession } from '@/features/session/store'
import { readToken } from '@/features/session/token-vault'
import * as api from './api'
import { createUploadQueue, type UploadItem } from './upload-queue'
import {
  emptyAddMember,
  emptyFiling,
  validateAddMember,
  validateChronic,
  validateReimburse,
  type ReimburseDraft,
  validateFiling,
  validateRenew,
  validateIdNumberFor,
  type AddKind,
  type AddMemberDraft,
  type ChronicDraft,
  type FieldError,
  type FilingDraft,
  type RenewDraft
} from './validation'

// ---------------------------------------------------------------- county data (offline cache)

export interface ApplicationList {
  applications: Application[]
}

export const applicationsCache = createUserCache<ApplicationList>({
  name: 'enrol.applications',
  version: 1,
  maxEntries: 5
})
export const policyCache = createUserCache<PolicyEnvelope>({ name: 'enrol.policy', version: 1, maxEntries: 3 })
export const applicationCache = createUserCache<Application>({ name: 'enrol.application', version: 1, maxEntries: 10 })

// ---------------------------------------------------------------- drafts and document types

type StoredAddDraft = Omit<AddMemberDraft, 'idNumber'>

interface EnrolState {
  owner: string | null
  addDrafts: Partial<Record<AddKind, AddMemberDraft>>
  filingDraft: FilingDraft | null
  /** county document id → checklist document id (on weapp the file name cannot carry it) */
  docTypes: Record<string, string>
  saveAddDraft: (d: AddMemberDraft) => void
  saveFilingDraft: (d: FilingDraft) => void
  clearDraft: (kind: AddKind | 'out_of_area_care') => void
  rememberDocType: (countyDocumentId: string, documentId: string) => void
  reset: () => void
}

export const useEnrol = create<EnrolState>()(
  persist(
    (set, get) => ({
      owner: null,
      addDrafts: {},
      filingDraft: null,
      docTypes: {},
      saveAddDraft: (d) => set({ addDrafts: { ...get().addDrafts, [d.kind]: d }, owner: useSession.getState().userId }),
      saveFilingDraft: (d) => set({ filingDraft: d, owner: useSession.getState().userId }),
      clearDraft: (kind) => {
        if (kind === 'out_of_area_care') set({ filingDraft: null })
        else {
          const next = { ...get().addDrafts }
          delete next[kind]
          set({ addDrafts: next })
        }
      },
      rememberDocType: (countyDocumentId, documentId) =>
        set({ docTypes: { ...get().docTypes, [countyDocumentId]: documentId } }),
      reset: () => set({ owner: null, addDrafts: {}, filingDraft: null, docTypes: {} })
    }),
    {
      name: 'xqyb.enrol',
      version: 1,
      storage: createJSONStorage(() => taroStorage),
      // never a full ID or birth certificate number on the phone's storage: typed again after a restart
      partialize: (s) => ({
        owner: s.owner,
        filingDraft: s.filingDraft,
        docTypes: s.docTypes,
        addDrafts: Object.fromEntries(
          Object.entries(s.addDrafts).map(([k, d]) => [
            k,
            { ...(d as StoredAddDraft), idNumber: '', birthCertificateNumber: '' }
          ])
        )
      }),
      migrate: () => ({ owner: null, addDrafts: {}, filingDraft: null, docTypes: {} }) as unknown as EnrolState
    }
  )
)

export function addDraft(kind: AddKind): AddMemberDraft {
  return useEnrol.getState().addDrafts[kind] ?? emptyAddMember(kind)
}

export function filingDraft(): FilingDraft {
  return useEnrol.getState().filingDraft ?? emptyFiling()
}

// ---------------------------------------------------------------- upload queue

configureUpload({ token: readToken })

export const uploadQueue = createUploadQueue({
  compress: compressPhoto,
  send: (input, onProgress) => uploadDocument(input, onProgress),
  wait: (ms) => new Promise((r) => setTimeout(r, ms)),
  isOnline: () => useNetwork.getState().online,
  onUploaded: (app, item) => {
    if (item.countyDocumentId) useEnrol.getState().rememberDocType(item.countyDocumentId, item.documentId)
    applicationUpdated(app)
  },
  storage: taroStorage
})

export const useUploads = <T>(selector: (s: { items: UploadItem[] }) => T) => useStore(uploadQueue, selector)

onReconnect(() => {
  void uploadQueue.getState().resume()
})

// A different user (or nobody) on this phone: forget drafts and unsent files.
useSession.subscribe((s, prev) => {
  if (s.userId === prev.userId) return
  const mine = useEnrol.getState().owner
  if (mine && mine !== s.userId) {
    useEnrol.getState().reset()
    uploadQueue.setState({ items: [] })
  }
})

// ---------------------------------------------------------------- actions

export type Submit =
  { ok: true; application: Application } | { ok: false; errors: FieldError[] } | { ok: false; error: AppError }

/** Keeps the cached list in step with an application the county just sent. */
export function applicationUpdated(app: Application): void {
  const owner = useSession.getState().userId
  if (!owner) return
  const cur = applicationsCache.getState().read(owner, app.householdId)
  const list = cur ? cur.data.applications.filter((a) => a.applicationId !== app.applicationId) : []
  applicationsCache.getState().put(owner, app.householdId, { applications: [app, ...list] })
  applicationCache.getState().put(owner, app.applicationId, app)
  // home shows where each application stands: it (and every screen about the household) asks again
  announceChange([householdTopic(app.householdId)])
}

/**
 * An approved newborn whose birth year can still be paid with cover (the county left an unpaid
 * enrolment for this year only when the policy's newborn rule covers the baby from birth):
 * that year, else null.
 */
export function newbornBirthYearToPay(app: Application, household: Household | null, today: string): number | null {
  if (app.kind !== 'add_newborn' || app.status !== 'approved' || !household) return null
  const f = fieldsOf(app)
  const thisYear = Number(today.slice(0, 4))
  const baby = household.members.find((m) => m.name === f.name && m.birthDate.slice(0, 4) === String(thisYear))
  const e = baby?.enrolments.find((x) => x.year === thisYear)
  return e && e.status === 'unpaid' ? thisYear : null
}

/** The county's "what is wrong" details, turned into field messages where it says which field. */
function countyFieldErrors(e: AppError): FieldError[] {
  const problems = (e.details as { problems?: { field: string; problem: string; message?: string }[] } | undefined)
    ?.problems
  if (!problems) return []
  const text: Record<string, string> = {
    already_insured: '这个人已经参保了（在本县有参保记录），不用再添加',
    required: '这一项县里要求必填',
    checksum: '身份证号有一位不对，请核对',
    format: '身份证号格式不对',
    birthdate: '身份证号里的出生日期不对',
    not_a_member: '这个人不在您家户里',
    before_from: '结束日期不能早于开始日期',
    in_future: '出生日期不能晚于今天',
    not_a_date: '日期不对，请重新选择',
    not_newborn: '孩子已满一周岁，不算新生儿了；请选“回乡落户”或“其他”来添加',
    birthdate_mismatch: '身份证号里的出生日期和孩子登记的不一样，请核对',
    sex_mismatch: '身份证号里的性别和孩子登记的不一样，请核对',
    already_has_id: '这个孩子已经登记了身份证号',
    not_listed: '这个病不在县里门诊慢特病的名单里',
    already_certified: '这个人的这个病已经认定过了，不用再申请'
  }
  return problems.map((p) => ({
    field: p.field,
    code: 'required' as const,
    message:
      p.message ??
      (p.field === 'birthCertificateNumber' && p.problem === 'already_insured'
        ? '这个出生医学证明编号的孩子已经参保了，不用再添加'
        : p.field === 'diagnosisDate' && p.problem === 'in_future'
          ? '诊断日期不能晚于今天'
          : (text[p.problem] ?? '这一项填写有误'))
  }))
}

async function send(body: Parameters<typeof api.createApplication>[0]): Promise<Submit> {
  const r = await api.createApplication(body)
  if (!r.ok) {
    const fields = countyFieldErrors(r.error)
    return fields.length ? { ok: false, errors: fields } : { ok: false, error: r.error }
  }
  applicationUpdated(r.data)
  return { ok: true, application: r.data }
}

export async function submitAddMember(
  householdId: string,
  d: AddMemberDraft,
  existingIdNumbers: string[]
): Promise<Submit> {
  const v = validateAddMember(d, todayShanghai(), existingIdNumbers)
  if (!v.ok) return { ok: false, errors: v.errors }
  const r = await send(api.addMemberBody(householdId, v.value))
  if (r.ok) useEnrol.getState().clearDraft(d.kind)
  return r
}

/** A child enrolled by birth certificate now has an ID number (checked against her record first). */
export async function submitIdNumber(
  householdId: string,
  child: Pick<Person, 'personId' | 'birthDate' | 'sex'>,
  raw: string
): Promise<Submit> {
  const v = validateIdNumberFor(child, raw)
  if (!v.ok) return { ok: false, errors: v.errors }
  return send(api.idNumberBody(householdId, child.personId, v.value))
}

export async function submitFiling(householdId: string, d: FilingDraft): Promise<Submit> {
  const v = validateFiling(d, todayShanghai())
  if (!v.ok) return { ok: false, errors: v.errors }
  const r = await send(api.filingBody(householdId, v.value))
  if (r.ok) useEnrol.getState().clearDraft('out_of_area_care')
  return r
}

export async function submitChronic(householdId: string, d: ChronicDraft, listed: readonly string[]): Promise<Submit> {
  const v = validateChronic(d, todayShanghai(), listed)
  if (!v.ok) return { ok: false, errors: v.errors }
  return send(api.chronicBody(householdId, v.value))
}

export async function submitReimburse(householdId: string, d: ReimburseDraft): Promise<Submit> {
  const v = validateReimburse(d, todayShanghai())
  if (!v.ok) return { ok: false, errors: v.errors }
  return send(api.reimburseBody(householdId, v.value))
}

export async function submitRenew(
  householdId: string,
  applicantPersonId: string | null,
  d: RenewDraft,
  names: Record<string, string>
): Promise<Submit> {
  const v = validateRenew(d)
  if (!v.ok) return { ok: false, errors: v.errors }
  const applicant =
    applicantPersonId && v.value.staying.includes(applicantPersonId) ? applicantPersonId : v.value.staying[0]
  return send(api.renewBody(householdId, applicant, v.value, names))
}

export async function resubmit(
  applicationId: string
): Promise<{ ok: true; application: Application } | { ok: false; error: AppError }> {
  const busy = uploadQueue
    .getState()
    .items.some(
      (i) =>
        i.applicationId === applicationId &&
        (i.status === 'waiting' || i.status === 'uploading' || i.status === 'retrying' || i.status === 'compressing')
    )
  if (busy) return { ok: false, error: appError('INVALID_INPUT', { message: '照片还在上传，传完再提交' }) }
  const r = await api.resubmitApplication(applicationId)
  if (!r.ok) return r
  applicationUpdated(r.data)
  return { ok: true, application: r.data }
}

export function fieldsOf(app: Pick<Application, 'fields'>): ApplicationFields {
  return (app.fields && typeof app.fields === 'object' ? app.fields : {}) as ApplicationFields
}

/** The approved filing of a person that covers `day`, if any. */
export function activeFiling(apps: readonly Application[], personId: string, day: string): Application | null {
  return (
    apps.find((a) => {
      if (a.kind !== 'out_of_area_care' || a.status !== 'approved') return false
      const f = fieldsOf(a)
      return f.personId === personId && (!f.from || f.from <= day) && (!f.to || f.to >= day)
    }) ?? null
  )
}
