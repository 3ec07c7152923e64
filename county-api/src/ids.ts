import crypto from 'node:crypto'

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(9).toString('base64url')}`
}

export function sha256(text: string | Buffer): string {
  return crypto.createHash('sha256').update(text).digest('hex')
}

export function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url')
}

export function randomDigits(n: number): string {
  let s = ''
  while (s.length < n) s += crypto.randomInt(0, 10).toString()
  return s
}
