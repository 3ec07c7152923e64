// The one masking rule for personal data, used by the app (screens, what is kept on the phone)
// and the county API (what it sends to someone who is not the person or the head, its logs).
// Every function is idempotent: masking a masked value returns it unchanged.
//
// The rule, as Chinese public services show people to others (公示, payee confirmation):
//   name        the family name's first character stays, every other character is *, the
//               middle dot of minority names stays: 王小明 → 王**, 张三 → 张*, 阿依古丽·买买提 →
//               阿***·***, a one-character name → *. Keeping the last character too (王*明)
//               would name the person to any neighbour in a village where most share a surname.
//   ID number   first 3 and last 4: 110***********123X (region and birth date hidden)
//   birth cert. first 2 and last 3: P4*****456
//   phone       mobile 3+4: 138****8000; any other number is *** (its length says nothing)
import type { Person } from '../contract'
import { normaliseName } from './names'

export function maskName(name: string): string {
  const chars = Array.from(normaliseName(name)) // code points: 𠮷 is one character, not two
  if (chars.length === 0) return ''
  if (chars.length === 1) return '*'
  return (
    chars[0] +
    chars
      .slice(1)
      .map((c) => (c === '·' ? '·' : '*'))
      .join('')
  )
}

export function maskIdNumber(id: string): string {
  if (id.includes('*')) return id
  if (id.length <= 7) return '*'.repeat(id.length)
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4)
}

/** 出生医学证明编号 (newborns without an ID number yet) */
export function maskBirthCertificate(n: string): string {
  if (n.includes('*')) return n
  if (n.length <= 5) return '*'.repeat(n.length)
  return n.slice(0, 2) + '*'.repeat(n.length - 5) + n.slice(-3)
}

export function maskPhone(phone: string): string {
  const p = phone.replace(/\s+/g, '')
  if (p.includes('*')) return p
  return /^1\d{10}$/.test(p) ? `${p.slice(0, 3)}****${p.slice(7)}` : '***'
}

/** A member as it may be kept on the phone or shown in a list: ID, birth certificate and phone masked. */
export function maskPerson<P extends Pick<Person, 'idNumber' | 'idNumberMasked' | 'phone' | 'birthCertificateNumber'>>(
  m: P
): P {
  return {
    ...m,
    idNumber: m.idNumber === null ? null : maskIdNumber(m.idNumber),
    idNumberMasked: true,
    ...(m.birthCertificateNumber ? { birthCertificateNumber: maskBirthCertificate(m.birthCertificateNumber) } : {}),
    phone: m.phone ? maskPhone(m.phone) : null
  }
}

/** What identifies a member on screen: the masked ID number, or for a newborn without one the birth certificate. */
export function memberIdText(m: Pick<Person, 'idNumber' | 'birthCertificateNumber'>): string {
  if (m.idNumber) return `身份证 ${maskIdNumber(m.idNumber)}`
  if (m.birthCertificateNumber) return `出生证 ${maskBirthCertificate(m.birthCertificateNumber)}（还没有身份证号）`
  return '还没有身份证号'
}
