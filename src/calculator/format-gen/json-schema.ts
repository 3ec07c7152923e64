// policy.schema.json from the one definition of the policy format (../policy-format.ts).
import { defs, PATTERNS, policyDocument, type DefName, type Field, type Fields, type Shape } from '../policy-format'

type Json = Record<string, unknown>

function shape(s: Shape): Json {
  switch (s.k) {
    case 'text':
      return s.empty ? { type: 'string' } : { type: 'string', minLength: 1 }
    case 'pattern':
      return { type: 'string', pattern: s.re }
    case 'enum':
      return { enum: [...s.values] }
    case 'bool':
      return { type: 'boolean' }
    case 'int':
      return { type: 'integer', minimum: 0, maximum: s.max }
    case 'money':
      return { type: 'string', pattern: PATTERNS.money }
    case 'rate':
      return { type: 'string', pattern: PATTERNS.rate }
    case 'date':
      return { type: 'string', pattern: PATTERNS.date, format: 'date' }
    case 'null':
      return { type: 'null' }
    case 'true':
      return { const: true }
    case 'ref':
      return { $ref: `#/definitions/${s.name}` }
    case 'list': {
      const out: Json = { type: 'array', items: shape(s.of) }
      if (s.min === 1) out.minItems = 1
      if (s.check) out.description = `Also checked by the validator: ${s.check.rule}.`
      return out
    }
    case 'oneOrMany':
      return { oneOf: [shape(s.of), { type: 'array', items: shape(s.of), minItems: 1 }] }
    case 'object': {
      const out = object(s.fields, [])
      if (s.check) out.description = `Also checked by the validator: ${s.check.rule}.`
      return out
    }
    case 'either':
      return { oneOf: s.of.map(shape) }
    case 'forms':
      return {
        oneOf: Object.entries(s.forms).map(([k, f]) => object({ ...s.common, [k]: f }, [])),
        description: s.formsMessage
      }
  }
}

function property(f: Field): Json {
  return { ...shape(f.shape), description: `${f.zh}：${f.doc}` }
}

function object(fields: Fields, extraRequired: string[]): Json {
  const required = [
    ...Object.entries(fields)
      .filter(([, f]) => f.required)
      .map(([k]) => k),
    ...extraRequired
  ]
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, property(f)])),
    additionalProperties: false,
    ...(required.length ? { required } : {})
  }
}

export function policyJsonSchema(): Json {
  const root = shape(policyDocument)
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://xqyb.example/policy.schema.json',
    title: '乡亲医保 policy document (resolved: after extends)',
    description:
      '一个地区、一个险种、一个版本的医保政策。金额和比例都写成字符串；缺少的数字写 {"missing": true, "note": "…"}。格式说明见 docs/policy-format.md。Generated from src/calculator/policy-format.ts: do not edit.',
    ...root,
    definitions: Object.fromEntries(
      (Object.keys(defs) as DefName[]).map((name) => [
        name,
        { ...shape(defs[name].shape), description: defs[name].doc }
      ])
    )
  }
}

/** The file as committed: JSON with one-space indentation and a final newline. */
export function policyJsonSchemaText(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 1)}\n`
}
