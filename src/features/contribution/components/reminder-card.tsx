import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { askForReminders, previewMessages, type ReminderKind } from '../reminders'
import './pay.scss'

interface Props {
  year: number
  total: string
  deadline: string | null
}

export function ReminderCard({ year, total, deadline }: Props) {
  const [accepted, setAccepted] = useState<ReminderKind[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const h5 = process.env.TARO_ENV === 'h5'
  const ask = async () => {
    const r = await askForReminders()
    if (r.ok) { setAccepted(r.accepted); setMessage(r.accepted.length ? '好的，到时会在微信里提醒您' : '您没有同意提醒，可以以后再打开') }
    else setMessage(r.message)
  }
  return (
    <View className='card reminder'>
      <Text className='pay-section-title'>微信提醒</Text>
      {h5 ? (
        <>
          <Text>在微信小程序里可以收到下面两条提醒（网页版收不到，这里给您看看内容）：</Text>
          {previewMessages({ year, total, deadline }).map((m) => (
            <View key={m.kind} className='pay-rule reminder__preview'>
              <Text className='reminder__title'>【{m.title}】</Text><Text>{m.body}</Text>
            </View>
          ))}
        </>
      ) : (
        <>
          <Text>截止前提醒您交钱，交完告诉您有没有入账。</Text>
          <Button key={accepted?.length ? 'on' : 'off'} className='btn pay-action reminder__ask' onClick={ask}>{accepted?.length ? '已打开提醒' : '打开提醒'}</Button>
        </>
      )}
      {message ? <Text className='muted'>{message}</Text> : null}
    </View>
  )
}
