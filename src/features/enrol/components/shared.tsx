// Pieces the enrol pages share: sign-in needed, what filing is worth (calculator), the
// household's members with their cover status.
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import type { Household, Person } from '@/contract'
import { StatusBadge } from '@/components/status-badge'
import { relationText } from '@/shared/names'
import { todayShanghai } from '@/services/time'
import './enrol.scss'
import { filingWorth, policyFor, yuanText, type FilingWorth } from '../filing-worth'
import { usePolicy } from '../data'

export function SignInNeeded() {
  return (
    <View className='card enrol-signin'>
      <Text>请先在“我的”里登录，并绑定您家的户。</Text>
      <Button
        className='btn btn-primary'
        onClick={() => {
          void Taro.switchTab({ url: '/pages/me/index' })
        }}
      >
        去登录
      </Button>
    </View>
  )
}

/** The filing worth for the household's region, from the county's policy (or the shipped one). */
export function useFilingWorth(regionCode: string | null): FilingWorth | null {
  const policy = usePolicy(regionCode)
  return useMemo(() => {
    if (!regionCode) return null
    const p = policyFor(policy.data?.document ?? null, regionCode)
    return p ? filingWorth(p, todayShanghai()) : null
  }, [policy.data, regionCode])
}

/** "What filing is worth": the same stay, filed and not filed. */
export function FilingWorthCard({ worth, filed }: { worth: FilingWorth | null; filed?: boolean }) {
  if (!worth) {
    return (
      <View className='card enrol-worth'>
        <Text className='muted'>暂时算不出备案能多报多少（没有拿到本县的政策）。备案后在外地看病一般报得更多。</Text>
      </View>
    )
  }
  return (
    <View className='card enrol-worth'>
      <Text className='enrol-section-title'>备案能多报多少</Text>
      <Text className='muted'>按{worth.stay.label}估算：</Text>
      <View className='enrol-worth__row enrol-worth__filed'>
        <Text>备案了：能报</Text>
        <Text className='enrol-worth__value'>{yuanText(worth.filed.reimbursed)}</Text>
      </View>
      <View className='enrol-worth__row enrol-worth__unfiled'>
        <Text>没备案：能报</Text>
        <Text className='enrol-worth__value'>{yuanText(worth.unfiled.reimbursed)}</Text>
      </View>
      <Text className='enrol-worth__big'>备案能多报约 {yuanText(worth.worth)}</Text>
      {filed !== undefined ? (
        <Text className='enrol-worth__now'>{filed ? '已经备案，按备案的比例报销。' : '现在还没有备案。'}</Text>
      ) : null}
      <Text className='enrol-hint'>
        估算，实际以医院结算为准。政策版本 {worth.policyVersion}
        {worth.demo ? '（举例的数字，不是县里真的规定）' : ''}
      </Text>
    </View>
  )
}

/** One person's estimate for the typical out-of-area stay under their current filing status. */
export function OutOfAreaEstimate({
  name,
  filed,
  worth,
  destination
}: {
  name: string
  filed: boolean
  worth: FilingWorth
  destination?: string
}) {
  const f = filed ? worth.filed : worth.unfiled
  return (
    <View className={`enrol-list-item enrol-estimate enrol-estimate--${filed ? 'filed' : 'unfiled'}`}>
      <View>
        <Text className='enrol-doc__label'>{name}</Text>
        <Text className='enrol-hint'>{filed ? `已备案${destination ? `（${destination}）` : ''}` : '未备案'}</Text>
      </View>
      <Text className='enrol-estimate__value'>能报约 {yuanText(f.reimbursed)}</Text>
    </View>
  )
}

function latestEnrolment(p: Person) {
  return [...p.enrolments].sort((a, b) => b.year - a.year)[0] ?? null
}

export function HouseholdMembers({ household }: { household: Household }) {
  return (
    <View className='card enrol-members'>
      <Text className='enrol-section-title'>家里的人</Text>
      {household.members.map((m) => {
        const e = latestEnrolment(m)
        return (
          <View key={m.personId} className='enrol-list-item enrol-member' data-person={m.personId}>
            <View>
              <Text className='enrol-doc__label enrol-member__name'>{m.name}</Text>
              <Text className='enrol-hint'>{relationText(m.relation)}</Text>
            </View>
            <View>
              {e ? <Text className='enrol-hint'>{e.year}年 </Text> : null}
              <StatusBadge status={e ? e.status : 'none'} />
            </View>
          </View>
        )
      })}
    </View>
  )
}
