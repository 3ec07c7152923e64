// A policy problem's place in words county staff use: "$.inpatient.deductible.rows[2].amount"
// becomes "住院 › 起付线表 › 各行第 3 行（市级医院）› 起付线": Chinese names from the format's one
// definition, rows counted from 1 and named by their label (or id, code, payer) when they have one.
import { policyDocument, resolveShape, type Shape } from '../policy-format'

function fieldsOf(s: Shape): Record<string, { shape: Shape; zh: string }> | null {
  const r = resolveShape(s)
  if (r.k === 'object') return r.fields
  if (r.k === 'forms') return { ...r.common, ...r.forms }
  if (r.k === 'either') {
    const all: Record<string, { shape: Shape; zh: string }> = {}
    for (const o of r.of) Object.assign(all, fieldsOf(o) ?? {})
    return Object.keys(all).length ? all : null
  }
  return null
}
function itemOf(s: Shape): Shape | null {
  const r = resolveShape(s)
  if (r.k === 'list' || r.k === 'oneOrMany') return r.of
  if (r.k === 'either') for (const o of r.of) if (itemOf(o)) return itemOf(o)
  return null
}

function nameOf(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return null
  const o = v as Record<string, unknown>
  for (const k of ['label', 'id', 'code', 'payer', 'list'])
    if (typeof o[k] === 'string' && o[k] !== '') return o[k] as string
  return null
}

/** The place of a JSON path in a policy document, in Chinese (rows from 1). */
export function locate(doc: unknown, path: string): string {
  const parts = path.replace(/^\$/, '').match(/\.[^.[\]]+|\[\d+\]/g) ?? []
  const out: string[] = []
  let shape: Shape | null = policyDocument
  let value: unknown = doc
  for (const p of parts) {
    if (p.startsWith('[')) {
      const i = Number(p.slice(1, -1))
      value = Array.isArray(value) ? value[i] : undefined
      const label = nameOf(value)
      out.push(`第 ${i + 1} 行${label ? `（${label}）` : ''}`)
      shape = shape ? itemOf(shape) : null
      continue
    }
    const key = p.slice(1)
    const f = shape ? fieldsOf(shape)?.[key] : undefined
    out.push(f ? f.zh : key)
    shape = f ? f.shape : null
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
  }
  return out.length ? out.join(' › ') : '整个文件'
}
