// The CSV claim row, defined once: every column the CLI reads, its Chinese and English
// names, how its values are read (Chinese values too: 住院/门诊/门特, 一级/二级/三级 …), and
// what it means. The reader, `--help columns` and docs/policy-format.md §4 use this table.
// A column not in it, a value it does not know, or a required value left blank is a row
// error that names the column: nothing is defaulted.
import { CAUSES } from '../policy-format'
import type {
  BillLine,
  CareArea,
  Cause,
  Claim,
  ClaimKind,
  Enrolment,
  HospitalGrade,
  HospitalLevel,
  InstitutionTier,
  Ownership
} from '../index'

/** A problem with one cell: the column's Chinese name and what is wrong. */
export class CellError extends Error {
  constructor(
    readonly column: string,
    message: string
  ) {
    super(message)
    this.name = 'CellError'
  }
}

type Key =
  | 'id'
  | 'personId'
  | 'kind'
  | 'area'
  | 'birthDate'
  | 'student'
  | 'groups'
  | 'continuousYears'
  | 'enrolmentStatus'
  | 'benefitStart'
  | 'benefitEnd'
  | 'paidOn'
  | 'coverageYear'
  | 'lapsedYears'
  | 'designated'
  | 'approved'
  | 'institutionCode'
  | 'institutionName'
  | 'level'
  | 'grade'
  | 'tier'
  | 'ownership'
  | 'admissionDate'
  | 'dischargeDate'
  | 'serviceDate'
  | 'settlementDate'
  | 'total'
  | 'classA'
  | 'classB'
  | 'classC'
  | 'selfPay'
  | 'classAOverLimit'
  | 'classBOverLimit'
  | 'classCOverLimit'
  | 'referralApproved'
  | 'expectedTier'
  | 'emergency'
  | 'emergencyDied'
  | 'cause'
  | 'thirdPartyLiable'
  | 'majorDisease'
  | 'specialDisease'
  | 'specialApproved'
  | 'benchmarkDisease'
  | 'benchmarkList'
  | 'benchmarkPrice'
  | 'useHouseholdAccount'

export interface Column {
  key: Key
  /** the name shown in messages and written in output; the first of `names` */
  zh: string
  /** every header this column is recognised by (Chinese first, the English key last) */
  names: string[]
  doc: string
}

const col = (key: Key, names: string[], doc: string): Column => ({ key, zh: names[0], names: [...names, key], doc })

export const CLAIM_COLUMNS: readonly Column[] = [
  col('id', ['编号', '单据号', '结算单号'], 'claim id, echoed in the results'),
  col(
    'personId',
    ['参保人编号', '个人编号', '人员编号'],
    'person id: the rows of one person accumulate their coverage year'
  ),
  col('kind', ['类型', '就医类型'], '住院 inpatient / 门诊 outpatient / 门特 special-outpatient (required)'),
  col('area', ['就医地点', '就医地'], '本地 / 转外就医 / 异地已备案 / 异地未备案 / 异地急诊 / 境外 (required)'),
  col('birthDate', ['出生日期'], 'YYYY-MM-DD (required)'),
  col('student', ['学生', '是否学生'], '是/否; required where the policy treats students apart'),
  col('groups', ['人员类别'], '低保、特困、五保、重度残疾、低保边缘、优抚、计生, separated by ；or 、; 无 for none'),
  col('continuousYears', ['连续参保年数'], 'whole years; required where a continuous-years bonus applies'),
  col('enrolmentStatus', ['参保状态'], '已参保 / 未参保 / 断保; or give 缴费日期 and 参保年度 instead'),
  col('benefitStart', ['待遇开始日期'], 'first day of benefits, if known'),
  col('benefitEnd', ['待遇结束日期'], 'last day of benefits, if known'),
  col('paidOn', ['缴费日期'], 'the enrolment record: day paid (the benefit start is computed)'),
  col('coverageYear', ['参保年度'], 'the enrolment record: coverage year paid for'),
  col('lapsedYears', ['补缴断保年数'], 'the enrolment record: years of arrears paid with it'),
  col('designated', ['定点', '是否定点'], '是/否: a designated institution (required)'),
  col('approved', ['经批准', '是否经批准'], '是/否: a non-designated institution approved by the agency'),
  col('institutionCode', ['医院编码', '机构编码'], 'the institution’s code in the county list'),
  col('institutionName', ['医院名称', '机构名称'], 'the institution’s name (shown in the steps)'),
  col('level', ['医院级别', '级别'], '一级 / 二级 / 三级'),
  col('grade', ['医院等次', '等次'], '甲等 / 乙等 / 丙等'),
  col('tier', ['医院层级', '层级'], '村 / 乡镇 / 县 / 市 / 省'),
  col('ownership', ['医院性质', '性质'], '公立 / 民营'),
  col('admissionDate', ['入院日期'], 'inpatient: YYYY-MM-DD (required)'),
  col('dischargeDate', ['出院日期'], 'inpatient: YYYY-MM-DD (required)'),
  col('serviceDate', ['就诊日期'], 'outpatient and 门特: YYYY-MM-DD (required)'),
  col('settlementDate', ['结算日期'], 'required where the policy picks its version by the settlement date'),
  col('total', ['总费用'], 'yuan, at most two decimals (required)'),
  col('classA', ['甲类'], 'bill lines by class: when any of 甲类/乙类/丙类/自费 is filled they must add up to 总费用'),
  col('classB', ['乙类'], '乙类 amount'),
  col('classC', ['丙类'], '丙类 amount'),
  col('selfPay', ['自费'], 'fully self-paid items'),
  col('classAOverLimit', ['甲类超限价'], 'the part of 甲类 above the price limit'),
  col('classBOverLimit', ['乙类超限价'], 'the part of 乙类 above the price limit'),
  col('classCOverLimit', ['丙类超限价'], 'the part of 丙类 above the price limit'),
  col('referralApproved', ['已办转诊', '是否转诊'], '是/否; required where a referral penalty could apply'),
  col('expectedTier', ['应就诊层级'], 'the tier the disease should be treated at (村/乡镇/县/市/省)'),
  col('emergency', ['急诊', '是否急诊'], '是/否'),
  col('emergencyDied', ['抢救无效死亡'], '是/否 (with 急诊)'),
  col('cause', ['就医原因'], '疾病 / 意外伤害 / 自杀自残 / … ; required where the policy excludes causes'),
  col('thirdPartyLiable', ['有第三方责任', '第三方责任'], '是/否: an accident with a liable third party'),
  col('majorDisease', ['重大疾病'], 'code on the policy’s major-disease list'),
  col('specialDisease', ['门特病种'], 'code on the policy’s 门特 list'),
  col('specialApproved', ['门特已准入'], '是/否 (required with 门特病种)'),
  col('benchmarkDisease', ['按病种付费病种', '单病种'], 'benchmark-price disease code'),
  col('benchmarkList', ['病种目录'], 'its list'),
  col('benchmarkPrice', ['基准价格'], 'its price, where the policy takes it from the claim'),
  col('useHouseholdAccount', ['使用家庭账户'], '是/否; required where the account can pay this kind of care')
]

/** Chinese (and English) words for each value of a column that takes words. */
const WORDS: Record<string, Record<string, string>> = {
  kind: {
    住院: 'inpatient',
    门诊: 'outpatient',
    普通门诊: 'outpatient',
    门诊统筹: 'outpatient',
    门特: 'special-outpatient',
    门诊特殊病种: 'special-outpatient',
    门诊慢特病: 'special-outpatient',
    慢病: 'special-outpatient'
  },
  area: {
    本地: 'local',
    统筹区内: 'local',
    转外就医: 'out-referred',
    转诊: 'out-referred',
    转市外: 'out-referred',
    异地已备案: 'out-filed',
    已备案: 'out-filed',
    异地未备案: 'out-unfiled',
    未备案: 'out-unfiled',
    异地急诊: 'out-emergency',
    境外: 'abroad'
  },
  tier: {
    村: 'village',
    村卫生室: 'village',
    乡: 'township',
    乡镇: 'township',
    乡镇卫生院: 'township',
    社区: 'township',
    县: 'county',
    县级: 'county',
    区级: 'county',
    县区级: 'county',
    市: 'city',
    市级: 'city',
    省: 'provincial',
    省级: 'provincial'
  },
  level: { 一级: '1', 二级: '2', 三级: '3' },
  grade: { 甲: 'A', 甲等: 'A', 乙: 'B', 乙等: 'B', 丙: 'C', 丙等: 'C' },
  ownership: { 公立: 'public', 民营: 'private', 私立: 'private' },
  enrolmentStatus: { 已参保: 'enrolled', 参保: 'enrolled', 未参保: 'not-enrolled', 断保: 'lapsed' },
  groups: {
    低保: 'dibao',
    五保: 'wubao',
    特困: 'tekun',
    特困人员: 'tekun',
    重度残疾: 'severe-disability',
    低保边缘: 'dibao-edge',
    优抚: 'youfu',
    优抚对象: 'youfu',
    计生: 'family-planning',
    计生特殊家庭: 'family-planning'
  },
  cause: {
    疾病: 'illness',
    意外伤害: 'accident',
    意外: 'accident',
    自杀自残: 'self-harm',
    精神病自伤: 'self-harm-mental-illness',
    打架斗殴: 'fight',
    酗酒: 'drunkenness',
    吸毒: 'drugs',
    违法犯罪: 'crime',
    医疗事故: 'medical-accident',
    生育: 'childbirth',
    计划生育: 'family-planning',
    美容整形: 'cosmetic',
    其他违规: 'other-violation'
  }
}
const ENGLISH: Record<string, readonly string[]> = {
  kind: ['inpatient', 'outpatient', 'special-outpatient'],
  area: ['local', 'out-referred', 'out-filed', 'out-unfiled', 'out-emergency', 'abroad'],
  tier: ['village', 'township', 'county', 'city', 'provincial'],
  level: ['1', '2', '3'],
  grade: ['A', 'B', 'C'],
  ownership: ['public', 'private'],
  enrolmentStatus: ['enrolled', 'not-enrolled', 'lapsed'],
  groups: ['dibao', 'wubao', 'tekun', 'severe-disability', 'dibao-edge', 'youfu', 'family-planning'],
  cause: CAUSES
}
/**
 * Every value a column accepts → the calculator's word: its Chinese words, and its English
 * words as themselves (looked up once a row per column: a Map reads a cell as it is, where
 * an object's keys would first turn each cell into a property name).
 */
const ACCEPTED: Record<string, Map<string, string>> = {}
for (const k of new Set([...Object.keys(ENGLISH), ...Object.keys(WORDS)])) {
  const m = new Map<string, string>((ENGLISH[k] ?? []).map((v) => [v, v]))
  // a Chinese word is read first, as it always was
  for (const [zh, v] of Object.entries(WORDS[k] ?? {})) m.set(zh, v)
  ACCEPTED[k] = m
}
const YES = new Set(['是', '有', 'y', 'yes', 'true', '1'])
const NO = new Set(['否', '无', '没有', 'n', 'no', 'false', '0'])

/** Where the header's columns are: one index per known key; a header the table does not know is refused. */
export function headerIndex(header: string[]): Map<Key, number> {
  const byName = new Map<string, Column>()
  for (const c of CLAIM_COLUMNS) for (const n of c.names) byName.set(n, c)
  const idx = new Map<Key, number>()
  header.forEach((raw, i) => {
    const h = raw.trim()
    if (h === '') return
    const c = byName.get(h)
    if (!c) throw new CellError(h, `不认识的列名「${h}」${suggest(h)}（所有列名见 xqyb-calc settle --help columns）`)
    if (idx.has(c.key)) throw new CellError(h, `「${c.zh}」这一列出现了两次`)
    idx.set(c.key, i)
  })
  return idx
}

function suggest(h: string): string {
  let best: string | null = null
  let bestD = 3
  for (const c of CLAIM_COLUMNS)
    for (const n of c.names) {
      const d = distance(h.toLowerCase(), n.toLowerCase())
      if (d < bestD) {
        bestD = d
        best = n
      }
    }
  return best ? `，是不是「${best}」？` : ''
}

/** Levenshtein distance (short names only) */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
  return d[a.length][b.length]
}

const ZH = new Map(CLAIM_COLUMNS.map((c) => [c.key, c.zh]))
/** The Chinese name of a column, for messages. */
export const zhOf = (k: Key): string => ZH.get(k) ?? k

/** A cell, trimmed ('' when the column is absent or the row is short). */
function cellAt(cells: string[], i: number): string {
  if (i < 0) return ''
  const v = cells[i]
  if (v === undefined || v === '') return ''
  const c0 = v.charCodeAt(0)
  const c1 = v.charCodeAt(v.length - 1)
  return c0 <= 32 || c1 <= 32 ? v.trim() : v
}

/** A reader of claim rows for one header: the column positions looked up once, each row read with plain lookups. */
export function rowReader(idx: Map<Key, number>): (cells: string[]) => Claim {
  // one fixed-shape object of positions (-1: not in the file), read by name below
  const at = (k: Key): number => idx.get(k) ?? -1
  const I = {
    id: at('id'),
    personId: at('personId'),
    kind: at('kind'),
    area: at('area'),
    birthDate: at('birthDate'),
    student: at('student'),
    groups: at('groups'),
    continuousYears: at('continuousYears'),
    enrolmentStatus: at('enrolmentStatus'),
    benefitStart: at('benefitStart'),
    benefitEnd: at('benefitEnd'),
    paidOn: at('paidOn'),
    coverageYear: at('coverageYear'),
    lapsedYears: at('lapsedYears'),
    designated: at('designated'),
    approved: at('approved'),
    institutionCode: at('institutionCode'),
    institutionName: at('institutionName'),
    level: at('level'),
    grade: at('grade'),
    tier: at('tier'),
    ownership: at('ownership'),
    admissionDate: at('admissionDate'),
    dischargeDate: at('dischargeDate'),
    serviceDate: at('serviceDate'),
    settlementDate: at('settlementDate'),
    total: at('total'),
    classA: at('classA'),
    classB: at('classB'),
    classC: at('classC'),
    selfPay: at('selfPay'),
    classAOverLimit: at('classAOverLimit'),
    classBOverLimit: at('classBOverLimit'),
    classCOverLimit: at('classCOverLimit'),
    referralApproved: at('referralApproved'),
    expectedTier: at('expectedTier'),
    emergency: at('emergency'),
    emergencyDied: at('emergencyDied'),
    cause: at('cause'),
    thirdPartyLiable: at('thirdPartyLiable'),
    majorDisease: at('majorDisease'),
    specialDisease: at('specialDisease'),
    specialApproved: at('specialApproved'),
    benchmarkDisease: at('benchmarkDisease'),
    benchmarkList: at('benchmarkList'),
    benchmarkPrice: at('benchmarkPrice'),
    useHouseholdAccount: at('useHouseholdAccount')
  }
  const missing = (k: Key, why = ''): never => {
    throw new CellError(zhOf(k), `「${zhOf(k)}」没有填${why}${idx.has(k) ? '' : '（文件里没有这一列）'}`)
  }
  const word = (k: Key, v: string): string => {
    const hit = ACCEPTED[k]?.get(v)
    if (hit === undefined)
      throw new CellError(
        zhOf(k),
        `「${zhOf(k)}」填的「${v}」不认识，可以填：${Object.keys(WORDS[k] ?? {}).join('、') || ENGLISH[k]?.join('、')}`
      )
    return hit
  }
  const bool = (k: Key, v: string): boolean | undefined => {
    if (v === '') return undefined
    if (v === '是') return true
    if (v === '否') return false
    const l = v.toLowerCase()
    if (YES.has(l)) return true
    if (NO.has(l)) return false
    throw new CellError(zhOf(k), `「${zhOf(k)}」只能填 是 或 否，填的是「${v}」`)
  }
  const int = (k: Key, v: string, max: number): number | undefined => {
    if (v === '') return undefined
    if (!/^\d+$/.test(v) || Number(v) > max)
      throw new CellError(zhOf(k), `「${zhOf(k)}」应当是 0 到 ${max} 的整数，填的是「${v}」`)
    return Number(v)
  }
  const und = (v: string): string | undefined => (v === '' ? undefined : v)
  const LINES = [
    ['classA', 'classAOverLimit', 'A'],
    ['classB', 'classBOverLimit', 'B'],
    ['classC', 'classCOverLimit', 'C'],
    ['selfPay', null, 'self-pay']
  ] as const
  const anyLines = LINES.some(([k, o]) => I[k] >= 0 || (o !== null && I[o] >= 0))

  return (cells) => {
    const kindCell = cellAt(cells, I.kind)
    if (kindCell === '') missing('kind')
    const kind = word('kind', kindCell) as ClaimKind
    const areaCell = cellAt(cells, I.area)
    if (areaCell === '') missing('area')
    const birthDate = cellAt(cells, I.birthDate)
    if (birthDate === '') missing('birthDate')
    const designatedCell = cellAt(cells, I.designated)
    if (designatedCell === '') missing('designated')
    const total = cellAt(cells, I.total)
    if (total === '') missing('total')

    let lines: BillLine[] | undefined
    if (anyLines) {
      for (const [k, over, cls] of LINES) {
        const amount = cellAt(cells, I[k])
        const o = over === null ? '' : cellAt(cells, I[over])
        if (o !== '' && amount === '')
          throw new CellError(zhOf(over!), `填了「${zhOf(over!)}」，但没有填「${zhOf(k)}」`)
        if (amount !== '') (lines ??= []).push(o === '' ? { class: cls, amount } : { class: cls, amount, overLimit: o })
      }
    }
    const groupsCell = cellAt(cells, I.groups)
    let groups: string[] | undefined
    if (groupsCell === '无' || groupsCell === 'none') groups = []
    else if (groupsCell !== '')
      groups = groupsCell
        .split(/[;；、,，]/)
        .map((x) => x.trim())
        .filter(Boolean)
        .map((x) => word('groups', x))

    const statusCell = cellAt(cells, I.enrolmentStatus)
    const status = statusCell === '' ? undefined : (word('enrolmentStatus', statusCell) as Enrolment['status'])
    const paidOn = cellAt(cells, I.paidOn)
    const yearCell = cellAt(cells, I.coverageYear)
    let enrolment: Enrolment | undefined
    if (paidOn !== '' || yearCell !== '') {
      const year = int('coverageYear', yearCell, 2100)
      if (year === undefined)
        throw new CellError(zhOf('coverageYear'), `填了缴费日期，还要填「${zhOf('coverageYear')}」`)
      if (paidOn === '') throw new CellError(zhOf('paidOn'), `填了参保年度，还要填「${zhOf('paidOn')}」`)
      if (status !== undefined && status !== 'enrolled')
        throw new CellError(zhOf('enrolmentStatus'), '有缴费记录时参保状态应当是「已参保」')
      const lapsed = int('lapsedYears', cellAt(cells, I.lapsedYears), 30)
      enrolment = {
        status: 'enrolled',
        paid: { coverageYear: year, paidOn, ...(lapsed ? { lapsedYears: lapsed } : {}) }
      }
    } else if (status !== undefined) {
      const start = cellAt(cells, I.benefitStart)
      const end = cellAt(cells, I.benefitEnd)
      enrolment = start === '' && end === '' ? { status } : { status, benefitStart: und(start), benefitEnd: und(end) }
    }

    const levelCell = cellAt(cells, I.level)
    const gradeCell = cellAt(cells, I.grade)
    const tierCell = cellAt(cells, I.tier)
    const ownershipCell = cellAt(cells, I.ownership)
    const emergency = bool('emergency', cellAt(cells, I.emergency))
    const died = bool('emergencyDied', cellAt(cells, I.emergencyDied))
    if (died !== undefined && emergency !== true)
      throw new CellError(zhOf('emergencyDied'), `填了「${zhOf('emergencyDied')}」，「${zhOf('emergency')}」应当填“是”`)
    const special = cellAt(cells, I.specialDisease)
    const benchmark = cellAt(cells, I.benchmarkDisease)
    const referral = bool('referralApproved', cellAt(cells, I.referralApproved))
    const expectedCell = cellAt(cells, I.expectedTier)
    const expectedTier = expectedCell === '' ? undefined : (word('tier', expectedCell) as InstitutionTier)
    if (referral === undefined && expectedTier !== undefined)
      throw new CellError(
        zhOf('referralApproved'),
        `填了「${zhOf('expectedTier')}」，还要填「${zhOf('referralApproved')}」`
      )
    const causeCell = cellAt(cells, I.cause)
    const claim: Claim = {
      id: und(cellAt(cells, I.id)),
      kind,
      area: word('area', areaCell) as CareArea,
      person: {
        id: und(cellAt(cells, I.personId)),
        birthDate,
        student: bool('student', cellAt(cells, I.student)),
        groups,
        continuousYears: int('continuousYears', cellAt(cells, I.continuousYears), 100),
        enrolment
      },
      institution: {
        designated: bool('designated', designatedCell)!,
        approved: bool('approved', cellAt(cells, I.approved)),
        code: und(cellAt(cells, I.institutionCode)),
        name: und(cellAt(cells, I.institutionName)),
        level: levelCell === '' ? undefined : (Number(word('level', levelCell)) as HospitalLevel),
        grade: gradeCell === '' ? undefined : (word('grade', gradeCell) as HospitalGrade),
        tier: tierCell === '' ? undefined : (word('tier', tierCell) as InstitutionTier),
        ownership: ownershipCell === '' ? undefined : (word('ownership', ownershipCell) as Ownership)
      },
      settlementDate: und(cellAt(cells, I.settlementDate)),
      bill: { total, lines },
      referral: referral === undefined ? undefined : { approved: referral, expectedTier },
      emergency: emergency ? { died } : undefined,
      cause: causeCell === '' ? undefined : (word('cause', causeCell) as Cause),
      thirdPartyLiable: bool('thirdPartyLiable', cellAt(cells, I.thirdPartyLiable)),
      majorDisease: und(cellAt(cells, I.majorDisease)),
      useHouseholdAccount: bool('useHouseholdAccount', cellAt(cells, I.useHouseholdAccount))
    }
    if (kind === 'inpatient') {
      const a = cellAt(cells, I.admissionDate)
      const d = cellAt(cells, I.dischargeDate)
      if (a === '') missing('admissionDate', '（住院要填入院日期）')
      if (d === '') missing('dischargeDate', '（住院要填出院日期）')
      claim.admissionDate = a
      claim.dischargeDate = d
    } else {
      const v = cellAt(cells, I.serviceDate)
      if (v === '') missing('serviceDate', '（门诊要填就诊日期）')
      claim.serviceDate = v
    }
    if (special !== '') {
      const approved = bool('specialApproved', cellAt(cells, I.specialApproved))
      if (approved === undefined) missing('specialApproved', '（门特要写是否已准入）')
      claim.specialDisease = { code: special, approved: approved! }
    }
    if (benchmark !== '') {
      const list = cellAt(cells, I.benchmarkList)
      if (list === '') missing('benchmarkList', '（按病种付费要填病种目录）')
      claim.benchmark = { disease: benchmark, list, price: und(cellAt(cells, I.benchmarkPrice)) }
    }
    return claim
  }
}

/** One claim from a CSV row (see rowReader). */
/** Which column a calculator error path points at (for row messages), if any. */
export function columnOfPath(path: string | undefined): string | null {
  if (!path) return null
  const map: [RegExp, Key][] = [
    [/^\$\.kind/, 'kind'],
    [/^\$\.area/, 'area'],
    [/^\$\.person\.birthDate/, 'birthDate'],
    [/^\$\.person\.student/, 'student'],
    [/^\$\.person\.groups/, 'groups'],
    [/^\$\.person\.continuousYears/, 'continuousYears'],
    [/^\$\.person\.enrolment\.paid\.paidOn/, 'paidOn'],
    [/^\$\.person\.enrolment\.paid\.coverageYear/, 'coverageYear'],
    [/^\$\.person\.enrolment\.paid\.lapsedYears/, 'lapsedYears'],
    [/^\$\.person\.enrolment\.benefitStart/, 'benefitStart'],
    [/^\$\.person\.enrolment\.benefitEnd/, 'benefitEnd'],
    [/^\$\.person\.enrolment/, 'enrolmentStatus'],
    [/^\$\.institution\.designated/, 'designated'],
    [/^\$\.institution\.approved/, 'approved'],
    [/^\$\.institution\.level/, 'level'],
    [/^\$\.institution\.grade/, 'grade'],
    [/^\$\.institution\.tier/, 'tier'],
    [/^\$\.admissionDate/, 'admissionDate'],
    [/^\$\.dischargeDate/, 'dischargeDate'],
    [/^\$\.serviceDate/, 'serviceDate'],
    [/^\$\.settlementDate/, 'settlementDate'],
    [/^\$\.bill\.total/, 'total'],
    [/^\$\.referral/, 'referralApproved'],
    [/^\$\.emergency\.died/, 'emergencyDied'],
    [/^\$\.cause/, 'cause'],
    [/^\$\.thirdPartyLiable/, 'thirdPartyLiable'],
    [/^\$\.majorDisease/, 'majorDisease'],
    [/^\$\.specialDisease/, 'specialDisease'],
    [/^\$\.benchmark\.price/, 'benchmarkPrice'],
    [/^\$\.benchmark\.list/, 'benchmarkList'],
    [/^\$\.benchmark/, 'benchmarkDisease'],
    [/^\$\.useHouseholdAccount/, 'useHouseholdAccount']
  ]
  for (const [re, k] of map) if (re.test(path)) return zhOf(k)
  if (/^\$\.bill\.lines/.test(path)) return '甲类/乙类/丙类/自费'
  return null
}
