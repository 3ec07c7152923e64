// 定点医院: search by township, level and name; each shows what this member gets there
// (deductible and ratio, settled by the calculator on the cached policy).
import { useMemo, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Institution } from '@/contract'
import { controlLabel } from '@/components/control-label'
import { AsOf } from '@/components/as-of'
import { OfflineBanner } from '@/components/offline-banner'
import { todayShanghai } from '@/services/time'
import { ratePercent } from '@/calculator/money'
import { InstitutionItem, type Terms } from './institution-item'
import { LEVELS, LEVEL_LABEL, searchInstitutions, townshipsOf, type Level } from '../institution-search'
import { memberDefaults } from '../defaults'
import { termsAt } from '../run'
import { parseGrade } from '../form'
import './chips.scss'
import './estimate-form.scss'
import { routeParam, useInstitutions, useMemberAndPolicy } from '../use-claims-data'

export function InstitutionsScreen() {
  const personParam = routeParam('personId')
  const { member, policy, year } = useMemberAndPolicy(personParam)
  const list = useInstitutions()
  const [text, setText] = useState('')
  const [township, setTownship] = useState<string>('all')
  const [level, setLevel] = useState<Level | 'all'>('all')
  const data = list.data
  const all = useMemo(() => data?.institutions ?? [], [data])
  const shown = useMemo(() => searchInstitutions(all, { text, township, level }), [all, text, township, level])
  const doc = policy.data?.document
  const d = memberDefaults(member, year)
  const today = todayShanghai()
  const termsFor = (i: Institution): Terms | null => {
    if (!doc || !member) return null
    const t = termsAt(
      doc,
      { tier: i.level, ...parseGrade(i.grade), ownership: i.ownership },
      { birthDate: d.birthDate!, student: d.student, groups: d.groups, continuousYears: d.continuousYears },
      today
    )
    if (!t) return null
    return {
      deductible: t.deductible,
      ratio: t.ratio ? ratePercent(t.ratio) : null,
      note: i.level === 'village' ? '村卫生室一般看门诊，住院请去乡镇卫生院以上' : undefined
    }
  }

  return (
    <>
      <OfflineBanner hasCachedData={all.length > 0} />
      {member && doc ? (
        <Text className='muted'>报销比例和起付线是按 {member.name} 的情况、本年第一次住院算的。</Text>
      ) : null}
      <Input
        className='ef-input inst-search'
        placeholder='输入医院名字或乡镇'
        {...controlLabel('找医院：输入医院名字或乡镇')}
        value={text}
        onInput={(e) => setText(e.detail.value)}
      />
      <View className='chips inst-levels'>
        {(['all', ...LEVELS] as (Level | 'all')[]).map((l) => (
          <View
            key={l}
            className={`chip${l === level ? ' chip--on' : ''}`}
            ariaRole='button'
            data-value={l}
            onClick={() => setLevel(l)}
          >
            <Text>{l === 'all' ? '全部等级' : LEVEL_LABEL[l]}</Text>
          </View>
        ))}
      </View>
      <View className='chips inst-townships'>
        {['all', ...townshipsOf(all)].map((t) => (
          <View
            key={t}
            className={`chip${t === township ? ' chip--on' : ''}`}
            ariaRole='button'
            data-value={t}
            onClick={() => setTownship(t)}
          >
            <Text>{t === 'all' ? '全部乡镇' : t}</Text>
          </View>
        ))}
      </View>
      <AsOf at={list.asOf} source={list.source} />
      {list.loading && !all.length ? (
        <View className='card'>
          <Text>正在读取定点医院……</Text>
        </View>
      ) : null}
      {list.error && !all.length ? (
        <View className='card'>
          <Text>{list.error.message}</Text>
        </View>
      ) : null}
      {all.length && !shown.length ? (
        <View className='card'>
          <Text>没有找到，换个名字或乡镇试试。</Text>
        </View>
      ) : null}
      <Text className='muted inst-count'>找到 {shown.length} 家</Text>
      {shown.map((i) => (
        <InstitutionItem
          key={i.institutionId}
          inst={i}
          terms={termsFor(i)}
          onEstimate={(x) => {
            Taro.navigateTo({
              url: `/subpackages/claims/estimate/index?institutionId=${x.institutionId}${member ? `&personId=${member.personId}` : ''}`
            }).catch(() => {})
          }}
        />
      ))}
    </>
  )
}
