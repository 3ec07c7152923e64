// Plain-Chinese words for the contract's codes on the payment screens.
import type { Category, Payer } from '@/contract'

export const CATEGORY_TEXT: Record<Category, string> = {
  ordinary: '普通居民',
  wubao: '五保户',
  dibao: '低保户',
  tekun: '特困人员',
  poverty: '脱贫人口',
  family_planning: '计生家庭',
  student: '在校学生',
  disabled: '残疾人',
  elderly: '老年人'
}

export const PAYER_TEXT: Record<Payer, string> = {
  self: '自己交',
  civil_affairs: '民政部门代缴',
  family_planning: '计生部门代缴',
  employer: '单位代缴',
  disabled_federation: '残联代缴',
  veterans_affairs: '退役军人事务部门代缴'
}

/** The county's free service line for medical insurance (nationwide). */
export const SERVICE_PHONE = '12393'

export function isZero(money: string): boolean {
  return /^-?0+(\.0+)?$/.test(money.trim())
}
