// Masked personal data on screen. Full ID numbers and phones are never shown in lists;
// the county already masks what a viewer may not see, and the app masks again for display.
import { Text } from '@tarojs/components'
import { maskIdNumber } from '@/shared/id-number'

export function maskPhone(phone: string): string {
  const p = phone.replace(/\s+/g, '')
  if (p.includes('*')) return p
  return p.length === 11 ? `${p.slice(0, 3)}****${p.slice(7)}` : '*'.repeat(p.length)
}

export function maskId(id: string): string {
  return id.includes('*') ? id : maskIdNumber(id)
}

/** 张*、阿依古丽·买*: keeps the family name (first character) and masks the rest but the last. */
export function maskName(name: string): string {
  const chars = Array.from(name) // rare characters outside the BMP count as one
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return chars[0] + chars.slice(1, -1).map((c) => (c === '·' ? '·' : '*')).join('') + chars[chars.length - 1]
}

export function MaskedId({ value, className }: { value: string; className?: string }) {
  return <Text className={className}>{maskId(value)}</Text>
}

export function MaskedPhone({ value, className }: { value: string; className?: string }) {
  return <Text className={className}>{maskPhone(value)}</Text>
}
