// Log privacy check for the browser suite: every secret that crossed the app ↔ county API
// proxy (session tokens, ID numbers, phone numbers) must never appear in the county API's
// logs; nor may any other valid-looking ID number or mobile number. Leaks are reported
// masked, so the report itself does not leak.
import { isValidIdNumber } from '../src/shared/id-number'

const ID_RE = /\d{17}[\dXx]/g
const PHONE_RE = /(?<!\d)1[3-9]\d{9}(?!\d)/g
const BEARER_RE = /Bearer\s+([A-Za-z0-9._~+/=-]{8,})/g
const TOKEN_FIELD_RE = /"token"\s*:\s*"([^"]{8,})"/g

/** Collects the secrets seen in traffic (request headers and bodies). */
export class SecretsSeen {
  readonly values = new Set<string>()

  observe(headers: Record<string, string | string[] | undefined>, body: string): void {
    const auth = headers.authorization
    for (const h of Array.isArray(auth) ? auth : auth ? [auth] : []) {
      for (const m of h.matchAll(BEARER_RE)) this.values.add(m[1])
    }
    for (const m of body.matchAll(ID_RE)) if (isValidIdNumber(m[0])) this.values.add(m[0].toUpperCase())
    for (const m of body.matchAll(PHONE_RE)) this.values.add(m[0])
    // session tokens are handed out in sign-in response bodies
    for (const m of body.matchAll(TOKEN_FIELD_RE)) this.add(m[1])
  }

  add(secret: string): void {
    if (secret.length >= 8) this.values.add(secret)
  }
}

const mask = (s: string) => `${s.slice(0, 3)}…${s.slice(-2)} (${s.length} chars)`

/** Returns one masked line per leak found in `logs`. */
export function findLeaks(logs: string, seen?: SecretsSeen): string[] {
  const leaks = new Set<string>()
  const upper = logs.toUpperCase()
  for (const secret of seen?.values ?? []) {
    if (upper.includes(secret.toUpperCase())) leaks.add(`secret seen in traffic appears in the log: ${mask(secret)}`)
  }
  for (const m of logs.matchAll(ID_RE)) if (isValidIdNumber(m[0])) leaks.add(`full ID number in the log: ${mask(m[0])}`)
  for (const m of logs.matchAll(PHONE_RE)) leaks.add(`full phone number in the log: ${mask(m[0])}`)
  return [...leaks]
}
