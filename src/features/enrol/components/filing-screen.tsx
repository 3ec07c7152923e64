// Out-of-area care filing (异地就医备案), with what filing is worth in yuan.
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { todayShanghai } from '@/services/time'
import { FilingForm } from './filing-form'
import { useHousehold, useHouseholdId } from '../data'
import { FilingWorthCard, SignInNeeded, useFilingWorth } from './shared'

export function FilingScreen() {
  const userId = useSession((s) => s.userId)
  const me = useSession((s) => s.me)
  const householdId = useHouseholdId()
  const household = useHousehold()
  const worth = useFilingWorth(household.data?.regionCode ?? null)
  if (!userId || !householdId) {
    return (
      <>
        <SignInNeeded />
      </>
    )
  }
  const today = todayShanghai()
  const members = (household.data?.members ?? []).map((m) => ({ personId: m.personId, name: m.name }))
  return (
    <>
      <OfflineBanner hasCachedData={!!household.data} />
      <FilingForm
        householdId={householdId}
        members={members}
        defaults={{
          from: today,
          to: dayjs(today).add(1, 'year').subtract(1, 'day').format('YYYY-MM-DD'),
          personId: me?.personId ?? undefined
        }}
        worth={<FilingWorthCard worth={worth} />}
        onSubmitted={(app) => {
          void Taro.redirectTo({ url: `/subpackages/enrol/status/index?id=${app.applicationId}` })
        }}
      />
    </>
  )
}
