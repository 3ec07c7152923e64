// Masking for names and phones shown to people who are not the person or the head.
export { maskBirthCertificate, maskIdNumber } from '../../src/shared/id-number'

/** Keeps only the first character (and the middle dot): 阿依古丽·买买提 → 阿***·***, 张小明 → 张**, 张三 → 张*. */
export function maskName(name: string): string {
  const chars = Array.from(name) // code points: 𠮷 is one character, not two
  if (chars.length <= 1) return '*'
  return (
    chars[0] +
    chars
      .slice(1)
      .map((c) => (c === '·' ? '·' : '*'))
      .join('')
  )
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***'
}
