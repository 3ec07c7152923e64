// The estimate form in villagers' terms, checked before anything is estimated. Bad input
// gets a typed error per field with a plain-Chinese sentence; good input becomes the
// calculator's EstimateAnswers. No calculator code is imported here (types only).
import type { EstimateAnswers, InstitutionTier } from '@/calculator'

/** Where they would go: a level (村/乡/县/市/省/外省) or a designated institution picked from the list. */
export type PlaceChoice = InstitutionTier | 'out-of-province'

export const PLACE_LABEL: Record<PlaceChoice, string> = {
  village: '村卫生室',
  township: '乡镇卫生院',
  county: '县医院',
  city: '市医院',
  provincial: '省医院',
  'out-of-province': '外省医院'
}
export const PLACES: PlaceChoice[] = ['village', 'township', 'county', 'city', 'provincial', 'out-of-province']

export interface EstimateFormInput {
  /** a level, or null when nothing is chosen yet */
  place: string | null
  /** a designated institution from the list (its level decides the rules) */
  institution?: {
    institutionId: string
    name: string
    level: string
    grade?: string
    ownership?: 'public' | 'private'
  } | null
  /** 外省: has the out-of-area care been filed (异地就医备案) */
  filedOutOfArea?: boolean
  inpatient: boolean
  /** 大概花多少钱, as typed */
  amount: string
  referral: boolean | null
  /** 今年已经住过几次院, as typed ('' = use the default) */
  admissionsThisYear: string
  /** special disease code from the policy's list, or '' */
  specialDisease: string
}

/** What the member's own data fills in (population group, years, this year's history). */
export interface MemberDefaults {
  birthDate?: string
  student?: boolean
  groups?: string[]
  continuousYears?: number
  admissionsThisYear?: number
  fundPaidThisYear?: string
  /** this year's 大病保险 base (in-policy self-pay) and payments, from the member's claims */
  catastrophicBaseThisYear?: string
  catastrophicPaidThisYear?: string
}

/** What the policy knows, read from the cached policy document. */
export interface PolicyFacts {
  tiers: ReadonlySet<string>
  specialDiseases: ReadonlyMap<string, string>
  hasOutpatient: boolean
  hasInpatient: boolean
}

export type EstimateFieldError =
  | 'AMOUNT_EMPTY'
  | 'AMOUNT_NOT_A_NUMBER'
  | 'AMOUNT_NEGATIVE'
  | 'AMOUNT_ZERO'
  | 'AMOUNT_TOO_MANY_DECIMALS'
  | 'AMOUNT_ABSURD'
  | 'PLACE_EMPTY'
  | 'PLACE_UNKNOWN'
  | 'ADMISSIONS_INVALID'
  | 'DISEASE_UNKNOWN'
  | 'KIND_NOT_COVERED'

export interface EstimateFormError {
  field: 'amount' | 'place' | 'admissionsThisYear' | 'specialDisease' | 'inpatient'
  code: EstimateFieldError
  message: string
}

export type FormResult = { ok: true; answers: EstimateAnswers } | { ok: false; errors: EstimateFormError[] }

/** No single stay of a rural resident comes near this; a typo (extra zeros) is far more likely. */
export const ABSURD_AMOUNT_YUAN = 5000000

const AMOUNT_RE = /^(0|[1-9]\d*)(\.\d+)?$/

/** Turns full-width digits and separators people type on Chinese keyboards into ASCII. */
function normalizeDigits(s: string): string {
  return s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[，,\s]/g, '')
    .replace(/元$/, '')
    .replace(/^[¥￥]/, '')
}

export function checkAmount(raw: string): { ok: true; value: string } | { ok: false; error: EstimateFormError } {
  const bad = (code: EstimateFieldError, message: string) => ({
    ok: false as const,
    error: { field: 'amount' as const, code, message }
  })
  const s = normalizeDigits(raw ?? '')
  if (s === '') return bad('AMOUNT_EMPTY', '请填写大概要花多少钱')
  if (/^[-－−]/.test(s)) return bad('AMOUNT_NEGATIVE', '花费不能是负数')
  if (!AMOUNT_RE.test(s)) return bad('AMOUNT_NOT_A_NUMBER', '花费只能填数字，例如 8000 或 8000.50')
  const [int, frac = ''] = s.split('.')
  if (frac.length > 2) return bad('AMOUNT_TOO_MANY_DECIMALS', '花费最多填到分（小数点后两位）')
  if (int.length > 9 || Number(int) > ABSURD_AMOUNT_YUAN)
    return bad('AMOUNT_ABSURD', `花费太大了（超过 ${ABSURD_AMOUNT_YUAN / 10000} 万元），请检查是不是多填了 0`)
  if (/^0(\.0{0,2})?$/.test(s)) return bad('AMOUNT_ZERO', '花费要大于 0 元')
  return { ok: true, value: `${int}.${frac.padEnd(2, '0')}` }
}

/** "一级甲等" → level 1, grade A; "未定级" → nothing. */
export function parseGrade(grade: string | undefined): { level?: 1 | 2 | 3; grade?: 'A' | 'B' | 'C' } {
  if (!grade) return {}
  const lv = { 一: 1, 二: 2, 三: 3 }[grade.charAt(0)] as 1 | 2 | 3 | undefined
  const gr = { 甲: 'A', 乙: 'B', 丙: 'C' }[grade.charAt(2)] as 'A' | 'B' | 'C' | undefined
  return { ...(lv ? { level: lv } : {}), ...(lv && gr ? { grade: gr } : {}) }
}

/** Reads what the form needs from a policy document (calculator format), without the calculator. */
export function policyFacts(doc: unknown): PolicyFacts {
  const tiers = new Set<string>()
  const diseases = new Map<string, string>()
  const d = (doc ?? {}) as Record<string, any>
  const collect = (rows: unknown) => {
    if (!Array.isArray(rows)) return
    for (const r of rows) {
      const t = r?.when?.tier
      if (typeof t === 'string') tiers.add(t)
      else if (Array.isArray(t)) t.forEach((x) => typeof x === 'string' && tiers.add(x))
    }
  }
  collect(d.inpatient?.deductible?.rows)
  collect(d.inpatient?.ratio?.rows)
  collect(d.outpatient?.ratio?.rows)
  if (Array.isArray(d.referral?.tierOrder))
    d.referral.tierOrder.forEach((t: unknown) => typeof t === 'string' && tiers.add(t))
  if (Array.isArray(d.specialOutpatient?.diseases)) {
    for (const x of d.specialOutpatient.diseases)
      if (typeof x?.code === 'string') diseases.set(x.code, String(x.label ?? x.code))
  }
  return { tiers, specialDiseases: diseases, hasOutpatient: !!d.outpatient, hasInpatient: !!d.inpatient }
}

const INSTITUTION_TIERS = new Set(['village', 'township', 'county', 'city', 'provincial'])

export function validateEstimateForm(
  input: EstimateFormInput,
  facts: PolicyFacts,
  defaults: MemberDefaults = {}
): FormResult {
  const errors: EstimateFormError[] = []
  const amount = checkAmount(input.amount)
  if (!amount.ok) errors.push(amount.error)

  const place = input.institution ? input.institution.level : input.place
  let tier: InstitutionTier | undefined
  let outOfProvince = false
  if (place === null || place === undefined || place === '') {
    errors.push({ field: 'place', code: 'PLACE_EMPTY', message: '请选择去哪一级医院，或在定点医院名单里找一家' })
  } else if (place === 'out-of-province') {
    outOfProvince = true
  } else if (!INSTITUTION_TIERS.has(place) || !facts.tiers.has(place)) {
    const name = (PLACE_LABEL as Record<string, string>)[place] ?? place
    errors.push({
      field: 'place',
      code: 'PLACE_UNKNOWN',
      message: `现行政策里没有「${name}」这一级医院的报销规定，请换一个医院等级，或问村医`
    })
  } else {
    tier = place as InstitutionTier
  }

  let admissions = defaults.admissionsThisYear
  const rawAdm = normalizeDigits(input.admissionsThisYear ?? '')
  if (input.inpatient && rawAdm !== '') {
    if (!/^\d{1,3}$/.test(rawAdm) || Number(rawAdm) > 366) {
      errors.push({
        field: 'admissionsThisYear',
        code: 'ADMISSIONS_INVALID',
        message: '今年住过几次院，请填 0 到 366 之间的整数'
      })
    } else admissions = Number(rawAdm)
  }

  let special: string | undefined
  if (input.specialDisease) {
    if (!facts.specialDiseases.has(input.specialDisease)) {
      errors.push({
        field: 'specialDisease',
        code: 'DISEASE_UNKNOWN',
        message: '这个病不在门诊特殊病种名单里，请选“没有”'
      })
    } else if (!input.inpatient) special = input.specialDisease
  }
  if (input.inpatient && !facts.hasInpatient)
    errors.push({ field: 'inpatient', code: 'KIND_NOT_COVERED', message: '现行政策没有住院报销规定' })
  if (!input.inpatient && !special && !facts.hasOutpatient)
    errors.push({ field: 'inpatient', code: 'KIND_NOT_COVERED', message: '现行政策不报销普通门诊' })

  if (errors.length || !amount.ok) return { ok: false, errors }

  const kind: EstimateAnswers['kind'] = input.inpatient ? 'inpatient' : special ? 'special-outpatient' : 'outpatient'
  const grade = input.institution ? parseGrade(input.institution.grade) : {}
  const answers: EstimateAnswers = {
    kind,
    institution: {
      ...grade,
      ...(tier ? { tier } : {}),
      ...(input.institution
        ? {
            name: input.institution.name,
            code: input.institution.institutionId,
            ...(input.institution.ownership ? { ownership: input.institution.ownership } : {})
          }
        : {})
    },
    area: outOfProvince ? (input.filedOutOfArea ? 'out-filed' : 'out-unfiled') : 'local',
    billAmount: amount.value,
    ...(defaults.birthDate ? { birthDate: defaults.birthDate } : {}),
    ...(defaults.student !== undefined ? { student: defaults.student } : {}),
    ...(defaults.groups && defaults.groups.length ? { groups: defaults.groups } : {}),
    ...(defaults.continuousYears !== undefined ? { continuousYears: defaults.continuousYears } : {}),
    ...(defaults.fundPaidThisYear !== undefined ? { fundPaidThisYear: defaults.fundPaidThisYear } : {}),
    ...(defaults.catastrophicBaseThisYear !== undefined
      ? { catastrophicBaseThisYear: defaults.catastrophicBaseThisYear }
      : {}),
    ...(defaults.catastrophicPaidThisYear !== undefined
      ? { catastrophicPaidThisYear: defaults.catastrophicPaidThisYear }
      : {}),
    ...(kind === 'inpatient' && admissions !== undefined ? { admissionsThisYear: admissions } : {}),
    ...(kind === 'inpatient' && input.referral !== null && !outOfProvince ? { referralApproved: input.referral } : {}),
    ...(special ? { specialDisease: special } : {})
  }
  return { ok: true, answers }
}
