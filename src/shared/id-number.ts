// GB 11643-1999 resident ID number: 17 digits + a check character (0-9 or X).
// Pure TypeScript so the app (input validation) and the county API (seed, bind) share it.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('需要17位数字')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

export type IdNumberProblem = 'format' | 'checksum' | 'birthdate'

/** Checks format, birth date and checksum. Lower-case x is accepted and normalised. */
export function checkIdNumber(raw: string): { ok: true; value: string } | { ok: false; problem: IdNumberProblem } {
  const value = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' }
  const y = Number(value.slice(6, 10))
  const m = Number(value.slice(10, 12))
  const d = Number(value.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, problem: 'birthdate' }
  }
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checksum' }
  return { ok: true, value }
}

export function isValidIdNumber(raw: string): boolean {
  return checkIdNumber(raw).ok
}

/** Birth date as YYYY-MM-DD (assumes a valid number). */
export function idNumberBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
}

/** 'male' when the 17th digit is odd. */
export function idNumberSex(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female'
}

/** Builds a valid number from region code (6), birth date (YYYYMMDD) and sequence (3). */
export function makeIdNumber(region6: string, birth8: string, seq3: string): string {
  const first17 = `${region6}${birth8}${seq3}`
  return first17 + idNumberCheckChar(first17)
}

// Masking lives in ./mask; re-exported for the county API modules that still import it from here.
export { maskBirthCertificate, maskIdNumber } from './mask'
