// The validator: walks a policy document along its definition (policy-format.ts) and lists
// every problem with its JSON path and a plain Chinese message; the calculator refuses a
// document with any problem. policy.schema.json is generated from the same definition.
import { isIsoDate } from './dates'
import {
  defs,
  PATTERNS,
  policyDocument,
  resolveShape,
  type CheckContext,
  type Fields,
  type Shape
} from './policy-format'
import type { ValidationProblem } from './types'

type Obj = Record<string, unknown>

const MSG = {
  object: '应当是一个对象 { … }',
  array: '应当是一个列表 [ … ]',
  string: '应当是文字',
  money: '金额必须是最多两位小数的字符串，例如 "200.00"',
  rate: '比例必须是 0 到 1 之间的字符串，例如 "0.70"',
  date: '日期必须写成 "2026-01-01" 这样',
  required: '缺少这一项',
  unknown: '不认识这个字段（是否拼错了？）',
  int: '应当是 0 或正整数',
  bool: '应当是 true 或 false',
  empty: '列表不能为空',
  deep: '条件嵌套太深'
}

const MONEY_RE = new RegExp(PATTERNS.money)
const RATE_RE = new RegExp(PATTERNS.rate)
// patterns of fields, compiled once
const compiled = new Map<string, RegExp>()
function pattern(re: string): RegExp {
  let r = compiled.get(re)
  if (!r) compiled.set(re, (r = new RegExp(re)))
  return r
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`

/** Which of several shapes a value is meant as: a figure object by its key, else by its JavaScript type. */
export function pickShape(options: readonly Shape[], v: unknown): Shape {
  const resolved = options.map(resolveShape)
  const find = (test: (s: Shape) => boolean): Shape | undefined => {
    const i = resolved.findIndex(test)
    return i < 0 ? undefined : options[i]
  }
  const isFigure = (s: Shape, key: string) => s.k === 'object' && key in s.fields
  if (v === null) return find((s) => s.k === 'null') ?? options[0]
  if (isObj(v)) {
    if (v.missing === true) {
      const m = find((s) => isFigure(s, 'missing'))
      if (m) return m
    }
    if ('none' in v) {
      const n = find((s) => isFigure(s, 'none'))
      if (n) return n
    }
    return find((s) => s.k === 'object' && !isFigure(s, 'missing') && !isFigure(s, 'none')) ?? options[0]
  }
  if (Array.isArray(v)) return find((s) => s.k === 'list') ?? options[0]
  return find((s) => s.k !== 'object' && s.k !== 'list' && s.k !== 'null') ?? options[0]
}

class Walker implements CheckContext {
  readonly problems: ValidationProblem[] = []
  /** false: the structure only, as the JSON Schema sees it (no cross-field checks) */
  constructor(private readonly checks = true) {}
  readonly groups = new Set<string>()
  readonly categories = new Map<string, string | null>()
  add(path: string, message: string): void {
    this.problems.push({ path, message })
  }

  value(s: Shape, v: unknown, path: string, depth: number): void {
    switch (s.k) {
      case 'ref':
        if (s.name === 'personCondition' && depth > 4) return this.add(path, MSG.deep)
        return this.value(defs[s.name].shape, v, path, s.name === 'personCondition' ? depth + 1 : depth)
      case 'text':
        if (typeof v !== 'string' || (!s.empty && v.length === 0)) this.add(path, MSG.string)
        return
      case 'pattern':
        if (typeof v !== 'string' || !pattern(s.re).test(v)) this.add(path, s.message)
        return
      case 'enum':
        if (!s.values.includes(v as string)) this.add(path, `只能是以下之一：${s.values.join('、')}`)
        return
      case 'bool':
        if (typeof v !== 'boolean') this.add(path, MSG.bool)
        return
      case 'int':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > s.max) this.add(path, MSG.int)
        return
      case 'money':
        if (typeof v !== 'string' || !MONEY_RE.test(v)) this.add(path, MSG.money)
        return
      case 'rate':
        if (typeof v !== 'string' || !RATE_RE.test(v)) this.add(path, MSG.rate)
        return
      case 'date':
        if (!isIsoDate(v)) this.add(path, MSG.date)
        return
      case 'null':
        if (v !== null) this.add(path, '应当是 null')
        return
      case 'true':
        if (v !== true) this.add(path, '应当是 true')
        return
      case 'list':
        if (!Array.isArray(v)) return this.add(path, MSG.array)
        if (s.min === 1 && v.length === 0) this.add(path, MSG.empty)
        v.forEach((x, i) => this.value(s.of, x, at(path, i), depth))
        if (this.checks) s.check?.run(v as unknown as Obj, path, this)
        return
      case 'oneOrMany':
        if (Array.isArray(v)) return this.value({ k: 'list', of: s.of, min: 1 }, v, path, depth)
        return this.value(s.of, v, path, depth)
      case 'object':
        if (!isObj(v)) return this.add(path, MSG.object)
        this.fields(s.fields, v, path, depth)
        if (this.checks) s.check?.run(v, path, this)
        return
      case 'either':
        return this.value(pickShape(s.of, v), v, path, depth)
      case 'forms': {
        if (!isObj(v)) return this.add(path, MSG.object)
        const present = Object.keys(s.forms).filter((k) => v[k] !== undefined)
        if (present.length !== 1) return this.add(path, s.formsMessage)
        this.fields({ ...s.common, [present[0]]: s.forms[present[0]] }, v, path, depth, Object.keys(s.forms))
        return
      }
    }
  }

  fields(fields: Fields, v: Obj, path: string, depth: number, alsoKnown: string[] = []): void {
    for (const [k, f] of Object.entries(fields))
      if (f.required && v[k] === undefined) this.add(at(path, k), MSG.required)
    for (const k of Object.keys(v)) if (!(k in fields) && !alsoKnown.includes(k)) this.add(at(path, k), MSG.unknown)
    for (const [k, f] of Object.entries(fields)) if (v[k] !== undefined) this.value(f.shape, v[k], at(path, k), depth)
  }
}

/** Validate a resolved policy document (no `extends`). Returns every problem; empty = valid. */
export function validatePolicy(doc: unknown): ValidationProblem[] {
  const w = new Walker()
  w.value(policyDocument, doc, '$', 0)
  return w.problems
}

/** The problems the JSON Schema also finds: types, required and unknown fields, no cross-field checks. */
export function structuralProblems(doc: unknown): ValidationProblem[] {
  const w = new Walker(false)
  w.value(policyDocument, doc, '$', 0)
  return w.problems
}
