// policy-types.ts from the one definition of the policy format (../policy-format.ts).
import { defs, policyDocument, resolveShape, type DefName, type Fields, type Shape } from '../policy-format'

/** TypeScript names of definitions that are not named objects */
const DEF_TYPES: Partial<Record<DefName, string>> = {
  money: 'MoneyString',
  rate: 'RateString',
  date: 'IsoDate',
  moneyParam: 'MoneyParam',
  rateParam: 'RateParam',
  limitParam: 'LimitParam'
}

interface Out {
  decls: Map<string, string>
}

function comment(doc: string, indent: string): string {
  return `${indent}/** ${doc.replace(/\*\//g, '* /')} */\n`
}

function fields(f: Fields, out: Out, indent: string): string {
  return Object.entries(f)
    .map(([k, field]) => {
      const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`
      return `${comment(`${field.zh}：${field.doc}`, indent)}${indent}${key}${field.required ? '' : '?'}: ${type(field.shape, out, indent)}`
    })
    .join('\n')
}

function paren(t: string): string {
  return /[|&]/.test(t) ? `(${t})` : t
}

function type(s: Shape, out: Out, indent = ''): string {
  switch (s.k) {
    case 'text':
    case 'pattern':
      return 'string'
    case 'enum': {
      const union = s.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(' | ')
      if (!s.name) return union
      out.decls.set(s.name, `export type ${s.name} = ${union}`)
      return s.name
    }
    case 'bool':
      return 'boolean'
    case 'int':
      return 'number'
    case 'money':
      return 'MoneyString'
    case 'rate':
      return 'RateString'
    case 'date':
      return 'IsoDate'
    case 'null':
      return 'null'
    case 'true':
      return 'true'
    case 'ref': {
      const named = DEF_TYPES[s.name]
      const target = defs[s.name].shape
      if (named) {
        if (!['money', 'rate', 'date'].includes(s.name))
          out.decls.set(named, `${comment(defs[s.name].doc, '')}export type ${named} = ${type(target, out)}`)
        return named
      }
      return type(target, out, indent)
    }
    case 'list':
      return `${paren(type(s.of, out, indent))}[]`
    case 'oneOrMany': {
      const t = type(s.of, out, indent)
      return `${t} | ${paren(t)}[]`
    }
    case 'object': {
      if (s.name) {
        if (!out.decls.has(s.name)) {
          out.decls.set(s.name, '') // reserve: recursive shapes refer to themselves
          out.decls.set(s.name, `export interface ${s.name} {\n${fields(s.fields, out, '  ')}\n}`)
        }
        return s.name
      }
      return `{\n${fields(s.fields, out, `${indent}  `)}\n${indent}}`
    }
    case 'either':
      return s.of.map((o) => type(o, out, indent)).join(' | ')
    case 'forms': {
      if (!out.decls.has(s.name)) {
        out.decls.set(s.name, '')
        const variants = Object.entries(s.forms).map(([k, f]) => `{\n${fields({ ...s.common, [k]: f }, out, '  ')}\n}`)
        out.decls.set(s.name, `${comment(s.formsMessage, '')}export type ${s.name} =\n  | ${variants.join('\n  | ')}`)
      }
      return s.name
    }
  }
}

export function policyTypesSource(): string {
  const out: Out = { decls: new Map() }
  type(policyDocument, out)
  // every named definition, also those only reached through another
  for (const name of Object.keys(defs) as DefName[]) {
    const r = resolveShape(defs[name].shape)
    if (DEF_TYPES[name] || (r.k === 'object' && r.name)) type({ k: 'ref', name }, out)
  }
  return [
    '// Generated from src/calculator/policy-format.ts by `npm run generate:policy-format`: do not edit.',
    '// The types of a policy document; src/calculator/types.ts re-exports them.',
    '',
    '/** an amount in yuan, a string with at most two decimals: "1234.50" */',
    'export type MoneyString = string',
    '/** a rate between 0 and 1, a string with at most four decimals: "0.70" */',
    'export type RateString = string',
    '/** a date, "YYYY-MM-DD" */',
    'export type IsoDate = string',
    '',
    ...[...out.decls.values()].map((d) => `${d}\n`)
  ].join('\n')
}
