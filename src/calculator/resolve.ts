// Overlays: a document may `extends` a baseline and override parts of it (OpenFisca reforms).
// Objects merge key by key, arrays and scalars replace, `null` removes a key, and a
// figure object ({ missing } / { none }) is replaced whole.
import { CalculatorError } from './errors'
import type { PolicyDocument, PolicyOverlay } from './types'

export type PolicyResolver = (id: string) => PolicyDocument | PolicyOverlay | undefined

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** `{ missing: true, … }` and `{ none: true }` stand for one figure: replaced whole, never merged. */
function isFigure(v: Record<string, unknown>): boolean {
  return 'missing' in v || 'none' in v
}

export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over) || isFigure(base) || isFigure(over)) return over
  const out: Record<string, unknown> = { ...base }
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k]
    else out[k] = k in base ? deepMerge(base[k], v) : v
  }
  return out
}

/** Follow `extends` to the root and merge; the result has no `extends` and lists its lineage. */
export function resolvePolicy(doc: PolicyDocument | PolicyOverlay, resolve: PolicyResolver): PolicyDocument {
  const chain: (PolicyDocument | PolicyOverlay)[] = [doc]
  const seen = new Set<string>([String(doc.id)])
  let cur: PolicyDocument | PolicyOverlay = doc
  while (cur.extends !== undefined) {
    const parentId: string = cur.extends
    if (seen.has(parentId)) {
      throw new CalculatorError(
        'POLICY_INVALID',
        `政策「${doc.id}」的 extends 形成了循环：${[...seen, parentId].join(' → ')}`,
        '$.extends'
      )
    }
    const parent = resolve(parentId)
    if (!parent) {
      throw new CalculatorError(
        'POLICY_NOT_FOUND',
        `政策「${cur.id}」所依据的基础政策「${parentId}」找不到`,
        '$.extends'
      )
    }
    seen.add(parentId)
    chain.push(parent)
    cur = parent
  }
  if (chain.length === 1) return doc as PolicyDocument
  let merged: unknown = chain[chain.length - 1]
  for (let i = chain.length - 2; i >= 0; i--) merged = deepMerge(merged, chain[i])
  const result = { ...(merged as PolicyDocument) }
  delete result.extends
  result.resolvedFrom = chain.slice(1).map((d) => d.id)
  return result
}
