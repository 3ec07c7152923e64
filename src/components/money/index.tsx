import { Text } from '@tarojs/components'
import { formatMoney } from './format'
import './index.scss'

interface Props {
  /** decimal string from the county, e.g. "380.00" */
  value: string | null | undefined
  className?: string
}

/** ¥1,234.50 — or "—" when the amount is missing or not a valid decimal string. */
export function Money({ value, className }: Props) {
  const text = formatMoney(value)
  return <Text className={`money${className ? ` ${className}` : ''}`}>{text === null ? '—' : `¥${text}`}</Text>
}

export { formatMoney } from './format'
