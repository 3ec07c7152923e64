// 算一算能报多少: the estimate runs here, on the phone, with the county's policy document
// (cached, so it works offline) and the same calculator the county settles with.
// The page is a shell: the screen is the claims feature's estimate-screen.tsx; whether the
// member is covered today is the household feature's answer, passed in.
import { PageShell } from '@/shell/page-shell'
import { EstimateScreen } from '@/features/claims/components/estimate-screen'
import { whyNotCovered } from '@/features/household/status'

export default function EstimatePage() {
  return (
    <PageShell title='算一算能报多少'>
      <EstimateScreen whyNotCovered={whyNotCovered} />
    </PageShell>
  )
}
