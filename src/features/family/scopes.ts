import type { Scope } from '@/contract'

export const ALL_SCOPES: Scope[] = ['status', 'claims', 'pay']

/** Toggles a scope; at least one stays chosen (the county refuses an empty list). */
export function toggleScope(current: Scope[], s: Scope): Scope[] {
  const next = current.includes(s) ? current.filter((x) => x !== s) : [...current, s]
  return next.length === 0 ? current : ALL_SCOPES.filter((x) => next.includes(x))
}
