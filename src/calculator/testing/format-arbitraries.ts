// fast-check generators of policy documents built from the format's one definition
// (policy-format.ts): every field, in every shape it may take. Test tooling only.
import fc from 'fast-check'
import { defs, policyDocument, type Fields, type Shape } from '../policy-format'

const whole = (n: number, w = 2) => String(n).padStart(w, '0')
const moneyArb = fc
  .tuple(fc.integer({ min: 0, max: 10_000_000_000 }), fc.constantFrom(0, 1, 2))
  .map(([fen, decimals]) => {
    const s = `${Math.floor(fen / 100)}.${whole(fen % 100)}`
    return decimals === 2 ? s : decimals === 1 ? s.slice(0, -1) : String(Math.floor(fen / 100))
  })
const rateArb = fc.integer({ min: 0, max: 10_000 }).map((u) => (u === 10_000 ? '1.00' : `0.${whole(u, 4)}`))
const dateArb = fc
  .tuple(fc.integer({ min: 1950, max: 2060 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${whole(m)}-${whole(d)}`)

function fields(f: Fields, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [k, field] of Object.entries(f)) model[k] = value(field.shape, depth)
  return fc.record(model, {
    requiredKeys: Object.entries(f)
      .filter(([, field]) => field.required)
      .map(([k]) => k)
  })
}

/** Any value the definition allows for this shape (structurally: cross-field checks may still fail). */
export function value(s: Shape, depth = 0): fc.Arbitrary<unknown> {
  switch (s.k) {
    case 'text':
      return fc.string({ minLength: s.empty ? 0 : 1, maxLength: 6 })
    case 'pattern':
      return fc.stringMatching(new RegExp(s.re), { maxLength: 12 })
    case 'enum':
      return fc.constantFrom(...s.values)
    case 'bool':
      return fc.boolean()
    case 'int':
      return fc.integer({ min: 0, max: s.max })
    case 'money':
      return moneyArb
    case 'rate':
      return rateArb
    case 'date':
      return dateArb
    case 'null':
      return fc.constant(null)
    case 'true':
      return fc.constant(true)
    case 'ref':
      if (s.name === 'personCondition' && depth >= 2) return fc.constant({})
      return value(defs[s.name].shape, s.name === 'personCondition' ? depth + 1 : depth)
    case 'list':
      return fc.array(value(s.of, depth), { minLength: s.min, maxLength: 2 })
    case 'oneOrMany':
      return fc.oneof(value(s.of, depth), fc.array(value(s.of, depth), { minLength: 1, maxLength: 2 }))
    case 'object':
      return fields(s.fields, depth)
    case 'either':
      return fc.oneof(...s.of.map((o) => value(o, depth)))
    case 'forms':
      return fc.oneof(...Object.entries(s.forms).map(([k, f]) => fields({ ...s.common, [k]: f }, depth)))
  }
}

/** Documents with every field the format has, in every allowed shape (cross-field rules aside). */
export const policyDocumentArb = value(policyDocument) as fc.Arbitrary<Record<string, unknown>>

/** Values that break a field of some shape (or happen not to). */
export const badValueArb: fc.Arbitrary<unknown> = fc.constantFrom(
  null,
  0,
  -1,
  1.5,
  7,
  '',
  ' ',
  'x',
  '1.234',
  '-1.00',
  '100000000.01',
  '1.50',
  '2026-02-30',
  '1899-12-31',
  '13-01',
  true,
  [],
  [1],
  {},
  { missing: true, note: '' },
  { missing: true, note: '原文没有给出' },
  { missing: false, note: 'x' },
  { none: true },
  { none: false }
)
