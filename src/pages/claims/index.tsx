// 报销 tab: a thin shell around the payouts feature (the calculator is NOT used here:
// estimates and claim waterfalls live in the claims subpackage).
import { PageShell } from '@/shell/page-shell'
import { ClaimsHome } from '@/features/claims/components/claims-home'

export default function ClaimsPage() {
  return (
    <PageShell title='报销' tab='claims'>
      <ClaimsHome />
    </PageShell>
  )
}
