// One application: where it is, what the county asked for, photos to add, and what's next.
// The page is a shell: the screen is the enrol feature's status-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { StatusScreen } from '@/features/enrol/components/status-screen'

export default function StatusPage() {
  return (
    <PageShell title='申请进度' className='enrol-status-page'>
      <StatusScreen />
    </PageShell>
  )
}
