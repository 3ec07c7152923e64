// Checkers for the county API answers, keyed by route id. Typed against the contract:
// a checker that misses or mistypes a field fails tsc. Routes without an entry are only
// checked to be a JSON object; add one when your feature reads the answer's figures.
import type * as C from '@/contract'
import {
  arr,
  bool,
  date,
  dateTime,
  int,
  lit,
  money,
  nullable,
  obj,
  oneOf,
  opaqueObject,
  optional,
  str,
  unknown,
  num,
  type Checker
} from './check'

const voice = oneOf<C.SpeechVoice>({ cmn: true, yue: true })
const scope = oneOf<C.Scope>({ status: true, claims: true, pay: true })
const relation = oneOf<C.HouseholdLink['relation']>({ head: true, member: true, grantee: true })
const category = oneOf<C.Category>({
  ordinary: true,
  wubao: true,
  dibao: true,
  tekun: true,
  poverty: true,
  family_planning: true,
  student: true,
  disabled: true,
  elderly: true
})
const payer = oneOf<C.Payer>({
  self: true,
  civil_affairs: true,
  family_planning: true,
  employer: true,
  disabled_federation: true,
  veterans_affairs: true
})

export const meCheck: Checker<C.Me> = obj<C.Me>({
  userId: str,
  role: oneOf<C.Role>({ villager: true, reviewer: true, supervisor: true, assistant: true }),
  personId: nullable(str),
  displayName: str,
  phoneMasked: nullable(str),
  households: arr(
    obj<C.HouseholdLink>({ householdId: str, relation, scopes: arr(scope), headNameMasked: str, village: str })
  )
})

export const sessionCheck: Checker<C.Session> = obj<C.Session>({ token: str, expiresAt: dateTime, me: meCheck })

export const enrolmentCheck: Checker<C.Enrolment> = obj<C.Enrolment>({
  year: int,
  status: oneOf<C.EnrolmentStatus>({ enrolled: true, unpaid: true, lapsed: true, pending_review: true }),
  payer: nullable(payer),
  amountPaid: nullable(money),
  coverageStart: nullable(date),
  coverageEnd: nullable(date),
  waitingPeriodEnd: nullable(date),
  benefitStart: nullable(date),
  benefitEnd: nullable(date),
  orderId: nullable(str)
})

export const personCheck: Checker<C.Person> = obj<C.Person>({
  personId: str,
  name: str,
  idNumber: nullable(str),
  idNumberMasked: bool,
  birthCertificateNumber: optional(nullable(str)),
  sex: lit('male', 'female'),
  birthDate: date,
  relation: str,
  categories: arr(category),
  phone: nullable(str),
  isHead: bool,
  enrolments: arr(enrolmentCheck),
  chronicDiseases: optional(
    arr(obj<{ code: string; label: string; validFrom: string }>({ code: str, label: str, validFrom: date }))
  )
})

export const householdCheck: Checker<C.Household> = obj<C.Household>({
  householdId: str,
  householdNumber: nullable(str),
  regionCode: str,
  township: str,
  village: str,
  headPersonId: str,
  accountBalance: nullable(money),
  members: arr(personCheck),
  viewer: obj<C.Household['viewer']>({ relation, scopes: arr(scope) })
})

export const grantCheck: Checker<C.Grant> = obj<C.Grant>({
  grantId: str,
  householdId: str,
  granteeUserId: str,
  granteeName: str,
  scopes: arr(scope),
  createdAt: dateTime,
  expiresAt: dateTime,
  revokedAt: nullable(dateTime),
  ended: optional(nullable(lit('revoked', 'left', 'replaced', 'expired')))
})

export const invitationCheck: Checker<C.Invitation> = obj<C.Invitation>({
  invitationId: str,
  code: str,
  qrPayload: str,
  scopes: arr(scope),
  expiresAt: dateTime
})

const okCheck = obj<{ ok: boolean }>({ ok: bool })

// remote enrolment (issue 8): the status drives what the screen offers (upload, resubmit)
export const applicationCheck: Checker<C.Application> = obj<C.Application>({
  applicationId: str,
  householdId: str,
  kind: oneOf<C.ApplicationKind>({
    add_newborn: true,
    add_marriage: true,
    add_return: true,
    renew_remote: true,
    out_of_area_care: true,
    add_id_number: true,
    chronic_disease: true,
    assist_consent: true,
    reimbursement: true
  }),
  status: oneOf<C.ApplicationStatus>({ submitted: true, needs_more: true, approved: true, rejected: true }),
  fields: unknown,
  documents: arr(
    obj<C.Application['documents'][number]>({
      documentId: str,
      fileName: str,
      contentType: str,
      size: int,
      uploadedAt: dateTime
    })
  ),
  reason: nullable(str),
  submittedAt: dateTime,
  decidedAt: nullable(dateTime)
})

// payouts and institutions (issue 7): money must be two-place decimal strings before the
// screens add them up; steps are passed to the waterfall, which reads only what it knows
export const stepCheck: Checker<C.Step> = obj<C.Step>({
  rule: str,
  label: str,
  before: optional(str),
  after: optional(str),
  params: optional(opaqueObject<NonNullable<C.Step['params']>>()),
  source: optional(opaqueObject<NonNullable<C.Step['source']>>())
})
const claimStage = lit('accepted', 'reviewing', 'publicized', 'paid_out')
export const claimCheck: Checker<C.Claim> = obj<C.Claim>({
  claimId: str,
  personName: str,
  personId: str,
  year: int,
  kind: lit('inpatient', 'outpatient', 'chronic'),
  institutionId: nullable(str),
  institutionName: str,
  admissionDate: date,
  dischargeDate: nullable(date),
  totalCost: money,
  eligibleCost: money,
  payout: money,
  selfPaid: money,
  stage: claimStage,
  timeline: arr(obj<C.Claim['timeline'][number]>({ stage: claimStage, date })),
  policyVersion: str,
  steps: arr(stepCheck),
  settlement: nullable(opaqueObject<NonNullable<C.Claim['settlement']>>()),
  estimate: optional(
    nullable(
      obj<NonNullable<C.Claim['estimate']>>({
        estimateId: str,
        keptAt: str,
        match: str,
        comparison: opaqueObject<NonNullable<C.Claim['estimate']>['comparison']>()
      })
    )
  )
})
export const institutionCheck: Checker<C.Institution> = obj<C.Institution>({
  institutionId: str,
  name: str,
  level: lit('village', 'township', 'county', 'city', 'provincial'),
  grade: str,
  ownership: lit('public', 'private'),
  township: str,
  address: str,
  phone: str,
  instantSettlement: bool,
  agreement: obj<C.Institution['agreement']>({
    status: lit('active', 'suspended', 'terminated'),
    since: date,
    until: nullable(date)
  })
})

const yearMeterCheck: Checker<C.YearMeter> = obj<C.YearMeter>({
  limit: nullable(money),
  used: money,
  left: nullable(money),
  missingNote: optional(str)
})
export const yearSummaryCheck: Checker<C.ClaimYearSummary> = obj<C.ClaimYearSummary>({
  coverageYear: obj<C.ClaimYearSummary['coverageYear']>({ start: date, end: date }),
  policyId: str,
  policyVersion: str,
  claims: int,
  admissions: int,
  total: money,
  insurancePaid: money,
  basicFund: money,
  catastrophic: money,
  assistance: money,
  householdAccount: money,
  patientPays: money,
  deductible: obj<C.ClaimYearSummary['deductible']>({
    inpatient: money,
    outpatient: money,
    special: money,
    total: money
  }),
  annualCap: nullable(yearMeterCheck),
  outpatientLimit: nullable(yearMeterCheck),
  specialLimit: nullable(yearMeterCheck),
  catastrophicLayer: nullable(
    obj<NonNullable<C.ClaimYearSummary['catastrophicLayer']>>({
      threshold: nullable(money),
      base: money,
      paid: money,
      toGo: nullable(money),
      missingNote: optional(str)
    })
  )
})

export const claimConcernCheck: Checker<C.ClaimConcern> = obj<C.ClaimConcern>({
  concernId: str,
  trackingNumber: str,
  claimId: str,
  kind: oneOf<C.ConcernKind>({ 'paid-extra': true, dispute: true }),
  amount: nullable(money),
  note: nullable(str),
  status: oneOf<C.ConcernStatus>({ received: true, investigating: true, resolved: true }),
  createdAt: dateTime,
  resolution: nullable(str)
})

// notifications (issue #6): the home page's notice card shows the amount and the names
type PaidNotice = Extract<C.HouseholdNotification, { kind: 'paid_by_other' }>
type BindingNoticeItem = Exclude<C.HouseholdNotification, PaidNotice>
const paidNoticeCheck = obj<PaidNotice>({
  notificationId: str,
  householdId: str,
  kind: lit('paid_by_other'),
  createdAt: dateTime,
  readAt: nullable(dateTime),
  payment: obj<C.PaidByOther>({
    orderId: str,
    year: int,
    amount: money,
    payerNameMasked: str,
    payerIsHousehold: bool,
    members: arr(str),
    receiptNumber: str,
    paidAt: dateTime
  })
})
// issue 15: the head is told of every account bound to the household, and asked to approve some
const bindingNoticeCheck = obj<BindingNoticeItem>({
  notificationId: str,
  householdId: str,
  kind: lit('new_binding', 'binding_request'),
  createdAt: dateTime,
  readAt: nullable(dateTime),
  binding: obj<C.BindingNotice>({
    bindingId: nullable(str),
    requestId: nullable(str),
    personName: str,
    accountName: str,
    channel: lit('weapp', 'h5'),
    at: dateTime
  })
})
export const householdNotificationCheck: Checker<C.HouseholdNotification> = (v: unknown, path = '$') =>
  (v as { kind?: unknown } | null)?.kind === 'paid_by_other' ? paidNoticeCheck(v, path) : bindingNoticeCheck(v, path)

const bindingChannel = lit('weapp', 'h5')
export const bindingRequestCheck: Checker<C.BindingRequest> = obj<C.BindingRequest>({
  requestId: str,
  householdId: str,
  method: lit('sms', 'head_approval'),
  status: oneOf<C.BindingRequest['status']>({
    code_sent: true,
    waiting_for_head: true,
    bound: true,
    refused: true,
    expired: true
  }),
  personName: str,
  accountName: str,
  channel: bindingChannel,
  from: nullable(str),
  createdAt: dateTime,
  expiresAt: dateTime
})
export const boundAccountCheck: Checker<C.BoundAccount> = obj<C.BoundAccount>({
  bindingId: str,
  personId: str,
  personName: str,
  accountName: str,
  channel: bindingChannel,
  via: oneOf<C.BoundAccount['via']>({ sms_code: true, head_approval: true, before_proof: true, county: true }),
  from: nullable(str),
  boundAt: dateTime,
  removedAt: nullable(dateTime),
  isYou: bool
})

/** Route id → checker of its success answer. */
export const responseChecks: { [K in C.RouteId]?: Checker<unknown> } = {
  signInWechat: sessionCheck,
  verifyOtp: sessionCheck,
  requestOtp: obj<{ sent: boolean; expiresInSeconds: number }>({ sent: bool, expiresInSeconds: int }),
  listDemoAccounts: obj<C.DemoAccountList>({ accounts: arr(obj({ code: str, name: str })) }),
  signOut: okCheck,
  signOutEverywhere: okCheck,
  me: meCheck,
  startBinding: obj<C.BindStart>({
    method: lit('sms', 'head_approval', 'assisted'),
    requestId: nullable(str),
    phoneMasked: nullable(str),
    expiresAt: nullable(dateTime),
    message: str
  }),
  confirmBinding: meCheck,
  getBindingRequest: bindingRequestCheck,
  approveBindingRequest: bindingRequestCheck,
  refuseBindingRequest: bindingRequestCheck,
  listBindings: obj<C.BindingList>({
    householdId: str,
    accounts: arr(boundAccountCheck),
    requests: arr(bindingRequestCheck)
  }),
  removeBinding: boundAccountCheck,
  leaveHousehold: okCheck,
  getHousehold: householdCheck,
  createInvitation: invitationCheck,
  acceptInvitation: grantCheck,
  listGrants: obj<{ grants: C.Grant[] }>({ grants: arr(grantCheck) }),
  revokeGrant: grantCheck,
  accessLog: obj<{ entries: C.AccessLogEntry[] }>({
    entries: arr(obj<C.AccessLogEntry>({ at: dateTime, granteeName: str, action: str, scope: nullable(scope) }))
  }),
  createApplication: applicationCheck,
  getApplication: applicationCheck,
  resubmitApplication: applicationCheck,
  listApplications: obj<{ applications: C.Application[] }>({ applications: arr(applicationCheck) }),
  listClaims: obj<C.ClaimList>({
    personId: str,
    year: int,
    cap: nullable(money),
    capUsed: money,
    capRemaining: nullable(money),
    summary: nullable(yearSummaryCheck),
    claims: arr(claimCheck)
  }),
  getClaim: claimCheck,
  reportClaimConcern: claimConcernCheck,
  listClaimConcerns: obj<C.ClaimConcernList>({ claimId: str, concerns: arr(claimConcernCheck) }),
  listInstitutions: obj<{ institutions: C.Institution[] }>({ institutions: arr(institutionCheck) }),
  getInstitution: institutionCheck,
  listHouseholdNotifications: obj<C.HouseholdNotificationList>({
    householdId: str,
    notifications: arr(householdNotificationCheck)
  }),
  markNotificationRead: householdNotificationCheck,
  getPolicy: obj<C.PolicyEnvelope>({
    regionCode: str,
    version: str,
    effectiveFrom: date,
    effectiveTo: nullable(date),
    document: opaqueObject<C.PolicyEnvelope['document']>()
  }),
  listSpeechVoices: obj<C.SpeechVoices>({ voices: arr(obj({ id: voice, label: str })) }),
  speak: obj<C.Speech>({ voice, mimeType: lit('audio/mpeg'), audioBase64: str, seconds: num })
}
