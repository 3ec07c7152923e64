import { Type, type TSchema } from 'typebox'

// Money crosses every boundary as a decimal string with exactly two places: "380.00".
export const Money = Type.String({
  pattern: '^-?\\d+\\.\\d{2}$',
  description: '人民币金额，两位小数的字符串',
  examples: ['380.00']
})
// Calendar date (Asia/Shanghai): 2026-01-01
export const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD（北京时间）' })
// Instant with the +08:00 offset: 2026-01-01T09:30:00+08:00
export const DateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?\\+08:00$',
  description: '时间，ISO 8601，北京时间 +08:00'
})
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 })
export const IdNumberInput = Type.String({ pattern: '^\\s*\\d{17}[\\dXx]\\s*$', description: '18位居民身份证号' })
export const PhoneInput = Type.String({ pattern: '^1\\d{10}$', description: '11位手机号' })
// 出生医学证明编号: one capital letter and nine digits, printed in red on the certificate
export const BirthCertificateNumber = Type.String({
  pattern: '^[A-Z]\\d{9}$',
  description: '出生医学证明编号（1个字母加9位数字）'
})
export const Sex = Type.Union([Type.Literal('male'), Type.Literal('female')])
export function Nullable<T extends TSchema>(t: T, options: { description?: string } = {}) {
  return Type.Union([t, Type.Null()], options)
}
