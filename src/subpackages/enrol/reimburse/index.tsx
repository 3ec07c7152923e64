// 手工报销: claiming back a bill paid out of pocket.
// The page is a shell: the screen is the enrol feature's reimburse-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { ReimburseScreen } from '@/features/enrol/components/reimburse-screen'

export default function ReimbursePage() {
  return (
    <PageShell title='手工报销' className='enrol-reimburse-page'>
      <ReimburseScreen />
    </PageShell>
  )
}
