// 在外地办参保: what can be done from afar, what each needs, the household's applications,
// and what an out-of-area stay would be reimbursed for each member (filed or not).
// The page is a shell: the screen is the enrol feature's enrol-home-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { EnrolHomeScreen } from '@/features/enrol/components/enrol-home-screen'

export default function EnrolHome() {
  return (
    <PageShell title='在外地办参保' className='enrol-home'>
      <EnrolHomeScreen />
    </PageShell>
  )
}
