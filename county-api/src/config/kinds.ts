// Kinds of setting: how the text of an environment variable becomes a value, and the JSON Schema
// (checked by Ajv) that value must then satisfy. The conversion is strict ("30/min" is not 30,
// "1w" is not a number of hours): what does not convert stays text, and the schema refuses it.
import Ajv, { type ValidateFunction } from 'ajv'

export interface Kind<T> {
  /** JSON Schema of the value (after conversion). */
  schema: Record<string, unknown>
  /** What a good value looks like, for the problem line: "a whole number from 1 to 100000". */
  expects: string
  /** The text as a value; text that does not convert is returned as it is, for the schema to refuse. */
  convert(text: string): unknown
  /** Marks T for the type of the configuration; never read. */
  readonly type?: T
}

const ajv = new Ajv({ allErrors: false, strict: true })
const compiled = new WeakMap<Kind<unknown>, ValidateFunction>()

/** The value, or not ok when the text is not a value of this kind. */
export function read<T>(kind: Kind<T>, raw: string): { ok: true; value: T } | { ok: false } {
  let check = compiled.get(kind)
  if (!check) {
    check = ajv.compile(kind.schema)
    compiled.set(kind, check)
  }
  const value = kind.convert(raw)
  return check(value) ? { ok: true, value: value as T } : { ok: false }
}

export function integer(minimum: number, maximum: number): Kind<number> {
  return {
    schema: { type: 'integer', minimum, maximum },
    expects: `a whole number from ${minimum} to ${maximum}`,
    convert: (t) => (/^-?\d{1,15}$/.test(t) ? Number(t) : t)
  }
}

/** `1`/`0` (also `true`/`false`). */
export const flag: Kind<boolean> = {
  schema: { type: 'boolean' },
  expects: '1 (on) or 0 (off)',
  convert: (t) => (t === '1' || t === 'true' ? true : t === '0' || t === 'false' ? false : t)
}

export function oneOf<const T extends string>(...values: T[]): Kind<T> {
  return { schema: { enum: values }, expects: `one of ${values.join(', ')}`, convert: (t) => t }
}

export function text(pattern: RegExp, expects: string): Kind<string> {
  return { schema: { type: 'string', pattern: pattern.source }, expects, convert: (t) => t }
}

/** A key or password: at least `minLength` characters, no spaces. Never shown in a problem line. */
export function secret(minLength: number, maxLength = 4096): Kind<string> {
  return {
    schema: { type: 'string', minLength, maxLength, pattern: '^\\S+$' },
    expects: minLength === maxLength ? `exactly ${minLength} characters` : `at least ${minLength} characters`,
    convert: (t) => t
  }
}

/** http(s) URL without a trailing slash. */
export const url: Kind<string> = {
  schema: { type: 'string', pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*[^\\s/?#])?$' },
  expects: 'an http:// or https:// address without a trailing /',
  convert: (t) => t
}

/** Comma-separated list, each item checked by `item`'s pattern. */
export function list(item: RegExp, expects: string): Kind<string[]> {
  return {
    schema: { type: 'array', minItems: 1, items: { type: 'string', pattern: item.source } },
    expects: `a comma-separated list of ${expects}`,
    convert: (t) =>
      t
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
  }
}

/** An instant with its offset (`2026-11-20T10:00:00+08:00`), as epoch ms. */
export const instant: Kind<number> = {
  schema: { type: 'integer' },
  expects: 'a time with its offset, e.g. 2026-11-20T10:00:00+08:00',
  convert: (t) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(t) && !Number.isNaN(Date.parse(t))
      ? Date.parse(t)
      : t
}

/** A path of a file (checked for existence and content where the setting reads it). */
export const filePath: Kind<string> = {
  schema: { type: 'string', minLength: 1 },
  expects: 'the path of a file',
  convert: (t) => t
}
