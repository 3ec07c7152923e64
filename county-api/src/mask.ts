// Masking for names and phones shown to people who are not the person or the head.
export { maskIdNumber } from '../../src/shared/id-number'

/** Keeps the first character of each part: 阿依古丽·买买提 → 阿***·买**, 张小明 → 张**. */
export function maskName(name: string): string {
  return name.split('·').map((part) => {
    const chars = Array.from(part)
    return chars.length === 0 ? '' : chars[0] + '*'.repeat(Math.max(1, chars.length - 1))
  }).join('·')
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***'
}
