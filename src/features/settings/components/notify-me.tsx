// "微信通知我": one button that asks WeChat for the county's subscribe message of one kind (a claim
// paid, an application decided, a new binding, the collection window opening) for a household.
// Shown only in the mini-program and only when the county sends that kind (it told its template
// id); WeChat asks only after a tap, and each yes lets the county send one message.
import { useEffect, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { useSession } from '@/features/session/store'
import {
  askForReminders,
  readSentMessages,
  sendPendingReminderChoices,
  type ReminderKind,
  type SentSoFar
} from '../subscriptions'

interface Props {
  householdId: string
  kinds: ReminderKind[]
  /** the button, e.g. 报销款到账时，微信通知我 */
  label: string
  year?: number
}

export function NotifyMe({ householdId, kinds, label, year }: Props) {
  const userId = useSession((s) => s.userId)
  const [sofar, setSofar] = useState<SentSoFar | null>(null)
  const [done, setDone] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const weapp = process.env.TARO_ENV === 'weapp'
  useEffect(() => {
    if (!weapp || !userId) return
    let alive = true
    void sendPendingReminderChoices(userId)
    void readSentMessages(householdId).then((s) => {
      if (alive) setSofar(s)
    })
    return () => {
      alive = false
    }
  }, [weapp, userId, householdId])
  const offered = kinds.filter((k) => sofar?.templateIds[k])
  if (!weapp || !userId || offered.length === 0) return null
  const ask = async () => {
    const r = await askForReminders({ owner: userId, householdId, year }, offered, sofar?.templateIds)
    if (!r.ok) return setMessage(r.message)
    setDone(r.accepted.length > 0)
    setMessage(
      r.accepted.length === 0
        ? '您没有同意，可以以后再打开'
        : r.stored
          ? '好的，到时会在微信里告诉您（同意一次，发一条）'
          : '好的。现在连不上县医保系统，联网后会自动告诉县里'
    )
  }
  return (
    <View className='card notify-me' data-kinds={offered.join(',')}>
      <Button
        key={done ? 'on' : 'off'}
        className='btn notify-me__ask'
        onClick={() => {
          void ask()
        }}
      >
        {done ? '已打开微信通知' : label}
      </Button>
      {message ? <Text className='muted'>{message}</Text> : null}
    </View>
  )
}
