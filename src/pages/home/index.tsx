import { PageShell } from '@/shell/page-shell'
import { HouseholdStatus } from '@/features/household/components/household-status'
import { HouseholdNotices } from '@/features/notifications/components/household-notices'
import { HomeOutcomes } from '@/features/notifications/components/home-outcomes'
import { NoticesEntry } from '@/features/notifications/components/notices-entry'
import { StatementEntry } from '@/features/household/components/statement-entry'

export default function HomePage() {
  return (
    <PageShell title='我家参保情况' tab='home'>
      <HouseholdNotices />
      <HomeOutcomes place='top' />
      <HouseholdStatus />
      <HomeOutcomes place='bottom' />
      <NoticesEntry />
      <StatementEntry />
    </PageShell>
  )
}
