// The head's list of every account bound to the household (who, when, from where, how it was
// proved) and of requests waiting for their approval; any other account can be removed at once
// (issue 15: a stranger who bound the household is seen and sent away by the head).
import { View, Text, Button } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { BindingList, BoundAccount } from '@/contract'
import { call } from '@/services/county-client'
import { formatInstant } from '@/services/time'

const VIA: Record<BoundAccount['via'], string> = {
  sms_code: '短信验证码',
  head_approval: '您同意的',
  before_proof: '以前只凭身份证号和姓名',
  county: '县里办理'
}
const CHANNEL = { weapp: '微信小程序', h5: '网页' } as const

export function BoundAccounts({ householdId }: { householdId: string }) {
  const [list, setList] = useState<BindingList | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    const r = await call('listBindings', { params: { householdId } })
    if (r.ok) setList(r.data)
    else setMessage(r.error.message)
  }, [householdId])

  useEffect(() => {
    load()
  }, [load])

  const act = async (run: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setBusy(true)
    setMessage(null)
    const r = await run()
    setBusy(false)
    if (!r.ok) setMessage(r.error?.message ?? null)
    await load()
  }

  // removing asks first, on the row (no pop-up)
  const [removing, setRemoving] = useState<string | null>(null)

  return (
    <View className='card bound-accounts' ariaRole='region' ariaLabel='绑定了您家的账号'>
      <Text className='section-title'>绑定了您家的账号</Text>
      <Text className='muted'>不认识的账号请移除；移除后它马上看不到您家的信息。</Text>
      {list?.requests.map((q) => (
        <View key={q.requestId} className='bound-accounts__row bound-accounts__request'>
          <Text>
            {q.accountName}（{CHANNEL[q.channel]}）想绑定 {q.personName}
          </Text>
          <Text className='muted'>
            {formatInstant(q.createdAt)}
            {q.from ? ` · 从 ${q.from}` : ''}
          </Text>
          <Button
            className='btn bound-accounts__refuse'
            disabled={busy || undefined}
            onClick={() => act(() => call('refuseBindingRequest', { params: { requestId: q.requestId } }))}
          >
            不同意
          </Button>
          <Button
            className='btn btn-primary bound-accounts__approve'
            disabled={busy || undefined}
            onClick={() => act(() => call('approveBindingRequest', { params: { requestId: q.requestId } }))}
          >
            同意
          </Button>
        </View>
      ))}
      {list?.accounts.map((a) => (
        <View key={a.bindingId} className='bound-accounts__row'>
          <Text>
            {a.accountName}（{CHANNEL[a.channel]}）· {a.personName}
            {a.isYou ? ' · 就是您' : ''}
          </Text>
          <Text className='muted'>
            {formatInstant(a.boundAt)} · {VIA[a.via]}
            {a.from ? ` · 从 ${a.from}` : ''}
          </Text>
          {a.isYou ? null : removing === a.bindingId ? (
            <View className='bound-accounts__confirm' ariaRole='group' ariaLabel='移除这个账号'>
              <Text>{a.accountName} 以后就看不到您家的信息了。确定移除吗？</Text>
              <Button
                className='btn btn-primary bound-accounts__remove-yes'
                disabled={busy || undefined}
                onClick={() => {
                  setRemoving(null)
                  void act(() => call('removeBinding', { params: { bindingId: a.bindingId } }))
                }}
              >
                确定移除
              </Button>
              <Button className='btn bound-accounts__remove-no' onClick={() => setRemoving(null)}>
                不移除
              </Button>
            </View>
          ) : (
            <Button
              className='btn bound-accounts__remove'
              disabled={busy || undefined}
              onClick={() => setRemoving(a.bindingId)}
            >
              移除
            </Button>
          )}
        </View>
      ))}
      {message ? (
        <View className='form-error' ariaRole='alert'>
          {message}
        </View>
      ) : null}
    </View>
  )
}
