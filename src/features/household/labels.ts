import type { Category, Payer } from '@/contract'

export const CATEGORY_TEXT: Record<Category, string> = {
  ordinary: '普通居民',
  wubao: '五保',
  dibao: '低保',
  tekun: '特困',
  poverty: '脱贫人口',
  family_planning: '计生家庭',
  student: '学生',
  disabled: '残疾人',
  elderly: '老年人'
}

export const PAYER_TEXT: Record<Payer, string> = {
  self: '个人缴费',
  civil_affairs: '民政代缴',
  family_planning: '计生部门代缴',
  employer: '单位代缴',
  disabled_federation: '残联代缴',
  veterans_affairs: '退役军人部门代缴'
}
