// Hand-written validator for policy documents. It lists every problem with its JSON path
// and a plain Chinese message; the calculator refuses a document with any problem.
// policy.schema.json describes the same format for other tools; tests check both agree
// on the shipped policies.
import { isIsoDate } from './dates'
import { isMoneyString, isRateString, Money } from './decimal'
import type { PolicyDocument, ValidationProblem } from './types'

type Obj = Record<string, unknown>
type P = ValidationProblem[]

const SCHEMES = ['ncms', 'resident']
const SELECTIONS = ['admission', 'discharge', 'settlement']
const KINDS = ['inpatient', 'outpatient', 'special-outpatient']
const AREAS = ['local', 'out-referred', 'out-filed', 'out-unfiled', 'out-emergency', 'abroad']
const TIERS = ['village', 'township', 'county', 'city', 'provincial']
const GRADES = ['A', 'B', 'C']
const OWNERSHIP = ['public', 'private']
const CAUSES = [
  'illness',
  'accident',
  'self-harm',
  'self-harm-mental-illness',
  'fight',
  'drunkenness',
  'drugs',
  'crime',
  'medical-accident',
  'childbirth',
  'family-planning',
  'cosmetic',
  'other-violation'
]
const MONTH_DAY_RE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const ID_RE = /^[a-z0-9][a-z0-9-]*$/

const MSG = {
  object: '应当是一个对象 { … }',
  array: '应当是一个列表 [ … ]',
  string: '应当是文字',
  money: '金额必须是最多两位小数的字符串，例如 "200.00"',
  rate: '比例必须是 0 到 1 之间的字符串，例如 "0.70"',
  date: '日期必须写成 "2026-01-01" 这样',
  required: '缺少这一项',
  unknown: '不认识这个字段（是否拼错了？）',
  int: '应当是 0 或正整数'
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
function add(p: P, path: string, message: string): void {
  p.push({ path, message })
}
function at(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`
}

/** Checks that v is an object, reports missing required and unknown keys; returns v or undefined. */
function obj(p: P, v: unknown, path: string, required: string[], optional: string[] = []): Obj | undefined {
  if (!isObj(v)) {
    add(p, path, MSG.object)
    return undefined
  }
  for (const k of required) if (v[k] === undefined) add(p, at(path, k), MSG.required)
  const known = new Set([...required, ...optional])
  for (const k of Object.keys(v)) if (!known.has(k)) add(p, at(path, k), MSG.unknown)
  return v
}
function str(p: P, v: unknown, path: string): v is string {
  if (typeof v !== 'string' || v.length === 0) {
    add(p, path, MSG.string)
    return false
  }
  return true
}
function optStr(p: P, o: Obj, key: string, path: string): void {
  if (o[key] !== undefined) str(p, o[key], at(path, key))
}
function oneOf(p: P, v: unknown, path: string, allowed: readonly (string | number)[]): boolean {
  if (!allowed.includes(v as string)) {
    add(p, path, `只能是以下之一：${allowed.join('、')}`)
    return false
  }
  return true
}
function oneOrMany(p: P, v: unknown, path: string, allowed: readonly (string | number)[]): void {
  if (Array.isArray(v)) {
    if (v.length === 0) add(p, path, '列表不能为空')
    v.forEach((x, i) => oneOf(p, x, at(path, i), allowed))
  } else oneOf(p, v, path, allowed)
}
function money(p: P, v: unknown, path: string): boolean {
  if (!isMoneyString(v)) {
    add(p, path, MSG.money)
    return false
  }
  return true
}
function rate(p: P, v: unknown, path: string): boolean {
  if (!isRateString(v)) {
    add(p, path, MSG.rate)
    return false
  }
  return true
}
function isMissing(v: unknown): boolean {
  return isObj(v) && v.missing === true
}
function missing(p: P, v: unknown, path: string): void {
  const o = obj(p, v, path, ['missing', 'note'])
  if (o && typeof o.note === 'string' && o.note.length === 0) add(p, at(path, 'note'), '请说明为什么缺少这个数字')
}
function moneyParam(p: P, v: unknown, path: string): void {
  if (isMissing(v)) missing(p, v, path)
  else money(p, v, path)
}
function rateParam(p: P, v: unknown, path: string): void {
  if (isMissing(v)) missing(p, v, path)
  else rate(p, v, path)
}
function limitParam(p: P, v: unknown, path: string): void {
  if (isObj(v) && 'none' in v) {
    const o = obj(p, v, path, ['none'], ['note'])
    if (o && o.none !== true) add(p, at(path, 'none'), '应当是 true')
  } else moneyParam(p, v, path)
}
function date(p: P, v: unknown, path: string): boolean {
  if (!isIsoDate(v)) {
    add(p, path, MSG.date)
    return false
  }
  return true
}
function int(p: P, v: unknown, path: string, max = 200): boolean {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    add(p, path, MSG.int)
    return false
  }
  return true
}
function bool(p: P, v: unknown, path: string): void {
  if (typeof v !== 'boolean') add(p, path, '应当是 true 或 false')
}
function list(
  p: P,
  v: unknown,
  path: string,
  each: (x: unknown, path: string, i: number) => void,
  nonEmpty = true
): unknown[] {
  if (!Array.isArray(v)) {
    add(p, path, MSG.array)
    return []
  }
  if (nonEmpty && v.length === 0) add(p, path, '列表不能为空')
  v.forEach((x, i) => each(x, at(path, i), i))
  return v
}
function source(p: P, v: unknown, path: string): void {
  const o = obj(p, v, path, ['title'], ['docNo', 'clause', 'url', 'note'])
  if (!o) return
  str(p, o.title, at(path, 'title'))
  for (const k of ['docNo', 'clause', 'url', 'note']) optStr(p, o, k, path)
}
function section(p: P, v: unknown, path: string, required: string[], optional: string[] = []): Obj | undefined {
  const o = obj(p, v, path, ['source', ...required], optional)
  if (o && o.source !== undefined) source(p, o.source, at(path, 'source'))
  return o
}

function rowCondition(p: P, v: unknown, path: string, groups: Set<string>): void {
  const o = obj(p, v, path, [], ['code', 'kind', 'area', 'level', 'grade', 'tier', 'ownership', 'group'])
  if (!o) return
  if (o.code !== undefined) {
    if (Array.isArray(o.code)) list(p, o.code, at(path, 'code'), (x, xp) => str(p, x, xp))
    else str(p, o.code, at(path, 'code'))
  }
  if (o.kind !== undefined) oneOrMany(p, o.kind, at(path, 'kind'), KINDS)
  if (o.area !== undefined) oneOrMany(p, o.area, at(path, 'area'), AREAS)
  if (o.level !== undefined) oneOrMany(p, o.level, at(path, 'level'), [1, 2, 3])
  if (o.grade !== undefined) oneOrMany(p, o.grade, at(path, 'grade'), GRADES)
  if (o.tier !== undefined) oneOrMany(p, o.tier, at(path, 'tier'), TIERS)
  if (o.ownership !== undefined) oneOrMany(p, o.ownership, at(path, 'ownership'), OWNERSHIP)
  if (o.group !== undefined) {
    const gs = Array.isArray(o.group) ? o.group : [o.group]
    gs.forEach((g, i) => {
      if (!groups.has(g as string))
        add(
          p,
          Array.isArray(o.group) ? at(at(path, 'group'), i) : at(path, 'group'),
          `人群「${String(g)}」没有在 populationGroups 里定义`
        )
    })
  }
}
function personCondition(p: P, v: unknown, path: string, depth = 0): void {
  const o = obj(p, v, path, [], ['student', 'ageUnder', 'ageAtLeast', 'groups', 'anyOf'])
  if (!o) return
  if (o.student !== undefined) bool(p, o.student, at(path, 'student'))
  if (o.ageUnder !== undefined) int(p, o.ageUnder, at(path, 'ageUnder'), 150)
  if (o.ageAtLeast !== undefined) int(p, o.ageAtLeast, at(path, 'ageAtLeast'), 150)
  if (o.groups !== undefined) list(p, o.groups, at(path, 'groups'), (g, gp) => str(p, g, gp))
  if (o.anyOf !== undefined) {
    if (depth > 3) add(p, at(path, 'anyOf'), '条件嵌套太深')
    else list(p, o.anyOf, at(path, 'anyOf'), (c, cp) => personCondition(p, c, cp, depth + 1))
  }
}
function bands(p: P, v: unknown, path: string): void {
  let prev: InstanceType<typeof Money> | null = null
  const arr = list(p, v, path, (b, bp) => {
    const o = obj(p, b, bp, ['upTo', 'rate'])
    if (!o) return
    rateParam(p, o.rate, at(bp, 'rate'))
    if (o.upTo !== null && money(p, o.upTo, at(bp, 'upTo'))) {
      const d = new Money(o.upTo as string)
      if (prev && d.lte(prev)) add(p, at(bp, 'upTo'), '分段的上限必须从小到大排列')
      prev = d
    }
  })
  arr.forEach((b, i) => {
    if (isObj(b) && b.upTo === null && i !== arr.length - 1)
      add(p, at(at(path, i), 'upTo'), '只有最后一段可以没有上限（null）')
  })
  const last = arr[arr.length - 1]
  if (isObj(last) && last.upTo !== null)
    add(p, at(at(path, arr.length - 1), 'upTo'), '最后一段的上限应当是 null（不设上限）')
}
function deductibleTable(p: P, v: unknown, path: string, groups: Set<string>): void {
  const o = obj(p, v, path, ['rows'], ['source'])
  if (!o) return
  if (o.source !== undefined) source(p, o.source, at(path, 'source'))
  list(p, o.rows, at(path, 'rows'), (r, rp) => {
    const row = obj(p, r, rp, ['when', 'amount'], ['label'])
    if (!row) return
    rowCondition(p, row.when, at(rp, 'when'), groups)
    moneyParam(p, row.amount, at(rp, 'amount'))
    optStr(p, row, 'label', rp)
  })
}
function rateTable(p: P, v: unknown, path: string, groups: Set<string>): void {
  const o = obj(p, v, path, ['rows'], ['source'])
  if (!o) return
  if (o.source !== undefined) source(p, o.source, at(path, 'source'))
  list(p, o.rows, at(path, 'rows'), (r, rp) => {
    if (!isObj(r)) return add(p, rp, MSG.object)
    const forms = ['rate', 'bands', 'patientFlat'].filter((k) => r[k] !== undefined)
    if (forms.length !== 1) {
      add(p, rp, '每一行必须且只能写 rate（比例）、bands（分段比例）或 patientFlat（个人定额）中的一种')
      return
    }
    const row = obj(p, r, rp, ['when', forms[0]], ['label'])
    if (!row) return
    rowCondition(p, row.when, at(rp, 'when'), groups)
    if (forms[0] === 'rate') rateParam(p, row.rate, at(rp, 'rate'))
    else if (forms[0] === 'bands') bands(p, row.bands, at(rp, 'bands'))
    else moneyParam(p, row.patientFlat, at(rp, 'patientFlat'))
    optStr(p, row, 'label', rp)
  })
}
function diseaseList(p: P, v: unknown, path: string): void {
  if (isMissing(v)) return missing(p, v, path)
  const codes = new Set<string>()
  list(p, v, path, (d, dp) => {
    const o = obj(p, d, dp, ['code', 'label'])
    if (!o) return
    if (str(p, o.code, at(dp, 'code'))) {
      if (codes.has(o.code as string)) add(p, at(dp, 'code'), `病种代码「${String(o.code)}」重复`)
      codes.add(o.code as string)
    }
    str(p, o.label, at(dp, 'label'))
  })
}
function kinds(p: P, v: unknown, path: string): void {
  list(p, v, path, (k, kp) => oneOf(p, k, kp, KINDS))
}

function contribution(p: P, v: unknown, path: string): void {
  const o = section(
    p,
    v,
    path,
    ['ageAt', 'householdUnit', 'categories'],
    ['subsidisedGroups', 'subsidySplit', 'collection', 'waitingPeriod', 'arrears', 'newborn']
  )
  if (!o) return
  oneOf(p, o.ageAt, at(path, 'ageAt'), ['year-end'])
  bool(p, o.householdUnit, at(path, 'householdUnit'))
  const totals = new Map<string, string>()
  const catIds = new Set<string>()
  list(p, o.categories, at(path, 'categories'), (c, cp) => {
    const cat = obj(p, c, cp, ['id', 'label', 'when', 'total', 'personal', 'subsidy'])
    if (!cat) return
    if (str(p, cat.id, at(cp, 'id'))) {
      if (catIds.has(cat.id as string)) add(p, at(cp, 'id'), `类别「${String(cat.id)}」重复`)
      catIds.add(cat.id as string)
    }
    str(p, cat.label, at(cp, 'label'))
    personCondition(p, cat.when, at(cp, 'when'))
    for (const k of ['total', 'personal', 'subsidy']) moneyParam(p, cat[k], at(cp, k))
    if ([cat.total, cat.personal, cat.subsidy].every(isMoneyString)) {
      if (!new Money(cat.personal as string).plus(cat.subsidy as string).eq(cat.total as string)) {
        add(
          p,
          at(cp, 'total'),
          `个人缴费 ${String(cat.personal)} 加财政补助 ${String(cat.subsidy)} 不等于筹资标准 ${String(cat.total)}`
        )
      }
      totals.set(cat.id as string, cat.total as string)
    }
  })
  if (o.subsidisedGroups !== undefined) {
    list(
      p,
      o.subsidisedGroups,
      at(path, 'subsidisedGroups'),
      (g, gp) => {
        const grp = obj(p, g, gp, ['id', 'label', 'groups', 'rows'])
        if (!grp) return
        str(p, grp.id, at(gp, 'id'))
        str(p, grp.label, at(gp, 'label'))
        list(p, grp.groups, at(gp, 'groups'), (x, xp) => str(p, x, xp))
        list(p, grp.rows, at(gp, 'rows'), (r, rp) => {
          const row = obj(p, r, rp, ['personal', 'subsidy'], ['category', 'paidBy'])
          if (!row) return
          moneyParam(p, row.personal, at(rp, 'personal'))
          moneyParam(p, row.subsidy, at(rp, 'subsidy'))
          let paid = '0'
          if (row.paidBy !== undefined) {
            const pb = obj(p, row.paidBy, at(rp, 'paidBy'), ['payer', 'label', 'amount'])
            if (pb) {
              str(p, pb.payer, at(at(rp, 'paidBy'), 'payer'))
              str(p, pb.label, at(at(rp, 'paidBy'), 'label'))
              if (money(p, pb.amount, at(at(rp, 'paidBy'), 'amount'))) paid = pb.amount as string
            }
          }
          const cats =
            row.category === undefined ? [...catIds] : Array.isArray(row.category) ? row.category : [row.category]
          cats.forEach((c) => {
            if (!catIds.has(c as string)) add(p, at(rp, 'category'), `缴费类别「${String(c)}」没有定义`)
            const total = totals.get(c as string)
            if (total && isMoneyString(row.personal) && isMoneyString(row.subsidy)) {
              if (!new Money(row.personal).plus(row.subsidy).plus(paid).eq(total)) {
                add(
                  p,
                  rp,
                  `类别「${String(c)}」：个人 ${row.personal} + 财政补助 ${row.subsidy} + 代缴 ${paid} 不等于筹资标准 ${total}`
                )
              }
            }
          })
        })
      },
      false
    )
  }
  if (o.subsidySplit !== undefined) {
    const sums = new Map<string, InstanceType<typeof Money>>()
    list(p, o.subsidySplit, at(path, 'subsidySplit'), (s, sp) => {
      const row = obj(p, s, sp, ['payer', 'label', 'share'], ['when'])
      if (!row) return
      str(p, row.payer, at(sp, 'payer'))
      str(p, row.label, at(sp, 'label'))
      let key = '{}'
      if (row.when !== undefined) {
        const w = obj(p, row.when, at(sp, 'when'), [], ['schoolFundedBy', 'student'])
        if (w?.schoolFundedBy !== undefined)
          oneOf(p, w.schoolFundedBy, at(at(sp, 'when'), 'schoolFundedBy'), ['county', 'other'])
        if (w?.student !== undefined) bool(p, w.student, at(at(sp, 'when'), 'student'))
        key = JSON.stringify(row.when)
      }
      if (rate(p, row.share, at(sp, 'share'))) sums.set(key, (sums.get(key) ?? new Money(0)).plus(row.share as string))
    })
    for (const [key, sum] of sums) {
      if (!sum.eq(1))
        add(p, at(path, 'subsidySplit'), `条件 ${key} 下各级财政分担比例之和是 ${sum.toString()}，应当等于 1`)
    }
  }
  if (o.collection !== undefined) {
    const c = obj(p, o.collection, at(path, 'collection'), ['to'], ['from', 'deadline', 'note'])
    if (c) {
      const okFrom = c.from !== undefined && date(p, c.from, at(at(path, 'collection'), 'from'))
      const okTo = date(p, c.to, at(at(path, 'collection'), 'to'))
      if (c.deadline !== undefined) date(p, c.deadline, at(at(path, 'collection'), 'deadline'))
      if (okFrom && okTo && (c.from as string) > (c.to as string))
        add(p, at(path, 'collection'), '征缴开始日期晚于结束日期')
      optStr(p, c, 'note', at(path, 'collection'))
    }
  }
  if (o.waitingPeriod !== undefined) {
    const w = obj(p, o.waitingPeriod, at(path, 'waitingPeriod'), ['months', 'appliesTo'])
    if (w) {
      int(p, w.months, at(at(path, 'waitingPeriod'), 'months'), 24)
      oneOf(p, w.appliesTo, at(at(path, 'waitingPeriod'), 'appliesTo'), ['all', 'outside-collection'])
      if (w.appliesTo === 'outside-collection' && o.collection === undefined)
        add(p, at(path, 'waitingPeriod'), '按征缴期判断等待期时必须写 collection（征缴期）')
    }
  }
  if (o.arrears !== undefined) {
    const a = obj(p, o.arrears, at(path, 'arrears'), ['subsidised', 'waitingMonths'])
    if (a) {
      bool(p, a.subsidised, at(at(path, 'arrears'), 'subsidised'))
      int(p, a.waitingMonths, at(at(path, 'arrears'), 'waitingMonths'), 24)
    }
  }
  if (o.newborn !== undefined) {
    const n = obj(p, o.newborn, at(path, 'newborn'), ['enrolWithinDays', 'birthYearContribution'], ['note'])
    if (n) {
      int(p, n.enrolWithinDays, at(at(path, 'newborn'), 'enrolWithinDays'), 366)
      oneOf(p, n.birthYearContribution, at(at(path, 'newborn'), 'birthYearContribution'), ['waived', 'full'])
      optStr(p, n, 'note', at(path, 'newborn'))
    }
  }
}

/** Validate a resolved policy document (no `extends`). Returns every problem; empty = valid. */
export function validatePolicy(doc: unknown): ValidationProblem[] {
  const p: P = []
  const top = [
    'coverageYear',
    'populationGroups',
    'contribution',
    'householdAccount',
    'exclusions',
    'eligibleCost',
    'inpatient',
    'outpatient',
    'specialOutpatient',
    'continuousYearsBonus',
    'referral',
    'emergency',
    'annualCap',
    'majorDiseases',
    'benchmarkPrice',
    'catastrophic',
    'assistance',
    'estimate'
  ]
  const d = obj(
    p,
    doc,
    '$',
    ['id', 'title', 'regionCode', 'regionName', 'scheme', 'version', 'effectiveFrom', 'versionSelection', 'source'],
    ['$schema', 'demo', 'effectiveTo', 'extends', 'resolvedFrom', 'notes', ...top]
  )
  if (!d) return p
  if (typeof d.id !== 'string' || !ID_RE.test(d.id))
    add(p, '$.id', '编号只能用小写字母、数字和连字符，例如 "demo-county-2026"')
  str(p, d.title, '$.title')
  if (typeof d.regionCode !== 'string' || !/^\d{6}$/.test(d.regionCode))
    add(p, '$.regionCode', '行政区划代码应当是6位数字')
  str(p, d.regionName, '$.regionName')
  oneOf(p, d.scheme, '$.scheme', SCHEMES)
  str(p, d.version, '$.version')
  const okFrom = date(p, d.effectiveFrom, '$.effectiveFrom')
  if (d.effectiveTo !== undefined && d.effectiveTo !== null) {
    if (date(p, d.effectiveTo, '$.effectiveTo') && okFrom && (d.effectiveTo as string) < (d.effectiveFrom as string)) {
      add(p, '$.effectiveTo', '失效日期早于生效日期')
    }
  }
  if (d.extends !== undefined) add(p, '$.extends', '请先合并基础政策（resolvePolicy）再校验')
  oneOf(p, d.versionSelection, '$.versionSelection', SELECTIONS)
  source(p, d.source, '$.source')
  if (d.demo !== undefined) bool(p, d.demo, '$.demo')
  if (d.notes !== undefined) list(p, d.notes, '$.notes', (n, np) => str(p, n, np), false)

  if (d.coverageYear !== undefined) {
    const c = section(p, d.coverageYear, '$.coverageYear', ['startMonthDay'], ['studentStartMonthDay'])
    if (c) {
      if (typeof c.startMonthDay !== 'string' || !MONTH_DAY_RE.test(c.startMonthDay))
        add(p, '$.coverageYear.startMonthDay', '应写成 "01-01" 这样的月-日')
      if (
        c.studentStartMonthDay !== undefined &&
        (typeof c.studentStartMonthDay !== 'string' || !MONTH_DAY_RE.test(c.studentStartMonthDay))
      ) {
        add(p, '$.coverageYear.studentStartMonthDay', '应写成 "09-01" 这样的月-日')
      }
    }
  }
  const groups = new Set<string>()
  if (d.populationGroups !== undefined) {
    const g = section(p, d.populationGroups, '$.populationGroups', ['ageAt', 'groups'])
    if (g) {
      oneOf(p, g.ageAt, '$.populationGroups.ageAt', ['year-end', 'service-date'])
      list(p, g.groups, '$.populationGroups.groups', (x, xp) => {
        const r = obj(p, x, xp, ['id', 'label', 'when'])
        if (!r) return
        if (str(p, r.id, at(xp, 'id'))) {
          if (groups.has(r.id as string)) add(p, at(xp, 'id'), `人群「${String(r.id)}」重复`)
          groups.add(r.id as string)
        }
        str(p, r.label, at(xp, 'label'))
        personCondition(p, r.when, at(xp, 'when'))
      })
    }
  }
  if (d.contribution !== undefined) contribution(p, d.contribution, '$.contribution')
  if (d.householdAccount !== undefined) {
    const h = section(p, d.householdAccount, '$.householdAccount', ['shareOfPersonal', 'usableFor'])
    if (h) {
      rateParam(p, h.shareOfPersonal, '$.householdAccount.shareOfPersonal')
      kinds(p, h.usableFor, '$.householdAccount.usableFor')
    }
  }
  if (d.exclusions !== undefined) {
    const e = section(p, d.exclusions, '$.exclusions', [
      'requireDesignated',
      'causes',
      'thirdPartyLiable',
      'accidentWithoutThirdParty',
      'areas'
    ])
    if (e) {
      bool(p, e.requireDesignated, '$.exclusions.requireDesignated')
      list(p, e.causes, '$.exclusions.causes', (c, cp) => oneOf(p, c, cp, CAUSES), false)
      oneOf(p, e.thirdPartyLiable, '$.exclusions.thirdPartyLiable', ['excluded', 'covered'])
      if (isObj(e.accidentWithoutThirdParty)) {
        const a = obj(p, e.accidentWithoutThirdParty, '$.exclusions.accidentWithoutThirdParty', ['coveredFromAge'])
        if (a) int(p, a.coveredFromAge, '$.exclusions.accidentWithoutThirdParty.coveredFromAge', 150)
      } else oneOf(p, e.accidentWithoutThirdParty, '$.exclusions.accidentWithoutThirdParty', ['covered', 'excluded'])
      list(p, e.areas, '$.exclusions.areas', (a, ap) => oneOf(p, a, ap, AREAS), false)
    }
  }
  if (d.eligibleCost !== undefined) {
    const e = section(p, d.eligibleCost, '$.eligibleCost', ['classBFirstPayRate', 'classCFirstPayRate'])
    if (e) {
      rateParam(p, e.classBFirstPayRate, '$.eligibleCost.classBFirstPayRate')
      rateParam(p, e.classCFirstPayRate, '$.eligibleCost.classCFirstPayRate')
    }
  }
  if (d.inpatient !== undefined) {
    const i = section(p, d.inpatient, '$.inpatient', ['deductible', 'ratio'], ['repeatAdmission'])
    if (i) {
      deductibleTable(p, i.deductible, '$.inpatient.deductible', groups)
      rateTable(p, i.ratio, '$.inpatient.ratio', groups)
      if (i.repeatAdmission !== undefined) {
        const r = obj(p, i.repeatAdmission, '$.inpatient.repeatAdmission', [
          'step',
          'floor',
          'reading',
          'areas',
          'counts'
        ])
        if (r) {
          money(p, r.step, '$.inpatient.repeatAdmission.step')
          money(p, r.floor, '$.inpatient.repeatAdmission.floor')
          oneOf(p, r.reading, '$.inpatient.repeatAdmission.reading', ['from-base', 'from-previous'])
          list(p, r.areas, '$.inpatient.repeatAdmission.areas', (a, ap) => oneOf(p, a, ap, AREAS))
          oneOf(p, r.counts, '$.inpatient.repeatAdmission.counts', ['same-areas', 'all'])
        }
      }
    }
  }
  if (d.outpatient !== undefined) {
    const o = section(
      p,
      d.outpatient,
      '$.outpatient',
      ['deductibleBasis', 'deductible', 'ratio', 'annualLimit'],
      ['perVisitLimit']
    )
    if (o) {
      oneOf(p, o.deductibleBasis, '$.outpatient.deductibleBasis', ['per-visit', 'annual'])
      deductibleTable(p, o.deductible, '$.outpatient.deductible', groups)
      rateTable(p, o.ratio, '$.outpatient.ratio', groups)
      limitParam(p, o.annualLimit, '$.outpatient.annualLimit')
      if (o.perVisitLimit !== undefined) limitParam(p, o.perVisitLimit, '$.outpatient.perVisitLimit')
    }
  }
  if (d.specialOutpatient !== undefined) {
    const s = section(
      p,
      d.specialOutpatient,
      '$.specialOutpatient',
      ['diseases', 'requireApproval', 'deductible', 'ratio'],
      ['annualLimit']
    )
    if (s) {
      diseaseList(p, s.diseases, '$.specialOutpatient.diseases')
      bool(p, s.requireApproval, '$.specialOutpatient.requireApproval')
      deductibleTable(p, s.deductible, '$.specialOutpatient.deductible', groups)
      rateTable(p, s.ratio, '$.specialOutpatient.ratio', groups)
      if (s.annualLimit !== undefined) limitParam(p, s.annualLimit, '$.specialOutpatient.annualLimit')
    }
  }
  if (d.continuousYearsBonus !== undefined) {
    const c = section(p, d.continuousYearsBonus, '$.continuousYearsBonus', ['perYear', 'maxRate', 'kinds'])
    if (c) {
      rateParam(p, c.perYear, '$.continuousYearsBonus.perYear')
      rateParam(p, c.maxRate, '$.continuousYearsBonus.maxRate')
      kinds(p, c.kinds, '$.continuousYearsBonus.kinds')
    }
  }
  if (d.referral !== undefined) {
    const r = section(p, d.referral, '$.referral', [
      'tierOrder',
      'entryTier',
      'penaltyPerLevel',
      'mode',
      'deductibleIncrease',
      'kinds'
    ])
    if (r) {
      const order = list(p, r.tierOrder, '$.referral.tierOrder', (t, tp) => oneOf(p, t, tp, TIERS))
      if (oneOf(p, r.entryTier, '$.referral.entryTier', TIERS) && !order.includes(r.entryTier))
        add(p, '$.referral.entryTier', '首诊层级必须在 tierOrder 里')
      rateParam(p, r.penaltyPerLevel, '$.referral.penaltyPerLevel')
      oneOf(p, r.mode, '$.referral.mode', ['points', 'relative'])
      moneyParam(p, r.deductibleIncrease, '$.referral.deductibleIncrease')
      kinds(p, r.kinds, '$.referral.kinds')
    }
  }
  if (d.emergency !== undefined) {
    const e = section(p, d.emergency, '$.emergency', ['localOutpatientDeath', 'outOfAreaAs'])
    if (e) {
      oneOf(p, e.localOutpatientDeath, '$.emergency.localOutpatientDeath', ['as-inpatient', 'as-outpatient'])
      oneOf(p, e.outOfAreaAs, '$.emergency.outOfAreaAs', ['out-referred', 'out-filed', 'out-unfiled', 'out-emergency'])
    }
  }
  if (d.annualCap !== undefined) {
    const c = section(p, d.annualCap, '$.annualCap', ['amount', 'kinds', 'above'], ['aboveNote'])
    if (c) {
      limitParam(p, c.amount, '$.annualCap.amount')
      kinds(p, c.kinds, '$.annualCap.kinds')
      oneOf(p, c.above, '$.annualCap.above', ['catastrophic', 'supplementary-insurance', 'nothing'])
      optStr(p, c, 'aboveNote', '$.annualCap')
    }
  }
  if (d.majorDiseases !== undefined) {
    const m = section(
      p,
      d.majorDiseases,
      '$.majorDiseases',
      ['diseases', 'ratio', 'base', 'deductible', 'cap'],
      ['civilAffairsShare']
    )
    if (m) {
      diseaseList(p, m.diseases, '$.majorDiseases.diseases')
      rateParam(p, m.ratio, '$.majorDiseases.ratio')
      oneOf(p, m.base, '$.majorDiseases.base', ['total', 'eligible'])
      limitParam(p, m.deductible, '$.majorDiseases.deductible')
      if (m.civilAffairsShare !== undefined) rateParam(p, m.civilAffairsShare, '$.majorDiseases.civilAffairsShare')
      limitParam(p, m.cap, '$.majorDiseases.cap')
      if (
        isRateString(m.ratio) &&
        isRateString(m.civilAffairsShare) &&
        new Money(m.ratio).plus(m.civilAffairsShare).gt(1)
      ) {
        add(p, '$.majorDiseases.civilAffairsShare', '基金比例加民政救助比例超过了100%')
      }
    }
  }
  if (d.benchmarkPrice !== undefined) {
    const b = section(p, d.benchmarkPrice, '$.benchmarkPrice', ['priceFrom', 'shares'], ['prices'])
    if (b) {
      oneOf(p, b.priceFrom, '$.benchmarkPrice.priceFrom', ['policy', 'claim'])
      if (b.priceFrom === 'policy' && b.prices === undefined)
        add(p, '$.benchmarkPrice.prices', '基准价格来自政策时必须列出 prices')
      if (b.prices !== undefined) {
        list(p, b.prices, '$.benchmarkPrice.prices', (x, xp) => {
          const r = obj(p, x, xp, ['code', 'label', 'list', 'price'])
          if (!r) return
          str(p, r.code, at(xp, 'code'))
          str(p, r.label, at(xp, 'label'))
          str(p, r.list, at(xp, 'list'))
          moneyParam(p, r.price, at(xp, 'price'))
        })
      }
      list(p, b.shares, '$.benchmarkPrice.shares', (x, xp) => {
        const r = obj(p, x, xp, ['list', 'when', 'fundShare'], ['label'])
        if (!r) return
        str(p, r.list, at(xp, 'list'))
        rowCondition(p, r.when, at(xp, 'when'), groups)
        rateParam(p, r.fundShare, at(xp, 'fundShare'))
        optStr(p, r, 'label', xp)
      })
    }
  }
  if (d.catastrophic !== undefined) {
    const c = section(p, d.catastrophic, '$.catastrophic', ['threshold', 'bands', 'cap', 'kinds'])
    if (c) {
      moneyParam(p, c.threshold, '$.catastrophic.threshold')
      bands(p, c.bands, '$.catastrophic.bands')
      limitParam(p, c.cap, '$.catastrophic.cap')
      kinds(p, c.kinds, '$.catastrophic.kinds')
    }
  }
  if (d.assistance !== undefined) {
    const a = section(p, d.assistance, '$.assistance', ['payer', 'rules', 'kinds'])
    if (a) {
      str(p, a.payer, '$.assistance.payer')
      list(p, a.rules, '$.assistance.rules', (x, xp) => {
        const r = obj(p, x, xp, ['id', 'label', 'groups', 'rate', 'cap'], ['threshold'])
        if (!r) return
        str(p, r.id, at(xp, 'id'))
        str(p, r.label, at(xp, 'label'))
        list(p, r.groups, at(xp, 'groups'), (g, gp) => str(p, g, gp))
        rateParam(p, r.rate, at(xp, 'rate'))
        if (r.threshold !== undefined) moneyParam(p, r.threshold, at(xp, 'threshold'))
        limitParam(p, r.cap, at(xp, 'cap'))
      })
      kinds(p, a.kinds, '$.assistance.kinds')
    }
  }
  if (d.estimate !== undefined) {
    const e = section(p, d.estimate, '$.estimate', ['assumedEligibleShare'])
    if (e) rateParam(p, e.assumedEligibleShare, '$.estimate.assumedEligibleShare')
  }
  return p
}

export function isValidPolicy(doc: unknown): doc is PolicyDocument {
  return validatePolicy(doc).length === 0
}
