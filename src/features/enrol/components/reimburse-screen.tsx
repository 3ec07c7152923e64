// 手工报销: the form for a bill paid out of pocket; the photos come next, on the status page.
import Taro from '@tarojs/taro'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { ReimburseForm } from './reimburse-form'
import { useHousehold, useHouseholdId } from '../data'
import { SignInNeeded } from './shared'

export function ReimburseScreen() {
  const userId = useSession((s) => s.userId)
  const me = useSession((s) => s.me)
  const householdId = useHouseholdId()
  const household = useHousehold()
  if (!userId || !householdId) return <SignInNeeded />
  const members = (household.data?.members ?? []).map((m) => ({ personId: m.personId, name: m.name }))
  return (
    <>
      <OfflineBanner hasCachedData={!!household.data} />
      <ReimburseForm
        householdId={householdId}
        members={members}
        defaultPersonId={me?.personId ?? undefined}
        onSubmitted={(app) => {
          void Taro.redirectTo({ url: `/subpackages/enrol/status/index?id=${app.applicationId}` })
        }}
      />
    </>
  )
}
