// County calls for remote enrolment, through the typed county client (never a second HTTP
// client). Form values are turned into the contract's application fields here.
import type { ApplicationFields } from '@/contract'
import { call, type RouteBody } from '@/services/county-client'
import type { AddMemberValue, ChronicValue, FilingValue, ReimburseValue, RenewValue } from './validation'

export const listApplications = (householdId: string) => call('listApplications', { params: { householdId } })
export const getApplication = (applicationId: string) => call('getApplication', { params: { applicationId } })
export const resubmitApplication = (applicationId: string) => call('resubmitApplication', { params: { applicationId } })
export const loadPolicy = (region: string) => call('getPolicy', { query: { region } })

type CreateBody = RouteBody<'createApplication'>

export function addMemberBody(householdId: string, v: AddMemberValue): CreateBody {
  const fields: ApplicationFields = { name: v.name, relation: v.relation }
  if (v.idNumber) fields.idNumber = v.idNumber
  if (v.birthCertificateNumber) fields.birthCertificateNumber = v.birthCertificateNumber
  // without an ID number the county reads birth date and sex from the application (and checks
  // them against the certificate photo); with one, they come from the number
  if (!v.idNumber) {
    fields.birthDate = v.birthDate
    fields.sex = v.sex
  }
  return { householdId, kind: v.kind, fields }
}

export function chronicBody(householdId: string, v: ChronicValue): CreateBody {
  return { householdId, kind: 'chronic_disease', fields: { ...v } }
}

/** 手工报销: the account number goes to the county once, here; every answer after it is masked. */
export function reimburseBody(householdId: string, v: ReimburseValue): CreateBody {
  return { householdId, kind: 'reimbursement', fields: { ...v } }
}

export function idNumberBody(householdId: string, personId: string, idNumber: string): CreateBody {
  return { householdId, kind: 'add_id_number', fields: { personId, idNumber } }
}

export function filingBody(householdId: string, v: FilingValue): CreateBody {
  return {
    householdId,
    kind: 'out_of_area_care',
    fields: { personId: v.personId, destination: v.destination, from: v.from, to: v.to, reason: v.reason }
  }
}

/** Names of the leaving members go into the reason, which the reviewer reads. */
export function renewBody(
  householdId: string,
  applicantPersonId: string,
  v: RenewValue,
  names: Record<string, string>
): CreateBody {
  const fields: ApplicationFields = { personId: applicantPersonId, year: v.year }
  if (v.leaving.length) {
    const text = `人员变动：${v.leaving.map((l) => `${names[l.personId] ?? l.personId}（${l.reason}）`).join('、')}`
    fields.reason = Array.from(text).slice(0, 200).join('')
  }
  return { householdId, kind: 'renew_remote', fields }
}

export const createApplication = (body: CreateBody) => call('createApplication', { body })
