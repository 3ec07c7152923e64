// One claim, line by line: the waterfall from the settlement's steps (never recomputed
// here), who paid what, its progress, the earlier estimate next to it, and
// "多收钱了吗？".
// The page is a shell: the screen is the claims feature's claim-detail-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { ClaimDetailScreen } from '@/features/claims/components/claim-detail-screen'

export default function ClaimDetailPage() {
  return (
    <PageShell title='报销明细'>
      <ClaimDetailScreen />
    </PageShell>
  )
}
