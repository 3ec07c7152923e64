// The policy format, defined once. Every field of a policy document is described here:
// its type, whether it is required, what it means (English for engineers, Chinese for the
// county staff who read error messages), and any check that goes beyond its type.
//
// From this one definition:
//   - validate.ts walks documents (every problem, with its JSON path and a Chinese message);
//   - format-gen/ generates policy.schema.json (JSON Schema for editors and other tools),
//     policy-types.ts (the TypeScript types) and the field list in docs/policy-format.md;
//     a test fails when a generated file is out of date, and another checks, on documents
//     generated from this definition, that the JSON Schema and the validator agree.
// Pure data plus small check functions, with no imports: the calculator stays pure.

/** What a field holds. */
export type Shape =
  /** a non-empty string (`empty: true` allows "") */
  | { k: 'text'; empty?: boolean }
  /** a string matching `re`; `message` is the problem shown when it does not */
  | { k: 'pattern'; re: string; message: string }
  | { k: 'enum'; values: readonly (string | number)[]; name?: string }
  | { k: 'bool' }
  | { k: 'int'; max: number }
  | { k: 'money' }
  | { k: 'rate' }
  | { k: 'date' }
  | { k: 'null' }
  | { k: 'true' }
  /** a named definition (defs below) */
  | { k: 'ref'; name: DefName }
  | { k: 'list'; of: Shape; min: 0 | 1; check?: Check }
  /** one value or a non-empty list of them */
  | { k: 'oneOrMany'; of: Shape }
  | { k: 'object'; fields: Fields; name?: string; check?: Check }
  /** one of several shapes; which one applies is read from the value (null, a figure object, a list, an object, a scalar) */
  | { k: 'either'; of: readonly Shape[] }
  /** an object with the `common` fields and exactly one of the `forms` (a rate-table row) */
  | { k: 'forms'; name: string; common: Fields; forms: Fields; formsMessage: string }

export interface Field {
  shape: Shape
  required?: boolean
  /** what the field means, for engineers (docs, JSON Schema, TypeScript) */
  doc: string
  /** the field's name in Chinese, for locations in error messages */
  zh: string
}
export type Fields = Record<string, Field>

/** Problems are added through this; `ctx` carries what earlier fields defined (group ids, category ids). */
export interface CheckContext {
  add(path: string, message: string): void
  groups: Set<string>
  categories: Map<string, string | null>
}
/** A check beyond the types (cross-field rules); `rule` is its description for the docs. */
export interface Check {
  rule: string
  run(v: Record<string, unknown>, path: string, ctx: CheckContext): void
}

// ---------------------------------------------------------------- enumerations

export const CLAIM_KINDS = ['inpatient', 'outpatient', 'special-outpatient'] as const
export const CARE_AREAS = ['local', 'out-referred', 'out-filed', 'out-unfiled', 'out-emergency', 'abroad'] as const
export const TIERS = ['village', 'township', 'county', 'city', 'provincial'] as const
export const CAUSES = [
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
] as const

const kindEnum: Shape = { k: 'enum', values: CLAIM_KINDS, name: 'ClaimKind' }
const areaEnum: Shape = { k: 'enum', values: CARE_AREAS, name: 'CareArea' }
const tierEnum: Shape = { k: 'enum', values: TIERS, name: 'InstitutionTier' }

// ---------------------------------------------------------------- small helpers for the definition

const text: Shape = { k: 'text' }
const money: Shape = { k: 'money' }
const rate: Shape = { k: 'rate' }
const date: Shape = { k: 'date' }
const bool: Shape = { k: 'bool' }
const ref = (name: DefName): Shape => ({ k: 'ref', name })
const list = (of: Shape, min: 0 | 1 = 1, check?: Check): Shape => ({ k: 'list', of, min, check })
const req = (shape: Shape, zh: string, doc: string): Field => ({ shape, required: true, zh, doc })
const opt = (shape: Shape, zh: string, doc: string): Field => ({ shape, zh, doc })
const src = req(ref('source'), '出处', 'where the section comes from: document title, number, clause')
const kinds = (zh: string, doc: string): Field => req(list(kindEnum), zh, doc)
const MONTH_DAY = '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'

/** The text forms of amounts, rates and dates, shared by the validator and the JSON Schema. */
export const PATTERNS = {
  /** yuan, at most two decimals, at most 1 亿 (100000000.00) */
  money: '^(?:(?:0|[1-9][0-9]{0,7})(?:\\.[0-9]{1,2})?|100000000(?:\\.0{1,2})?)$',
  /** 0 to 1, at most four decimals */
  rate: '^(?:0(?:\\.[0-9]{1,4})?|1(?:\\.0{1,4})?)$',
  /** YYYY-MM-DD between 1900 and 2100 (the validator also checks the day exists; the schema says format: date) */
  date: '^(?:19[0-9]{2}|20[0-9]{2}|2100)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$'
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
const MONEY_RE = new RegExp(PATTERNS.money)
function fenOf(v: unknown): number | null {
  if (typeof v !== 'string' || !MONEY_RE.test(v)) return null
  const [w, f = ''] = v.split('.')
  return Number(w) * 100 + Number(f.padEnd(2, '0'))
}
const RATE_RE = new RegExp(PATTERNS.rate)
/** a rate in ten-thousandths, or null */
function unitsOf(v: unknown): number | null {
  if (typeof v !== 'string' || !RATE_RE.test(v)) return null
  const [w, f = ''] = v.split('.')
  return Number(w) * 10000 + Number(f.padEnd(4, '0'))
}
const show = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`

// ---------------------------------------------------------------- named definitions

/** ids (or codes) in a list are unique; `into` keeps them for later checks */
function unique(key: string, what: string, into?: (ctx: CheckContext) => Set<string>): Check {
  return {
    rule: `every ${key} in the list is different`,
    run(v, path, ctx) {
      const seen = new Set<string>()
      ;(v as unknown as unknown[]).forEach((x, i) => {
        const id = isObj(x) ? x[key] : undefined
        if (typeof id !== 'string' || id.length === 0) return
        if (seen.has(id)) ctx.add(`${path}[${i}].${key}`, `${what}「${id}」重复`)
        seen.add(id)
        into?.(ctx).add(id)
      })
    }
  }
}

export type DefName =
  | 'money'
  | 'rate'
  | 'date'
  | 'missing'
  | 'none'
  | 'moneyParam'
  | 'rateParam'
  | 'limitParam'
  | 'source'
  | 'rowCondition'
  | 'personCondition'
  | 'bands'
  | 'deductibleTable'
  | 'rateTable'
  | 'diseases'

export const defs: Record<DefName, Field> = {
  money: { shape: money, doc: '金额（元），字符串，最多两位小数，如 "200.00"', zh: '金额' },
  rate: { shape: rate, doc: '比例，0 到 1 的字符串，如 "0.70"', zh: '比例' },
  date: { shape: date, doc: '日期，如 "2026-01-01"', zh: '日期' },
  missing: {
    shape: {
      k: 'object',
      name: 'MissingFigure',
      fields: {
        missing: req({ k: 'true' }, '缺少', 'always true'),
        note: req(
          { k: 'pattern', re: '\\S', message: '请说明为什么缺少这个数字' },
          '说明',
          'why the figure is missing (shown to the user)'
        )
      }
    },
    doc: '原文或县里没有给出的数字：用到它的报销会被拒绝，不会猜',
    zh: '缺少的数字'
  },
  none: {
    shape: {
      k: 'object',
      name: 'NoLimit',
      fields: {
        none: req({ k: 'true' }, '不设限额', 'always true'),
        note: opt({ k: 'text', empty: true }, '说明', 'why there is no limit')
      }
    },
    doc: '明确不设限额',
    zh: '不设限额'
  },
  moneyParam: {
    shape: { k: 'either', of: [ref('money'), ref('missing')] },
    doc: 'an amount, or a missing figure',
    zh: '金额'
  },
  rateParam: {
    shape: { k: 'either', of: [ref('rate'), ref('missing')] },
    doc: 'a rate, or a missing figure',
    zh: '比例'
  },
  limitParam: {
    shape: { k: 'either', of: [ref('money'), ref('missing'), ref('none')] },
    doc: 'a limit: an amount, a missing figure, or no limit',
    zh: '限额'
  },
  source: {
    shape: {
      k: 'object',
      name: 'SourceRef',
      fields: {
        title: req(text, '标题', 'document title'),
        docNo: opt(text, '文号', 'document number'),
        clause: opt(text, '条款', 'article or clause'),
        url: opt(text, '网址', 'where to read it'),
        note: opt(text, '说明', 'a note, e.g. the quoted words')
      }
    },
    doc: '出处：文件标题、文号、条款',
    zh: '出处'
  },
  rowCondition: {
    shape: {
      k: 'object',
      name: 'RowCondition',
      fields: {
        code: opt({ k: 'oneOrMany', of: text }, '医院编码', 'a named institution (its code in the county list)'),
        kind: opt({ k: 'oneOrMany', of: kindEnum }, '就医类型', 'claim kind'),
        area: opt({ k: 'oneOrMany', of: areaEnum }, '就医地点', 'where the care happened'),
        level: opt(
          { k: 'oneOrMany', of: { k: 'enum', values: [1, 2, 3], name: 'HospitalLevel' } },
          '医院级别',
          '一级/二级/三级'
        ),
        grade: opt(
          { k: 'oneOrMany', of: { k: 'enum', values: ['A', 'B', 'C'], name: 'HospitalGrade' } },
          '医院等次',
          '甲/乙/丙等'
        ),
        tier: opt({ k: 'oneOrMany', of: tierEnum }, '医院层级', '村/乡镇/县/市/省'),
        ownership: opt(
          { k: 'oneOrMany', of: { k: 'enum', values: ['public', 'private'], name: 'Ownership' } },
          '医院性质',
          '公立/民营'
        ),
        group: opt({ k: 'oneOrMany', of: text }, '人群', 'population group id (populationGroups)')
      },
      check: {
        rule: 'a group named here is defined in populationGroups',
        run(v, path, ctx) {
          if (v.group === undefined) return
          const many = Array.isArray(v.group)
          ;(many ? (v.group as unknown[]) : [v.group]).forEach((g, i) => {
            if (typeof g === 'string' && !ctx.groups.has(g))
              ctx.add(many ? `${path}.group[${i}]` : `${path}.group`, `人群「${g}」没有在 populationGroups 里定义`)
          })
        }
      }
    },
    doc: '表格一行的适用条件；不写的条件表示都适用',
    zh: '适用条件'
  },
  personCondition: {
    shape: {
      k: 'object',
      name: 'PersonCondition',
      fields: {
        student: opt(bool, '学生', 'the person is (or is not) a student'),
        ageUnder: opt({ k: 'int', max: 150 }, '年龄小于', 'age below this'),
        ageAtLeast: opt({ k: 'int', max: 150 }, '年龄不小于', 'age at least this'),
        groups: opt(
          list(text),
          '人员类别',
          'the person belongs to at least one of these groups (低保 dibao, 五保 wubao, …)'
        ),
        anyOf: opt(list(ref('personCondition')), '任一条件', 'at least one of these alternatives holds')
      }
    },
    doc: 'conditions on a person; all given keys must hold',
    zh: '人员条件'
  },
  bands: {
    shape: {
      k: 'list',
      min: 1,
      check: {
        rule: 'upper edges rise from band to band; only the last band has no upper edge (null), and it must',
        run(v, path, ctx) {
          const arr = v as unknown as unknown[]
          let prev: number | null = null
          arr.forEach((b, i) => {
            if (!isObj(b)) return
            if (b.upTo === null) {
              if (i !== arr.length - 1) ctx.add(`${path}[${i}].upTo`, '只有最后一段可以没有上限（null）')
              return
            }
            const f = fenOf(b.upTo)
            if (f === null) return
            if (prev !== null && f <= prev) ctx.add(`${path}[${i}].upTo`, '分段的上限必须从小到大排列')
            prev = f
          })
          const last = arr[arr.length - 1]
          if (isObj(last) && last.upTo !== null)
            ctx.add(`${path}[${arr.length - 1}].upTo`, '最后一段的上限应当是 null（不设上限）')
        }
      },
      of: {
        k: 'object',
        name: 'RateBand',
        fields: {
          upTo: req(
            { k: 'either', of: [money, { k: 'null' }] },
            '上限',
            'upper edge of the band, inclusive; null = no upper edge'
          ),
          rate: req(ref('rateParam'), '比例', 'the band’s rate')
        }
      }
    },
    doc: 'bands from low to high; each band’s rate applies to the part of the amount inside it; only the last has upTo null',
    zh: '分段'
  },
  deductibleTable: {
    shape: {
      k: 'object',
      name: 'DeductibleTable',
      fields: {
        source: opt(ref('source'), '出处', 'where the table comes from (else the section’s source)'),
        rows: req(
          list({
            k: 'object',
            name: 'DeductibleRow',
            fields: {
              when: req(ref('rowCondition'), '适用条件', 'where the row applies'),
              amount: req(ref('moneyParam'), '起付线', 'the deductible'),
              label: opt(text, '名称', 'how the row is named in explanations')
            }
          }),
          '各行',
          'first row whose condition holds is used'
        )
      }
    },
    doc: 'deductibles by institution and area',
    zh: '起付线表'
  },
  rateTable: {
    shape: {
      k: 'object',
      name: 'RateTable',
      fields: {
        source: opt(ref('source'), '出处', 'where the table comes from (else the section’s source)'),
        rows: req(
          list({
            k: 'forms',
            name: 'RateRow',
            common: {
              when: req(ref('rowCondition'), '适用条件', 'where the row applies'),
              label: opt(text, '名称', 'how the row is named in explanations')
            },
            forms: {
              rate: req(ref('rateParam'), '比例', 'a single ratio'),
              bands: req(ref('bands'), '分段比例', 'banded ratios (分段补偿)'),
              patientFlat: req(
                ref('moneyParam'),
                '个人定额',
                'the patient pays this fixed amount, the fund the rest (包干)'
              )
            },
            formsMessage: '每一行必须且只能写 rate（比例）、bands（分段比例）或 patientFlat（个人定额）中的一种'
          }),
          '各行',
          'first row whose condition holds is used'
        )
      }
    },
    doc: 'ratios by institution, area and population group',
    zh: '报销比例表'
  },
  diseases: {
    shape: {
      k: 'either',
      of: [
        list(
          {
            k: 'object',
            fields: { code: req(text, '代码', 'disease code'), label: req(text, '名称', 'disease name') }
          },
          1,
          unique('code', '病种代码')
        ),
        ref('missing')
      ]
    },
    doc: 'a list of diseases (code and name), or a missing figure',
    zh: '病种'
  }
}

// ---------------------------------------------------------------- the document

const section = (name: string, fields: Fields, check?: Check): Shape => ({
  k: 'object',
  name,
  fields: { source: src, ...fields },
  check
})

const categoryTotals: Check = {
  rule: 'personal + subsidy = total in every category',
  run(v, path, ctx) {
    const [t, p, s] = [fenOf(v.total), fenOf(v.personal), fenOf(v.subsidy)]
    const consistent = t !== null && p !== null && s !== null && p + s === t
    if (t !== null && p !== null && s !== null && !consistent)
      ctx.add(
        `${path}.total`,
        `个人缴费 ${String(v.personal)} 加财政补助 ${String(v.subsidy)} 不等于筹资标准 ${String(v.total)}`
      )
    // the category is known to the subsidised rows; its total only when consistent (one wrong total, one message)
    if (typeof v.id === 'string' && !ctx.categories.has(v.id))
      ctx.categories.set(v.id, consistent ? String(v.total) : null)
  }
}

const subsidisedRow: Check = {
  rule: 'the categories named are defined, and personal + subsidy + paidBy = that category’s total',
  run(v, path, ctx) {
    const cats =
      v.category === undefined ? [...ctx.categories.keys()] : Array.isArray(v.category) ? v.category : [v.category]
    const paid = isObj(v.paidBy) ? fenOf(v.paidBy.amount) : 0
    const p = fenOf(v.personal)
    const s = fenOf(v.subsidy)
    // one message for the row, naming every category whose total it misses
    const off = new Map<string, string[]>()
    for (const c of cats) {
      if (typeof c !== 'string') continue
      if (!ctx.categories.has(c)) {
        ctx.add(`${path}.category`, `缴费类别「${c}」没有定义`)
        continue
      }
      const total = ctx.categories.get(c)
      const t = total === null || total === undefined ? null : fenOf(total)
      if (t === null || p === null || s === null || paid === null) continue
      if (p + s + paid !== t) off.set(total!, [...(off.get(total!) ?? []), `「${c}」`])
    }
    for (const [total, names] of off)
      ctx.add(
        path,
        `类别${names.join('')}：个人 ${String(v.personal)} + 财政补助 ${String(v.subsidy)} + 代缴 ${show(paid!)} 不等于筹资标准 ${total}`
      )
  }
}

const splitSums: Check = {
  rule: 'shares of rows with the same condition add up to 1',
  run(v, path, ctx) {
    const sums = new Map<string, number>()
    for (const row of v as unknown as unknown[]) {
      if (!isObj(row)) continue
      const u = unitsOf(row.share)
      if (u === null) continue
      const key = row.when === undefined ? '{}' : JSON.stringify(row.when)
      sums.set(key, (sums.get(key) ?? 0) + u)
    }
    for (const [key, sum] of sums)
      if (sum !== 10000) ctx.add(path, `条件 ${key} 下各级财政分担比例之和是 ${String(sum / 10000)}，应当等于 1`)
  }
}

export const policyDocument: Shape = {
  k: 'object',
  name: 'PolicyDocument',
  check: {
    rule: 'effectiveTo is not before effectiveFrom; a document is resolved (no extends) before it is checked',
    run(v, path, ctx) {
      const from = v.effectiveFrom
      const to = v.effectiveTo
      if (typeof from === 'string' && typeof to === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(from) && to < from)
        ctx.add(`${path}.effectiveTo`, '失效日期早于生效日期')
      if (v.extends !== undefined) ctx.add(`${path}.extends`, '请先合并基础政策（resolvePolicy）再校验')
    }
  },
  fields: {
    $schema: opt({ k: 'text' }, '格式说明', 'path of the JSON Schema, for editors'),
    id: req(
      {
        k: 'pattern',
        re: '^[a-z0-9][a-z0-9-]*$',
        message: '编号只能用小写字母、数字和连字符，例如 "demo-county-2026"'
      },
      '编号',
      'lower-case letters, digits and -; unique among shipped policies'
    ),
    title: req(text, '标题', 'the policy’s title'),
    demo: opt(bool, '演示数据', 'true for made-up figures: the app must say 演示'),
    regionCode: req(
      { k: 'pattern', re: '^[0-9]{6}$', message: '行政区划代码应当是6位数字' },
      '行政区划代码',
      '6-digit 行政区划代码'
    ),
    regionName: req(text, '地区名称', 'region name'),
    scheme: req(
      { k: 'enum', values: ['ncms', 'resident'], name: 'Scheme' },
      '险种',
      '`ncms` 新农合 or `resident` 城乡居民医保'
    ),
    version: req(text, '版本', 'version label'),
    effectiveFrom: req(date, '生效日期', 'first day in force'),
    effectiveTo: opt(
      { k: 'either', of: [date, { k: 'null' }] },
      '失效日期',
      'last day in force; null or absent = open-ended'
    ),
    extends: opt(
      text,
      '基础政策',
      'id of a baseline document this one overlays (sections deep-merged, lists replaced)'
    ),
    resolvedFrom: opt(
      list(text),
      '合并自',
      'set by the calculator after resolving `extends`: the baselines merged in, nearest first'
    ),
    versionSelection: req(
      { k: 'enum', values: ['admission', 'discharge', 'settlement'], name: 'VersionSelection' },
      '版本选择',
      'which date of a claim picks the version: admission 入院, discharge 出院, settlement 结算'
    ),
    source: src,
    notes: opt(list(text, 0), '备注', 'free text for readers'),
    coverageYear: req(
      section('CoverageYearSection', {
        startMonthDay: req(
          { k: 'pattern', re: MONTH_DAY, message: '应写成 "01-01" 这样的月-日' },
          '年度起始日',
          'first day of the coverage year (参保年度), "01-01" for the calendar year'
        ),
        studentStartMonthDay: opt(
          { k: 'pattern', re: MONTH_DAY, message: '应写成 "09-01" 这样的月-日' },
          '学生年度起始日',
          'students’ coverage year, e.g. "09-01" (seed 001 Art.16); absent = same as everyone'
        )
      }),
      '参保年度',
      'admissions, deductibles met, caps and limits run per coverage year; a claim counts in the coverage year of the date that picks its version (students: their school year)'
    ),
    populationGroups: opt(
      section('PopulationGroupsSection', {
        ageAt: req(
          { k: 'enum', values: ['year-end', 'service-date'] },
          '年龄计算日',
          'age counted at 31 Dec of the year of care, or on the day of care'
        ),
        groups: req(
          list(
            {
              k: 'object',
              name: 'PopulationGroupRule',
              fields: {
                id: req(text, '编号', 'group id, used by table rows (`when.group`)'),
                label: req(text, '名称', 'group name'),
                when: req(ref('personCondition'), '条件', 'who is in the group')
              }
            },
            1,
            unique('id', '人群', (ctx) => ctx.groups)
          ),
          '人群',
          'first match wins; the last one should match everybody'
        )
      }),
      '人群分类',
      'population groups for ratio tables (seed 001 Art.19)'
    ),
    contribution: opt(
      section(
        'ContributionSection',
        {
          ageAt: req(
            { k: 'enum', values: ['year-end'] },
            '年龄计算日',
            'age for the category is counted at 31 Dec of the contribution year (seed 001 L501)'
          ),
          householdUnit: req(
            bool,
            '以户参保',
            'all registered members must enrol together (seed 000 A5, seed 001 Art.10)'
          ),
          subsidisedGroupChoice: opt(
            { k: 'enum', values: ['first-listed', 'lowest-personal'] },
            '多类人员',
            'a member in the groups of several subsidised rules: the first rule listed, or the one with the lowest personal share (required with subsidisedGroups)'
          ),
          categories: req(
            list(
              {
                k: 'object',
                name: 'ContributionCategory',
                check: categoryTotals,
                fields: {
                  id: req(text, '编号', 'category id'),
                  label: req(text, '名称', 'category name'),
                  when: req(ref('personCondition'), '条件', 'who is in the category'),
                  total: req(ref('moneyParam'), '筹资标准', 'the funding standard per person'),
                  personal: req(ref('moneyParam'), '个人缴费', 'what the person pays'),
                  subsidy: req(ref('moneyParam'), '财政补助', 'the fiscal subsidy')
                }
              },
              1,
              {
                rule: 'category ids are unique',
                run(v, path, ctx) {
                  unique('id', '类别').run(v, path, ctx)
                }
              }
            ),
            '缴费类别',
            'first match wins'
          ),
          subsidisedGroups: opt(
            list(
              {
                k: 'object',
                name: 'SubsidisedGroupRule',
                fields: {
                  id: req(text, '编号', 'rule id'),
                  label: req(text, '名称', 'rule name'),
                  groups: req(list(text), '人员类别', 'person groups this rule applies to (a person in any of them)'),
                  rows: req(
                    list({
                      k: 'object',
                      name: 'SubsidisedGroupRow',
                      check: subsidisedRow,
                      fields: {
                        category: opt(
                          { k: 'oneOrMany', of: text },
                          '缴费类别',
                          'contribution category id(s) this row is for; absent = every category'
                        ),
                        personal: req(ref('moneyParam'), '个人缴费', 'what the person pays'),
                        subsidy: req(ref('moneyParam'), '财政补助', 'the fiscal subsidy'),
                        paidBy: opt(
                          {
                            k: 'object',
                            name: 'PaidBy',
                            fields: {
                              payer: req(
                                text,
                                '代缴单位',
                                'payer id, e.g. civil-affairs 民政, family-planning 计生, employer'
                              ),
                              label: req(text, '名称', 'payer name'),
                              amount: req(money, '代缴金额', 'amount paid for the person')
                            }
                          },
                          '代缴',
                          'a department pays this part'
                        )
                      }
                    }),
                    '各行',
                    'first row naming the person’s category is used'
                  )
                }
              },
              0
            ),
            '资助参保',
            'reduced personal shares for subsidised groups (五保, 低保, 特困, 重度残疾, …)'
          ),
          subsidySplit: opt(
            list(
              {
                k: 'object',
                name: 'SubsidySplitRow',
                fields: {
                  payer: req(text, '出资方', 'payer id'),
                  label: req(text, '名称', 'payer name'),
                  share: req(rate, '分担比例', 'share of the subsidy'),
                  when: opt(
                    {
                      k: 'object',
                      fields: {
                        schoolFundedBy: opt(
                          { k: 'enum', values: ['county', 'other'] },
                          '学校经费来源',
                          'students of schools funded by the county or by other budgets'
                        ),
                        student: opt(bool, '学生', 'students or not')
                      }
                    },
                    '条件',
                    'optional condition, e.g. students of schools funded by other budgets'
                  )
                }
              },
              1,
              splitSums
            ),
            '财政分担',
            'how the fiscal subsidy is split between levels; rows with the same `when` sum to 1'
          ),
          collection: opt(
            {
              k: 'object',
              fields: {
                from: opt(
                  date,
                  '开始',
                  'first day of the collection window (absent when the source gives only the last day)'
                ),
                to: req(date, '结束', 'last day of the collection window'),
                deadline: opt(date, '截止日期', 'deadline'),
                note: opt(text, '说明', 'a note')
              },
              check: {
                rule: 'from is not after to',
                run(v, path, ctx) {
                  if (typeof v.from === 'string' && typeof v.to === 'string' && v.from > v.to)
                    ctx.add(path, '征缴开始日期晚于结束日期')
                }
              }
            },
            '征缴期',
            'the collection window'
          ),
          waitingPeriod: opt(
            {
              k: 'object',
              fields: {
                months: req({ k: 'int', max: 24 }, '月数', 'full months after the payment month before benefits start'),
                appliesTo: req(
                  { k: 'enum', values: ['all', 'outside-collection'] },
                  '适用',
                  '`all`: always; `outside-collection`: only when paid outside the collection window'
                )
              }
            },
            '等待期',
            'waiting period after payment'
          ),
          arrears: opt(
            {
              k: 'object',
              fields: {
                subsidised: req(
                  bool,
                  '有补助',
                  'false: back-payment is the full standard amount, no subsidy (seed 001 Art.12)'
                ),
                waitingMonths: req(
                  { k: 'int', max: 24 },
                  '等待月数',
                  'benefits start this many full months after the month the arrears are paid'
                )
              }
            },
            '补缴欠费',
            'back-payment after a lapse'
          ),
          newborn: opt(
            {
              k: 'object',
              fields: {
                enrolWithinDays: req(
                  { k: 'int', max: 366 },
                  '出生后天数',
                  'enrolled within this many days of birth: covered from birth'
                ),
                birthYearContribution: req(
                  { k: 'enum', values: ['waived', 'full'] },
                  '出生当年缴费',
                  'contribution for the birth year'
                ),
                note: opt(text, '说明', 'a note')
              }
            },
            '新生儿',
            'newborn enrolment'
          )
        },
        {
          rule: 'a waiting period that applies outside the collection window needs the window; subsidised groups need subsidisedGroupChoice',
          run(v, path, ctx) {
            if (
              isObj(v.waitingPeriod) &&
              v.waitingPeriod.appliesTo === 'outside-collection' &&
              v.collection === undefined
            )
              ctx.add(`${path}.waitingPeriod`, '按征缴期判断等待期时必须写 collection（征缴期）')
            if (
              Array.isArray(v.subsidisedGroups) &&
              v.subsidisedGroups.length > 0 &&
              v.subsidisedGroupChoice === undefined
            )
              ctx.add(
                `${path}.subsidisedGroupChoice`,
                '写了资助参保（subsidisedGroups）就要说明一人属于多类人员时按哪一类'
              )
          }
        }
      ),
      '缴费',
      'contributions (缴费)'
    ),
    householdAccount: opt(
      section('HouseholdAccountSection', {
        shareOfPersonal: req(
          ref('rateParam'),
          '记入比例',
          'share of the personal contribution credited to the household account (seed 000 A4: 48 of 60)'
        ),
        usableFor: kinds('可用于', 'claim kinds the account may pay for'),
        balanceAtYearEnd: req(
          { k: 'enum', values: ['carries-over', 'lapses'] },
          '年末余额',
          'what is left in the account at the end of a coverage year: carries over to the next, or lapses (seed 000 A4 does not say)'
        )
      }),
      '家庭账户',
      'household account (家庭账户)'
    ),
    exclusions: opt(
      section('ExclusionsSection', {
        requireDesignated: req(bool, '须定点', 'a non-designated institution without approval pays nothing'),
        causes: req(
          list({ k: 'enum', values: CAUSES, name: 'Cause' }, 0),
          '不予报销的原因',
          'causes the fund does not pay for'
        ),
        thirdPartyLiable: req(
          { k: 'enum', values: ['excluded', 'covered'] },
          '第三方责任',
          'accident with a liable third party'
        ),
        accidentWithoutThirdParty: req(
          {
            k: 'either',
            of: [
              { k: 'enum', values: ['covered', 'excluded'] },
              {
                k: 'object',
                fields: {
                  coveredFromAge: req(
                    { k: 'int', max: 150 },
                    '起始年龄',
                    'covered from this age, inclusive (65週歲以上 includes 65)'
                  ),
                  ageAt: req(
                    { k: 'enum', values: ['service-date', 'year-end'] },
                    '年龄计算日',
                    'age counted on the day of care (週歲), or at 31 Dec of the year of care'
                  )
                }
              }
            ]
          },
          '无第三方的意外伤害',
          'covered, excluded, or covered from an age (seed 000 B8: 65)'
        ),
        areas: req(list(areaEnum, 0), '不予报销的地点', 'care areas the fund does not pay for')
      }),
      '除外责任',
      'exclusions and preconditions'
    ),
    eligibleCost: opt(
      section('EligibleCostSection', {
        classBFirstPayRate: req(ref('rateParam'), '乙类先行自付比例', '乙类先行自付比例'),
        classCFirstPayRate: req(
          ref('rateParam'),
          '丙类自付比例',
          '丙类: share paid by the patient first ("1.00" = fully self-paid)'
        )
      }),
      '政策范围内费用',
      'eligible cost from bill lines'
    ),
    inpatient: opt(
      section('InpatientSection', {
        deductible: req(ref('deductibleTable'), '起付线', 'deductible per admission'),
        repeatAdmission: opt(
          {
            k: 'object',
            name: 'RepeatAdmissionRule',
            fields: {
              step: req(
                money,
                '每次降低',
                'each further admission in the coverage year lowers the deductible by this amount'
              ),
              floor: req(money, '最低', 'never below this'),
              reading: req(
                { k: 'enum', values: ['from-base', 'from-previous'] },
                '计算方式',
                '`from-base`: n-th admission pays max(floor, base − step × (n − 1)); `from-previous`: max(floor, min(base, previous − step))'
              ),
              areas: req(
                list(areaEnum),
                '适用地点',
                'care areas where the step-down applies (seed 001: out-of-city referral is not reduced)'
              ),
              counts: req(
                { k: 'enum', values: ['same-areas', 'all'] },
                '计数范围',
                'which earlier admissions count towards n'
              )
            }
          },
          '多次住院',
          'repeat admissions (依次降低)'
        ),
        ratio: req(ref('rateTable'), '报销比例', 'ratios')
      }),
      '住院',
      'inpatient care'
    ),
    outpatient: opt(
      section('OutpatientSection', {
        deductibleBasis: req(
          { k: 'enum', values: ['per-visit', 'annual'] },
          '起付方式',
          'per-visit or yearly deductible'
        ),
        deductible: req(ref('deductibleTable'), '起付线', 'deductible'),
        ratio: req(ref('rateTable'), '报销比例', 'ratios'),
        perVisitLimit: opt(ref('limitParam'), '每次限额', 'most the fund pays a visit'),
        annualLimit: req(ref('limitParam'), '年度限额', 'most the fund pays a year')
      }),
      '普通门诊',
      'outpatient pooling (门诊统筹)'
    ),
    specialOutpatient: opt(
      section('SpecialOutpatientSection', {
        diseases: req(ref('diseases'), '病种', 'the listed diseases'),
        requireApproval: req(bool, '须准入', 'access approval (准入) is needed before the fund pays'),
        areas: req(
          list(areaEnum),
          '适用地点',
          'care areas where 门特 is paid (seed 001 Art.19: 本市定点 only); elsewhere the claim is not covered'
        ),
        deductible: req(ref('deductibleTable'), '起付线', 'yearly deductible (seed 001: 400 元/年)'),
        ratio: req(ref('rateTable'), '报销比例', 'ratios'),
        annualLimit: opt(ref('limitParam'), '年度限额', 'most the fund pays a year')
      }),
      '门诊特殊病种',
      'special-disease outpatient care (门特)'
    ),
    continuousYearsBonus: opt(
      section('ContinuousYearsBonusSection', {
        perYear: req(ref('rateParam'), '每年提高', 'added to the ratio per full year of continuous contribution'),
        maxRate: req(ref('rateParam'), '最高比例', 'the ratio never goes above this'),
        kinds: kinds('适用就医类型', 'claim kinds the bonus applies to')
      }),
      '连续参保激励',
      'continuous-contribution bonus; applies only where the ratio is a single rate'
    ),
    referral: opt(
      section(
        'ReferralSection',
        {
          tierOrder: req(list(tierEnum), '层级顺序', 'tiers from low to high'),
          entryTier: req(tierEnum, '首诊层级', 'the tier a patient may use without referral approval'),
          penaltyPerLevel: req(ref('rateParam'), '每级降低', 'ratio drop per tier skipped without approval'),
          mode: req(
            { k: 'enum', values: ['points', 'relative'] },
            '降低方式',
            '`points`: ratio − penalty × levels; `relative`: ratio × (1 − penalty × levels) (seed 000 C5); never below 0'
          ),
          deductibleIncrease: req(
            ref('moneyParam'),
            '起付线提高',
            'added to the deductible when referral is skipped (seed 000 C5 gives no figure)'
          ),
          order: req(
            { k: 'enum', values: ['bonus-then-penalty', 'penalty-then-bonus'] },
            '与连续参保激励的先后',
            'the continuous-years bonus is added before the penalty is taken off, or after it (then capped at its maxRate)'
          ),
          kinds: kinds('适用就医类型', 'claim kinds the penalty applies to')
        },
        {
          rule: 'entryTier is one of tierOrder',
          run(v, path, ctx) {
            if (
              Array.isArray(v.tierOrder) &&
              typeof v.entryTier === 'string' &&
              (TIERS as readonly string[]).includes(v.entryTier) &&
              !v.tierOrder.includes(v.entryTier)
            )
              ctx.add(`${path}.entryTier`, '首诊层级必须在 tierOrder 里')
          }
        }
      ),
      '转诊',
      'referral penalty (转诊)'
    ),
    emergency: opt(
      section('EmergencySection', {
        localOutpatientDeath: req(
          { k: 'enum', values: ['as-inpatient', 'as-outpatient'] },
          '本地门诊抢救无效死亡',
          'in-area outpatient rescue where the patient died: settled as an inpatient claim (seed 001 Art.20)'
        ),
        outOfAreaOutpatientDeath: req(
          { k: 'enum', values: ['as-inpatient', 'as-outpatient'] },
          '异地门诊抢救无效死亡',
          'out-of-area outpatient rescue where the patient died: settled as an inpatient claim under the outOfAreaAs rules (seed 001 Art.20, second half)'
        ),
        outOfAreaAs: req(
          { k: 'enum', values: ['out-referred', 'out-filed', 'out-unfiled', 'out-emergency'] },
          '异地急诊按',
          'out-of-area emergency: settled under these area rules'
        )
      }),
      '急诊',
      'emergency rules'
    ),
    annualCap: opt(
      section('AnnualCapSection', {
        amount: req(ref('limitParam'), '封顶线', 'maximum the basic fund pays per person per coverage year'),
        kinds: kinds('计入的就医类型', 'claim kinds whose fund payments count towards it'),
        above: req(
          { k: 'enum', values: ['catastrophic', 'supplementary-insurance', 'nothing'] },
          '超出部分',
          'what pays above the cap'
        ),
        aboveNote: opt(text, '说明', 'a note on what pays above the cap')
      }),
      '年度封顶线',
      'the basic fund’s annual cap'
    ),
    majorDiseases: opt(
      section(
        'MajorDiseasesSection',
        {
          diseases: req(ref('diseases'), '病种', 'the listed major diseases'),
          ratio: req(ref('rateParam'), '报销比例', 'fund ratio on the base'),
          base: req(
            { k: 'enum', values: ['total', 'eligible'] },
            '计算基数',
            'the base the ratio applies to: the whole bill or the eligible cost'
          ),
          deductible: req({ k: 'either', of: [ref('moneyParam'), ref('none')] }, '起付线', 'deductible, or none'),
          civilAffairsShare: opt(
            ref('rateParam'),
            '民政救济比例',
            'civil-affairs relief as a share of the same base (seed 000 A6: 20%)'
          ),
          cap: req(
            ref('limitParam'),
            '封顶线',
            'own yearly cap for the fund part; the ordinary annual cap does not apply (seed 000 A7)'
          ),
          kinds: kinds(
            '适用就医类型',
            'claim kinds the programme pays; a claim of another kind is settled under its kind’s ordinary rules'
          ),
          kindLimits: req(
            { k: 'enum', values: ['apply', 'exempt'] },
            '就医类型限额',
            'whether the claim kind’s own yearly limits (outpatient, 门特) still bind the major-disease fund'
          ),
          catastrophic: req(
            { k: 'enum', values: ['included', 'excluded'] },
            '大病保险',
            'whether the in-policy self-pay left after the major-disease fund counts towards 大病保险 and is paid by it'
          )
        },
        {
          rule: 'ratio + civilAffairsShare is at most 100%',
          run(v, path, ctx) {
            const a = unitsOf(v.ratio)
            const b = unitsOf(v.civilAffairsShare)
            if (a !== null && b !== null && a + b > 10000)
              ctx.add(`${path}.civilAffairsShare`, '基金比例加民政救助比例超过了100%')
          }
        }
      ),
      '重大疾病',
      'major diseases (重大疾病专项救治)'
    ),
    benchmarkPrice: opt(
      section(
        'BenchmarkPriceSection',
        {
          priceFrom: req(
            { k: 'enum', values: ['policy', 'claim'] },
            '基准价格来源',
            'where the disease’s benchmark price comes from'
          ),
          overrun: req(
            { k: 'enum', values: ['patient', 'institution'] },
            '超出基准价格的部分',
            'who bears the eligible cost above the benchmark price: the patient, or the institution (then the patient pays only their share of the price: seed 000 C11 「患者自付30%」)'
          ),
          prices: opt(
            list({
              k: 'object',
              fields: {
                code: req(text, '代码', 'disease code'),
                label: req(text, '名称', 'disease name'),
                list: req(text, '目录', 'the tiered-care list it is on'),
                price: req(ref('moneyParam'), '基准价格', 'the benchmark price')
              }
            }),
            '基准价格',
            'benchmark prices by disease'
          ),
          shares: req(
            list({
              k: 'object',
              fields: {
                list: req(text, '目录', 'the disease list'),
                when: req(ref('rowCondition'), '适用条件', 'where the row applies'),
                fundShare: req(ref('rateParam'), '基金支付比例', 'fund share of the benchmark price'),
                label: opt(text, '名称', 'how the row is named')
              }
            }),
            '基金支付比例',
            'fund share of the benchmark price, by disease list and institution'
          )
        },
        {
          rule: 'prices are listed when they come from the policy',
          run(v, path, ctx) {
            if (v.priceFrom === 'policy' && v.prices === undefined)
              ctx.add(`${path}.prices`, '基准价格来自政策时必须列出 prices')
          }
        }
      ),
      '按病种付费',
      'benchmark prices (单病种)'
    ),
    catastrophic: opt(
      section('CatastrophicSection', {
        threshold: req(ref('moneyParam'), '起付线', 'yearly in-policy self-pay above this is paid in bands'),
        bands: req(ref('bands'), '分段比例', 'bands over the amount above the threshold, cumulative in the year'),
        cap: req(ref('limitParam'), '封顶线', 'yearly cap'),
        kinds: kinds('适用就医类型', 'claim kinds it pays for'),
        paidAt: req(
          { k: 'enum', values: ['settlement', 'separate-claim'] },
          '赔付方式',
          '`settlement`: paid in the same settlement (一站式); `separate-claim`: claimed from the insurer afterwards (seed 000 B9, C23), so the settlement counts the self-pay towards it and pays 0'
        )
      }),
      '大病保险',
      'catastrophic insurance (大病保险)'
    ),
    assistance: opt(
      section('AssistanceSection', {
        payer: req(text, '出资方', 'who pays, e.g. civil-affairs'),
        ruleChoice: req(
          { k: 'enum', values: ['first-listed', 'most-favourable'] },
          '多类人员',
          'a person in the groups of several rules: the first rule listed, or the one that pays most on this claim'
        ),
        rules: req(
          list({
            k: 'object',
            name: 'AssistanceGroupRule',
            fields: {
              id: req(text, '编号', 'rule id'),
              label: req(text, '名称', 'rule name'),
              groups: req(list(text), '人员类别', 'person groups it is for'),
              rate: req(ref('rateParam'), '救助比例', 'share of the remaining in-policy self-pay'),
              threshold: opt(ref('moneyParam'), '起付线', 'yearly self-pay below this is not assisted'),
              cap: req(ref('limitParam'), '封顶线', 'yearly cap')
            }
          }),
          '救助规则',
          'assistance rules by group'
        ),
        kinds: kinds('适用就医类型', 'claim kinds it pays for')
      }),
      '医疗救助',
      'medical assistance (医疗救助)'
    ),
    estimate: opt(
      section('EstimateSection', {
        assumedEligibleShare: req(
          ref('rateParam'),
          '目录内比例',
          'share of a rough bill assumed in-policy when the villager has no itemised bill'
        )
      }),
      '估算',
      'estimates'
    )
  }
}

/** Resolve a shape through named definitions. */
export function resolveShape(s: Shape): Shape {
  let cur = s
  while (cur.k === 'ref') cur = defs[cur.name].shape
  return cur
}
