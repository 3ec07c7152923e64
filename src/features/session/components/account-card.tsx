// 我的: who is signed in, the households they may see, family access and sign-out.
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call } from '@/services/county-client'
import { notifyError } from '@/services/errors'
import { refreshMe, signOut, signOutEverywhere, useSession } from '../store'

/** What the card asks before doing it, on the page (no pop-up): the question, its yes, the deed. */
interface Question {
  id: 'sign-out' | 'sign-out-everywhere' | 'leave'
  text: string
  yes: string
  run: () => Promise<void>
}

const RELATION = { head: '户主', member: '家庭成员', grantee: '家人授权' } as const

export function AccountCard() {
  const me = useSession((s) => s.me)
  const active = useSession((s) => s.activeHouseholdId)
  const select = useSession((s) => s.selectHousehold)
  // sign-out and leaving ask first, on the page (no pop-up)
  const [asking, setAsking] = useState<Question | null>(null)
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
          onClick={() =>
            setAsking({
              id: 'leave',
              text: '以后看不到这家的信息了；要再看，得请户主重新邀请。确定不再查看吗？',
              yes: '不再查看',
              run: async () => {
                const r = await call('leaveHousehold', { params: { householdId: activeLink.householdId } })
                if (!r.ok) return notifyError(r.error)
                await refreshMe()
              }
            })
          }
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
      {asking ? (
        <View
          className={`account-card__confirm account-card__confirm--${asking.id}`}
          ariaRole='group'
          ariaLabel={asking.yes}
        >
          <Text>{asking.text}</Text>
          <Button
            className='btn btn-primary account-card__confirm-yes'
            onClick={async () => {
              const q = asking
              setAsking(null)
              await q.run()
            }}
          >
            {asking.yes}
          </Button>
          <Button className='btn account-card__confirm-no' onClick={() => setAsking(null)}>
            不了
          </Button>
        </View>
      ) : (
        <>
          <Button
            className='btn account-card__sign-out'
            onClick={() =>
              setAsking({
                id: 'sign-out',
                text: '退出后，这部手机上保存的您家的信息会被清除。确定退出吗？',
                yes: '确定退出',
                run: async () => {
                  await signOut()
                  Taro.switchTab({ url: '/pages/home/index' })
                }
              })
            }
          >
            退出登录
          </Button>
          <Button
            className='btn account-card__sign-out-everywhere'
            onClick={() =>
              setAsking({
                id: 'sign-out-everywhere',
                text: '手机丢了或借给过别人时用：所有登录这个账号的手机（包括这部）都要重新登录。确定吗？',
                yes: '全部退出',
                run: async () => {
                  const r = await signOutEverywhere()
                  if (!r.ok) return notifyError(r.error)
                  Taro.switchTab({ url: '/pages/home/index' })
                }
              })
            }
          >
            在所有手机上退出
          </Button>
        </>
      )}
    </View>
  )
}
