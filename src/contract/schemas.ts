// County API entities. Each schema gives the runtime validator, the OpenAPI
// component and (through Static) the TypeScript type the app imports.
import { Type, type Static } from 'typebox'
import type {
  ContributionQuote,
  EstimateAnswers,
  EstimateComparison,
  PolicyDocument,
  Settlement,
  YearSummary
} from '../calculator'
import {
  BirthCertificateNumber,
  DateStr,
  DateTime,
  Id,
  IdNumberInput,
  Money,
  Nullable,
  PhoneInput,
  Sex,
  Year
} from './scalars'

/**
 * What a client sends (JSON bodies, query strings) is closed: a field the contract does not name
 * is an error (400), never silently ignored or kept.
 */
const closed = { additionalProperties: false } as const

/** Reviewers' lists come a page at a time: `limit` items, then the next page `after` the cursor the last one gave. */
const PageLimit = Type.Integer({ minimum: 1, maximum: 100, description: '每页多少条（默认50）' })
const PageCursor = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,80}$', description: '上一页给的 next' })

export const ErrorBody = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown())
  },
  { $id: 'Error' }
)

// ---------- sign-in ----------
/** villager; county staff: reviewer (decides) and supervisor (decides and reads the audit); assistant: a 村医 or
 * 协管员 the county registered, who acts for a household only with its consent given then and there */
export const Role = Type.Union([
  Type.Literal('villager'),
  Type.Literal('reviewer'),
  Type.Literal('supervisor'),
  Type.Literal('assistant')
])
export const Scope = Type.Union([Type.Literal('status'), Type.Literal('claims'), Type.Literal('pay')])

export const HouseholdLink = Type.Object({
  householdId: Id,
  relation: Type.Union([Type.Literal('head'), Type.Literal('member'), Type.Literal('grantee')]),
  scopes: Type.Array(Scope),
  headNameMasked: Type.String(),
  village: Type.String()
})

export const Me = Type.Object({
  userId: Id,
  role: Role,
  personId: Nullable(Id),
  displayName: Type.String(),
  phoneMasked: Nullable(Type.String()),
  households: Type.Array(HouseholdLink)
})

export const Session = Type.Object({
  token: Type.String(),
  expiresAt: DateTime,
  me: Me
})

export const WechatSignInBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, closed)
/** The demo county's ready-made accounts, for signing in from WeChat DevTools (development only). */
export const DemoAccountList = Type.Object({
  accounts: Type.Array(
    Type.Object({
      code: Type.String({ description: '给 POST /v1/auth/wechat 的 code（demo-<name>）' }),
      name: Type.String({ description: '演示账号的名字（编造的人）' })
    })
  )
})
export const OtpRequestBody = Type.Object({ phone: PhoneInput }, closed)
export const OtpRequestResult = Type.Object({ sent: Type.Boolean(), expiresInSeconds: Type.Integer() })
export const OtpVerifyBody = Type.Object({ phone: PhoneInput, code: Type.String({ pattern: '^\\d{6}$' }) }, closed)
export const Ok = Type.Object({ ok: Type.Boolean() })

// ---------- households and people ----------
export const Category = Type.Union(
  [
    Type.Literal('ordinary'),
    Type.Literal('wubao'),
    Type.Literal('dibao'),
    Type.Literal('tekun'),
    Type.Literal('poverty'),
    Type.Literal('family_planning'),
    Type.Literal('student'),
    Type.Literal('disabled'),
    Type.Literal('elderly')
  ],
  { description: '人员类别：普通、五保、低保、特困、脱贫人口、计生、学生、残疾、老年' }
)

export const EnrolmentStatus = Type.Union([
  Type.Literal('enrolled'),
  Type.Literal('unpaid'),
  Type.Literal('lapsed'),
  Type.Literal('pending_review')
])
export const Payer = Type.Union(
  [
    Type.Literal('self'),
    Type.Literal('civil_affairs'),
    Type.Literal('family_planning'),
    Type.Literal('employer'),
    Type.Literal('disabled_federation'),
    Type.Literal('veterans_affairs')
  ],
  { description: '缴费方：本人、民政、计生、单位、残联、退役军人事务部门' }
)

export const Enrolment = Type.Object({
  year: Year,
  status: EnrolmentStatus,
  payer: Nullable(Payer),
  amountPaid: Nullable(Money),
  coverageStart: Nullable(DateStr),
  coverageEnd: Nullable(DateStr),
  waitingPeriodEnd: Nullable(DateStr),
  benefitStart: Nullable(DateStr, {
    description:
      '从哪天起看病能报销（县里登记时由计算器按缴费日期算出，含补缴、晚交的等待期）；未参保为 null。缴费确认页、票据、首页都显示这一天'
  }),
  benefitEnd: Nullable(DateStr, { description: '报销到哪天为止；未参保为 null' }),
  orderId: Nullable(Id)
})

export const Person = Type.Object({
  personId: Id,
  name: Type.String(),
  idNumber: Nullable(Type.String({ description: '本人或户主查看时为完整号码，其他人看到的是掩码' }), {
    description: 'null：还没有身份证号（新生儿凭出生医学证明参保，上户口后补登）'
  }),
  idNumberMasked: Type.Boolean(),
  birthCertificateNumber: Type.Optional(
    Nullable(Type.String(), { description: '出生医学证明编号（没有身份证号的新生儿；他人看到的是掩码）' })
  ),
  sex: Sex,
  birthDate: DateStr,
  relation: Type.String({ description: '与户主关系' }),
  categories: Type.Array(Category),
  phone: Nullable(Type.String()),
  isHead: Type.Boolean(),
  enrolments: Type.Array(Enrolment),
  chronicDiseases: Type.Optional(
    Type.Array(Type.Object({ code: Type.String(), label: Type.String(), validFrom: DateStr }), {
      description: '已认定的门诊慢特病（病种代码、名称、从哪天起）；只给本户成员看，被授权的家人看不到'
    })
  )
})

export const Household = Type.Object({
  householdId: Id,
  householdNumber: Nullable(Type.String()),
  regionCode: Type.String(),
  township: Type.String(),
  village: Type.String(),
  headPersonId: Id,
  accountBalance: Nullable(Money),
  members: Type.Array(Person),
  viewer: Type.Object({
    relation: Type.Union([Type.Literal('head'), Type.Literal('member'), Type.Literal('grantee')]),
    scopes: Type.Array(Scope)
  })
})

// Binding an account to a household needs proof a stranger does not have (issue 15): the
// household booklet's number (户口簿户号) with the ID number and name, then a one-time code sent to
// the phone the county has for that person, or the head's approval from their own phone.
export const BindBody = Type.Object(
  {
    idNumber: IdNumberInput,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    householdNumber: Type.String({ minLength: 1, maxLength: 40, description: '户口簿上的户号' }),
    method: Type.Optional(
      Type.Union([Type.Literal('sms'), Type.Literal('head_approval')], {
        description: 'sms：验证码发到县里登记的本人手机（默认，有登记手机时）；head_approval：请户主在他的手机上确认'
      })
    )
  },
  closed
)
export const BindStart = Type.Object({
  method: Type.Union([Type.Literal('sms'), Type.Literal('head_approval'), Type.Literal('assisted')], {
    description: 'assisted：在手机上绑定不了（没有登记手机，也没有户主可以确认），message 说去哪里办'
  }),
  requestId: Nullable(Id),
  phoneMasked: Nullable(Type.String({ description: '验证码发到的手机（掩码）' })),
  expiresAt: Nullable(DateTime),
  message: Type.String({ description: '给村民看的一句话：验证码发到哪里、等谁确认、或者去哪里办' })
})
export const BindConfirmBody = Type.Object({ requestId: Id, code: Type.String({ pattern: '^\\d{6}$' }) }, closed)
export const BindingChannel = Type.Union([Type.Literal('weapp'), Type.Literal('h5')], {
  description: '从哪里绑定的：weapp 微信小程序，h5 网页'
})
export const BindingRequestStatus = Type.Union([
  Type.Literal('code_sent'),
  Type.Literal('waiting_for_head'),
  Type.Literal('bound'),
  Type.Literal('refused'),
  Type.Literal('expired')
])
export const BindingRequest = Type.Object({
  requestId: Id,
  householdId: Id,
  method: Type.Union([Type.Literal('sms'), Type.Literal('head_approval')]),
  status: BindingRequestStatus,
  personName: Type.String({ description: '要绑定的人（户主看到全名）' }),
  accountName: Type.String({ description: '申请的账号：微信用户或手机号（掩码）' }),
  channel: BindingChannel,
  from: Nullable(Type.String({ description: '申请时的网络地址（只显示前几段）' })),
  createdAt: DateTime,
  expiresAt: DateTime
})
export const BoundAccount = Type.Object({
  bindingId: Id,
  personId: Id,
  personName: Type.String(),
  accountName: Type.String({ description: '微信用户，或手机号（掩码）' }),
  channel: BindingChannel,
  via: Type.Union(
    [Type.Literal('sms_code'), Type.Literal('head_approval'), Type.Literal('before_proof'), Type.Literal('county')],
    { description: '怎么证明的：短信验证码、户主确认、以前只凭身份证号和姓名、县里办理' }
  ),
  from: Nullable(Type.String({ description: '绑定时的网络地址（只显示前几段）' })),
  boundAt: DateTime,
  removedAt: Nullable(DateTime),
  isYou: Type.Boolean({ description: '就是现在看的这个账号' })
})
export const BindingList = Type.Object({
  householdId: Id,
  accounts: Type.Array(BoundAccount),
  requests: Type.Array(BindingRequest, { description: '等户主确认的绑定申请' })
})
export const BindingRequestParams = Type.Object({ requestId: Id })
export const BindingParams = Type.Object({ bindingId: Id })

export const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, closed)

// ---------- policy ----------
export const PolicyQuery = Type.Object(
  {
    region: Type.String({ pattern: '^\\d{6}$' }),
    date: Type.Optional(DateStr)
  },
  closed
)
export const PolicyEnvelope = Type.Object({
  regionCode: Type.String(),
  version: Type.String(),
  effectiveFrom: DateStr,
  effectiveTo: Nullable(DateStr),
  document: Type.Unsafe<PolicyDocument>({
    description: '政策文件（计算器格式，见 docs/policy-format.md），与县里结算用的同一份'
  })
})

// ---------- contributions ----------
// Same shape as the calculator's Step, so the app renders API results and local estimates alike.
export const Step = Type.Object({
  rule: Type.String(),
  label: Type.String(),
  before: Type.Optional(Type.String()),
  after: Type.Optional(Type.String()),
  params: Type.Optional(Type.Record(Type.String(), Type.String())),
  source: Type.Optional(
    Type.Object({
      title: Type.String(),
      docNo: Type.Optional(Type.String()),
      clause: Type.Optional(Type.String()),
      url: Type.Optional(Type.String()),
      note: Type.Optional(Type.String())
    })
  )
})

export const QuoteLine = Type.Object({
  personId: Id,
  name: Type.String(),
  categories: Type.Array(Category),
  categoryLabel: Type.String(),
  payer: Payer,
  standard: Money,
  subsidy: Money,
  paidByOthers: Money,
  arrears: Money,
  due: Money,
  alreadyEnrolled: Type.Boolean(),
  benefitStart: Nullable(DateStr),
  benefitEnd: Nullable(DateStr)
})

export const Quote = Type.Object({
  householdId: Id,
  year: Year,
  policyVersion: Type.String(),
  collectionPeriod: Nullable(Type.Object({ start: DateStr, end: DateStr, open: Type.Boolean() })),
  lines: Type.Array(QuoteLine),
  total: Money,
  /** false: the county will not take this payment now (see issues) */
  payable: Type.Boolean(),
  issues: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
  steps: Type.Array(Step),
  calculation: Type.Unsafe<ContributionQuote | null>({ description: '计算器的完整缴费计算结果（ContributionQuote）' })
})

export const PayeeLookupBody = Type.Object(
  {
    idNumber: IdNumberInput,
    year: Type.Optional(Year)
  },
  closed
)
export const PayeeLookup = Type.Object({
  householdId: Id,
  year: Year,
  village: Type.String({ description: '村（用来确认是不是要找的这家）' }),
  membersMasked: Type.Array(Type.String(), { description: '这家人的姓名（掩码）；不给每人的金额和类别' }),
  total: Money
})

export const OrderStatus = Type.Union([
  Type.Literal('created'),
  Type.Literal('paying'),
  Type.Literal('paid'),
  Type.Literal('confirmed'),
  Type.Literal('expired'),
  Type.Literal('failed'),
  Type.Literal('paid_not_matched')
])
export const Channel = Type.Union([Type.Literal('weapp'), Type.Literal('h5')])

export const CreateOrderBody = Type.Object(
  {
    householdId: Type.Optional(Id),
    payeeIdNumber: Type.Optional(IdNumberInput),
    year: Year,
    channel: Channel
  },
  closed
)

export const Order = Type.Object({
  orderId: Id,
  householdId: Id,
  year: Year,
  status: OrderStatus,
  amount: Money,
  channel: Channel,
  persons: Type.Array(
    Type.Object({
      personId: Id,
      name: Type.String(),
      due: Nullable(Money, { description: '不是本户的缴费人看不到每人的金额（null），只看到合计' }),
      benefitStart: Nullable(DateStr, {
        description:
          '县里确认收款、登记参保后：从哪天起看病能报销（和参保记录、票据一致）；确认前、或不是本户的缴费人看时为 null'
      }),
      benefitEnd: Nullable(DateStr)
    })
  ),
  payerIsHousehold: Type.Boolean(),
  payerNameMasked: Type.String({ description: '发起缴费的人（姓名掩码，如 张**；没有绑定身份的用户为其显示名）' }),
  createdAt: DateTime,
  expiresAt: DateTime,
  paidAt: Nullable(DateTime),
  confirmedAt: Nullable(DateTime),
  receiptNumber: Nullable(Type.String()),
  failureReason: Nullable(Type.String())
})

export const WechatPayParams = Type.Object({
  timeStamp: Type.String(),
  nonceStr: Type.String(),
  package: Type.String(),
  signType: Type.Literal('RSA'),
  paySign: Type.String()
})
export const PaymentStart = Type.Object({
  orderId: Id,
  provider: Type.Union([Type.Literal('simulated'), Type.Literal('wechat')]),
  /** weapp: the parameters for wx.requestPayment (WeChat Pay JSAPI, paySign by the merchant key) */
  wechat: Nullable(WechatPayParams),
  /** h5 with WeChat Pay: WeChat's payment page (H5 payment); the app adds redirect_url and goes there */
  h5Url: Nullable(Type.String({ description: '微信支付 H5 支付页地址（只在 H5 渠道和微信支付时）' })),
  cashier: Nullable(
    Type.Object({
      orderId: Id,
      amount: Money,
      payUrl: Type.String(),
      failUrl: Type.String(),
      abandonUrl: Type.String()
    })
  )
})

export const PaymentNotifyBody = Type.Object({
  notifyId: Type.String({ minLength: 1, maxLength: 64 }),
  orderId: Id,
  transactionId: Type.String({ minLength: 1, maxLength: 64 }),
  result: Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAIL')]),
  amountFen: Type.Integer({ minimum: 0 }),
  paidAt: DateTime
})
export const NotifyAck = Type.Object({ code: Type.Literal('SUCCESS'), message: Type.String() })

/**
 * WeChat Pay APIv3's notify (payments and refunds), as WeChat sends it: signed in the
 * Wechatpay-Serial/Signature/Timestamp/Nonce headers over the raw body, the resource encrypted
 * with the APIv3 key. WeChat may add fields: other properties are allowed.
 */
export const WechatPayNotifyBody = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    create_time: Type.String({ maxLength: 40 }),
    event_type: Type.String({ maxLength: 64 }),
    resource_type: Type.String({ maxLength: 64 }),
    summary: Type.Optional(Type.String({ maxLength: 64 })),
    resource: Type.Object(
      {
        algorithm: Type.String({ maxLength: 32 }),
        ciphertext: Type.String({ maxLength: 16384 }),
        associated_data: Type.Optional(Type.String({ maxLength: 256 })),
        nonce: Type.String({ maxLength: 32 }),
        original_type: Type.Optional(Type.String({ maxLength: 64 }))
      },
      { additionalProperties: true }
    )
  },
  { additionalProperties: true }
)

// ---------- money the county could not book, and reconciliation (county staff) ----------
/** `notice.<notify id>` (money for an unknown order, a second payment), `order.<id>` (paid, not booked), `diff.<id>` (reconciliation) */
export const MoneyId = Type.String({ minLength: 3, maxLength: 100, pattern: '^(notice|order|diff)\\.[A-Za-z0-9_.-]+$' })
export const MoneyKind = Type.Union([
  Type.Literal('unknown_order'),
  Type.Literal('second_payment'),
  Type.Literal('not_matched'),
  Type.Literal('missing_in_county'),
  Type.Literal('missing_in_bill'),
  Type.Literal('amount_differs'),
  Type.Literal('refund_missing_in_county'),
  Type.Literal('refund_missing_in_bill')
])
export const RefundView = Type.Object({
  refundId: Id,
  status: Type.Union([
    Type.Literal('processing'),
    Type.Literal('succeeded'),
    Type.Literal('closed'),
    Type.Literal('abnormal')
  ]),
  amount: Money,
  reason: Type.String(),
  requestedAt: DateTime,
  completedAt: Nullable(DateTime)
})
export const UnbookedMoney = Type.Object({
  moneyId: MoneyId,
  kind: MoneyKind,
  /** the merchant order number the money came under (ours, or one the county never issued) */
  orderId: Nullable(Type.String()),
  householdId: Nullable(Id),
  transactionId: Nullable(Type.String()),
  /** what the provider took (or, for a refund, returned) */
  amount: Nullable(Money),
  /** what the county's books say, where they differ */
  countyAmount: Nullable(Money),
  at: DateTime,
  /** what is wrong, in plain words */
  detail: Type.String(),
  status: Type.Union([
    Type.Literal('open'),
    Type.Literal('refunding'),
    Type.Literal('refunded'),
    Type.Literal('attached'),
    Type.Literal('resolved')
  ]),
  /** what can be done: refund it, attach it to the right order, or close it with a note */
  actions: Type.Array(Type.Union([Type.Literal('refund'), Type.Literal('attach'), Type.Literal('resolve')])),
  refund: Nullable(RefundView),
  resolution: Nullable(Type.String())
})
export const UnbookedMoneyList = Type.Object({ items: Type.Array(UnbookedMoney) })
export const MoneyQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('all')]))
})
export const MoneyParams = Type.Object({ moneyId: MoneyId })
export const RefundMoneyBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 80 }) })
export const AttachMoneyBody = Type.Object({ orderId: Id })
export const ResolveMoneyBody = Type.Object({ note: Type.String({ minLength: 2, maxLength: 200 }) })
export const Reconciliation = Type.Object({
  billDate: DateStr,
  status: Type.Union([Type.Literal('matched'), Type.Literal('differences'), Type.Literal('no_bill')]),
  billLines: Type.Integer(),
  countyLines: Type.Integer(),
  differences: Type.Integer(),
  runAt: DateTime
})
export const ReconciliationList = Type.Object({ days: Type.Array(Reconciliation) })
// A county that collects through the tax bureau (COLLECTION_CHANNEL=tax_bureau): the bureau's
// results, imported by county staff, are what enrols the members the household paid for there.
export const TaxBureauPaymentRow = Type.Object(
  {
    bureauReceipt: Type.String({
      minLength: 4,
      maxLength: 40,
      pattern: '^[A-Za-z0-9-]+$',
      description: '税务部门的缴费凭证号（同一张凭证只登记一次）'
    }),
    idNumber: IdNumberInput,
    year: Year,
    amount: Type.String({ pattern: '^\\d{1,7}\\.\\d{2}$', description: '税务部门收到的金额（元，两位小数，大于0）' }),
    paidOn: DateStr
  },
  closed
)
export const TaxBureauImportBody = Type.Object(
  { rows: Type.Array(TaxBureauPaymentRow, { minItems: 1, maxItems: 2000 }) },
  closed
)
export const TaxBureauOutcome = Type.Union(
  [
    Type.Literal('enrolled'),
    Type.Literal('already_imported'),
    Type.Literal('already_enrolled'),
    Type.Literal('person_not_found'),
    Type.Literal('amount_differs'),
    Type.Literal('no_benefit_period')
  ],
  {
    description:
      'enrolled：已登记参保；already_imported：这张凭证登记过了；already_enrolled：此人这一年已经参保（需经税务退费）；person_not_found：花名册里没有这个身份证号；amount_differs：金额与政策应缴不符；no_benefit_period：按缴费日期当年已没有待遇期'
  }
)
export const TaxBureauImportResult = Type.Object({
  bureauReceipt: Type.String(),
  outcome: TaxBureauOutcome,
  /** the person (masked), where found */
  nameMasked: Nullable(Type.String()),
  householdId: Nullable(Id),
  benefitStart: Nullable(DateStr),
  /** what happened, in plain words for the reviewer */
  message: Type.String()
})
export const TaxBureauImport = Type.Object({
  results: Type.Array(TaxBureauImportResult),
  enrolled: Type.Integer(),
  needsAttention: Type.Integer()
})
export const BillDateParams = Type.Object({ billDate: DateStr })

export const Receipt = Type.Object({
  receiptNumber: Type.String(),
  orderId: Id,
  householdId: Id,
  year: Year,
  amount: Money,
  payerNameMasked: Type.String({ description: '缴费人（姓名掩码）' }),
  paidAt: DateTime,
  issuedAt: DateTime,
  issuer: Type.String(),
  persons: Type.Array(
    Type.Object({
      name: Type.String(),
      idNumber: Nullable(Type.String(), { description: 'null：新生儿还没有身份证号' }),
      amount: Nullable(Money, { description: '不是本户的缴费人看不到每人的金额（null）' }),
      coverageStart: DateStr,
      coverageEnd: DateStr,
      benefitStart: DateStr,
      benefitEnd: DateStr
    }),
    { description: 'benefitStart/benefitEnd：县里的参保记录上从哪天起、到哪天能报销（含等待期），和首页一致' }
  )
})

export const OrderList = Type.Object({ orders: Type.Array(Order), next: Type.Optional(Nullable(PageCursor)) })

// ---------- claims ----------
export const ClaimStage = Type.Union(
  [Type.Literal('accepted'), Type.Literal('reviewing'), Type.Literal('publicized'), Type.Literal('paid_out')],
  { description: '受理、审核、公示、拨付' }
)
export const Claim = Type.Object({
  claimId: Id,
  personId: Id,
  personName: Type.String({ description: '看病的人（姓名，和家庭成员里的一样）：转发的截图也说得清是谁' }),
  year: Year,
  kind: Type.Union([Type.Literal('inpatient'), Type.Literal('outpatient'), Type.Literal('chronic')]),
  institutionId: Nullable(Id),
  institutionName: Type.String(),
  admissionDate: DateStr,
  dischargeDate: Nullable(DateStr),
  totalCost: Money,
  eligibleCost: Money,
  payout: Money,
  selfPaid: Money,
  stage: ClaimStage,
  timeline: Type.Array(Type.Object({ stage: ClaimStage, date: DateStr })),
  policyVersion: Type.String(),
  steps: Type.Array(Step),
  settlement: Type.Unsafe<Settlement | null>({ description: '计算器的结算结果（Settlement），含各部分金额' }),
  estimate: Type.Optional(
    Nullable(
      Type.Object({
        estimateId: Id,
        keptAt: DateTime,
        match: Type.String({ description: '怎么认出是这次看病的估算' }),
        comparison: Type.Unsafe<EstimateComparison>({
          description: '计算器 compareEstimate：估算和实际的各项数，和不同的每一项（哪条规则、差多少、为什么）'
        })
      }),
      { description: '这户交给县里保存过这次看病的估算时（只给本户成员）：估算和实际放在一起比；没有就不出现' }
    )
  )
})
// ---------- estimates kept with the county (opt-in; deleted on request) ----------
export const KeepEstimateBody = Type.Object(
  {
    answers: Type.Unsafe<EstimateAnswers>({
      type: 'object',
      description: '计算器 estimate 的输入（EstimateAnswers）；县里用同一个计算器、同一份政策重算后保存'
    }),
    admissionDate: DateStr,
    dischargeDate: Type.Optional(DateStr)
  },
  closed
)
export const KeptEstimate = Type.Object({
  estimateId: Id,
  personId: Id,
  keptAt: DateTime,
  kind: Type.String(),
  admissionDate: DateStr,
  dischargeDate: Nullable(DateStr),
  total: Money,
  basicFund: Money,
  insurancePaid: Money,
  policyVersion: Type.String(),
  steps: Type.Array(Step)
})
export const KeptEstimateList = Type.Object({ estimates: Type.Array(KeptEstimate) })
export const EstimateParams = Type.Object({ estimateId: Id })
export const EstimateDeleted = Type.Object({ estimateId: Id, deleted: Type.Literal(true) })
export type KeptEstimate = Static<typeof KeptEstimate>

/** A yearly limit: what it is, what is used, what is left (the calculator's YearMeter). */
export const YearMeter = Type.Object({
  limit: Nullable(Money, { description: 'null：不设限额，或政策里没有这个数（见 missingNote）' }),
  used: Money,
  left: Nullable(Money, { description: '还剩多少；没有已知限额时为 null' }),
  missingNote: Type.Optional(Type.String())
})
/**
 * A person's coverage year at a glance: the calculator's yearSummary of their settled claims,
 * computed by the county (the app shows it as sent, it adds nothing itself).
 */
export const ClaimYearSummary = Type.Object(
  {
    coverageYear: Type.Object({ start: DateStr, end: DateStr }),
    policyId: Type.String(),
    policyVersion: Type.String({ description: '限额所依据的政策版本（当年最后一笔结算用的版本）' }),
    claims: Type.Integer({ description: '计入的已结算报销笔数' }),
    admissions: Type.Integer({ description: '住院次数' }),
    total: Money,
    insurancePaid: Money,
    basicFund: Money,
    catastrophic: Money,
    assistance: Money,
    householdAccount: Money,
    patientPays: Money,
    deductible: Type.Object({ inpatient: Money, outpatient: Money, special: Money, total: Money }),
    annualCap: Nullable(YearMeter),
    outpatientLimit: Nullable(YearMeter),
    specialLimit: Nullable(YearMeter),
    catastrophicLayer: Nullable(
      Type.Object({
        threshold: Nullable(Money),
        base: Money,
        paid: Money,
        toGo: Nullable(Money),
        missingNote: Type.Optional(Type.String())
      })
    )
  },
  { description: '计算器 yearSummary 的结果：这一年的合计、起付线、封顶线、门诊限额和大病保险' }
)
// the schema is the calculator's YearSummary, field for field (tsc fails here if they drift)
const _sameAsCalculator: [
  (x: YearSummary) => Static<typeof ClaimYearSummary>,
  (x: Static<typeof ClaimYearSummary>) => YearSummary
] = [(x) => x, (x) => x]
void _sameAsCalculator

export const ClaimList = Type.Object({
  personId: Id,
  year: Year,
  /** the same as summary.annualCap (kept for existing clients) */
  cap: Nullable(Money),
  capUsed: Money,
  capRemaining: Nullable(Money),
  summary: Nullable(ClaimYearSummary, {
    description: '这一年的合计（计算器 yearSummary，县里算好）；null：县里没有这一年的政策，也没有报销'
  }),
  claims: Type.Array(Claim)
})

// ---------- claim concerns ("多收钱了吗？") ----------
export const ConcernKind = Type.Union([Type.Literal('paid-extra'), Type.Literal('dispute')], {
  description: 'paid-extra：医院让多交了钱（填金额）；dispute：对这笔报销有疑问（填说明）'
})
export const ConcernStatus = Type.Union(
  [Type.Literal('received'), Type.Literal('investigating'), Type.Literal('resolved')],
  { description: '已收到、正在核查、已答复' }
)
export const ClaimConcernBody = Type.Object(
  {
    kind: ConcernKind,
    amount: Type.Optional(Nullable(Money)),
    note: Type.Optional(Type.String({ maxLength: 200 }))
  },
  closed
)
export const ClaimConcern = Type.Object({
  concernId: Id,
  trackingNumber: Type.String({ description: '受理号，如 FK-2026-000123', examples: ['FK-2026-000123'] }),
  claimId: Id,
  kind: ConcernKind,
  amount: Nullable(Money),
  note: Nullable(Type.String()),
  status: ConcernStatus,
  createdAt: DateTime,
  resolution: Nullable(Type.String())
})
export const ClaimConcernList = Type.Object({ claimId: Id, concerns: Type.Array(ClaimConcern) })
export const ConcernParams = Type.Object({ concernId: Id })
export const ConcernReviewQuery = Type.Object(
  { status: Type.Optional(ConcernStatus), limit: Type.Optional(PageLimit), after: Type.Optional(PageCursor) },
  closed
)
export const ConcernReviewList = Type.Object({ concerns: Type.Array(ClaimConcern), next: Nullable(PageCursor) })
export const ConcernUpdateBody = Type.Object(
  {
    status: Type.Union([Type.Literal('investigating'), Type.Literal('resolved')]),
    resolution: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: '给村民的答复（答复时必填），如“已责令医院退还200.50元”'
      })
    )
  },
  { additionalProperties: false }
)

// ---------- institutions ----------
export const Institution = Type.Object({
  institutionId: Id,
  name: Type.String(),
  level: Type.Union([
    Type.Literal('village'),
    Type.Literal('township'),
    Type.Literal('county'),
    Type.Literal('city'),
    Type.Literal('provincial')
  ]),
  grade: Type.String({ description: '等级，如 一级甲等、未定级' }),
  ownership: Type.Union([Type.Literal('public'), Type.Literal('private')]),
  township: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  instantSettlement: Type.Boolean(),
  agreement: Type.Object({
    status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('terminated')]),
    since: DateStr,
    until: Nullable(DateStr)
  })
})
export const InstitutionQuery = Type.Object(
  {
    township: Type.Optional(Type.String()),
    level: Type.Optional(Type.String()),
    status: Type.Optional(Type.String())
  },
  closed
)
export const InstitutionList = Type.Object({ institutions: Type.Array(Institution) })

// ---------- family access ----------
export const CreateInvitationBody = Type.Object(
  {
    scopes: Type.Array(Scope, { minItems: 1, uniqueItems: true }),
    ttlMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 10080 }))
  },
  closed
)
export const Invitation = Type.Object({
  invitationId: Id,
  code: Type.String(),
  qrPayload: Type.String(),
  scopes: Type.Array(Scope),
  expiresAt: DateTime
})
export const AcceptInvitationBody = Type.Object({ code: Type.String({ minLength: 4, maxLength: 64 }) }, closed)
export const Grant = Type.Object({
  grantId: Id,
  householdId: Id,
  granteeUserId: Id,
  granteeName: Type.String(),
  scopes: Type.Array(Scope),
  createdAt: DateTime,
  expiresAt: DateTime,
  revokedAt: Nullable(DateTime),
  ended: Type.Optional(
    Nullable(
      Type.Union([Type.Literal('revoked'), Type.Literal('left'), Type.Literal('replaced'), Type.Literal('expired')], {
        description: '怎么结束的：户主撤销、家人自己不看了、换了新的授权、到期'
      })
    )
  )
})
export const GrantList = Type.Object({ grants: Type.Array(Grant) })
export const AccessLogEntry = Type.Object({
  at: DateTime,
  granteeName: Type.String({ description: '谁：被授权的家人、新绑定的账号，或县里的审核员' }),
  action: Type.String(),
  scope: Nullable(Scope, { description: '用的哪项权限（授权和绑定本身的记录没有）' })
})
export const AccessLog = Type.Object({ entries: Type.Array(AccessLogEntry) })

// ---------- remote enrolment ----------
const CareKind = Type.Union([Type.Literal('inpatient'), Type.Literal('outpatient')], { description: '住院或门诊' })
const InstitutionLevel = Type.Union(
  [
    Type.Literal('village'),
    Type.Literal('township'),
    Type.Literal('county'),
    Type.Literal('city'),
    Type.Literal('provincial')
  ],
  { description: '村卫生室、乡镇卫生院、县级、市级、省级医院' }
)
/** an amount as typed: the county reads it (YuanInput) and answers a plain sentence when it cannot */
const YuanInput = (description: string) =>
  Type.String({ minLength: 1, maxLength: 24, description: `${description}；元，如 3200.50` })
export const ApplicationKind = Type.Union(
  [
    Type.Literal('add_newborn'),
    Type.Literal('add_marriage'),
    Type.Literal('add_return'),
    Type.Literal('renew_remote'),
    Type.Literal('out_of_area_care'),
    Type.Literal('add_id_number'),
    Type.Literal('chronic_disease'),
    Type.Literal('assist_consent'),
    Type.Literal('reimbursement')
  ],
  {
    description:
      'add_id_number：凭出生医学证明参保的孩子上了户口后补登身份证号（personId + idNumber）；chronic_disease：门诊慢特病认定（personId + diseaseCode + hospital + diagnosisDate，附医院诊断证明）；assist_consent：代办人交来的代办同意书照片，县里确认后代办才生效（只能由代办页提交：POST /v1/assist/consents，method=form）；reimbursement：手工报销自己垫付的钱（personId + careKind + hospital + institutionLevel + outOfCounty + admissionDate/dischargeDate + totalCost/selfPayCost + 收款银行账户，附发票、费用清单、出院小结），县里用计算器结算'
  }
)
export const ApplicationStatus = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('needs_more'),
  Type.Literal('approved'),
  Type.Literal('rejected')
])
export const ApplicationFields = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    idNumber: Type.Optional(IdNumberInput),
    /** a newborn without an ID number yet: the birth certificate's number, birth date and sex */
    birthCertificateNumber: Type.Optional(BirthCertificateNumber),
    birthDate: Type.Optional(DateStr),
    sex: Type.Optional(Sex),
    relation: Type.Optional(Type.String({ maxLength: 20 })),
    personId: Type.Optional(Id),
    year: Type.Optional(Year),
    destination: Type.Optional(Type.String({ maxLength: 100 })),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
    from: Type.Optional(DateStr),
    to: Type.Optional(DateStr),
    /** 门诊慢特病认定: the disease code from the county policy's list, the diagnosing hospital and date */
    diseaseCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    hospital: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    diagnosisDate: Type.Optional(DateStr),
    /** 手工报销: the stay (hospital is the one above), its bill and where the payout goes */
    careKind: Type.Optional(CareKind),
    institutionLevel: Type.Optional(InstitutionLevel),
    outOfCounty: Type.Optional(Type.Boolean({ description: '在县外看的病' })),
    referred: Type.Optional(Type.Boolean({ description: '县外就医前办了转诊或异地备案' })),
    admissionDate: Type.Optional(DateStr),
    dischargeDate: Type.Optional(DateStr),
    totalCost: Type.Optional(YuanInput('总费用（发票上的合计）')),
    selfPayCost: Type.Optional(YuanInput('其中自费的部分（费用清单上不在医保目录里的，没有填 0）')),
    bankName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    accountName: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '户名' })),
    accountNumber: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: '收款银行卡号：只在提交时发送；之后的答复里只有 accountNumberMasked（如 6222********1234）'
      })
    )
  },
  { additionalProperties: false }
)
export const CreateApplicationBody = Type.Object(
  { householdId: Id, kind: ApplicationKind, fields: ApplicationFields },
  closed
)
export const ApplicationDocument = Type.Object({
  documentId: Id,
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  uploadedAt: DateTime
})
export const Application = Type.Object({
  applicationId: Id,
  householdId: Id,
  kind: ApplicationKind,
  status: ApplicationStatus,
  fields: Type.Unknown(),
  documents: Type.Array(ApplicationDocument),
  reason: Nullable(Type.String()),
  submittedAt: DateTime,
  decidedAt: Nullable(DateTime)
})
export const ApplicationList = Type.Object({
  applications: Type.Array(Application),
  next: Type.Optional(Nullable(PageCursor))
})
export const ReviewDecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('needs_more')]),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 }))
  },
  closed
)
export const ReviewQuery = Type.Object(
  { status: Type.Optional(ApplicationStatus), limit: Type.Optional(PageLimit), after: Type.Optional(PageCursor) },
  closed
)
export const PageQuery = Type.Object({ limit: Type.Optional(PageLimit), after: Type.Optional(PageCursor) }, closed)
export const DocumentParams = Type.Object({ documentId: Id })

// ---------- notices ----------
export const Notice = Type.Object({
  noticeId: Id,
  kind: Type.Union([Type.Literal('announcement'), Type.Literal('payout_disclosure')]),
  title: Type.String(),
  publishedAt: DateTime,
  body: Type.String(),
  entries: Type.Array(
    Type.Object({
      nameMasked: Type.String(),
      village: Type.String(),
      kind: Type.String(),
      totalCost: Money,
      payout: Money
    })
  )
})
export const NoticeList = Type.Object({ notices: Type.Array(Notice) })
export const NoticeQuery = Type.Object({ kind: Type.Optional(Type.String()) }, closed)
export const NoticeParams = Type.Object({ noticeId: Id })
export const NoticeRead = Type.Object({ noticeId: Id, readAt: DateTime })
export const NoticeReadList = Type.Object({ reads: Type.Array(NoticeRead) })

// ---------- statements (参保缴费证明) ----------
export const StatementQuery = Type.Object({ year: Type.Optional(Year) }, closed)
export const StatementParams = Type.Object({ householdId: Id })
export const StatementCodeParams = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 40, description: '证明上的核验码，如 ZM-2026-7KQ4-M2XD' })
})
const StatementTotals = Type.Object({
  contributions: Money,
  claims: Type.Integer({ minimum: 0, description: '报销了几次' }),
  totalCost: Money,
  basicFund: Money,
  catastrophic: Money,
  assistance: Money,
  insurancePaid: Money,
  householdAccount: Money,
  patientPays: Money
})
export const Statement = Type.Object({
  verificationCode: Type.String({ description: '核验码：GET /v1/statements/verify/{code} 答复这份证明是否县里开的' }),
  householdId: Id,
  year: Year,
  issuedAt: DateTime,
  issuer: Type.String(),
  township: Type.String(),
  village: Type.String(),
  headName: Type.String(),
  members: Type.Array(
    Type.Object({
      personId: Id,
      name: Type.String(),
      relation: Type.String(),
      idNumberMasked: Nullable(Type.String(), { description: '证明会转给别人看：身份证号一律掩码' }),
      status: Nullable(EnrolmentStatus, { description: '这一年的参保状态；null：这一年没有记录' }),
      payer: Nullable(Payer),
      amountPaid: Nullable(Money),
      benefitStart: Nullable(DateStr),
      benefitEnd: Nullable(DateStr)
    })
  ),
  payments: Type.Array(
    Type.Object({
      receiptNumber: Type.String(),
      paidAt: DateTime,
      amount: Money,
      payerNameMasked: Type.String(),
      members: Type.Array(Type.String())
    })
  ),
  claims: Type.Array(
    Type.Object({
      claimId: Id,
      personName: Type.String(),
      kind: Type.Union([Type.Literal('inpatient'), Type.Literal('outpatient'), Type.Literal('chronic')]),
      institutionName: Type.String(),
      admissionDate: DateStr,
      totalCost: Money,
      basicFund: Money,
      catastrophic: Money,
      assistance: Money,
      insurancePaid: Money,
      householdAccount: Money,
      patientPays: Money
    })
  ),
  totals: StatementTotals
})
export const StatementCheck = Type.Object({
  genuine: Type.Boolean({ description: 'true：县里开过这份证明（下面是开证明时的数字，可和纸上的对照）' }),
  code: Type.String(),
  year: Type.Optional(Year),
  issuedAt: Type.Optional(DateTime),
  issuer: Type.Optional(Type.String()),
  village: Type.Optional(Type.String()),
  headNameMasked: Type.Optional(Type.String()),
  members: Type.Optional(Type.Integer({ minimum: 0 })),
  totals: Type.Optional(StatementTotals)
})

// ---------- params ----------
export const HouseholdParams = Type.Object({ householdId: Id })
export const PersonParams = Type.Object({ personId: Id })
export const OrderParams = Type.Object({ orderId: Id })
export const ClaimParams = Type.Object({ claimId: Id })
export const GrantParams = Type.Object({ grantId: Id })
export const InstitutionParams = Type.Object({ institutionId: Id })
export const ApplicationParams = Type.Object({ applicationId: Id })

// ---------- household notifications and reminder subscriptions (issue #6) ----------
// Someone other than the head paid for the household: the household is told who (masked), how
// much, for which year and whom, with the receipt number. No ID numbers or phones in it.
export const PaidByOther = Type.Object({
  orderId: Id,
  year: Year,
  amount: Money,
  payerNameMasked: Type.String({ description: '缴费人（姓名掩码，如 王*强、阿***·***）' }),
  payerIsHousehold: Type.Boolean({ description: '缴费人是本户家人（成员）；被授权的家人或按身份证号代缴的人为 false' }),
  members: Type.Array(Type.String(), { description: '为谁交的：户内看到的姓名' }),
  receiptNumber: Type.String(),
  paidAt: DateTime
})
// An account was bound to the household, or asks the head to approve its binding (issue 15).
export const BindingNotice = Type.Object({
  bindingId: Nullable(Id),
  requestId: Nullable(Id),
  personName: Type.String({ description: '绑定的是家里的谁' }),
  accountName: Type.String({ description: '微信用户，或手机号（掩码）' }),
  channel: BindingChannel,
  at: DateTime
})
const NoticeCommon = {
  notificationId: Id,
  householdId: Id,
  createdAt: DateTime,
  /** when the caller tapped 知道了 (each user their own); null: not yet */
  readAt: Nullable(DateTime)
}
export const HouseholdNotification = Type.Union([
  Type.Object({
    ...NoticeCommon,
    kind: Type.Literal('paid_by_other', { description: 'paid_by_other：户主以外的人为本户交了医保费' }),
    payment: PaidByOther
  }),
  Type.Object({
    ...NoticeCommon,
    kind: Type.Union([Type.Literal('new_binding'), Type.Literal('binding_request')], {
      description: 'new_binding：有账号绑定了本户（只告诉户主）；binding_request：有人请户主确认绑定'
    }),
    binding: BindingNotice
  })
])
export const HouseholdNotificationList = Type.Object({
  householdId: Id,
  notifications: Type.Array(HouseholdNotification)
})
export const NotificationParams = Type.Object({ notificationId: Id })

export const ReminderKind = Type.Union(
  [
    Type.Literal('deadline'),
    Type.Literal('result'),
    Type.Literal('window'),
    Type.Literal('claim'),
    Type.Literal('decision'),
    Type.Literal('binding')
  ],
  {
    description:
      'deadline：缴费截止提醒；result：缴费结果通知；window：开始缴费提醒；claim：报销到账通知；decision：申请办理结果；binding：有账号绑定了本户（只发给户主）'
  }
)
export const SubscriptionsBody = Type.Object(
  {
    householdId: Id,
    year: Type.Optional(Year),
    channel: Type.Optional(Channel),
    templates: Type.Array(Type.Object({ kind: ReminderKind, accepted: Type.Boolean() }, closed), {
      minItems: 1,
      maxItems: 6
    })
  },
  closed
)
export const Subscription = Type.Object({
  kind: ReminderKind,
  accepted: Type.Boolean({ description: '用户在微信的订阅消息弹窗里是否同意（一次同意可发一条）' }),
  year: Nullable(Year),
  channel: Channel,
  updatedAt: DateTime
})
export const SentMessage = Type.Object({
  kind: ReminderKind,
  title: Type.String({ description: '消息的标题，如“缴费截止提醒”' }),
  sentAt: DateTime
})
export const SubscriptionList = Type.Object({
  householdId: Id,
  subscriptions: Type.Array(Subscription),
  sent: Type.Array(SentMessage, { description: '县里已经通过微信发给这个用户的消息（本户，最近的在前，最多 5 条）' }),
  /** the county's subscribe-message template ids (its configuration); null: the county sends no such message */
  templateIds: Type.Object({
    deadline: Nullable(Type.String()),
    result: Nullable(Type.String()),
    window: Nullable(Type.String()),
    claim: Nullable(Type.String()),
    decision: Nullable(Type.String()),
    binding: Nullable(Type.String())
  })
})
export const SubscriptionQuery = Type.Object({ householdId: Id }, closed)

export type PaidByOther = Static<typeof PaidByOther>
export type BindingNotice = Static<typeof BindingNotice>
export type BindStart = Static<typeof BindStart>
export type BindingRequest = Static<typeof BindingRequest>
export type BoundAccount = Static<typeof BoundAccount>
export type BindingList = Static<typeof BindingList>
export type HouseholdNotification = Static<typeof HouseholdNotification>
export type HouseholdNotificationList = Static<typeof HouseholdNotificationList>
export type ReminderKind = Static<typeof ReminderKind>
export type SubscriptionsBody = Static<typeof SubscriptionsBody>
export type Subscription = Static<typeof Subscription>
export type SubscriptionList = Static<typeof SubscriptionList>
export type SentMessage = Static<typeof SentMessage>

export type Me = Static<typeof Me>
export type Session = Static<typeof Session>
export type DemoAccountList = Static<typeof DemoAccountList>
export type Scope = Static<typeof Scope>
export type Role = Static<typeof Role>
export type HouseholdLink = Static<typeof HouseholdLink>
export type Category = Static<typeof Category>
export type Person = Static<typeof Person>
export type Household = Static<typeof Household>
export type Enrolment = Static<typeof Enrolment>
export type EnrolmentStatus = Static<typeof EnrolmentStatus>
export type Payer = Static<typeof Payer>
export type PolicyEnvelope = Static<typeof PolicyEnvelope>
export type Step = Static<typeof Step>
export type Quote = Static<typeof Quote>
export type QuoteLine = Static<typeof QuoteLine>
export type PayeeLookup = Static<typeof PayeeLookup>
export type OrderStatus = Static<typeof OrderStatus>
export type Order = Static<typeof Order>
export type Channel = Static<typeof Channel>
export type CreateOrderBody = Static<typeof CreateOrderBody>
export type PaymentStart = Static<typeof PaymentStart>
export type WechatPayParams = Static<typeof WechatPayParams>
export type PaymentNotifyBody = Static<typeof PaymentNotifyBody>
export type WechatPayNotifyBody = Static<typeof WechatPayNotifyBody>
export type UnbookedMoney = Static<typeof UnbookedMoney>
export type TaxBureauImportBody = Static<typeof TaxBureauImportBody>
export type TaxBureauImport = Static<typeof TaxBureauImport>
export type TaxBureauOutcome = Static<typeof TaxBureauOutcome>
export type MoneyKind = Static<typeof MoneyKind>
export type RefundView = Static<typeof RefundView>
export type Reconciliation = Static<typeof Reconciliation>
export type Receipt = Static<typeof Receipt>
export type ClaimStage = Static<typeof ClaimStage>
export type Claim = Static<typeof Claim>
export type ClaimList = Static<typeof ClaimList>
export type ClaimYearSummary = Static<typeof ClaimYearSummary>
export type YearMeter = Static<typeof YearMeter>
export type ConcernKind = Static<typeof ConcernKind>
export type ConcernStatus = Static<typeof ConcernStatus>
export type ClaimConcernBody = Static<typeof ClaimConcernBody>
export type ClaimConcern = Static<typeof ClaimConcern>
export type ClaimConcernList = Static<typeof ClaimConcernList>
export type ConcernReviewList = Static<typeof ConcernReviewList>
export type ConcernUpdateBody = Static<typeof ConcernUpdateBody>
export type Institution = Static<typeof Institution>
export type Invitation = Static<typeof Invitation>
export type Grant = Static<typeof Grant>
export type AccessLogEntry = Static<typeof AccessLogEntry>
export type ApplicationKind = Static<typeof ApplicationKind>
export type ApplicationStatus = Static<typeof ApplicationStatus>
export type Application = Static<typeof Application>
export type ApplicationFields = Static<typeof ApplicationFields>
export type Notice = Static<typeof Notice>
export type NoticeList = Static<typeof NoticeList>
export type Statement = Static<typeof Statement>
export type StatementCheck = Static<typeof StatementCheck>

// ---- read aloud ----
/** 普通话 (cmn) or a dialect, as ISO 639-3 codes: 粤语 (yue). */
export const SpeechVoice = Type.Union([Type.Literal('cmn'), Type.Literal('yue')])
export const SpeechVoices = Type.Object({
  voices: Type.Array(Type.Object({ id: SpeechVoice, label: Type.String() }))
})
export const SpeechBody = Type.Object(
  {
    /** what the screen says, at most 200 characters (a member's status is about 60); the screen's
     * words always hold Chinese, so text without a Chinese character is not the app's (and the
     * endpoint is no general text-to-speech service) */
    text: Type.String({ minLength: 1, maxLength: 200, pattern: '[\\u3400-\\u9fff]' }),
    voice: SpeechVoice
  },
  { additionalProperties: false }
)
export const Speech = Type.Object({
  voice: SpeechVoice,
  mimeType: Type.Literal('audio/mpeg'),
  /** the MP3, base64 (the app writes it to a file on weapp, plays it as a data: URL on h5) */
  audioBase64: Type.String(),
  seconds: Type.Number()
})
export type SpeechVoice = Static<typeof SpeechVoice>
export type SpeechVoices = Static<typeof SpeechVoices>
export type SpeechBody = Static<typeof SpeechBody>
export type Speech = Static<typeof Speech>

// ---------- the county staff's workspace (issue 18) ----------
/** What kind of thing waits in the queue: each source is one table of reviewable requests. */
export const QueueSource = Type.String({
  pattern: '^[a-z_]{1,32}$',
  description: 'application（网上申请）；报销申请、慢特病认定等加进来时各有自己的 source'
})
export const StaffQueueQuery = Type.Object(
  {
    source: Type.Optional(QueueSource),
    kind: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$', description: '申请种类，如 add_newborn' })),
    status: Type.Optional(
      Type.String({
        pattern: '^[a-z_]{1,32}$',
        description: '默认 submitted（等审核）；needs_more、approved、rejected'
      })
    ),
    township: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    limit: Type.Optional(PageLimit),
    after: Type.Optional(PageCursor)
  },
  closed
)
export const QueueItem = Type.Object({
  source: QueueSource,
  itemId: Id,
  kind: Type.String(),
  status: Type.String(),
  householdId: Id,
  township: Type.String(),
  village: Type.String(),
  headNameMasked: Type.String(),
  submittedAt: DateTime,
  documentCount: Type.Integer(),
  reason: Nullable(Type.String())
})
export const StaffQueue = Type.Object({
  items: Type.Array(QueueItem),
  next: Nullable(PageCursor),
  /** what the filters would find in each status (the tabs' counts) */
  counts: Type.Record(Type.String(), Type.Integer())
})
export const StaffMember = Type.Object({
  personId: Id,
  name: Type.String(),
  relation: Type.String(),
  birthDate: DateStr,
  idNumberMasked: Nullable(Type.String())
})
export const StaffApplication = Type.Object({
  application: Application,
  /** 门诊慢特病: the applied-for disease's name in the county's list (the fields carry its code) */
  diseaseName: Type.Optional(Type.String()),
  household: Type.Object({
    householdId: Id,
    township: Type.String(),
    village: Type.String(),
    headNameMasked: Type.String(),
    members: Type.Array(StaffMember)
  })
})
export const StaffAuditQuery = Type.Object(
  {
    householdId: Type.Optional(Id),
    actorUserId: Type.Optional(Id),
    limit: Type.Optional(PageLimit),
    after: Type.Optional(PageCursor)
  },
  closed
)
export const StaffAuditEntry = Type.Object({
  at: DateTime,
  actorUserId: Id,
  actorName: Type.String(),
  actorRole: Role,
  action: Type.String(),
  householdId: Id,
  subject: Nullable(Type.String({ description: '看的哪份材料、哪份申请、哪次代办' }))
})
export const StaffAudit = Type.Object({ entries: Type.Array(StaffAuditEntry), next: Nullable(PageCursor) })
/** A notice the county writes: published at once, or at `publishAt` (scheduled); a 公示 list is made
 * by the county from the year's large inpatient payouts, names masked. */
export const StaffNoticeBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('announcement'), Type.Literal('payout_disclosure')]),
    title: Type.String({ minLength: 1, maxLength: 60 }),
    body: Type.String({ minLength: 1, maxLength: 2000 }),
    publishAt: Type.Optional(DateTime),
    disclosureYear: Type.Optional(Year)
  },
  closed
)
/** Changing a notice the villagers cannot see yet (a public one is withdrawn and written again). */
export const StaffNoticeEditBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 60 }),
    body: Type.String({ minLength: 1, maxLength: 2000 }),
    publishAt: Type.Optional(DateTime)
  },
  closed
)
export const StaffNoticeWithdrawBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200, description: '为什么撤回（县里留底，村民看不到）' }) },
  closed
)
export const StaffNoticeItem = Type.Object({
  notice: Notice,
  scheduled: Type.Boolean(),
  withdrawn: Type.Union([Type.Null(), Type.Object({ at: DateTime, reason: Type.String() })])
})
export const StaffNoticeList = Type.Object({ notices: Type.Array(StaffNoticeItem) })
export type QueueItem = Static<typeof QueueItem>
export type StaffQueue = Static<typeof StaffQueue>
export type StaffApplication = Static<typeof StaffApplication>
export type StaffAuditEntry = Static<typeof StaffAuditEntry>
export type StaffNoticeItem = Static<typeof StaffNoticeItem>

// ---------- assisted path: a 村医 or 协管员 acting for a household (issue 18) ----------
/** status: 查参保情况; pay: 替这户缴费（票据归这户）; enrol: 替这户申请新生儿参保 */
export const AssistScope = Type.Union([Type.Literal('status'), Type.Literal('pay'), Type.Literal('enrol')])
export const AssistStartBody = Type.Object(
  {
    idNumber: IdNumberInput,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    householdNumber: Type.String({ minLength: 1, maxLength: 32 }),
    method: Type.Optional(
      Type.Union([Type.Literal('code'), Type.Literal('form')], {
        description:
          'code（默认）：验证码发到这户登记的手机；form：这户没有手机或收不到，拍户主签字的代办同意书，县里确认后生效'
      })
    )
  },
  closed
)
export const AssistConfirmBody = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, closed)
export const AssistParams = Type.Object({ consentId: Id })
export const AssistAction = Type.Object({ at: DateTime, action: Type.String() })
export const AssistConsent = Type.Object({
  consentId: Id,
  householdId: Id,
  headNameMasked: Type.String(),
  village: Type.String(),
  assistantName: Type.String(),
  status: Type.Union([
    Type.Literal('code_sent'),
    Type.Literal('form_pending'),
    Type.Literal('active'),
    Type.Literal('ended'),
    Type.Literal('revoked'),
    Type.Literal('refused')
  ]),
  /** the consent form's application (method form): the photo goes there, the county decides it there */
  applicationId: Nullable(Id),
  scopes: Type.Array(AssistScope),
  phoneMasked: Nullable(Type.String()),
  createdAt: DateTime,
  expiresAt: DateTime,
  confirmedAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
  actions: Type.Array(AssistAction)
})
export const AssistConsentList = Type.Object({ consents: Type.Array(AssistConsent) })
export type AssistScope = Static<typeof AssistScope>
export type AssistConsent = Static<typeof AssistConsent>
export type AssistConsentList = Static<typeof AssistConsentList>

// ---------- 手工报销: the county settles a household's out-of-pocket bill (issue 19 item 3) ----------
/** The inputs a reviewer may correct before settling, each with a reason (kept and audited). */
export const ReimbursementInput = Type.Union(
  [
    Type.Literal('careKind'),
    Type.Literal('institutionLevel'),
    Type.Literal('outOfCounty'),
    Type.Literal('referred'),
    Type.Literal('admissionDate'),
    Type.Literal('dischargeDate'),
    Type.Literal('totalCost'),
    Type.Literal('selfPayCost')
  ],
  { description: '审核员可以改的输入：住院或门诊、医院级别、县外、转诊备案、入院出院日期、总费用、自费部分' }
)
export const ReimbursementAdjustment = Type.Object(
  {
    field: ReimbursementInput,
    value: Type.String({
      minLength: 1,
      maxLength: 24,
      description: '改成什么：金额如 3000.00，日期 YYYY-MM-DD，是否 true/false，种类和级别用英文代码'
    }),
    reason: Type.String({ minLength: 1, maxLength: 200, description: '为什么改（记入审核记录，这户也能看到）' })
  },
  closed
)
export const ReimbursementSettleBody = Type.Object(
  { adjustments: Type.Optional(Type.Array(ReimbursementAdjustment, { maxItems: 8 })) },
  closed
)
export const ReimbursementInputs = Type.Object({
  personId: Id,
  personName: Type.String(),
  careKind: CareKind,
  hospital: Type.String(),
  institutionLevel: InstitutionLevel,
  outOfCounty: Type.Boolean(),
  referred: Type.Boolean(),
  admissionDate: DateStr,
  dischargeDate: Nullable(DateStr),
  totalCost: Money,
  selfPayCost: Money
})
export const ReimbursementPreview = Type.Object({
  applicationId: Id,
  /** what the household entered, and what the calculator is run on after the reviewer's changes */
  entered: ReimbursementInputs,
  inputs: ReimbursementInputs,
  adjustments: Type.Array(
    Type.Object({ field: ReimbursementInput, from: Type.String(), to: Type.String(), reason: Type.String() })
  ),
  policyVersion: Type.String(),
  eligibleCost: Money,
  payout: Money,
  selfPaid: Money,
  steps: Type.Array(Step),
  accountNumberMasked: Type.String()
})
export const ReimbursementSettled = Type.Object({
  preview: ReimbursementPreview,
  claim: Claim,
  /** the full account, to the reviewer who settled it only (this answer); masked everywhere else */
  payTo: Type.Object({ bankName: Type.String(), accountName: Type.String(), accountNumber: Type.String() })
})
export type ReimbursementInput = Static<typeof ReimbursementInput>
export type ReimbursementInputs = Static<typeof ReimbursementInputs>
export type ReimbursementPreview = Static<typeof ReimbursementPreview>
export type ReimbursementSettled = Static<typeof ReimbursementSettled>
export type ReimbursementSettleBody = Static<typeof ReimbursementSettleBody>
