import type { a } from './a'
export const b: typeof a | null = null
