// 我的: who is signed in, the households they may see, family access and sign-out.
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { call } from '@/services/county-client'
import { notifyError } from '@/services/errors'
import { refreshMe, signOut, signOutEverywhere, useSession } from '../store'

/** A yes/no question; a failed dialog counts as no. */
const ask = (title: string, content: string, confirmText: string) =>
  Taro.showModal({ title, content, confirmText }).then(
    (r) => r.confirm,
    () => false
  )

const RELATION = { head: '户主', member: '家庭成员', grantee: '家人授权' } as const

export function AccountCard() {
  const me = useSession((s) => s.me)
  const active = useSession((s) => s.activeHouseholdId)
  const select = useSession((s) => s.selectHousehold)
  if (!me) {
    return (
      <View className='card account-card'>
        <Text>还没有登录。</Text>
        <Button
          className='btn btn-primary'
          onClick={() => Taro.navigateTo({ url: '/subpackages/account/sign-in/index' })}
        >
          去登录
        </Button>
      </View>
    )
  }
  const activeLink = me.households.find((h) => h.householdId === active)
  return (
    <View className='card account-card'>
      <View className='account-card__name'>
        <Text>{me.displayName}</Text>
      </View>
      {me.phoneMasked ? (
        <View className='muted'>
          <Text>手机 {me.phoneMasked}</Text>
        </View>
      ) : null}
      <View className='account-card__households'>
        {me.households.map((h) => (
          <Button
            key={h.householdId}
            className={`btn account-card__household${h.householdId === active ? ' btn-primary' : ''}`}
            onClick={() => select(h.householdId)}
          >
            {h.village} {h.relation === 'head' ? me.displayName : h.headNameMasked}家（{RELATION[h.relation]}）
            {h.householdId === active ? ' ✓' : ''}
          </Button>
        ))}
      </View>
      {me.households.length === 0 ? (
        <Button className='btn btn-primary' onClick={() => Taro.navigateTo({ url: '/subpackages/account/bind/index' })}>
          绑定我家
        </Button>
      ) : null}
      {activeLink?.relation === 'head' ? (
        <Button
          className='btn account-card__family'
          onClick={() => Taro.navigateTo({ url: '/subpackages/account/family/index' })}
        >
          家人查看（邀请、撤销、查看记录）
        </Button>
      ) : null}
      {activeLink?.relation === 'grantee' ? (
        <Button
          className='btn account-card__leave'
          onClick={async () => {
            if (!(await ask('不再查看这一家', '以后看不到这家的信息了；要再看，得请户主重新邀请。', '不再查看'))) return
            const r = await call('leaveHousehold', { params: { householdId: activeLink.householdId } })
            if (!r.ok) return notifyError(r.error)
            await refreshMe()
          }}
        >
          不再查看这一家
        </Button>
      ) : null}
      <Button
        className='btn account-card__accept'
        onClick={() => Taro.navigateTo({ url: '/subpackages/account/accept/index' })}
      >
        输入家人的邀请码
      </Button>
      <Button
        className='btn account-card__sign-out'
        onClick={async () => {
          const ok = await Taro.showModal({
            title: '退出登录',
            content: '退出后，这部手机上保存的您家的信息会被清除。',
            confirmText: '退出'
          }).then(
            (r) => r.confirm,
            () => true
          )
          if (!ok) return
          await signOut()
          Taro.switchTab({ url: '/pages/home/index' })
        }}
      >
        退出登录
      </Button>
      <Button
        className='btn account-card__sign-out-everywhere'
        onClick={async () => {
          const sure = await ask(
            '在所有手机上退出',
            '手机丢了或借给过别人时用：所有登录这个账号的手机（包括这部）都要重新登录。',
            '全部退出'
          )
          if (!sure) return
          const r = await signOutEverywhere()
          if (!r.ok) return notifyError(r.error)
          Taro.switchTab({ url: '/pages/home/index' })
        }}
      >
        在所有手机上退出
      </Button>
    </View>
  )
}
