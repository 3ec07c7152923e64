// The route table: the single source for the server's validation, its handlers'
// types (what they take and what they answer), the test client's types and GET /openapi.json.
// `auth` says who may call; access to a household's data is further checked per id (member,
// head, or a grant with `scope`). `tag` is the route's domain, named as the app names it (the
// tab's name where there is one: pay, claims; enrol), and the reference server keeps each tag's
// handlers in one file, county-api/src/routes/<tag>.ts.
import { Type, type Static, type TSchema } from 'typebox'
import * as S from './schemas'
import type { ErrorCode } from './errors'

/**
 * user: any signed-in account; reviewer: county staff (role reviewer or supervisor); supervisor:
 * the supervisor only; assistant: a 村医 or 协管员 the county registered (and, per household, its consent)
 */
export type Auth = 'none' | 'user' | 'reviewer' | 'supervisor' | 'assistant' | 'provider' | 'dev'

/** The domains, as OpenAPI tags (with the description a county vendor reads). */
export const TAGS = {
  auth: '登录、退出和当前用户',
  households: '绑定家庭，家庭成员和各年参保状态',
  policy: '政策文件（计算器格式）',
  pay: '缴费：应缴金额、订单、支付、票据；县经办人员处理未入账的钱',
  'simulated-cashier': '模拟收银台（只在开发和测试中）',
  claims: '报销：记录、结算步骤、反映问题；县经办人员答复',
  institutions: '定点医疗机构',
  family: '家人代办：邀请、授权、查看记录',
  enrol: '网上参保申请：新增成员、异地续保、异地就医备案；县经办人员审核',
  notices: '政策公告和报销公示',
  notifications: '本户通知和微信订阅消息',
  speech: '读给我听：把屏幕上的话合成语音（普通话或方言）',
  statements: '参保缴费证明：本户一年的参保、缴费和报销，图片和PDF，核验码',
  staff: '县医保局工作台：待办队列（各类申请）、申请详情、查看记录（审核员、科长）',
  assist: '村医、协管员代办：本户当场同意（验证码发到县里登记的手机）后，限时限事代查、代缴、代申请；本户能看到、能收回'
} as const
export type Tag = keyof typeof TAGS

export interface RouteDef {
  method: 'GET' | 'POST' | 'DELETE'
  url: string
  summary: string
  tag: Tag
  auth: Auth
  /** Scope a grantee needs for this route (household members need none). */
  scope?: S.Scope
  params?: TSchema
  querystring?: TSchema
  body?: TSchema
  headers?: TSchema
  response: Record<number, TSchema>
  multipart?: boolean
  /** Served only where the county's PAYMENT_MODE is this (the provider's own routes). */
  paymentMode?: 'simulated' | 'wechat'
  /** The error codes this route answers besides validation (listed in /openapi.json). */
  errors?: ErrorCode[]
  /** The success answer's media type when it is not JSON (a PDF). */
  produces?: string
}

function r<const T extends RouteDef>(def: T): T {
  return def
}

const IdempotencyKey = Type.String({ minLength: 8, maxLength: 128 })
const IdempotencyHeaders = Type.Object({ 'idempotency-key': IdempotencyKey })
/** Honoured when sent (same key + same request → the first answer, nothing created twice). */
const OptionalIdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) })

export const routes = {
  // sign-in
  signInWechat: r({
    method: 'POST',
    url: '/v1/auth/wechat',
    tag: 'auth',
    auth: 'none',
    summary: '微信小程序登录（用 wx.login 的 code 换会话）',
    body: S.WechatSignInBody,
    response: { 200: S.Session }
  }),
  requestOtp: r({
    method: 'POST',
    url: '/v1/auth/otp/request',
    tag: 'auth',
    auth: 'none',
    summary: 'H5：发送手机验证码',
    body: S.OtpRequestBody,
    response: { 200: S.OtpRequestResult }
  }),
  verifyOtp: r({
    method: 'POST',
    url: '/v1/auth/otp/verify',
    tag: 'auth',
    auth: 'none',
    summary: 'H5：手机号+验证码登录',
    body: S.OtpVerifyBody,
    response: { 200: S.Session }
  }),
  listDemoAccounts: r({
    method: 'GET',
    url: '/v1/auth/demo-accounts',
    tag: 'auth',
    auth: 'dev',
    summary: '演示县的演示账号（只在开发模式下有：微信开发者工具里用 demo-<name> 登录）',
    response: { 200: S.DemoAccountList }
  }),
  signOut: r({
    method: 'POST',
    url: '/v1/auth/sign-out',
    tag: 'auth',
    auth: 'user',
    summary: '退出登录（会话立即失效）',
    response: { 200: S.Ok }
  }),
  signOutEverywhere: r({
    method: 'POST',
    url: '/v1/auth/sign-out-everywhere',
    tag: 'auth',
    auth: 'user',
    summary: '在所有手机上退出登录（这个账号的所有会话立即失效）',
    response: { 200: S.Ok }
  }),
  me: r({
    method: 'GET',
    url: '/v1/me',
    tag: 'auth',
    auth: 'user',
    summary: '当前用户、绑定的家庭和被授权的家庭',
    response: { 200: S.Me }
  }),

  // households
  startBinding: r({
    method: 'POST',
    url: '/v1/households/bind',
    tag: 'households',
    auth: 'user',
    summary: '绑定本人所在家庭（第一步）：身份证号、姓名、户口簿户号对上后，验证码发到县里登记的本人手机，或请户主确认',
    body: S.BindBody,
    response: { 200: S.BindStart }
  }),
  confirmBinding: r({
    method: 'POST',
    url: '/v1/households/bind/confirm',
    tag: 'households',
    auth: 'user',
    summary: '绑定（第二步）：填发到登记手机的验证码',
    body: S.BindConfirmBody,
    response: { 200: S.Me }
  }),
  getBindingRequest: r({
    method: 'GET',
    url: '/v1/binding-requests/:requestId',
    tag: 'households',
    auth: 'user',
    summary: '自己的绑定申请：户主确认了没有',
    params: S.BindingRequestParams,
    response: { 200: S.BindingRequest }
  }),
  listBindings: r({
    method: 'GET',
    url: '/v1/households/:householdId/bindings',
    tag: 'households',
    auth: 'user',
    summary: '户主：绑定了本户的所有账号（谁、什么时候、从哪里、怎么证明的）和等确认的申请',
    params: S.HouseholdParams,
    response: { 200: S.BindingList }
  }),
  approveBindingRequest: r({
    method: 'POST',
    url: '/v1/binding-requests/:requestId/approve',
    tag: 'households',
    auth: 'user',
    summary: '户主：同意这个账号绑定本户',
    params: S.BindingRequestParams,
    response: { 200: S.BindingRequest }
  }),
  refuseBindingRequest: r({
    method: 'POST',
    url: '/v1/binding-requests/:requestId/refuse',
    tag: 'households',
    auth: 'user',
    summary: '户主：不同意这个账号绑定本户',
    params: S.BindingRequestParams,
    response: { 200: S.BindingRequest }
  }),
  removeBinding: r({
    method: 'DELETE',
    url: '/v1/bindings/:bindingId',
    tag: 'households',
    auth: 'user',
    summary: '户主：移除一个绑定了本户的账号（立即看不到本户）',
    params: S.BindingParams,
    response: { 200: S.BoundAccount }
  }),
  getHousehold: r({
    method: 'GET',
    url: '/v1/households/:householdId',
    tag: 'households',
    auth: 'user',
    scope: 'status',
    summary: '家庭成员、类别、各年参保状态',
    params: S.HouseholdParams,
    response: { 200: S.Household }
  }),

  // policy
  getPolicy: r({
    method: 'GET',
    url: '/v1/policy',
    tag: 'policy',
    auth: 'none',
    summary: '某地区某日执行的政策文件（ETag，可缓存）',
    querystring: S.PolicyQuery,
    response: { 200: S.PolicyEnvelope }
  }),

  // pay
  getQuote: r({
    method: 'GET',
    url: '/v1/households/:householdId/quote',
    tag: 'pay',
    auth: 'user',
    scope: 'pay',
    summary: '家庭某年应缴金额（共享计算器计算）',
    params: S.HouseholdParams,
    querystring: S.YearQuery,
    response: { 200: S.Quote }
  }),
  lookupPayee: r({
    method: 'POST',
    url: '/v1/payee-lookup',
    tag: 'pay',
    auth: 'user',
    summary: '代他人缴费：按身份证号查找家庭（只显示掩码姓名）',
    body: S.PayeeLookupBody,
    response: { 200: S.PayeeLookup }
  }),
  createOrder: r({
    method: 'POST',
    url: '/v1/orders',
    tag: 'pay',
    auth: 'user',
    scope: 'pay',
    summary: '创建缴费订单（需 Idempotency-Key；每户每年最多一笔未完成订单）',
    headers: IdempotencyHeaders,
    body: S.CreateOrderBody,
    response: { 200: S.Order, 201: S.Order }
  }),
  listOrders: r({
    method: 'GET',
    url: '/v1/households/:householdId/orders',
    tag: 'pay',
    auth: 'user',
    scope: 'pay',
    summary: '家庭的缴费订单',
    params: S.HouseholdParams,
    response: { 200: S.OrderList }
  }),
  getOrder: r({
    method: 'GET',
    url: '/v1/orders/:orderId',
    tag: 'pay',
    auth: 'user',
    scope: 'pay',
    summary: '订单状态',
    params: S.OrderParams,
    response: { 200: S.Order }
  }),
  startPayment: r({
    method: 'POST',
    url: '/v1/orders/:orderId/pay',
    tag: 'pay',
    auth: 'user',
    scope: 'pay',
    summary: '发起支付：小程序得到 wx.requestPayment 参数，H5 得到模拟收银台',
    params: S.OrderParams,
    response: { 200: S.PaymentStart }
  }),
  getReceipt: r({
    method: 'GET',
    url: '/v1/orders/:orderId/receipt',
    tag: 'pay',
    auth: 'user',
    scope: 'pay',
    summary: '电子票据（已确认的订单）',
    params: S.OrderParams,
    response: { 200: S.Receipt }
  }),
  paymentNotify: r({
    method: 'POST',
    url: '/v1/payments/notify',
    tag: 'pay',
    auth: 'provider',
    paymentMode: 'simulated',
    summary: '模拟支付方的支付结果通知（x-notify-signature: HMAC-SHA256；只在模拟支付时）',
    body: S.PaymentNotifyBody,
    response: { 200: S.NotifyAck }
  }),
  wechatPayNotify: r({
    method: 'POST',
    url: '/v1/payments/wechat/notify',
    tag: 'pay',
    auth: 'provider',
    paymentMode: 'wechat',
    summary:
      '微信支付 APIv3 通知（支付成功、退款）：按 Wechatpay-Serial 选公钥验签原文，5 分钟时间窗，APIv3 密钥解密；验签不过答 4xx 且不做任何改动；重复通知幂等',
    body: S.WechatPayNotifyBody,
    response: { 200: S.NotifyAck }
  }),
  reviewUnmatched: r({
    method: 'GET',
    url: '/v1/review/orders/unmatched',
    tag: 'pay',
    auth: 'reviewer',
    summary: '县经办人员：已收款未入账的订单（分页）',
    querystring: S.PageQuery,
    response: { 200: S.OrderList }
  }),
  reviewRetryMatch: r({
    method: 'POST',
    url: '/v1/review/orders/:orderId/retry',
    tag: 'pay',
    auth: 'reviewer',
    summary: '县经办人员：重试入账',
    params: S.OrderParams,
    response: { 200: S.Order }
  }),
  reviewMoney: r({
    method: 'GET',
    url: '/v1/review/money',
    tag: 'pay',
    auth: 'reviewer',
    summary: '县经办人员：没能入账的钱（不明订单、重复付款、金额不符、未入账）和对账差异，最早的在前',
    querystring: S.MoneyQuery,
    response: { 200: S.UnbookedMoneyList }
  }),
  reviewRefundMoney: r({
    method: 'POST',
    url: '/v1/review/money/:moneyId/refund',
    tag: 'pay',
    auth: 'reviewer',
    summary: '县经办人员：把这笔钱原路退回（向微信支付申请退款；同一笔钱只退一次）',
    params: S.MoneyParams,
    body: S.RefundMoneyBody,
    response: { 200: S.UnbookedMoney }
  }),
  reviewAttachMoney: r({
    method: 'POST',
    url: '/v1/review/money/:moneyId/attach',
    tag: 'pay',
    auth: 'reviewer',
    summary: '县经办人员：把这笔钱记到正确的订单上（金额须相符；随即入账、出票据）',
    params: S.MoneyParams,
    body: S.AttachMoneyBody,
    response: { 200: S.UnbookedMoney }
  }),
  reviewResolveMoney: r({
    method: 'POST',
    url: '/v1/review/money/:moneyId/resolve',
    tag: 'pay',
    auth: 'reviewer',
    summary: '县经办人员：对账差异已核实，写明处理情况后关闭',
    params: S.MoneyParams,
    body: S.ResolveMoneyBody,
    response: { 200: S.UnbookedMoney }
  }),
  reviewReconciliations: r({
    method: 'GET',
    url: '/v1/review/reconciliations',
    tag: 'pay',
    auth: 'reviewer',
    summary: '县经办人员：每日与微信支付交易账单的对账结果，最近的在前',
    response: { 200: S.ReconciliationList }
  }),
  reviewRunReconciliation: r({
    method: 'POST',
    url: '/v1/review/reconciliations/:billDate/run',
    tag: 'pay',
    auth: 'reviewer',
    summary: '县经办人员：立即（重新）对某一天的账',
    params: S.BillDateParams,
    response: { 200: S.Reconciliation }
  }),
  reviewImportTaxBureauPayments: r({
    method: 'POST',
    url: '/v1/review/tax-bureau-payments',
    tag: 'pay',
    auth: 'reviewer',
    summary:
      '县经办人员：登记税务部门代收的医保费（每行一张缴费凭证；按缴费日期由计算器算待遇期；同一凭证只登记一次，对不上的逐行说明）',
    body: S.TaxBureauImportBody,
    response: { 200: S.TaxBureauImport }
  }),
  // the simulated provider's cashier page (only where PAYMENT_MODE=simulated: development and tests)
  cashierPay: r({
    paymentMode: 'simulated',
    method: 'POST',
    url: '/v1/sim-cashier/orders/:orderId/pay',
    tag: 'simulated-cashier',
    auth: 'dev',
    summary: '模拟收银台：支付成功（随后由模拟支付方发送签名通知）',
    params: S.OrderParams,
    response: { 200: S.Ok }
  }),
  cashierFail: r({
    paymentMode: 'simulated',
    method: 'POST',
    url: '/v1/sim-cashier/orders/:orderId/fail',
    tag: 'simulated-cashier',
    auth: 'dev',
    summary: '模拟收银台：支付失败',
    params: S.OrderParams,
    response: { 200: S.Ok }
  }),
  cashierAbandon: r({
    paymentMode: 'simulated',
    method: 'POST',
    url: '/v1/sim-cashier/orders/:orderId/abandon',
    tag: 'simulated-cashier',
    auth: 'dev',
    summary: '模拟收银台：放弃支付（订单回到待支付，到期作废）',
    params: S.OrderParams,
    response: { 200: S.Ok }
  }),

  // claims
  listClaims: r({
    method: 'GET',
    url: '/v1/persons/:personId/claims',
    tag: 'claims',
    auth: 'user',
    scope: 'claims',
    summary: '某人某年的报销记录、进度和封顶线使用情况',
    params: S.PersonParams,
    querystring: S.YearQuery,
    response: { 200: S.ClaimList }
  }),
  getClaim: r({
    method: 'GET',
    url: '/v1/claims/:claimId',
    tag: 'claims',
    auth: 'user',
    scope: 'claims',
    summary: '一笔报销的结算步骤',
    params: S.ClaimParams,
    response: { 200: S.Claim }
  }),
  reportClaimConcern: r({
    method: 'POST',
    url: '/v1/claims/:claimId/concerns',
    tag: 'claims',
    auth: 'user',
    scope: 'claims',
    summary: '反映问题：医院让多交了钱（金额）或对报销有疑问（说明），得到受理号（需 Idempotency-Key）',
    headers: IdempotencyHeaders,
    params: S.ClaimParams,
    body: S.ClaimConcernBody,
    response: { 200: S.ClaimConcern, 201: S.ClaimConcern }
  }),
  listClaimConcerns: r({
    method: 'GET',
    url: '/v1/claims/:claimId/concerns',
    tag: 'claims',
    auth: 'user',
    scope: 'claims',
    summary: '这笔报销反映过的问题、受理号和处理状态',
    params: S.ClaimParams,
    response: { 200: S.ClaimConcernList }
  }),
  reviewConcerns: r({
    method: 'GET',
    url: '/v1/review/concerns',
    tag: 'claims',
    auth: 'reviewer',
    summary: '县经办人员：村民反映的报销问题（多收钱、有疑问），按状态',
    querystring: S.ConcernReviewQuery,
    response: { 200: S.ConcernReviewList }
  }),
  reviewConcernUpdate: r({
    method: 'POST',
    url: '/v1/review/concerns/:concernId',
    tag: 'claims',
    auth: 'reviewer',
    summary: '县经办人员：开始核查或答复（已答复的不能再改）',
    params: S.ConcernParams,
    body: S.ConcernUpdateBody,
    response: { 200: S.ClaimConcern }
  }),
  // estimates a household chose to keep with the county, compared with the claim when it settles
  keepEstimate: r({
    method: 'POST',
    url: '/v1/persons/:personId/estimates',
    tag: 'claims',
    auth: 'user',
    summary:
      '本户成员：把一次报销估算交给县里保存（县里用同一个计算器重算）；这次看病结算后，报销详情里估算和实际放在一起比；随时可删',
    params: S.PersonParams,
    body: S.KeepEstimateBody,
    response: { 201: S.KeptEstimate },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'POLICY_NOT_FOUND', 'RATE_LIMITED']
  }),
  listKeptEstimates: r({
    method: 'GET',
    url: '/v1/persons/:personId/estimates',
    tag: 'claims',
    auth: 'user',
    summary: '本户成员：交给县里保存的估算（最近的在前）',
    params: S.PersonParams,
    response: { 200: S.KeptEstimateList },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']
  }),
  deleteKeptEstimate: r({
    method: 'DELETE',
    url: '/v1/estimates/:estimateId',
    tag: 'claims',
    auth: 'user',
    summary: '本户成员：删掉保存在县里的一次估算（立即删除，不留副本）',
    params: S.EstimateParams,
    response: { 200: S.EstimateDeleted },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']
  }),
  // 手工报销: the county settles a household's out-of-pocket bill with the shared calculator
  reviewReimbursementPreview: r({
    method: 'POST',
    url: '/v1/review/reimbursements/:applicationId/preview',
    tag: 'claims',
    auth: 'reviewer',
    summary: '县经办人员：手工报销按填的（和改过的）输入试算，看计算器的每一步（不记账；记入这户的查看记录）',
    params: S.ApplicationParams,
    body: S.ReimbursementSettleBody,
    response: { 200: S.ReimbursementPreview },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'POLICY_NOT_FOUND', 'RATE_LIMITED']
  }),
  reviewReimbursementSettle: r({
    method: 'POST',
    url: '/v1/review/reimbursements/:applicationId/settle',
    tag: 'claims',
    auth: 'reviewer',
    summary:
      '县经办人员：结算手工报销：生成这户能在报销记录里看到的一笔报销（计入全年封顶线）；改过的输入连同原因记入审核记录；只结算一次（再结算 409），答复里有完整的收款账号',
    params: S.ApplicationParams,
    body: S.ReimbursementSettleBody,
    response: { 200: S.ReimbursementSettled },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'POLICY_NOT_FOUND', 'RATE_LIMITED']
  }),

  // institutions
  listInstitutions: r({
    method: 'GET',
    url: '/v1/institutions',
    tag: 'institutions',
    auth: 'none',
    summary: '定点医疗机构',
    querystring: S.InstitutionQuery,
    response: { 200: S.InstitutionList }
  }),
  getInstitution: r({
    method: 'GET',
    url: '/v1/institutions/:institutionId',
    tag: 'institutions',
    auth: 'none',
    summary: '一家定点医疗机构',
    params: S.InstitutionParams,
    response: { 200: S.Institution }
  }),

  // family access
  createInvitation: r({
    method: 'POST',
    url: '/v1/households/:householdId/invitations',
    tag: 'family',
    auth: 'user',
    summary: '户主邀请家人（一次性邀请码/二维码，选择权限）',
    params: S.HouseholdParams,
    body: S.CreateInvitationBody,
    response: { 201: S.Invitation }
  }),
  acceptInvitation: r({
    method: 'POST',
    url: '/v1/invitations/accept',
    tag: 'family',
    auth: 'user',
    summary: '家人接受邀请',
    body: S.AcceptInvitationBody,
    response: { 200: S.Grant }
  }),
  listGrants: r({
    method: 'GET',
    url: '/v1/households/:householdId/grants',
    tag: 'family',
    auth: 'user',
    summary: '户主查看授权',
    params: S.HouseholdParams,
    response: { 200: S.GrantList }
  }),
  revokeGrant: r({
    method: 'DELETE',
    url: '/v1/grants/:grantId',
    tag: 'family',
    auth: 'user',
    summary: '户主撤销授权',
    params: S.GrantParams,
    response: { 200: S.Grant }
  }),
  leaveHousehold: r({
    method: 'POST',
    url: '/v1/households/:householdId/leave',
    tag: 'family',
    auth: 'user',
    summary: '被授权的家人：不再查看这一家（授权立即结束，记入查看记录）',
    params: S.HouseholdParams,
    response: { 200: S.Ok }
  }),
  accessLog: r({
    method: 'GET',
    url: '/v1/households/:householdId/access-log',
    tag: 'family',
    auth: 'user',
    summary: '被授权人的每次查看和办理、授权和绑定的变化、县里审核员查看材料的记录',
    params: S.HouseholdParams,
    response: { 200: S.AccessLog }
  }),

  // enrol: remote enrolment (the county's staff review the applications)
  createApplication: r({
    method: 'POST',
    url: '/v1/applications',
    tag: 'enrol',
    auth: 'user',
    summary: '网上申请：新增成员（新生儿、婚入、回乡）、异地续保、异地就医备案（可带 Idempotency-Key）',
    headers: OptionalIdempotencyHeaders,
    body: S.CreateApplicationBody,
    response: { 200: S.Application, 201: S.Application }
  }),
  uploadDocument: r({
    method: 'POST',
    url: '/v1/applications/:applicationId/documents',
    tag: 'enrol',
    auth: 'user',
    multipart: true,
    summary: '上传证件照片（multipart，jpeg/png/pdf，单个不超过 5MB；可带 Idempotency-Key）',
    headers: OptionalIdempotencyHeaders,
    params: S.ApplicationParams,
    response: { 200: S.Application, 201: S.Application }
  }),
  getApplication: r({
    method: 'GET',
    url: '/v1/applications/:applicationId',
    tag: 'enrol',
    auth: 'user',
    summary: '申请进度',
    params: S.ApplicationParams,
    response: { 200: S.Application }
  }),
  resubmitApplication: r({
    method: 'POST',
    url: '/v1/applications/:applicationId/resubmit',
    tag: 'enrol',
    auth: 'user',
    summary: '补充材料后重新提交',
    params: S.ApplicationParams,
    response: { 200: S.Application }
  }),
  listApplications: r({
    method: 'GET',
    url: '/v1/households/:householdId/applications',
    tag: 'enrol',
    auth: 'user',
    summary: '家庭的申请',
    params: S.HouseholdParams,
    response: { 200: S.ApplicationList }
  }),
  reviewList: r({
    method: 'GET',
    url: '/v1/review/applications',
    tag: 'enrol',
    auth: 'reviewer',
    summary: '县经办人员：待审核的申请（分页，每次查看都记入各户的查看记录）',
    querystring: S.ReviewQuery,
    response: { 200: S.ApplicationList }
  }),
  reviewDocument: r({
    method: 'GET',
    url: '/v1/review/documents/:documentId',
    tag: 'enrol',
    auth: 'reviewer',
    summary: '县经办人员：看一份上传的材料（解密后的原文件；每次查看都记入这户的查看记录）',
    params: S.DocumentParams,
    response: {
      200: Type.Unsafe<Uint8Array>({
        type: 'string',
        format: 'binary',
        description: 'image/jpeg、image/png 或 application/pdf'
      })
    }
  }),
  reviewDecide: r({
    method: 'POST',
    url: '/v1/review/applications/:applicationId/decision',
    tag: 'enrol',
    auth: 'reviewer',
    summary: '县经办人员：通过、退回补充或驳回（附原因）',
    params: S.ApplicationParams,
    body: S.ReviewDecisionBody,
    response: { 200: S.Application }
  }),

  // notices
  listNotices: r({
    method: 'GET',
    url: '/v1/notices',
    tag: 'notices',
    auth: 'none',
    summary: '政策公告和报销公示（姓名掩码）',
    querystring: S.NoticeQuery,
    response: { 200: S.NoticeList }
  }),
  getNotice: r({
    method: 'GET',
    url: '/v1/notices/:noticeId',
    tag: 'notices',
    auth: 'none',
    summary: '一条公告或公示（姓名掩码）',
    params: S.NoticeParams,
    response: { 200: S.Notice },
    errors: ['NOT_FOUND']
  }),
  markNoticeRead: r({
    method: 'POST',
    url: '/v1/notices/:noticeId/read',
    tag: 'notices',
    auth: 'user',
    summary: '这个账号看过了这条公告（每个账号记一份，换手机登录也一样；再记一次保留第一次的时间）',
    params: S.NoticeParams,
    response: { 200: S.NoticeRead },
    errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'RATE_LIMITED']
  }),
  myNoticeReads: r({
    method: 'GET',
    url: '/v1/me/notice-reads',
    tag: 'notices',
    auth: 'user',
    summary: '这个账号看过的公告（最近的 200 条），手机用它数“没看”的',
    response: { 200: S.NoticeReadList },
    errors: ['UNAUTHENTICATED']
  }),

  // statements (issue 19): the household's yearly proof of enrolment and payment
  getStatement: r({
    method: 'GET',
    url: '/v1/households/:householdId/statement',
    tag: 'statements',
    auth: 'user',
    scope: 'status',
    summary:
      '参保缴费证明（某一年）：每人的参保和待遇期、缴费和票据号、报销和各项基金付的钱、合计，带核验码；被授权人要有看参保、缴费和报销三项',
    params: S.StatementParams,
    querystring: S.StatementQuery,
    response: { 200: S.Statement },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'RATE_LIMITED']
  }),
  getStatementPdf: r({
    method: 'GET',
    url: '/v1/households/:householdId/statement/pdf',
    tag: 'statements',
    auth: 'user',
    scope: 'status',
    summary: '参保缴费证明的PDF（中文，内嵌字体子集；和 JSON 同一份数字、同一个核验码）',
    params: S.StatementParams,
    querystring: S.StatementQuery,
    response: {
      200: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'application/pdf' })
    },
    produces: 'application/pdf',
    errors: ['NOT_FOUND', 'FORBIDDEN', 'RATE_LIMITED']
  }),
  verifyStatement: r({
    method: 'GET',
    url: '/v1/statements/verify/:code',
    tag: 'statements',
    auth: 'none',
    summary: '核验一份参保缴费证明：县里开过没有（开过就给开证明时的合计，姓名掩码）；每个地址有次数限制',
    params: S.StatementCodeParams,
    response: { 200: S.StatementCheck },
    errors: ['RATE_LIMITED']
  }),

  // notifications (issue #6): the household is told when someone else paid; reminder subscriptions
  listHouseholdNotifications: r({
    method: 'GET',
    url: '/v1/households/:householdId/notifications',
    tag: 'notifications',
    auth: 'user',
    summary: '本户的通知：户主以外的人为本户缴了费（谁、多少、哪年、为谁、票据号）；仅户主和本户成员，被授权人不能看',
    params: S.HouseholdParams,
    response: { 200: S.HouseholdNotificationList }
  }),
  markNotificationRead: r({
    method: 'POST',
    url: '/v1/notifications/:notificationId/read',
    tag: 'notifications',
    auth: 'user',
    summary: '“知道了”：把一条通知标为已读（每人各自记录，重复调用不变）',
    params: S.NotificationParams,
    response: { 200: S.HouseholdNotification }
  }),
  saveSubscriptions: r({
    method: 'POST',
    url: '/v1/me/subscriptions',
    tag: 'notifications',
    auth: 'user',
    scope: 'pay',
    summary: '保存微信订阅消息的选择（缴费截止提醒、缴费结果通知），每人每户每种一条，后发的覆盖先发的',
    body: S.SubscriptionsBody,
    response: { 200: S.SubscriptionList }
  }),
  listSubscriptions: r({
    method: 'GET',
    url: '/v1/me/subscriptions',
    tag: 'notifications',
    auth: 'user',
    scope: 'pay',
    summary: '读回本人对某户的订阅消息选择',
    querystring: S.SubscriptionQuery,
    response: { 200: S.SubscriptionList }
  }),

  // read aloud
  listSpeechVoices: r({
    method: 'GET',
    url: '/v1/speech/voices',
    tag: 'speech',
    auth: 'none',
    summary: '能读的话（普通话和这台服务器的引擎会说的方言）',
    response: { 200: S.SpeechVoices }
  }),
  speak: r({
    method: 'POST',
    url: '/v1/speech',
    tag: 'speech',
    auth: 'user',
    summary: '读给我听：一段话（最多 200 字）合成 MP3，每个账号每分钟有次数限制',
    body: S.SpeechBody,
    response: { 200: S.Speech }
  }),

  // the county staff's workspace (decisions stay with their domain: reviewDecide, reviewMoney, reviewConcernUpdate)
  staffQueue: r({
    method: 'GET',
    url: '/v1/staff/queue',
    tag: 'staff',
    auth: 'reviewer',
    summary:
      '县经办人员：待办队列，各类要审核的事放在一起（按来源、种类、状态、乡镇筛选，分页，最早的在前；每条都记入这户的查看记录）',
    querystring: S.StaffQueueQuery,
    response: { 200: S.StaffQueue }
  }),
  staffApplication: r({
    method: 'GET',
    url: '/v1/staff/applications/:applicationId',
    tag: 'staff',
    auth: 'reviewer',
    summary: '县经办人员：一份申请和这户的成员（身份证号掩码；记入这户的查看记录）',
    params: S.ApplicationParams,
    response: { 200: S.StaffApplication }
  }),
  staffAudit: r({
    method: 'GET',
    url: '/v1/staff/audit',
    tag: 'staff',
    auth: 'supervisor',
    summary: '科长：谁在什么时候看了哪户、哪份材料，做了什么决定，代办人替谁办了什么（最近的在前，分页）',
    querystring: S.StaffAuditQuery,
    response: { 200: S.StaffAudit }
  }),

  staffNotices: r({
    method: 'GET',
    url: '/v1/staff/notices',
    tag: 'staff',
    auth: 'reviewer',
    summary: '县经办人员：所有公告和公示，包括定时还没发布的',
    response: { 200: S.StaffNoticeList }
  }),
  staffCreateNotice: r({
    method: 'POST',
    url: '/v1/staff/notices',
    tag: 'staff',
    auth: 'reviewer',
    summary: '县经办人员：写公告或公示（立即或定时发布；公示名单由县里按当年大额住院报销生成，姓名掩码）',
    body: S.StaffNoticeBody,
    response: { 201: S.Notice }
  }),
  staffEditNotice: r({
    method: 'POST',
    url: '/v1/staff/notices/:noticeId',
    tag: 'staff',
    auth: 'reviewer',
    summary: '县经办人员：改一条还没发布的公告或公示（已经发布的只能撤回后重发）',
    params: S.NoticeParams,
    body: S.StaffNoticeEditBody,
    response: { 200: S.StaffNoticeItem },
    errors: ['NOT_FOUND', 'CONFLICT']
  }),
  staffWithdrawNotice: r({
    method: 'POST',
    url: '/v1/staff/notices/:noticeId/withdraw',
    tag: 'staff',
    auth: 'reviewer',
    summary: '县经办人员：撤回一条公告或公示（村民那里不再显示；写明原因，县里留底）',
    params: S.NoticeParams,
    body: S.StaffNoticeWithdrawBody,
    response: { 200: S.StaffNoticeItem },
    errors: ['NOT_FOUND', 'CONFLICT']
  }),

  // the assisted path: a 村医 or 协管员 acts for a household with its consent given then and there
  startAssist: r({
    method: 'POST',
    url: '/v1/assist/consents',
    tag: 'assist',
    auth: 'assistant',
    summary: '代办人：请这户当场同意（身份证号、姓名、户口簿户号对上后，验证码发到县里登记的户主手机）',
    body: S.AssistStartBody,
    response: { 201: S.AssistConsent }
  }),
  confirmAssist: r({
    method: 'POST',
    url: '/v1/assist/consents/:consentId/confirm',
    tag: 'assist',
    auth: 'assistant',
    summary: '代办人：填这户念给您的验证码，同意即生效（限时，只能代查、代缴、代申请新生儿参保）',
    params: S.AssistParams,
    body: S.AssistConfirmBody,
    response: { 200: S.AssistConsent }
  }),
  listMyAssists: r({
    method: 'GET',
    url: '/v1/assist/consents',
    tag: 'assist',
    auth: 'assistant',
    summary: '代办人：自己最近的代办（进行中的在前）',
    response: { 200: S.AssistConsentList }
  }),
  listHouseholdAssists: r({
    method: 'GET',
    url: '/v1/households/:householdId/assists',
    tag: 'assist',
    auth: 'user',
    summary: '本户：谁替我办过事（每次同意和办的每件事）；仅户主和本户成员',
    params: S.HouseholdParams,
    response: { 200: S.AssistConsentList }
  }),
  revokeAssist: r({
    method: 'POST',
    url: '/v1/assist/consents/:consentId/revoke',
    tag: 'assist',
    auth: 'user',
    summary: '本户：收回代办（立即失效）',
    params: S.AssistParams,
    response: { 200: S.AssistConsent }
  })
} as const

export type RouteId = keyof typeof routes

type Def<K extends RouteId> = (typeof routes)[K]
type Part<K extends RouteId, F extends string> =
  Def<K> extends { [P in F]: infer T extends TSchema } ? Static<T> : undefined
/** A route's path parameters (undefined when it has none). */
export type RouteParams<K extends RouteId> = Part<K, 'params'>
/** A route's query string (undefined when it has none). */
export type RouteQuery<K extends RouteId> = Part<K, 'querystring'>
/** A route's JSON body (undefined when it takes none). */
export type RouteBody<K extends RouteId> = Part<K, 'body'>
/** What a route answers on success: the union of its response schemas. */
export type RouteAnswer<K extends RouteId> = {
  [C in keyof Def<K>['response']]: Def<K>['response'][C] extends TSchema ? Static<Def<K>['response'][C]> : never
}[keyof Def<K>['response']]
/** The routes of one domain. */
export type RoutesOfTag<T extends Tag> = { [K in RouteId]: Def<K>['tag'] extends T ? K : never }[RouteId]
