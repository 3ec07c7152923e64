// "认定以后每年能多报多少": the calculator's yearly 门特 figure for the chosen disease, shown on the
// certification form and on the application's status screen (one figure, one place: chronic-worth.ts).
import { Text, View } from '@tarojs/components'
import { useMemo } from 'react'
import { todayShanghai } from '@/services/time'
import { chronicWorth, listedDiseases, type ChronicWorth, type ListedDisease } from '../chronic-worth'
import { policyFor, yuanText } from '../filing-worth'
import { usePolicy } from '../data'
import './enrol.scss'

/** The county's listed diseases and a way to price one, from the county's policy (or the shipped one). */
export function useChronicPolicy(regionCode: string | null): {
  diseases: ListedDisease[]
  worthOf: (code: string) => ChronicWorth | null
} {
  const policy = usePolicy(regionCode)
  return useMemo(() => {
    const p = regionCode ? policyFor(policy.data?.document ?? null, regionCode) : null
    if (!p) return { diseases: [], worthOf: () => null }
    const today = todayShanghai()
    return { diseases: listedDiseases(p), worthOf: (code: string) => chronicWorth(p, code, today) }
  }, [policy.data, regionCode])
}

export function ChronicWorthCard({
  worth,
  disease,
  certified
}: {
  worth: ChronicWorth | null
  disease: string
  /** on the status screen: whether the county has certified it */
  certified?: boolean
}) {
  if (!worth) {
    return (
      <View className='card enrol-worth enrol-worth--chronic'>
        <Text className='muted'>暂时算不出认定以后能多报多少（没有拿到本县的政策）。</Text>
      </View>
    )
  }
  return (
    <View className='card enrol-worth enrol-worth--chronic'>
      <Text className='enrol-section-title'>认定以后每年能多报多少</Text>
      <Text className='muted'>
        {disease}：按{worth.year.label}估算：
      </Text>
      <Text className='enrol-worth__big'>认定以后每年能多报约 {yuanText(worth.worth)}</Text>
      <Text className='enrol-line muted'>
        自己还要付约 {yuanText(worth.patientPays)}（每年先自付 {yuanText(worth.deductible)}）
      </Text>
      {certified !== undefined ? (
        <Text className='enrol-worth__now'>
          {certified ? '已经认定，门诊看这个病按门诊慢特病报销。' : '还没有认定，认定以前门诊慢特病这一块不报。'}
        </Text>
      ) : null}
      <Text className='enrol-hint'>
        估算，实际以医院结算为准。政策版本 {worth.policyVersion}
        {worth.demo ? '（举例的数字，不是县里真的规定）' : ''}
      </Text>
    </View>
  )
}
