// 我的: who is signed in, the households they may see, family access and sign-out.
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { signOut, useSession } from '../store'

const RELATION = { head: '户主', member: '家庭成员', grantee: '家人授权' } as const

export function AccountCard() {
  const me = useSession((s) => s.me)
  const active = useSession((s) => s.activeHouseholdId)
  const select = useSession((s) => s.selectHousehold)
  // sign-out asks first, on the page (no pop-up)
  const [confirming, setConfirming] = useState(false)
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
      <Button
        className='btn account-card__accept'
        onClick={() => Taro.navigateTo({ url: '/subpackages/account/accept/index' })}
      >
        输入家人的邀请码
      </Button>
      {confirming ? (
        <View className='account-card__confirm' ariaRole='group' ariaLabel='退出登录'>
          <Text>退出后，这部手机上保存的您家的信息会被清除。确定退出吗？</Text>
          <Button
            className='btn btn-primary account-card__sign-out-confirm'
            onClick={async () => {
              setConfirming(false)
              await signOut()
              Taro.switchTab({ url: '/pages/home/index' })
            }}
          >
            确定退出
          </Button>
          <Button className='btn account-card__sign-out-cancel' onClick={() => setConfirming(false)}>
            不退出
          </Button>
        </View>
      ) : (
        <Button className='btn account-card__sign-out' onClick={() => setConfirming(true)}>
          退出登录
        </Button>
      )}
    </View>
  )
}
