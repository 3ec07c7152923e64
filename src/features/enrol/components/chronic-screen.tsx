// 门诊慢特病认定: the form with the county's listed diseases and what certification is worth.
import Taro from '@tarojs/taro'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { ChronicForm } from './chronic-form'
import { ChronicWorthCard, useChronicPolicy } from './chronic-worth-card'
import { useHousehold, useHouseholdId } from '../data'
import { SignInNeeded } from './shared'

export function ChronicScreen() {
  const userId = useSession((s) => s.userId)
  const me = useSession((s) => s.me)
  const householdId = useHouseholdId()
  const household = useHousehold()
  const { diseases, worthOf } = useChronicPolicy(household.data?.regionCode ?? null)
  if (!userId || !householdId) return <SignInNeeded />
  const members = (household.data?.members ?? []).map((m) => ({ personId: m.personId, name: m.name }))
  return (
    <>
      <OfflineBanner hasCachedData={!!household.data} />
      <ChronicForm
        householdId={householdId}
        members={members}
        diseases={diseases}
        defaultPersonId={me?.personId ?? undefined}
        worthFor={(x) => <ChronicWorthCard worth={worthOf(x.code)} disease={x.label} />}
        onSubmitted={(app) => {
          void Taro.redirectTo({ url: `/subpackages/enrol/status/index?id=${app.applicationId}` })
        }}
      />
    </>
  )
}
