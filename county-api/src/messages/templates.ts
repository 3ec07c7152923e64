// What each subscribe message says, within WeChat's field rules (thing ≤ 20 characters, phrase
// ≤ 5 汉字, amount a currency sign and ≤ 10 digits, date 年月日, character_string ≤ 32 letters,
// digits and signs). The field names are those of the templates a county picks in the
// mini-program console (docs/county-api.md lists them); their ids come from the configuration.
import type { ApplicationKind, ReminderKind } from '../../../src/contract'
import type { Config } from '../config'

export type MessageData = Record<string, string>

/** WeChat's `thing`: at most 20 characters; longer text is cut with an ellipsis. */
export function thing(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`
}

/** WeChat's `amount`: ¥ and the yuan figure (at most 10 digits before the point). */
export function amount(yuan: string): string {
  return `¥${yuan}`
}

/** WeChat's `date`: 2026年12月31日. */
export function date(isoDate: string): string {
  const [y, m, d] = isoDate.split('-')
  return `${y}年${m}月${d}日`
}

/** WeChat's `phrase`: at most 5 汉字. */
export function phrase(text: string): string {
  return [...text].slice(0, 5).join('')
}

/** The template's field names for each kind: the county chooses templates with these fields. */
export const FIELDS: Record<
  ReminderKind,
  Record<string, 'thing' | 'phrase' | 'amount' | 'date' | 'character_string'>
> = {
  deadline: { thing1: 'thing', amount2: 'amount', date3: 'date', thing4: 'thing' },
  result: {
    thing1: 'thing',
    amount2: 'amount',
    date3: 'date',
    phrase4: 'phrase',
    character_string5: 'character_string'
  },
  window: { thing1: 'thing', amount2: 'amount', date3: 'date', date4: 'date', thing5: 'thing' },
  claim: { thing1: 'thing', thing2: 'thing', amount3: 'amount', date4: 'date', phrase5: 'phrase' },
  decision: { thing1: 'thing', phrase2: 'phrase', thing3: 'thing', date4: 'date' },
  // binding-message.ts
  binding: { thing1: 'thing', thing2: 'thing', date3: 'date', thing4: 'thing' }
}

/** Every kind's template id, from the configuration; null: the county sends no such message. */
export function templateIds(config: Config): Record<ReminderKind, string | null> {
  return {
    deadline: config.wechatTemplateDeadline,
    result: config.wechatTemplateResult,
    window: config.wechatTemplateWindow,
    claim: config.wechatTemplateClaim,
    decision: config.wechatTemplateDecision,
    binding: config.wechatTemplateBinding
  }
}

/** A kind's template id, from the configuration; null: the county sends no such message. */
export function templateId(config: Config, kind: ReminderKind): string | null {
  return templateIds(config)[kind]
}

/** What the household sees in the app's list of sent messages: a short title per kind. */
export const TITLES: Record<ReminderKind, string> = {
  deadline: '缴费截止提醒',
  result: '缴费结果通知',
  window: '开始缴费提醒',
  claim: '报销到账通知',
  decision: '申请办理结果',
  binding: '家人账号绑定提醒'
}

/** The page a message opens in the mini-program. */
export const PAGES = {
  deadline: (p: { householdId: string }) => `subpackages/pay/quote/index?householdId=${p.householdId}`,
  window: (p: { householdId: string }) => `subpackages/pay/quote/index?householdId=${p.householdId}`,
  result: (p: { orderId: string }) => `subpackages/pay/order/index?orderId=${p.orderId}`,
  claim: (p: { claimId: string }) => `subpackages/claims/detail/index?claimId=${p.claimId}`,
  decision: (p: { applicationId: string }) => `subpackages/enrol/status/index?id=${p.applicationId}`,
  // the head's list of bound accounts, where one can be removed
  binding: () => 'subpackages/account/family/index'
}

/** What an application is, in the message (the app's enrol screens use the same words). */
const APPLICATION_TITLES: Record<ApplicationKind, string> = {
  add_newborn: '新生儿参保',
  add_marriage: '结婚嫁入参保',
  add_return: '回乡落户参保',
  renew_remote: '在外地续保',
  out_of_area_care: '异地就医备案',
  add_id_number: '补登身份证号',
  chronic_disease: '门诊慢特病认定',
  assist_consent: '代办同意书',
  reimbursement: '手工报销'
}

const DECIDED: Record<'approved' | 'rejected' | 'needs_more', { result: string; note: string }> = {
  approved: { result: '已通过', note: '已办好，可以在小程序里查看' },
  rejected: { result: '未通过', note: '没有通过，原因请在小程序里查看' },
  needs_more: { result: '需补充', note: '还缺材料，请在小程序里补上' }
}

export const messages = {
  deadline: (p: { year: number; due: string; end: string; daysLeft: number }): MessageData => ({
    thing1: thing(`${p.year}年度城乡居民医保缴费`),
    amount2: amount(p.due),
    date3: date(p.end),
    thing4: thing(p.daysLeft <= 1 ? '明天截止，请今天交上' : `还有${p.daysLeft}天截止，请按时交`)
  }),
  result: (p: { year: number; paid: string; paidOn: string; receipt: string }): MessageData => ({
    thing1: thing(`${p.year}年度城乡居民医保缴费`),
    amount2: amount(p.paid),
    date3: date(p.paidOn),
    phrase4: phrase('已入账'),
    character_string5: p.receipt.slice(0, 32)
  }),
  window: (p: { year: number; due: string; start: string; end: string }): MessageData => ({
    thing1: thing(`${p.year}年度城乡居民医保缴费`),
    amount2: amount(p.due),
    date3: date(p.start),
    date4: date(p.end),
    thing5: thing('开始交了，在小程序里就能交')
  }),
  /** `who`: the patient's masked name (a message can show on a locked phone) */
  claim: (p: { who: string; institution: string; payout: string; paidOn: string }): MessageData => ({
    thing1: thing(p.who),
    thing2: thing(p.institution),
    amount3: amount(p.payout),
    date4: date(p.paidOn),
    phrase5: phrase('已拨付')
  }),
  decision: (p: {
    kind: ApplicationKind
    status: 'approved' | 'rejected' | 'needs_more'
    decidedOn: string
  }): MessageData => ({
    thing1: thing(APPLICATION_TITLES[p.kind]),
    phrase2: phrase(DECIDED[p.status].result),
    thing3: thing(DECIDED[p.status].note),
    date4: date(p.decidedOn)
  })
}
