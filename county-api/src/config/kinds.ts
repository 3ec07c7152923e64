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

/** A PostgreSQL connection URL (postgres://user:password@host:port/database). Holds a password: never shown. */
export const postgresUrl: Kind<string> = {
  schema: { type: 'string', pattern: '^postgres(ql)?://\\S+$' },
  expects: 'a postgres://user:password@host:5432/database address',
  convert: (t) => t
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

/** A limit: `10/hour` is at most 10 in any hour (`minute`, `hour` or `day`). */
export interface Rate {
  count: number
  per: 'minute' | 'hour' | 'day'
}

export const RATE_WINDOW_MS: Record<Rate['per'], number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }

export function rate(maxCount: number): Kind<Rate> {
  return {
    schema: {
      type: 'object',
      properties: {
        count: { type: 'integer', minimum: 1, maximum: maxCount },
        per: { enum: ['minute', 'hour', 'day'] }
      },
      required: ['count', 'per'],
      additionalProperties: false
    },
    expects: `a count and a window, e.g. 10/hour (1 to ${maxCount} per minute, hour or day)`,
    convert: (t) => {
      const m = /^(\d{1,9})\/(minute|hour|day)$/.exec(t)
      return m ? { count: Number(m[1]), per: m[2] } : t
    }
  }
}

/** A county-wide admission rate: `300/second` admits at most 300 (and a burst of 300) a second. */
export interface AdmissionRate {
  count: number
  per: 'second' | 'minute'
}

export const ADMISSION_WINDOW_MS: Record<AdmissionRate['per'], number> = { second: 1000, minute: 60_000 }

export const admissionRate: Kind<AdmissionRate> = {
  schema: {
    type: 'object',
    properties: {
      count: { type: 'integer', minimum: 1, maximum: 1_000_000 },
      per: { enum: ['second', 'minute'] }
    },
    required: ['count', 'per'],
    additionalProperties: false
  },
  expects: 'a count a second or a minute, e.g. 300/second (1 to 1000000)',
  convert: (t) => {
    const m = /^(\d{1,9})\/(second|minute)$/.exec(t)
    return m ? { count: Number(m[1]), per: m[2] } : t
  }
}

/**
 * Which proxies in front of the server to believe about the client's address (X-Forwarded-For):
 * a number of hops (`1`), or their addresses and ranges (`10.0.0.1,10.0.0.0/8`). Unset: none.
 */
export const proxyTrust: Kind<number | string[]> = {
  schema: {
    anyOf: [
      { type: 'integer', minimum: 1, maximum: 10 },
      {
        type: 'array',
        minItems: 1,
        items: {
          type: 'string',
          pattern: '^([0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)(/[0-9]{1,3})?$'
        }
      }
    ]
  },
  expects: 'a number of proxy hops (1) or a comma-separated list of proxy addresses or ranges (10.0.0.1,10.0.0.0/8)',
  convert: (t) =>
    /^\d{1,2}$/.test(t)
      ? Number(t)
      : t
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
}

/** A 256-bit key, written as 64 hex digits or 44 base64 characters. Never shown in a problem line. */
export const key256: Kind<string> = {
  schema: { type: 'string', pattern: '^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$' },
  expects: 'a 256-bit key: 64 hex digits or 44 base64 characters (openssl rand -base64 32)',
  convert: (t) => t
}

/** The 32 bytes of a key256 value. */
export function keyBytes(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64')
}
