// The rows of the county's tables (db/migrations.ts), as better-sqlite3 returns them: one place
// for every module that reads them. Money is integer fen; times are epoch milliseconds; JSON
// columns are text. Only types here, and only the contract's types imported: no module cycle.
import type {
  Application,
  ApplicationKind,
  Claim,
  ClaimStage,
  ConcernKind,
  ConcernStatus,
  Enrolment,
  Institution,
  Notice,
  Order,
  Scope,
  Subscription
} from '../../../src/contract'

export interface UserRow {
  id: string
  role: 'villager' | 'reviewer' | 'supervisor' | 'assistant'
  openid: string | null
  phone: string | null
  person_id: string | null
  display_name: string
  /**
   * The household of the person the account is bound to, read with the session (one
   * authorisation read a request): access.ts and views.ts use it instead of asking again.
   * Undefined where the user was read without it; null when the account is bound to nobody.
   */
  home?: UserHome | null
}

export interface UserHome {
  /** the person it was read for (a request that binds the account changes person_id: then it is read again) */
  personId: string
  householdId: string
  headPersonId: string
  regionCode: string
  personName: string
}

export interface HouseholdRow {
  id: string
  household_number: string | null
  region_code: string
  township: string
  village: string
  head_person_id: string
  account_balance_fen: number | null
}

export interface PersonRow {
  id: string
  household_id: string
  name: string
  /** null: a newborn enrolled by birth certificate, no ID number yet (migration 6) */
  id_number: string | null
  sex: 'male' | 'female'
  birth_date: string
  relation: string
  /** JSON: Category[] */
  categories: string
  phone: string | null
  birth_certificate_number: string | null
}

export interface EnrolmentRow {
  person_id: string
  year: number
  status: Enrolment['status']
  payer: Enrolment['payer']
  amount_fen: number | null
  coverage_start: string | null
  coverage_end: string | null
  waiting_end: string | null
  order_id: string | null
}

export interface PolicyRow {
  region_code: string
  version: string
  effective_from: string
  effective_to: string | null
  /** JSON: the calculator's policy document, exactly as served and used to settle */
  document: string
  etag: string
}

export interface OrderRow {
  id: string
  household_id: string
  year: number
  status: Order['status']
  amount_fen: number
  channel: Order['channel']
  payer_user_id: string
  payer_is_household: number
  /** JSON: OrderPerson[] */
  persons: string
  policy_version: string
  idempotency_key: string
  request_hash: string
  created_at: number
  expires_at: number
  paid_at: number | null
  confirmed_at: number | null
  transaction_id: string | null
  receipt_number: string | null
  failure_reason: string | null
  match_attempts: number
  /** null on orders from before migration 4 (see payerNameMasked) */
  payer_name_masked: string | null
  /** the provider's handle for paying this order: WeChat Pay's prepay_id (weapp) or h5_url (h5) */
  provider_ref?: string | null
  provider_ref_at?: number | null
  /** last time the provider was asked about this order (a notify that is late) */
  provider_checked_at?: number | null
  /** nothing more to ask the provider: paid (its notify or a query) or closed there */
  provider_done_at?: number | null
}

/** A payment notify as received (or a query's answer, or a reviewer's attachment), with what became of it. */
export interface PaymentNoticeRow {
  notify_id: string
  order_id: string
  transaction_id: string
  result: 'SUCCESS' | 'FAIL'
  amount_fen: number
  received_at: number
  outcome: 'paid' | 'duplicate' | 'failed' | 'unknown_order' | 'second_payment' | 'amount_mismatch'
  /** when the money was taken, as the provider says (null on notices from before migration 9) */
  paid_at: number | null
  /** money not booked (unknown order, second payment): what a reviewer did with it */
  resolution: string | null
  resolved_by: string | null
  resolved_at: number | null
}

/** A refund of money the county cannot keep (never booked, paid twice, wrong amount). */
export interface RefundRow {
  /** our out_refund_no */
  id: string
  /** the merchant order number the money came under (an order's id, or a number the county never issued) */
  order_id: string
  transaction_id: string
  amount_fen: number
  total_fen: number
  reason: string
  status: 'processing' | 'succeeded' | 'closed' | 'abnormal'
  provider_refund_id: string | null
  /** what money: `notice:<notify id>`, `order:<order id>` or `difference:<id>` */
  source: string
  requested_by: string
  requested_at: number
  completed_at: number | null
}

export interface ReconciliationRow {
  bill_date: string
  status: 'matched' | 'differences' | 'no_bill'
  bill_lines: number
  county_lines: number
  differences: number
  run_at: number
  detail: string | null
}

export interface ReconciliationDifferenceRow {
  id: string
  bill_date: string
  kind:
    'missing_in_county' | 'missing_in_bill' | 'amount_differs' | 'refund_missing_in_county' | 'refund_missing_in_bill'
  order_id: string | null
  transaction_id: string | null
  refund_id: string | null
  bill_fen: number | null
  county_fen: number | null
  /** when WeChat's bill says the money moved */
  bill_at: number | null
  detail: string
  status: 'open' | 'resolved'
  resolution: string | null
  resolved_by: string | null
  resolved_at: number | null
  found_at: number
}

/** An entry of orders.persons. benefitStart/End as quoted on `quotedOn`; matching reuses them when paid the same day. */
export interface OrderPerson {
  personId: string
  name: string
  dueFen: number
  benefitStart?: string
  benefitEnd?: string
  quotedOn?: string
}

/** The simulated payment provider's own ledger (one row per charge) and notify outbox. */
export interface SimPaymentRow {
  order_id: string
  notify_id: string
  transaction_id: string
  result: 'SUCCESS' | 'FAIL'
  amount_fen: number
  paid_at: number
  delivered: number
  attempts: number
}

export interface ClaimRow {
  id: string
  person_id: string
  year: number
  kind: Claim['kind']
  institution_id: string | null
  institution_name: string
  admission_date: string
  discharge_date: string | null
  total_fen: number
  eligible_fen: number
  payout_fen: number
  self_fen: number
  stage: ClaimStage
  /** JSON: Claim['timeline'] */
  timeline: string
  policy_version: string
  /** JSON: Step[] */
  steps: string
  /** JSON: the calculator's Settlement */
  settlement: string | null
  cap_remaining_fen: number | null
}

export interface ConcernRow {
  seq: number
  id: string
  tracking_number: string
  claim_id: string
  kind: ConcernKind
  amount_fen: number | null
  note: string | null
  status: ConcernStatus
  resolution: string | null
  created_at: number
}

export interface InstitutionRow {
  id: string
  name: string
  level: Institution['level']
  grade: string
  ownership: Institution['ownership']
  township: string
  address: string
  phone: string
  instant_settlement: number
  agreement_status: Institution['agreement']['status']
  agreement_since: string
  agreement_until: string | null
}

export interface GrantRow {
  id: string
  household_id: string
  grantee_user_id: string
  /** JSON: Scope[] */
  scopes: string
  created_at: number
  /** null only until the server's first start after migration 9 sets it */
  expires_at: number | null
  revoked_at: number | null
  ended: 'revoked' | 'left' | 'replaced' | 'expired' | null
}

/** A household's access log: a grantee's access (grant and scope), or an event (binding, grant, a reviewer's read). */
export interface AccessLogRow {
  id: number
  household_id: string
  actor_user_id: string
  action: string
  scope: Scope | null
  at: number
  /** what was read or done: a document, an application, a consent (migration 12) */
  subject: string | null
}

/** A household's consent to a 村医 or 协管员 acting for it (migration 12). */
export interface AssistConsentRow {
  id: string
  assistant_user_id: string
  household_id: string
  person_id: string
  phone: string | null
  code_hash: string | null
  status: 'code_sent' | 'form_pending' | 'active' | 'ended' | 'revoked' | 'refused'
  /** JSON: AssistScope[] */
  scopes: string
  created_at: number
  expires_at: number
  confirmed_at: number | null
  ended_at: number | null
  ended_by: string | null
  /** a consent on paper: the application holding the form's photo (migration 17) */
  application_id: string | null
}

/** An account bound to a person (migration 9): how it was proved, from where (coarse address), when. */
export interface BindingRow {
  id: string
  user_id: string
  person_id: string
  household_id: string
  via: 'sms_code' | 'head_approval' | 'before_proof' | 'county'
  channel: 'weapp' | 'h5'
  ip: string | null
  created_at: number
  removed_at: number | null
  removed_by: string | null
}

export interface BindingRequestRow {
  id: string
  user_id: string
  person_id: string
  household_id: string
  method: 'sms' | 'head_approval'
  /** the roster phone the code went to (sms) */
  phone: string | null
  code_hash: string | null
  status: 'code_sent' | 'waiting_for_head' | 'bound' | 'refused' | 'expired'
  channel: 'weapp' | 'h5'
  ip: string | null
  created_at: number
  expires_at: number
  decided_at: number | null
  decided_by: string | null
}

export interface ApplicationRow {
  id: string
  household_id: string
  kind: ApplicationKind
  status: Application['status']
  /** JSON: ApplicationFields */
  fields: string
  reason: string | null
  submitted_by: string
  submitted_at: number
  decided_at: number | null
}

/** 手工报销: where the payout goes (the number sealed, readable only masked) and the claim it made. */
export interface ReimbursementRow {
  application_id: string
  bank_name: string
  account_name: string
  /** the account number, AES-256-GCM under DOCUMENT_KEY with the application id bound in */
  account_sealed: Buffer
  account_masked: string
  claim_id: string | null
  /** JSON: { field, from, to, reason }[] the settling reviewer changed */
  adjustments: string | null
  settled_by: string | null
  settled_at: number | null
}

/** An estimate a household kept with the county (opt-in), to compare with the claim that settles. */
export interface KeptEstimateRow {
  id: string
  person_id: string
  household_id: string
  kept_by: string
  kept_at: number
  care_kind: string
  admission_date: string
  discharge_date: string | null
  /** JSON: the calculator's EstimateAnswers */
  answers: string
  /** JSON: the calculator's Estimate, as the county ran it */
  estimate: string
}

export interface DocumentRow {
  id: string
  file_name: string
  content_type: string
  size: number
  uploaded_at: number
}

export interface NoticeRow {
  id: string
  kind: Notice['kind']
  title: string
  published_at: number
  body: string
  /** JSON: Notice['entries'], names already masked */
  entries: string
  /** last change before publication (migration 16) */
  edited_at: number | null
  /** withdrawn: off the public list; kept for the staff with who and why */
  withdrawn_at: number | null
  withdrawn_by: string | null
  withdraw_reason: string | null
}

export interface NotificationRow {
  id: string
  household_id: string
  kind: 'paid_by_other' | 'new_binding' | 'binding_request'
  order_id: string | null
  payer_user_id: string | null
  /** JSON: PaidByOther, or BindingNotice for the binding kinds */
  payload: string
  created_at: number
  /** the reader's own read time (LEFT JOIN notification_reads) */
  read_at: number | null
}

export interface SubscriptionRow {
  kind: Subscription['kind']
  accepted: number
  year: number | null
  channel: Subscription['channel']
  updated_at: number
}

/** A confirmed order's enrolments as recorded, read with the order (pay/orders.ts loadOrderFor; views.ts orderView). */
export type RecordedEnrolment = Pick<
  EnrolmentRow,
  'person_id' | 'status' | 'coverage_start' | 'coverage_end' | 'waiting_end'
>
export interface Recorded {
  recorded?: RecordedEnrolment[] | null
}
