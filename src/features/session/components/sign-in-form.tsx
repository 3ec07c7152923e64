// Sign-in: one WeChat button on the mini-program; phone + one-time code on h5.
import { View, Text, Button, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { inputFor } from '@/components/control-label'
import { demoAccounts, requestOtp, signInWithOtp, signInWithWechat, useSession } from '../store'

function afterSignIn() {
  const me = useSession.getState().me
  // county staff and assistants have no household of their own: their place is the workspace (h5)
  if (me && me.role !== 'villager' && process.env.TARO_ENV === 'h5')
    Taro.redirectTo({ url: '/subpackages/staff/queue/index' })
  else if (me && me.households.length === 0) Taro.redirectTo({ url: '/subpackages/account/bind/index' })
  else Taro.switchTab({ url: '/pages/home/index' })
}

/** `onSignedIn`: where to go next (default: the villager's home, or binding when bound to nobody). */
export function SignInForm({ onSignedIn = afterSignIn }: { onSignedIn?: () => void } = {}) {
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [wait, setWait] = useState(0)

  useEffect(() => {
    if (wait <= 0) return
    const t = setTimeout(() => setWait(wait - 1), 1000)
    return () => clearTimeout(t)
  }, [wait])

  if (process.env.TARO_ENV === 'weapp') {
    const signIn = async (demoCode?: string) => {
      setBusy(true)
      const r = await signInWithWechat(demoCode)
      setBusy(false)
      if (r.ok) onSignedIn()
      else setMessage(r.error.message)
    }
    return (
      <View className='card sign-in'>
        <Text>用微信登录，不用记密码。</Text>
        {message ? (
          <View className='form-error' ariaRole='alert'>
            {message}
          </View>
        ) : null}
        <Button className='btn btn-primary sign-in__wechat' loading={busy} disabled={busy} onClick={() => signIn()}>
          微信一键登录
        </Button>
        <DemoAccounts busy={busy} onPick={signIn} />
      </View>
    )
  }

  return (
    <View className='card sign-in'>
      <Text className='field-label' id='phone-label'>
        手机号
      </Text>
      <Input
        className='field-input sign-in__phone'
        maxlength={11}
        value={phone}
        placeholder='11位手机号'
        {...inputFor('手机号', 'phone')}
        onInput={(e) => setPhone(e.detail.value)}
      />
      <Button
        className='btn sign-in__send'
        disabled={busy || wait > 0}
        onClick={async () => {
          setMessage(null)
          setBusy(true)
          const r = await requestOtp(phone)
          setBusy(false)
          if (r.ok) {
            setWait(60)
            setMessage('验证码已发出，请查看短信')
          } else setMessage(r.error.message)
        }}
      >
        {wait > 0 ? `${wait}秒后可重发` : '获取验证码'}
      </Button>
      <Text className='field-label'>验证码</Text>
      <Input
        className='field-input sign-in__code'
        maxlength={6}
        value={code}
        placeholder='6位数字'
        {...inputFor('验证码', 'code')}
        onInput={(e) => setCode(e.detail.value)}
      />
      {message ? (
        <View className='form-message' ariaRole='alert'>
          {message}
        </View>
      ) : null}
      <Button
        className='btn btn-primary sign-in__submit'
        disabled={busy}
        onClick={async () => {
          setMessage(null)
          setBusy(true)
          const r = await signInWithOtp(phone, code)
          setBusy(false)
          if (r.ok) onSignedIn()
          else setMessage(r.error.message)
        }}
      >
        登录
      </Button>
    </View>
  )
}

/**
 * WeChat DevTools against a county in development: wx.login gives a real code the demo county
 * refuses, so the demo villagers are offered by name. Production has no list (the county does not
 * serve it), so nothing shows.
 */
function DemoAccounts({ busy, onPick }: { busy: boolean; onPick: (code: string) => void }) {
  const [accounts, setAccounts] = useState<{ code: string; name: string }[]>([])
  useEffect(() => {
    let live = true
    void demoAccounts().then((a) => live && setAccounts(a))
    return () => {
      live = false
    }
  }, [])
  if (accounts.length === 0) return null
  return (
    <View className='sign-in__demo' ariaRole='region' ariaLabel='演示账号'>
      <Text className='muted'>演示版：选一个演示账号登录（正式版没有这一栏）</Text>
      {accounts.map((a) => (
        <Button key={a.code} className='btn sign-in__demo-account' disabled={busy} onClick={() => onPick(a.code)}>
          用演示账号“{a.name}”登录
        </Button>
      ))}
    </View>
  )
}
