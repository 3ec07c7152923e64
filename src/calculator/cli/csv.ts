// CSV for batch settling: a small RFC 4180 reader/writer and the claim row format
// (one claim per row; documented in docs/policy-format.md).
import { CalculatorError } from '../index'
import type {
  BillLine,
  CareArea,
  Cause,
  Claim,
  ClaimKind,
  HospitalGrade,
  HospitalLevel,
  InstitutionTier,
  Ownership
} from '../index'

export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const s = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

function esc(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
export function toCsv(cols: readonly string[], rows: Record<string, unknown>[]): string {
  return [cols.join(','), ...rows.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\n') + '\n'
}

/** Columns of a claim row. Amount columns classA…selfPay, when any is filled, become bill lines. */
export const CLAIM_COLUMNS = [
  'id',
  'personId',
  'kind',
  'area',
  'birthDate',
  'student',
  'groups',
  'continuousYears',
  'enrolmentStatus',
  'benefitStart',
  'benefitEnd',
  'designated',
  'approved',
  'institutionCode',
  'level',
  'grade',
  'tier',
  'ownership',
  'admissionDate',
  'dischargeDate',
  'serviceDate',
  'settlementDate',
  'total',
  'classA',
  'classB',
  'classC',
  'selfPay',
  'overLimit',
  'referralApproved',
  'emergency',
  'emergencyDied',
  'cause',
  'thirdPartyLiable',
  'majorDisease',
  'specialDisease',
  'specialApproved',
  'benchmarkDisease',
  'benchmarkList',
  'benchmarkPrice',
  'useHouseholdAccount'
] as const

function bool(v: string, col: string): boolean | undefined {
  if (v === '') return undefined
  if (['1', 'true', 'yes', '是', 'y'].includes(v.toLowerCase())) return true
  if (['0', 'false', 'no', '否', 'n'].includes(v.toLowerCase())) return false
  throw new CalculatorError('INVALID_INPUT', `「${col}」一栏只能填 是/否（true/false）：${v}`, col)
}
const opt = (v: string): string | undefined => (v === '' ? undefined : v)

export function claimFromCsvRow(header: string[], cells: string[]): Claim {
  const known = new Set<string>(CLAIM_COLUMNS)
  for (const h of header) if (!known.has(h)) throw new CalculatorError('INVALID_INPUT', `不认识的列名「${h}」`, h)
  const g = (col: (typeof CLAIM_COLUMNS)[number]): string => {
    const i = header.indexOf(col)
    return i < 0 ? '' : (cells[i] ?? '').trim()
  }
  const lines: BillLine[] = []
  const over = opt(g('overLimit'))
  for (const [col, cls] of [
    ['classA', 'A'],
    ['classB', 'B'],
    ['classC', 'C'],
    ['selfPay', 'self-pay']
  ] as const) {
    const v = opt(g(col))
    if (v !== undefined) lines.push({ class: cls, amount: v })
  }
  if (over !== undefined) {
    if (!lines.length)
      throw new CalculatorError('INVALID_INPUT', '填了超限价金额（overLimit），但没有分类金额', 'overLimit')
    lines[0] = { ...lines[0], overLimit: over }
  }
  const level = opt(g('level'))
  const cy = opt(g('continuousYears'))
  const enrolmentStatus = opt(g('enrolmentStatus'))
  const referral = bool(g('referralApproved'), 'referralApproved')
  const emergency = bool(g('emergency'), 'emergency')
  const died = bool(g('emergencyDied'), 'emergencyDied')
  const special = opt(g('specialDisease'))
  const benchmark = opt(g('benchmarkDisease'))
  return {
    id: opt(g('id')),
    kind: g('kind') as ClaimKind,
    area: (opt(g('area')) ?? 'local') as CareArea,
    person: {
      id: opt(g('personId')),
      birthDate: g('birthDate'),
      student: bool(g('student'), 'student'),
      groups: opt(g('groups'))
        ?.split(/[;；]/)
        .map((x) => x.trim())
        .filter(Boolean),
      continuousYears: cy === undefined ? undefined : Number(cy),
      enrolment: enrolmentStatus
        ? {
            status: enrolmentStatus as 'enrolled',
            benefitStart: opt(g('benefitStart')),
            benefitEnd: opt(g('benefitEnd'))
          }
        : undefined
    },
    institution: {
      designated: bool(g('designated'), 'designated') ?? false,
      approved: bool(g('approved'), 'approved'),
      code: opt(g('institutionCode')),
      level: level === undefined ? undefined : (Number(level) as HospitalLevel),
      grade: opt(g('grade')) as HospitalGrade | undefined,
      tier: opt(g('tier')) as InstitutionTier | undefined,
      ownership: opt(g('ownership')) as Ownership | undefined
    },
    admissionDate: opt(g('admissionDate')),
    dischargeDate: opt(g('dischargeDate')),
    serviceDate: opt(g('serviceDate')),
    settlementDate: opt(g('settlementDate')),
    bill: { total: g('total'), lines: lines.length ? lines : undefined },
    referral: referral === undefined ? undefined : { approved: referral },
    emergency: emergency || died ? { died: died ?? false } : undefined,
    cause: opt(g('cause')) as Cause | undefined,
    thirdPartyLiable: bool(g('thirdPartyLiable'), 'thirdPartyLiable'),
    majorDisease: opt(g('majorDisease')),
    specialDisease: special
      ? { code: special, approved: bool(g('specialApproved'), 'specialApproved') ?? false }
      : undefined,
    benchmark: benchmark
      ? { disease: benchmark, list: g('benchmarkList'), price: opt(g('benchmarkPrice')) }
      : undefined,
    useHouseholdAccount: bool(g('useHouseholdAccount'), 'useHouseholdAccount')
  }
}
