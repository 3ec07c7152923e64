// What the payment reminders say, shown on h5 (which has no subscribe messages) in their place.
import type { ReminderKind } from '@/contract'
import { formatMoney } from '@/components/money'
import { formatDate } from '@/services/time'

export function previewMessages(p: {
  year: number
  total: string
  deadline: string | null
}): { kind: ReminderKind; title: string; body: string }[] {
  const amount = `¥${formatMoney(p.total) ?? '—'}`
  return [
    {
      kind: 'deadline',
      title: '缴费截止提醒',
      body: `您家${p.year}年医保费 ${amount} 还没交${p.deadline ? `，${formatDate(p.deadline)}截止` : ''}。截止前7天、前1天各提醒一次。`
    },
    { kind: 'result', title: '缴费结果通知', body: `您家${p.year}年医保费 ${amount} 已入账，票据可以在“缴费”里查看。` }
  ]
}
