import type { Scope } from '@/contract'

export const SCOPE_TEXT: Record<Scope, string> = {
  status: '看参保情况',
  claims: '看报销记录',
  pay: '帮忙缴费'
}

export const ALL_SCOPES: Scope[] = ['status', 'claims', 'pay']

/** Toggles a scope; at least one stays chosen (the county refuses an empty list). */
export function toggleScope(current: Scope[], s: Scope): Scope[] {
  const next = current.includes(s) ? current.filter((x) => x !== s) : [...current, s]
  return next.length === 0 ? current : ALL_SCOPES.filter((x) => next.includes(x))
}
