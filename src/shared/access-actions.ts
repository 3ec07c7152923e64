// What each line of a household's access log (家人查看记录) says, in plain words: the county API
// logs short codes (`view_claim`, `reviewer_read_document`), the household reads sentences.
// Shared with the staff side, which shows the same log.

const ACTION_TEXT: Record<string, string> = {
  view_household: '看了全家的参保情况',
  quote: '看了要交多少钱',
  create_order: '发起了缴费',
  start_payment: '去付款',
  list_orders: '看了缴费记录',
  view_order: '看了一笔缴费',
  view_receipt: '看了缴费票据',
  view_claims: '看了报销记录',
  view_claim: '看了一笔报销的明细',
  report_claim_concern: '反映了一笔报销的问题（多收钱了吗）',
  view_claim_concerns: '看了反映的问题',
  save_subscriptions: '设置了微信提醒',
  view_subscriptions: '看了微信提醒',
  grant_accepted: '接受了邀请，可以查看本户',
  grant_revoked: '的查看权限被户主撤销了',
  grant_left: '不再查看本户了',
  grant_replaced: '的查看权限换成了新的',
  grant_expired: '的查看权限到期了',
  bound_with_sms_code: '用花名册上的手机验证码绑定了本户',
  bound_with_head_approval: '经户主同意绑定了本户',
  refused_binding: '拒绝了一个绑定请求',
  removed_binding: '解除了一个账号的绑定',
  reviewer_read_application: '（县医保局）查看了本户的申请',
  reviewer_read_document: '（县医保局）查看了本户上传的材料',
  tax_bureau_payment_recorded: '（县医保局）登记了在税务部门交的医保费'
}

/** The sentence for a log line; an action this app does not know yet still reads as Chinese. */
export function accessActionText(action: string): string {
  return ACTION_TEXT[action] ?? '办理了业务'
}

/** Every code with its words (for the test that the county logs nothing without words). */
export const KNOWN_ACCESS_ACTIONS: readonly string[] = Object.keys(ACTION_TEXT)
