import { Text } from '@tarojs/components'
import type { EnrolmentStatus } from '@/contract'
import './index.scss'

export const STATUS_TEXT: Record<EnrolmentStatus, string> = {
  enrolled: '已参保',
  unpaid: '未缴费',
  lapsed: '已断保',
  pending_review: '审核中'
}

/** Word + colour (never colour alone), readable in high contrast. */
export function StatusBadge({ status }: { status: EnrolmentStatus | 'none' }) {
  const text = status === 'none' ? '无记录' : STATUS_TEXT[status]
  return <Text className={`status-badge status-badge--${status}`}>{text}</Text>
}
