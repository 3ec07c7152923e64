// 在外地办参保: what can be done from afar, what each needs, the household's applications,
// and what an out-of-area stay would be reimbursed for each member (filed or not).
import { Button, Text, View } from '@tarojs/components'
import { useRef } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { OfflineBanner } from '@/components/offline-banner'
import { AsOf } from '@/components/as-of'
import { useSession } from '@/features/session/store'
import { formatInstant, todayShanghai } from '@/services/time'
import { APPLICATION_KINDS, checklistFor, KIND_LABEL, papersStillMissing } from '../documents'
import { activeFiling, fieldsOf } from '../store'
import { AppStatus } from './status-view'
import { AddIdNumberCard } from './add-id-number'
import './enrol.scss'
import { useApplications, useHousehold } from '../data'
import { HouseholdMembers, OutOfAreaEstimate, SignInNeeded, useFilingWorth } from './shared'

export function EnrolHomeScreen() {
  const userId = useSession((s) => s.userId)
  const household = useHousehold()
  const apps = useApplications()
  const worth = useFilingWorth(household.data?.regionCode ?? null)
  const today = todayShanghai()
  const shown = useRef(false)
  // back from a form or a status page: read the latest from the county
  useDidShow(() => {
    if (shown.current) {
      household.reload()
      apps.reload()
    }
    shown.current = true
  })

  if (!userId) {
    return (
      <>
        <SignInNeeded />
      </>
    )
  }
  const list = apps.data?.applications ?? []
  const applicationsCard = (
    <View className='card enrol-applications'>
      <Text className='enrol-section-title'>我家的申请</Text>
      {list.length === 0 ? <Text className='muted'>{apps.loading ? '正在读取…' : '还没有申请。'}</Text> : null}
      {list.map((a) => {
        const f = fieldsOf(a)
        return (
          <View
            key={a.applicationId}
            className='enrol-list-item enrol-application'
            data-id={a.applicationId}
            onClick={() => {
              void Taro.navigateTo({ url: `/subpackages/enrol/status/index?id=${a.applicationId}` })
            }}
          >
            <View>
              <Text className='enrol-doc__label'>
                {KIND_LABEL[a.kind]}
                {f.name ? `：${f.name}` : ''}
              </Text>
              <Text className='enrol-hint'>{formatInstant(a.submittedAt)} 提交</Text>
            </View>
            <View className='enrol-application__right'>
              <AppStatus status={a.status} missingPapers={papersStillMissing(a).length > 0} />
              <Text className='enrol-application__more'> ›</Text>
            </View>
          </View>
        )
      })}
      <AsOf at={apps.asOf} source={apps.source} />
    </View>
  )
  return (
    <>
      <OfflineBanner hasCachedData={!!household.data} />
      <View className='card'>
        <Text>全家在外地打工，也能在手机上给家里办参保、备案。先看要准备什么材料，拍好照片再开始，不用回村跑。</Text>
      </View>

      {list.length ? applicationsCard : null}
      <Text className='enrol-section-title'>要办什么</Text>
      {APPLICATION_KINDS.map((k) => (
        <View key={k} className={`card enrol-kind enrol-kind--${k}`}>
          <Text className='enrol-doc__label'>{KIND_LABEL[k]}</Text>
          <Text className='enrol-hint'>{checklistFor(k).purpose}</Text>
          <Button
            className='btn btn-primary enrol-kind__start'
            onClick={() => {
              void Taro.navigateTo({ url: `/subpackages/enrol/checklist/index?kind=${k}` })
            }}
          >
            {k === 'chronic_disease'
              ? '申请门诊慢特病认定'
              : k === 'reimbursement'
                ? '申请报销自己垫付的钱'
                : '看要准备的材料，开始办理'}
          </Button>
        </View>
      ))}

      {list.length ? null : applicationsCard}
      {(household.data?.members ?? [])
        .filter((m) => m.idNumber === null)
        .map((m) => (
          <AddIdNumberCard
            key={m.personId}
            householdId={household.data?.householdId ?? ''}
            child={m}
            pending={
              list.find(
                (a) =>
                  a.kind === 'add_id_number' &&
                  (a.status === 'submitted' || a.status === 'needs_more') &&
                  fieldsOf(a).personId === m.personId
              ) ?? null
            }
            onSubmitted={(app) => {
              void Taro.navigateTo({ url: `/subpackages/enrol/status/index?id=${app.applicationId}` })
            }}
            onOpen={(app) => {
              void Taro.navigateTo({ url: `/subpackages/enrol/status/index?id=${app.applicationId}` })
            }}
          />
        ))}
      {household.data ? <HouseholdMembers household={household.data} /> : null}

      {household.data && worth ? (
        <View className='card enrol-estimates'>
          <Text className='enrol-section-title'>在外地住院能报多少</Text>
          <Text className='muted'>
            按{worth.stay.label}估算。备案了能多报约 {worth.worth.replace(/\.00$/, '')} 元。
          </Text>
          {household.data.members.map((m) => {
            const filing = activeFiling(list, m.personId, today)
            return (
              <OutOfAreaEstimate
                key={m.personId}
                name={m.name}
                filed={!!filing}
                worth={worth}
                destination={filing ? fieldsOf(filing).destination : undefined}
              />
            )
          })}
          <Text className='enrol-hint'>
            估算，实际以医院结算为准。{worth.demo ? '（举例的数字，不是县里真的规定）' : ''}
          </Text>
        </View>
      ) : null}

      <View className='card'>
        <Text className='enrol-doc__label'>以后要报大病保险？</Text>
        <Text className='enrol-hint'>住院花费很大的，出院前就把九样材料拍好，省得再跑。</Text>
        <Button
          className='btn enrol-catastrophic'
          onClick={() => {
            void Taro.navigateTo({ url: '/subpackages/enrol/checklist/index?kind=catastrophic_claim' })
          }}
        >
          看大病报销要的九样材料
        </Button>
      </View>
      <AsOf at={household.asOf} source={household.source} />
    </>
  )
}
