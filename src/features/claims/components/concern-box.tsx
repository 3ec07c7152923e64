// "多收钱了吗？" on every claim: say the hospital asked for more than shown, or dispute the
// claim. Reports go to the county with a tracking number (受理号); they and their status stay
// visible on the claim. Reports saved on the phone without a network go out when it is back.
import { useEffect, useState } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import { Money } from '@/components/money'
import { controlLabel, inputFor } from '@/components/control-label'
import { formatInstant } from '@/services/time'
import { onReconnect } from '@/services/network'
import {
  CONCERN_LABEL,
  CONCERN_STATUS_TEXT,
  refreshConcerns,
  reportClaimConcern,
  sendSavedConcerns,
  type Concern,
  type ConcernError,
  type ConcernKind
} from '../concerns'

export function ConcernBox({
  owner,
  claimId,
  reports
}: {
  owner: string
  claimId: string
  reports: readonly Concern[]
}) {
  const [kind, setKind] = useState<ConcernKind | null>(null)
  const [amount, setAmount] = useState('')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<ConcernError[]>([])
  const [sending, setSending] = useState(false)
  useEffect(() => {
    let live = true
    const sync = () => {
      void sendSavedConcerns(owner, claimId).then(() => (live ? refreshConcerns(owner, claimId) : undefined))
    }
    sync()
    const stop = onReconnect(sync)
    return () => {
      live = false
      stop()
    }
  }, [owner, claimId])
  const send = async () => {
    if (!kind || sending) return
    setSending(true)
    const r = await reportClaimConcern(owner, { claimId, kind, amount, note }).finally(() => setSending(false))
    // a refusal keeps what was typed, with the reason next to the field
    if (!r.ok) {
      setErrors(r.fields ?? [{ field: 'note', message: r.error.message }])
      return
    }
    setErrors([])
    setKind(null)
    setAmount('')
    setNote('')
  }
  const err = (f: ConcernError['field']) =>
    errors
      .filter((e) => e.field === f)
      .map((e) => (
        <View key={e.message} className='ef-error' ariaRole='alert'>
          <Text>{e.message}</Text>
        </View>
      ))
  return (
    <View className='card concern-box'>
      <Text className='er-h'>看病时多交钱了吗？</Text>
      <Text className='muted'>如果医院让您交的钱比上面“自己付”的多，或者您觉得这笔报销算得不对，可以在这里反映。</Text>
      {kind === null ? (
        <View className='chips'>
          {(['paid-extra', 'dispute'] as ConcernKind[]).map((k) => (
            <View key={k} className='chip' ariaRole='button' data-value={k} onClick={() => setKind(k)}>
              <Text>{CONCERN_LABEL[k]}</Text>
            </View>
          ))}
        </View>
      ) : (
        <View className='concern-form'>
          <Text className='ef-q'>{CONCERN_LABEL[kind]}</Text>
          {kind === 'paid-extra' ? (
            <>
              <Text>多交了多少钱（元）？</Text>
              <Input
                className='ef-input concern-amount'
                value={amount}
                onInput={(e) => setAmount(e.detail.value)}
                placeholder='例如 200'
                {...inputFor('多交了多少钱（元）', 'amount')}
              />
              {err('amount')}
            </>
          ) : null}
          <Text>{kind === 'dispute' ? '哪里不对？' : '补充说明（可不填）'}</Text>
          <Textarea
            className='ef-input concern-note'
            {...controlLabel(kind === 'dispute' ? '哪里不对' : '补充说明')}
            value={note}
            onInput={(e) => setNote(e.detail.value)}
          />
          {err('note')}
          <View className='btn btn-primary concern-send' ariaRole='button' onClick={send}>
            <Text>{sending ? '正在提交…' : '提交'}</Text>
          </View>
          <View
            className='btn'
            ariaRole='button'
            onClick={() => {
              setKind(null)
              setErrors([])
            }}
          >
            <Text>不反映了</Text>
          </View>
        </View>
      )}
      {reports.map((c) => (
        <View key={c.localId} className='concern-item' data-status={c.status}>
          <Text className='concern-title'>
            {CONCERN_LABEL[c.kind]}
            {c.amount ? (
              <>
                ：<Money value={c.amount} />
              </>
            ) : null}
          </Text>
          {c.trackingNumber ? <Text className='concern-tracking'>受理号 {c.trackingNumber}</Text> : null}
          <Text className='muted'>
            {formatInstant(c.createdAt)} · {CONCERN_STATUS_TEXT[c.status]}
          </Text>
          {c.resolution ? <Text className='concern-resolution'>答复：{c.resolution}</Text> : null}
          {c.status === 'saved-on-phone' ? <Text className='muted'>着急的话，请直接打县医保局电话反映。</Text> : null}
        </View>
      ))}
    </View>
  )
}
