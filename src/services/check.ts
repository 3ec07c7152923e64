// A tiny structural checker for county API answers. The app may not bundle the contract's
// TypeBox schemas (size), so each answer the app reads is checked with these small
// combinators instead: garbage becomes a typed BAD_RESPONSE, never a crash or a wrong number.
// `obj<T>()` demands a checker for every field of T, so a contract change breaks tsc here.

/** Returns null when `v` fits, else the path of the first problem. */
export interface Checker<T> {
  (v: unknown, path?: string): string | null
  /** phantom: the type this checker proves */
  readonly __type?: T
}

function make<T>(fn: (v: unknown, path: string) => string | null): Checker<T> {
  return ((v: unknown, path = '$') => fn(v, path)) as Checker<T>
}

export const str = make<string>((v, p) => (typeof v === 'string' ? null : p))
export const bool = make<boolean>((v, p) => (typeof v === 'boolean' ? null : p))
export const int = make<number>((v, p) => (typeof v === 'number' && Number.isInteger(v) ? null : p))
export const num = make<number>((v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : p))
export const unknown = make<unknown>(() => null)
/** Money: a decimal string with two places ("380.00"); a number here would be a bug upstream. */
export const money = make<string>((v, p) => (typeof v === 'string' && /^-?\d+\.\d{2}$/.test(v) ? null : p))
export const date = make<string>((v, p) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : p))
export const dateTime = make<string>((v, p) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v) ? null : p
)

export function lit<const L extends readonly (string | number | boolean)[]>(...values: L): Checker<L[number]> {
  return make<L[number]>((v, p) => (values.includes(v as L[number]) ? null : p))
}

export function nullable<T>(c: Checker<T>): Checker<T | null> {
  return make<T | null>((v, p) => (v === null ? null : c(v, p)))
}

export function optional<T>(c: Checker<T>): Checker<T | undefined> {
  return make<T | undefined>((v, p) => (v === undefined ? null : c(v, p)))
}

export function arr<T>(c: Checker<T>): Checker<T[]> {
  return make<T[]>((v, p) => {
    if (!Array.isArray(v)) return p
    for (let i = 0; i < v.length; i++) {
      const bad = c(v[i], `${p}[${i}]`)
      if (bad) return bad
    }
    return null
  })
}

type Shape<T> = { [K in keyof T]-?: Checker<T[K]> }

export function obj<T>(shape: Shape<T>): Checker<T> {
  return make<T>((v, p) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return p
    for (const k of Object.keys(shape) as (keyof T & string)[]) {
      const bad = shape[k]((v as Record<string, unknown>)[k], `${p}.${k}`)
      if (bad) return bad
    }
    return null
  })
}

/** Any JSON object: the default for answers nobody has written a checker for yet. */
export const anyObject = make<Record<string, unknown>>((v, p) =>
  v && typeof v === 'object' && !Array.isArray(v) ? null : p
)

/** A JSON object whose inside the app passes on without reading (e.g. the policy document for the calculator). */
export function opaqueObject<T>(): Checker<T> {
  return make<T>((v, p) => (v && typeof v === 'object' && !Array.isArray(v) ? null : p))
}

/**
 * One of a contract enum's values. Takes a record keyed by every value, so tsc fails when
 * the contract adds a value (a plain list could silently miss it and refuse good answers).
 */
export function oneOf<T extends string>(all: Record<T, true>): Checker<T> {
  return make<T>((v, p) => (typeof v === 'string' && Object.prototype.hasOwnProperty.call(all, v) ? null : p))
}
