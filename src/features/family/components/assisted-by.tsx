// 谁替我办过事: every time a 村医 or 协管员 acted for the household (with its consent, given by the
// code sent to its phone, or a signed form the county confirmed), what they did and until when; a
// consent still running or waiting can be taken back.
import { Button, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { AssistConsent } from '@/contract'
import { call } from '@/services/county-client'
import { formatInstant } from '@/services/time'
import { actionLabel } from '@/shared/access-actions'

const STATUS_TEXT: Record<AssistConsent['status'], string> = {
  code_sent: '等您家给验证码',
  form_pending: '交了您家签的同意书，等县里确认',
  active: '正在代办',
  ended: '已结束',
  revoked: '您家已收回',
  refused: '县里没有确认同意书'
}

export function AssistedBy({ householdId }: { householdId: string }) {
  const [consents, setConsents] = useState<AssistConsent[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const load = useCallback(async () => {
    const r = await call('listHouseholdAssists', { params: { householdId } })
    if (r.ok) setConsents(r.data.consents)
  }, [householdId])
  useEffect(() => {
    void load()
  }, [load])
  return (
    <View className='card assisted-by'>
      <Text className='section-title'>谁替我办过事</Text>
      {consents.length === 0 ? <Text className='muted'>村医、协管员还没有替您家办过事。</Text> : null}
      {consents.map((c) => (
        <View key={c.consentId} className='family-access__log assisted-by__item'>
          <Text>
            {c.assistantName} · {formatInstant(c.createdAt)} · {STATUS_TEXT[c.status]}
          </Text>
          {c.actions.map((a, i) => (
            <Text key={`${a.at}-${i}`} className='muted'>
              {formatInstant(a.at)} {actionLabel(a.action)}
            </Text>
          ))}
          {c.status === 'active' || c.status === 'code_sent' || c.status === 'form_pending' ? (
            <Button
              className='btn assisted-by__revoke'
              onClick={async () => {
                const r = await call('revokeAssist', { params: { consentId: c.consentId }, retries: 0 })
                setMessage(r.ok ? '已收回，他不能再替您家办事了' : r.error.message)
                void load()
              }}
            >
              收回代办
            </Button>
          ) : null}
        </View>
      ))}
      {message ? (
        <View className='form-message' ariaRole='status'>
          {message}
        </View>
      ) : null}
    </View>
  )
}
