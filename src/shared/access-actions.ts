// What a line of a household's access log (家人查看记录, and the supervisor's audit) says, in plain
// words: the county API logs short codes (`view_claim`, `reviewer_read_document`,
// `assistant_create_order` …); the family page and the staff workspace say the same. An
// assistant's action is the same words with 代办人 before them.

const ACTION_LABEL: Record<string, string> = {
  view_household: '查看了家庭参保情况',
  quote: '查看了应缴金额',
  create_order: '发起缴费',
  start_payment: '付款',
  list_orders: '查看了缴费记录',
  view_order: '查看了缴费订单',
  view_receipt: '查看了缴费票据',
  view_claims: '查看了报销记录',
  view_claim: '查看了一笔报销',
  view_claim_concerns: '查看了反映的问题',
  report_claim_concern: '反映了报销问题（多收钱了吗）',
  save_subscriptions: '设置了微信提醒',
  view_subscriptions: '查看了微信提醒',
  create_application: '提交了新生儿参保申请',
  upload_document: '上传了材料',
  read_application: '查看了申请',
  grant_accepted: '接受了邀请，可以查看本户',
  grant_revoked: '的查看权限被户主撤销了',
  grant_left: '不再查看本户了',
  grant_replaced: '的查看权限换成了新的',
  grant_expired: '的查看权限到期了',
  bound_with_sms_code: '用花名册上的手机验证码绑定了本户',
  bound_with_head_approval: '经户主同意绑定了本户',
  removed_binding: '移除了绑定的账号',
  refused_binding: '拒绝了绑定申请',
  reviewer_read_application: '县里审核员看了申请',
  reviewer_read_document: '县里审核员看了上传的材料',
  reviewer_decided_approved: '县里审核通过',
  reviewer_decided_needs_more: '县里退回补材料',
  reviewer_decided_rejected: '县里驳回',
  reviewer_previewed_reimbursement: '县里审核员试算了手工报销',
  reviewer_adjusted_reimbursement: '县里审核员改了手工报销的数（写了原因）',
  reviewer_settled_reimbursement: '县里结算了手工报销',
  reviewer_read_payout_account: '县里审核员为了打款看了完整的收款账号',
  assistant_asked_consent: '代办人请您家同意（验证码发到您家手机）',
  assistant_consent_given: '您家同意代办',
  assistant_sent_consent_form: '代办人交了您家签的代办同意书',
  assistant_consent_form_confirmed: '县医保局确认了代办同意书，代办开始',
  assistant_consent_form_refused: '县医保局没有确认代办同意书',
  assist_revoked: '您家收回了代办',
  tax_bureau_payment_recorded: '县医保局登记了在税务部门交的医保费'
}

/** The words for a log line; a code this app does not know yet still reads as Chinese. */
export function actionLabel(action: string): string {
  const known = ACTION_LABEL[action]
  if (known) return known
  if (action.startsWith('assistant_')) {
    const base = ACTION_LABEL[action.slice('assistant_'.length)]
    if (base) return `代办人${base}`
  }
  return '办理了业务'
}

/** Every code with its words (for the test that the county logs nothing without words). */
export const KNOWN_ACCESS_ACTIONS: readonly string[] = Object.keys(ACTION_LABEL)
