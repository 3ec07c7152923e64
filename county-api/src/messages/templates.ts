// What each subscribe message says, within WeChat's field rules (thing ≤ 20 characters, phrase
// ≤ 5 汉字, amount a currency sign and ≤ 10 digits, date 年月日, character_string ≤ 32 letters,
// digits and signs). The field names are those of the templates a county picks in the
// mini-program console (docs/county-api.md lists them); their ids come from the configuration.
import type { ReminderKind } from '../../../src/contract'
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
  // binding-message.ts
  binding: { thing1: 'thing', thing2: 'thing', date3: 'date', thing4: 'thing' }
}

/** A kind's template id, from the configuration; null: the county sends no such message. */
export function templateId(config: Config, kind: ReminderKind): string | null {
  return {
    deadline: config.wechatTemplateDeadline,
    result: config.wechatTemplateResult,
    binding: config.wechatTemplateBinding
  }[kind]
}

/** What the household sees in the app's list of sent messages: a short title per kind. */
export const TITLES: Record<ReminderKind, string> = {
  deadline: '缴费截止提醒',
  result: '缴费结果通知',
  binding: '家人账号绑定提醒'
}

/** The page a message opens in the mini-program. */
export const PAGES: Record<ReminderKind, (p: { householdId: string; orderId?: string }) => string> = {
  deadline: (p) => `subpackages/pay/quote/index?householdId=${p.householdId}`,
  result: (p) => `subpackages/pay/order/index?orderId=${p.orderId ?? ''}`,
  // the head's list of bound accounts, where one can be removed
  binding: () => 'subpackages/account/family/index'
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
  })
}
