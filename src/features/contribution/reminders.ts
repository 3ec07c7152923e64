// Subscribe messages: the deadline reminder and the payment result. WeChat asks the user
// once per template (Taro.requestSubscribeMessage); h5 has no such messages, so the screen
// shows what would be sent. The county API has no route yet to store the subscription
// (see the report in docs): the choice is kept on the phone until it does.
import Taro from '@tarojs/taro'
import { formatMoney } from '@/components/money'
import { formatDate } from '@/services/time'

/** Template ids are issued to the county's mini-program account in the WeChat console. */
export const TEMPLATES = {
  deadline: 'county-tmpl-contribution-deadline',
  result: 'county-tmpl-contribution-result'
} as const

export type ReminderKind = keyof typeof TEMPLATES
export type SubscribeOutcome = { ok: true; accepted: ReminderKind[] } | { ok: false; message: string }

export async function askForReminders(kinds: ReminderKind[] = ['deadline', 'result']): Promise<SubscribeOutcome> {
  try {
    const res = await Taro.requestSubscribeMessage({ tmplIds: kinds.map((k) => TEMPLATES[k]) } as never) as unknown as Record<string, string>
    const accepted = kinds.filter((k) => res?.[TEMPLATES[k]] === 'accept')
    return { ok: true, accepted }
  } catch {
    return { ok: false, message: '没有打开提醒，可以以后在这里再打开' }
  }
}

export function previewMessages(p: { year: number; total: string; deadline: string | null }): { kind: ReminderKind; title: string; body: string }[] {
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
