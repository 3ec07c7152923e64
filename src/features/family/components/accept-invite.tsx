// A family member accepts an invite by typing the code (or scanning it on the mini-program).
import { View, Text, Button, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { controlLabel } from '@/components/control-label'
import { announceChange, householdTopic } from '@/services/county-changes'
import { call } from '@/services/county-client'
import { refreshMe, useSession } from '@/features/session/store'

export function AcceptInvite() {
  const signedIn = useSession((s) => !!s.userId)
  const [code, setCode] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const accept = async (raw: string) => {
    const c = raw.replace(/\s+/g, '').toUpperCase()
    if (c.length < 4) {
      setMessage('请输入家人给您的邀请码')
      return
    }
    setBusy(true)
    setMessage(null)
    const r = await call('acceptInvitation', { body: { code: c } })
    if (!r.ok) {
      setBusy(false)
      setMessage(r.error.message)
      return
    }
    await refreshMe()
    useSession.getState().selectHousehold(r.data.householdId)
    announceChange([householdTopic(r.data.householdId)])
    setBusy(false)
    Taro.switchTab({ url: '/pages/home/index' })
  }

  if (!signedIn) {
    return (
      <View className='card'>
        <Text>先登录，再输入邀请码。</Text>
        <Button
          className='btn btn-primary'
          onClick={() => Taro.navigateTo({ url: '/subpackages/account/sign-in/index' })}
        >
          去登录
        </Button>
      </View>
    )
  }
  return (
    <View className='card accept-invite'>
      <Text className='muted'>户主在“我的 → 家人查看”里生成邀请码，当面给您看。</Text>
      <Text className='field-label'>邀请码</Text>
      <Input
        className='field-input accept-invite__code'
        value={code}
        maxlength={64}
        placeholder='邀请码'
        {...controlLabel('邀请码')}
        onInput={(e) => setCode(e.detail.value)}
      />
      {message ? (
        <View className='form-error' ariaRole='alert'>
          {message}
        </View>
      ) : null}
      <Button className='btn btn-primary accept-invite__submit' disabled={busy} onClick={() => accept(code)}>
        确认
      </Button>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button
          className='btn'
          onClick={() =>
            Taro.scanCode({ onlyFromCamera: true }).then(
              (r) => accept(r.result),
              () => {}
            )
          }
        >
          扫一扫邀请二维码
        </Button>
      ) : null}
    </View>
  )
}
