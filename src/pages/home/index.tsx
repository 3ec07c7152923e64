import { PageShell } from '@/components/page-shell'
import { HouseholdStatus } from '@/features/household/components/household-status'

export default function HomePage() {
  return (
    <PageShell title='我家参保情况'>
      <HouseholdStatus />
    </PageShell>
  )
}
