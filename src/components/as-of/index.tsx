import { Text } from '@tarojs/components'
import type { DataSource } from '@/services/cache'
import { useOffline } from '@/services/network'
import { formatInstant } from '@/services/time'
import './index.scss'

export const SOURCE_TEXT: Record<DataSource, string> = {
  county: '来自县医保系统',
  cache: '手机里存的'
}

/**
 * "数据时间 11月23日 19:30 · 来自县医保系统" — every figure on screen carries one. A saved copy
 * shown while the county answers (a reload in flight, as after an upload) says it is being
 * updated, in the ordinary colour; only when the county cannot be reached does it warn.
 */
export function AsOf({ at, source, className }: { at: string | null; source: DataSource | null; className?: string }) {
  const offline = useOffline()
  if (!at || !source) return null
  const note = source === 'cache' ? (offline ? '，现在连不上县里' : '，正在更新') : ''
  const kind = source === 'cache' && !offline ? 'updating' : source
  return (
    <Text className={`as-of as-of--${kind}${className ? ` ${className}` : ''}`}>
      数据时间 {formatInstant(at)} · {SOURCE_TEXT[source]}
      {note}
    </Text>
  )
}
