// Masked personal data on screen. Full ID numbers and phones are never shown in lists;
// the county already masks what a viewer may not see, and the app masks again for display.
import { Text } from '@tarojs/components'
import type { Person } from '@/contract'
import { maskBirthCertificate as maskBirthCertificateNumber, maskIdNumber } from '@/shared/id-number'

export function maskPhone(phone: string): string {
  const p = phone.replace(/\s+/g, '')
  if (p.includes('*')) return p
  return p.length === 11 ? `${p.slice(0, 3)}****${p.slice(7)}` : '*'.repeat(p.length)
}

export function maskId(id: string): string
export function maskId(id: string | null): string | null
export function maskId(id: string | null): string | null {
  if (id === null) return null
  return id.includes('*') ? id : maskIdNumber(id)
}

/** 出生医学证明编号 P440123456 → P4*****456 */
export function maskBirthCertificate(n: string): string {
  return n.includes('*') ? n : maskBirthCertificateNumber(n)
}

/** A member as it may be kept on the phone or shown in a list: ID, birth certificate and phone masked. */
export function maskPerson<P extends Pick<Person, 'idNumber' | 'idNumberMasked' | 'phone' | 'birthCertificateNumber'>>(
  m: P
): P {
  return {
    ...m,
    idNumber: maskId(m.idNumber),
    idNumberMasked: true,
    ...(m.birthCertificateNumber ? { birthCertificateNumber: maskBirthCertificate(m.birthCertificateNumber) } : {}),
    phone: m.phone ? maskPhone(m.phone) : null
  }
}

/** What identifies a member on screen: the masked ID number, or for a newborn without one the birth certificate. */
export function memberIdText(m: Pick<Person, 'idNumber' | 'birthCertificateNumber'>): string {
  if (m.idNumber) return `身份证 ${maskId(m.idNumber)}`
  if (m.birthCertificateNumber) return `出生证 ${maskBirthCertificate(m.birthCertificateNumber)}（还没有身份证号）`
  return '还没有身份证号'
}

/** 张*、阿依古丽·买*: keeps the family name (first character) and masks the rest but the last. */
export function maskName(name: string): string {
  const chars = Array.from(name) // rare characters outside the BMP count as one
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return (
    chars[0] +
    chars
      .slice(1, -1)
      .map((c) => (c === '·' ? '·' : '*'))
      .join('') +
    chars[chars.length - 1]
  )
}

export function MaskedId({ value, className }: { value: string; className?: string }) {
  return <Text className={className}>{maskId(value)}</Text>
}

export function MaskedPhone({ value, className }: { value: string; className?: string }) {
  return <Text className={className}>{maskPhone(value)}</Text>
}
