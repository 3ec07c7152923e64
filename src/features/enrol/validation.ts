// Form validation for remote enrolment: adding a member (newborn, marriage, return),
// out-of-area care filing (异地就医备案) and renewing from afar. Pure functions: the
// caller passes today's date (Beijing), so tests need no clock. Every problem is a
// typed code with a plain-Chinese sentence the form shows as is.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { checkIdNumber, idNumberBirthDate, idNumberSex } from '@/shared/id-number'
import { normaliseName } from '@/shared/names'
import { compareYuan } from '@/calculator/money'
import { BANK_ACCOUNT_MESSAGE, bankAccountProblem, normaliseBankAccount } from '@/shared/bank-account'
import { readYuan } from '@/shared/yuan-input'

dayjs.extend(utc)

export type FormErrorCode =
  | 'required'
  | 'name_chars'
  | 'name_short'
  | 'name_long'
  | 'id_format'
  | 'id_checksum'
  | 'id_birthdate'
  | 'id_in_household'
  | 'birth_cert_format'
  | 'date_format'
  | 'date_future'
  | 'not_newborn'
  | 'birth_mismatch'
  | 'sex_mismatch'
  | 'to_before_from'
  | 'already_ended'
  | 'too_long'
  | 'no_member'
  | 'change_note'

export interface FieldError {
  field: string
  code: FormErrorCode
  message: string
}

/** Thrown (or returned) when a form cannot be sent; `errors` says which field and why. */
export class FormValidationError extends Error {
  readonly errors: FieldError[]
  constructor(errors: FieldError[]) {
    super(errors.map((e) => e.message).join('；'))
    this.name = 'FormValidationError'
    this.errors = errors
  }
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

// ---------------------------------------------------------------- names

// Han characters, including the rare ones outside the basic plane (extensions B–H), which
// take two UTF-16 units each: 𪚥, 𠮷. Ranges instead of \p{…} so old WeChat clients cope.
const HAN = '[\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\u3007\\u{20000}-\\u{323AF}]'
const NAME_RE = new RegExp(`^${HAN}+(?:\\u00B7${HAN}+)*$`, 'u')
export const NAME_MAX = 40

export { normaliseName }

/** Length in characters as people count them (a rare character is one, not two). */
export function nameLength(name: string): number {
  return Array.from(name).length
}

export function checkName(raw: string, field = 'name'): Validated<string> {
  const name = normaliseName(raw)
  if (name === '') return fail(field, 'required', '请填写姓名')
  if (!NAME_RE.test(name)) {
    return fail(field, 'name_chars', '姓名只能是汉字；少数民族姓名中间用“·”隔开，例如 阿依古丽·买买提')
  }
  const n = nameLength(name.replace(/\u00B7/g, ''))
  if (n < 2) return fail(field, 'name_short', '姓名至少两个字，请照户口本填写')
  if (nameLength(name) > NAME_MAX) return fail(field, 'name_long', `姓名太长了，最多 ${NAME_MAX} 个字`)
  return { ok: true, value: name }
}

// ---------------------------------------------------------------- ID and birth certificate numbers

const ID_MESSAGES = {
  format: '身份证号应是18位：17位数字，最后一位是数字或X',
  checksum: '身份证号有一位不对，请对着身份证再核对一遍',
  birthdate: '身份证号里的出生日期不对，请核对'
} as const

export function checkId(raw: string, field = 'idNumber'): Validated<string> {
  const trimmed = raw.replace(/\s+/g, '')
  if (trimmed === '') return fail(field, 'required', '请填写身份证号')
  const c = checkIdNumber(trimmed)
  if (!c.ok) return fail(field, `id_${c.problem}` as FormErrorCode, ID_MESSAGES[c.problem])
  return { ok: true, value: c.value }
}

/**
 * 出生医学证明编号: one capital letter and nine digits (e.g. P440123456), printed in red at
 * the top right of the certificate. Lower case and spaces are forgiven.
 */
export function checkBirthCertificateNumber(raw: string, field = 'birthCertificateNumber'): Validated<string> {
  const v = raw.replace(/\s+/g, '').toUpperCase()
  if (v === '') return fail(field, 'required', '请填写出生医学证明编号（证上右上角红色的编号）')
  if (!/^[A-Z]\d{9}$/.test(v))
    return fail(field, 'birth_cert_format', '出生医学证明编号是1个字母加9位数字，例如 P440123456，请对着证件核对')
  return { ok: true, value: v }
}

// ---------------------------------------------------------------- dates

export function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs.utc(s).isValid() && dayjs.utc(s).format('YYYY-MM-DD') === s
}

function daysFrom(a: string, b: string): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day')
}

// ---------------------------------------------------------------- an ID number for a child enrolled by birth certificate

/** The ID number must be the child's: its birth date and sex are those on the record. */
export function validateIdNumberFor(child: { birthDate: string; sex: Sex }, raw: string): Validated<string> {
  const id = checkId(raw)
  if (!id.ok) return id
  if (idNumberBirthDate(id.value) !== child.birthDate)
    return fail('idNumber', 'birth_mismatch', '身份证号里的出生日期和孩子登记的不一样，请核对')
  if (idNumberSex(id.value) !== child.sex)
    return fail('idNumber', 'sex_mismatch', '身份证号里的性别和孩子登记的不一样，请核对')
  return id
}

// ---------------------------------------------------------------- add a member

export type AddKind = 'add_newborn' | 'add_marriage' | 'add_return'
export type Sex = 'male' | 'female'

export const RELATIONS = [
  '子',
  '女',
  '孙子',
  '孙女',
  '配偶',
  '儿媳',
  '女婿',
  '父亲',
  '母亲',
  '兄弟姐妹',
  '其他'
] as const
/** A newborn is the head's child or grandchild (or, rarely, something else) */
export const NEWBORN_RELATIONS = ['子', '女', '孙子', '孙女', '其他'] as const

export interface AddMemberDraft {
  kind: AddKind
  name: string
  /** a newborn may not have an ID number yet */
  hasIdNumber: boolean
  idNumber: string
  birthCertificateNumber: string
  birthDate: string
  sex: Sex | ''
  relation: string
}

export interface AddMemberValue {
  kind: AddKind
  name: string
  idNumber: string | null
  birthCertificateNumber: string | null
  birthDate: string
  sex: Sex
  relation: string
}

export function emptyAddMember(kind: AddKind): AddMemberDraft {
  return {
    kind,
    name: '',
    hasIdNumber: kind !== 'add_newborn',
    idNumber: '',
    birthCertificateNumber: '',
    birthDate: '',
    sex: '',
    relation: kind === 'add_marriage' ? '儿媳' : ''
  }
}

/**
 * `householdIdNumbers`: numbers of people already in the household (to catch adding someone twice).
 * `today`: YYYY-MM-DD in Beijing.
 */
export function validateAddMember(
  d: AddMemberDraft,
  today: string,
  householdIdNumbers: readonly string[] = []
): Validated<AddMemberValue> {
  const errors: FieldError[] = []
  const name = checkName(d.name)
  if (!name.ok) errors.push(...name.errors)

  const newborn = d.kind === 'add_newborn'
  const needsId = !newborn || d.hasIdNumber
  let idNumber: string | null = null
  let birthDate = ''
  let sex: Sex | '' = ''

  if (needsId) {
    const id = checkId(d.idNumber)
    if (!id.ok) errors.push(...id.errors)
    else if (householdIdNumbers.some((h) => h.toUpperCase() === id.value)) {
      errors.push({
        field: 'idNumber',
        code: 'id_in_household',
        message: '这个身份证号的人已经在您家户里了，不用再添加'
      })
    } else {
      idNumber = id.value
      birthDate = idNumberBirthDate(id.value)
      sex = idNumberSex(id.value)
      if (daysFrom(birthDate, today) < 0)
        errors.push({ field: 'idNumber', code: 'id_birthdate', message: ID_MESSAGES.birthdate })
    }
  }

  let birthCertificateNumber: string | null = null
  if (newborn) {
    // The birth certificate is the newborn's proof either way; its number is asked for always.
    const bc = checkBirthCertificateNumber(d.birthCertificateNumber)
    if (!bc.ok) errors.push(...bc.errors)
    else birthCertificateNumber = bc.value
    if (!needsId) {
      if (d.birthDate === '') errors.push({ field: 'birthDate', code: 'required', message: '请选择孩子的出生日期' })
      else if (!isDate(d.birthDate))
        errors.push({ field: 'birthDate', code: 'date_format', message: '出生日期不对，请重新选择' })
      else birthDate = d.birthDate
      if (d.sex !== 'male' && d.sex !== 'female')
        errors.push({ field: 'sex', code: 'required', message: '请选择孩子是男孩还是女孩' })
      else sex = d.sex
    } else if (d.birthDate && isDate(d.birthDate) && birthDate && d.birthDate !== birthDate) {
      errors.push({ field: 'birthDate', code: 'birth_mismatch', message: '出生日期和身份证号里的不一样，请核对' })
    }
    if (birthDate && isDate(birthDate)) {
      const age = daysFrom(birthDate, today)
      if (age < 0)
        errors.push({ field: needsId ? 'idNumber' : 'birthDate', code: 'date_future', message: '出生日期不能晚于今天' })
      else if (dayjs.utc(birthDate).add(1, 'year').format('YYYY-MM-DD') <= today) {
        errors.push({
          field: needsId ? 'idNumber' : 'birthDate',
          code: 'not_newborn',
          message: '孩子已满一周岁，不算新生儿了；请选“回乡落户”或“其他”来添加'
        })
      }
    }
  }

  const relation = d.relation.trim()
  if (relation === '') errors.push({ field: 'relation', code: 'required', message: '请选择和户主的关系' })
  else if (nameLength(relation) > 20)
    errors.push({ field: 'relation', code: 'too_long', message: '和户主的关系最多写20个字' })

  if (errors.length || !name.ok || (sex !== 'male' && sex !== 'female')) return { ok: false, errors: dedupe(errors) }
  return {
    ok: true,
    value: { kind: d.kind, name: name.value, idNumber, birthCertificateNumber, birthDate, sex, relation }
  }
}

// ---------------------------------------------------------------- out-of-area care filing

export const FILING_REASONS = [
  { id: 'work', label: '在外地打工' },
  { id: 'live', label: '长期住在外地（随子女等）' },
  { id: 'referral', label: '转到外地看病' },
  { id: 'other', label: '其他' }
] as const
export type FilingReason = (typeof FILING_REASONS)[number]['id']

export interface FilingDraft {
  personId: string
  destination: string
  from: string
  to: string
  reason: FilingReason | ''
  note: string
}

export interface FilingValue {
  personId: string
  destination: string
  from: string
  to: string
  /** what goes to the county: the reason's words plus the note */
  reason: string
}

export function emptyFiling(): FilingDraft {
  return { personId: '', destination: '', from: '', to: '', reason: '', note: '' }
}

export function validateFiling(d: FilingDraft, today: string): Validated<FilingValue> {
  const errors: FieldError[] = []
  if (!d.personId) errors.push({ field: 'personId', code: 'no_member', message: '请选择给谁备案' })
  const destination = d.destination.trim()
  if (destination === '')
    errors.push({ field: 'destination', code: 'required', message: '请填写在哪里看病，例如 广东省东莞市' })
  else if (nameLength(destination) < 2)
    errors.push({ field: 'destination', code: 'required', message: '地点写清楚一些，至少写到市，例如 广东省东莞市' })
  else if (nameLength(destination) > 100)
    errors.push({ field: 'destination', code: 'too_long', message: '地点最多写100个字' })

  if (d.from === '') errors.push({ field: 'from', code: 'required', message: '请选择从哪天开始' })
  else if (!isDate(d.from)) errors.push({ field: 'from', code: 'date_format', message: '开始日期不对，请重新选择' })
  if (d.to === '') errors.push({ field: 'to', code: 'required', message: '请选择到哪天结束' })
  else if (!isDate(d.to)) errors.push({ field: 'to', code: 'date_format', message: '结束日期不对，请重新选择' })
  else if (isDate(d.from) && d.to < d.from)
    errors.push({ field: 'to', code: 'to_before_from', message: '结束日期不能早于开始日期' })
  else if (d.to < today)
    errors.push({ field: 'to', code: 'already_ended', message: '结束日期已经过去了，备案要包括今天以后的日子' })

  const reason = FILING_REASONS.find((r) => r.id === d.reason)
  if (!reason) errors.push({ field: 'reason', code: 'required', message: '请选择为什么在外地看病' })
  const note = d.note.trim()
  if (reason?.id === 'other' && note === '')
    errors.push({ field: 'note', code: 'required', message: '选了“其他”，请写一句原因' })
  const text = reason ? (note ? `${reason.label}：${note}` : reason.label) : ''
  if (nameLength(text) > 200) errors.push({ field: 'note', code: 'too_long', message: '原因写得太长了，最多约190个字' })

  if (errors.length || !reason) return { ok: false, errors }
  return { ok: true, value: { personId: d.personId, destination, from: d.from, to: d.to, reason: text } }
}

// ---------------------------------------------------------------- renew from afar

export type MemberChange = 'same' | 'left'
export const LEAVE_REASONS = ['参加了职工医保', '户口迁走了', '在外地参保了', '去世了', '其他'] as const

export interface RenewDraft {
  year: number
  /** personId → whether the member stays on next year's enrolment */
  members: Record<string, { change: MemberChange; leaveReason: string }>
}

export interface RenewValue {
  year: number
  staying: string[]
  leaving: { personId: string; reason: string }[]
}

export function validateRenew(d: RenewDraft): Validated<RenewValue> {
  const errors: FieldError[] = []
  const entries = Object.entries(d.members)
  const staying = entries.filter(([, m]) => m.change === 'same').map(([id]) => id)
  const leaving = entries
    .filter(([, m]) => m.change === 'left')
    .map(([personId, m]) => ({ personId, reason: m.leaveReason.trim() }))
  if (entries.length === 0)
    errors.push({ field: 'members', code: 'no_member', message: '没有读到家里的人员，请联网后再试' })
  else if (staying.length === 0) errors.push({ field: 'members', code: 'no_member', message: '至少要有一个人续保' })
  for (const l of leaving)
    if (l.reason === '')
      errors.push({
        field: `members.${l.personId}`,
        code: 'change_note',
        message: '请选择这个人为什么不再跟家里一起参保'
      })
  if (errors.length) return { ok: false, errors }
  return { ok: true, value: { year: d.year, staying, leaving } }
}

// ---------------------------------------------------------------- helpers

function fail<T>(field: string, code: FormErrorCode, message: string): Validated<T> {
  return { ok: false, errors: [{ field, code, message }] }
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>()
  return errors.filter((e) => {
    const k = `${e.field}|${e.code}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** First message per field, for showing under each input. */
export function errorsByField(errors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) if (!(e.field in out)) out[e.field] = e.message
  return out
}

/**
 * What people type for a date, turned into YYYY-MM-DD: 2026-10-01, 2026.10.1, 2026/10/1,
 * 2026年10月1日, 20261001. Anything else comes back trimmed, for the validator to refuse.
 */
export function normaliseDateInput(raw: string): string {
  const s = raw.replace(/\s+/g, '').replace(/[．。]/g, '.')
  const m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/.exec(s) || /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (!m) return s
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
}

// ---------------------------------------------------------------- 门诊慢特病认定

export interface ChronicDraft {
  personId: string
  diseaseCode: string
  hospital: string
  diagnosisDate: string
}

export type ChronicValue = ChronicDraft

/** Who, which listed disease, which hospital diagnosed it and when (not after today). */
export function validateChronic(d: ChronicDraft, today: string, listed: readonly string[]): Validated<ChronicValue> {
  const errors: FieldError[] = []
  if (!d.personId) errors.push({ field: 'personId', code: 'no_member', message: '请选择给谁申请' })
  if (!d.diseaseCode || !listed.includes(d.diseaseCode))
    errors.push({ field: 'diseaseCode', code: 'required', message: '请从县里的名单里选是什么病' })
  const hospital = d.hospital.trim()
  if (nameLength(hospital) < 2)
    errors.push({ field: 'hospital', code: 'required', message: '请写是哪家医院诊断的，例如 县人民医院' })
  else if (nameLength(hospital) > 100)
    errors.push({ field: 'hospital', code: 'too_long', message: '医院名称最多写100个字' })
  if (d.diagnosisDate === '') errors.push({ field: 'diagnosisDate', code: 'required', message: '请写诊断日期' })
  else if (!isDate(d.diagnosisDate))
    errors.push({ field: 'diagnosisDate', code: 'date_format', message: '诊断日期不对，例如 2026-03-15' })
  else if (d.diagnosisDate > today)
    errors.push({ field: 'diagnosisDate', code: 'date_future', message: '诊断日期不能晚于今天' })
  if (errors.length) return { ok: false, errors }
  return { ok: true, value: { ...d, hospital } }
}

// ---------------------------------------------------------------- 手工报销

export type CareLevel = 'village' | 'township' | 'county' | 'city' | 'provincial'

export interface ReimburseDraft {
  personId: string
  careKind: 'inpatient' | 'outpatient' | ''
  hospital: string
  institutionLevel: CareLevel | ''
  outOfCounty: 'yes' | 'no' | ''
  referred: 'yes' | 'no' | ''
  admissionDate: string
  dischargeDate: string
  totalCost: string
  selfPayCost: string
  bankName: string
  accountName: string
  accountNumber: string
}

export interface ReimburseValue {
  personId: string
  careKind: 'inpatient' | 'outpatient'
  hospital: string
  institutionLevel: CareLevel
  outOfCounty: boolean
  referred: boolean
  admissionDate: string
  dischargeDate?: string
  totalCost: string
  selfPayCost: string
  bankName: string
  accountName: string
  accountNumber: string
}

export function emptyReimburse(personId = ''): ReimburseDraft {
  return {
    personId,
    careKind: '',
    hospital: '',
    institutionLevel: '',
    outOfCounty: '',
    referred: '',
    admissionDate: '',
    dischargeDate: '',
    totalCost: '',
    selfPayCost: '',
    bankName: '',
    accountName: '',
    accountNumber: ''
  }
}

/** The same readings as the county's (amounts, the card's check digit), so what passes here passes there. */
export function validateReimburse(d: ReimburseDraft, today: string): Validated<ReimburseValue> {
  const errors: FieldError[] = []
  const need = (field: string, message: string) => errors.push({ field, code: 'required', message })
  if (!d.personId) errors.push({ field: 'personId', code: 'no_member', message: '请选择给谁报销' })
  if (!d.careKind) need('careKind', '请选择是住院还是门诊')
  const hospital = d.hospital.trim()
  if (nameLength(hospital) < 2) need('hospital', '请写在哪家医院看的病，例如 省人民医院')
  if (!d.institutionLevel) need('institutionLevel', '请选择医院的级别（看发票或问医院）')
  if (!d.outOfCounty) need('outOfCounty', '请选择是在县里还是县外看的')
  const date = (field: 'admissionDate' | 'dischargeDate', what: string): string | null => {
    const v = normaliseDateInput(d[field])
    if (v === '') need(field, `请写${what}`)
    else if (!isDate(v)) errors.push({ field, code: 'date_format', message: `${what}不对，例如 2026-10-08` })
    else if (v > today) errors.push({ field, code: 'date_future', message: `${what}不能晚于今天` })
    else return v
    return null
  }
  const admission = date('admissionDate', d.careKind === 'inpatient' ? '入院日期' : '看病日期')
  const discharge = d.careKind === 'inpatient' ? date('dischargeDate', '出院日期') : null
  if (admission && discharge && discharge < admission)
    errors.push({ field: 'dischargeDate', code: 'to_before_from', message: '出院日期不能早于入院日期' })
  const total = readYuan(d.totalCost, '总费用')
  if (!total.ok) errors.push({ field: 'totalCost', code: 'required', message: total.message })
  else if (compareYuan(total.value, '0.00') === 0)
    errors.push({ field: 'totalCost', code: 'required', message: '总费用要大于0元' })
  const self =
    d.selfPayCost.trim() === '' ? ({ ok: true, value: '0.00' } as const) : readYuan(d.selfPayCost, '自费的部分')
  if (!self.ok) errors.push({ field: 'selfPayCost', code: 'required', message: self.message })
  else if (total.ok && compareYuan(self.value, total.value) > 0)
    errors.push({ field: 'selfPayCost', code: 'required', message: '自费的部分不能比总费用还多' })
  if (!d.bankName.trim()) need('bankName', '请写开户银行，例如 农村信用社')
  if (!d.accountName.trim()) need('accountName', '请写银行卡的户名')
  const card = bankAccountProblem(d.accountNumber)
  if (card) errors.push({ field: 'accountNumber', code: 'required', message: BANK_ACCOUNT_MESSAGE[card] })
  if (errors.length || !total.ok || !self.ok || !admission) return { ok: false, errors }
  return {
    ok: true,
    value: {
      personId: d.personId,
      careKind: d.careKind as 'inpatient' | 'outpatient',
      hospital,
      institutionLevel: d.institutionLevel as CareLevel,
      outOfCounty: d.outOfCounty === 'yes',
      referred: d.outOfCounty === 'yes' && d.referred === 'yes',
      admissionDate: admission,
      ...(discharge ? { dischargeDate: discharge } : {}),
      totalCost: total.value,
      selfPayCost: self.value,
      bankName: d.bankName.trim(),
      accountName: d.accountName.trim(),
      accountNumber: normaliseBankAccount(d.accountNumber)
    }
  }
}
