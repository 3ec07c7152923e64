// Out-of-area care filing (异地就医备案), with what filing is worth in yuan.
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { PageShell } from '@/shell/page-shell'
import { OfflineBanner } from '@/components/offline-banner'
import { useSession } from '@/features/session/store'
import { FilingForm } from '@/features/enrol/components/filing-form'
import { todayShanghai } from '@/services/time'
import { useHousehold, useHouseholdId } from '@/features/enrol/data'
import { FilingWorthCard, SignInNeeded, useFilingWorth } from '@/features/enrol/components/shared'

export default function OutOfAreaPage() {
  const userId = useSession((s) => s.userId)
  const me = useSession((s) => s.me)
  const householdId = useHouseholdId()
  const household = useHousehold()
  const worth = useFilingWorth(household.data?.regionCode ?? null)
  if (!userId || !householdId) {
    return (
      <PageShell title='异地就医备案'>
        <SignInNeeded />
      </PageShell>
    )
  }
  const today = todayShanghai()
  const members = (household.data?.members ?? []).map((m) => ({ personId: m.personId, name: m.name }))
  return (
    <PageShell title='异地就医备案' className='enrol-filing-page'>
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
    </PageShell>
  )
}
