// The workspace's door: county staff (and, on their own page, assistants) get in; anyone else is
// asked to sign in, or told this is not theirs (the county refuses them too: 403). Also the
// workspace's own navigation, laid out for a desktop browser as well as a phone.
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { signOut, useSession } from '@/features/session/store'
import { SignInForm } from '@/features/session/components/sign-in-form'
import { workspaceRole } from '../api'
import './staff.scss'

type Allowed = 'staff' | 'assistant' | 'supervisor'
export type WorkspaceRole = NonNullable<ReturnType<typeof workspaceRole>>

const PLACES: { url: string; label: string; for: WorkspaceRole[] }[] = [
  { url: '/subpackages/staff/queue/index', label: '待办队列', for: ['staff', 'supervisor'] },
  { url: '/subpackages/staff/money/index', label: '要处理的钱', for: ['staff', 'supervisor'] },
  { url: '/subpackages/staff/concerns/index', label: '村民反映', for: ['staff', 'supervisor'] },
  { url: '/subpackages/staff/notices/index', label: '公告公示', for: ['staff', 'supervisor'] },
  { url: '/subpackages/staff/audit/index', label: '查看记录', for: ['supervisor'] },
  { url: '/subpackages/staff/assist/index', label: '代办', for: ['assistant'] }
]

export function StaffGate({
  allow,
  current,
  children
}: {
  allow: Allowed[]
  current: string
  children: (role: WorkspaceRole) => ReactNode
}) {
  const me = useSession((s) => s.me)
  const hasToken = useSession((s) => s.hasToken)
  const role = hasToken ? workspaceRole(me) : null
  if (!hasToken || !me)
    return (
      <View className='staff'>
        <Text className='staff__lead'>县医保局工作台：请用工作手机号登录</Text>
        <SignInForm onSignedIn={() => Taro.redirectTo({ url: current })} />
      </View>
    )
  const admitted = role !== null && (allow.includes(role) || (role === 'supervisor' && allow.includes('staff')))
  return (
    <View className='staff'>
      <View className='staff__bar' ariaRole='navigation' ariaLabel='工作台'>
        <Text className='staff__who'>{me.displayName}</Text>
        {role
          ? PLACES.filter((p) => p.for.includes(role)).map((p) => (
              <Button
                key={p.url}
                className={`btn staff__nav${p.url === current ? ' staff__nav--here' : ''}`}
                aria-current={p.url === current ? 'page' : undefined}
                onClick={() => Taro.redirectTo({ url: p.url })}
              >
                {p.label}
              </Button>
            ))
          : null}
        <Button className='btn staff__nav' onClick={() => void signOut()}>
          退出
        </Button>
      </View>
      {admitted && role ? (
        children(role)
      ) : (
        <View className='card' ariaRole='alert'>
          这里只给县医保局工作人员和登记过的代办人用。您的账号不能打开这一页。
        </View>
      )}
    </View>
  )
}
