import { useEffect, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import type { Quote } from '@/contract'
import { useSession } from '@/features/session/store'
import { formatInstant } from '@/services/time'
import {
  askForReminders,
  readSentMessages,
  sendPendingReminderChoices,
  TEMPLATES,
  type ReminderKind,
  type SentSoFar
} from '@/features/settings/subscriptions'
import { isZero } from '../labels'
import { previewMessages } from '../reminder-preview'
import './pay.scss'

interface Props {
  householdId: string
  year: number
  total: string
  deadline: string | null
  /** false while the collection window has not opened: the 开始缴费 message is offered too */
  windowOpen?: boolean
}

/**
 * A deadline reminder only makes sense while there is something left to pay and the
 * deadline is still ahead (or today): not for a paid-up year, not after the deadline.
 * `deadline` is the quote's (deadlineOf); YYYY-MM-DD strings compare as dates.
 */
export function offerReminder(quote: Quote, deadline: string | null, today: string): boolean {
  if (isZero(quote.total)) return false
  if (!quote.lines.some((l) => !l.alreadyEnrolled && !isZero(l.due))) return false
  return !deadline || today <= deadline
}

export function ReminderCard({ householdId, year, total, deadline, windowOpen = true }: Props) {
  const userId = useSession((s) => s.userId)
  const [accepted, setAccepted] = useState<ReminderKind[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [sofar, setSofar] = useState<SentSoFar | null>(null)
  const h5 = process.env.TARO_ENV === 'h5'
  // an earlier answer the county has not got yet (it was not reachable then); what was sent already
  useEffect(() => {
    if (h5) return
    let alive = true
    void sendPendingReminderChoices(userId)
    if (userId)
      void readSentMessages(householdId).then((s) => {
        if (alive) setSofar(s)
      })
    return () => {
      alive = false
    }
  }, [h5, userId, householdId])
  const ask = async () => {
    if (!userId) return
    // the county's template ids when it told them (its configuration), else the app's
    const ids = { ...TEMPLATES, ...sofar?.templateIds }
    // WeChat shows at most three in one prompt: the window opening (before it opens), the deadline, the result
    const kinds: ReminderKind[] = windowOpen ? ['deadline', 'result'] : ['window', 'deadline', 'result']
    const r = await askForReminders({ owner: userId, householdId, year }, kinds, ids)
    if (!r.ok) {
      setMessage(r.message)
      return
    }
    setAccepted(r.accepted)
    if (r.accepted.length === 0) setMessage('您没有同意提醒，可以以后再打开')
    else
      setMessage(
        r.stored ? '好的，到时会在微信里提醒您' : '好的。现在连不上县医保系统，联网后会自动告诉县里，到时在微信里提醒您'
      )
  }
  return (
    <View className='card reminder'>
      <Text className='pay-section-title'>微信提醒</Text>
      {h5 ? (
        <>
          <Text>在微信小程序里可以收到下面两条提醒（网页版收不到，这里给您看看内容）：</Text>
          {previewMessages({ year, total, deadline }).map((m) => (
            <View key={m.kind} className='pay-rule reminder__preview'>
              <Text className='reminder__title'>【{m.title}】</Text>
              <Text>{m.body}</Text>
            </View>
          ))}
        </>
      ) : (
        <>
          <Text>{windowOpen ? '' : '开始缴费时告诉您，'}截止前提醒您交钱，交完告诉您有没有入账。</Text>
          <Button key={accepted?.length ? 'on' : 'off'} className='btn pay-action reminder__ask' onClick={ask}>
            {accepted?.length ? '已打开提醒' : '打开提醒'}
          </Button>
        </>
      )}
      {message ? <Text className='muted'>{message}</Text> : null}
      {sofar && sofar.sent.length > 0 ? (
        <View className='reminder__sent'>
          <Text className='muted'>已经在微信里发给您的：</Text>
          {sofar.sent.map((m) => (
            <Text key={`${m.kind}-${m.sentAt}`} className='reminder__sent-item'>
              【{m.title}】{formatInstant(m.sentAt)} 发出
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
