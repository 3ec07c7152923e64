import { Text } from '@tarojs/components'
import type { DataSource } from '@/services/cache'
import { formatInstant } from '@/services/time'
import './index.scss'

export const SOURCE_TEXT: Record<DataSource, string> = {
  county: '县医保系统',
  cache: '本手机保存的数据'
}

/** "数据时间 11月23日 19:30 · 来自 县医保系统" — every figure on screen carries one. */
export function AsOf({ at, source, className }: { at: string | null; source: DataSource | null; className?: string }) {
  if (!at || !source) return null
  return (
    <Text className={`as-of as-of--${source}${className ? ` ${className}` : ''}`}>
      数据时间 {formatInstant(at)} · 来自{SOURCE_TEXT[source]}
    </Text>
  )
}
