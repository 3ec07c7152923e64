// County staff's workspace (h5 only): 待办队列. The page is a shell: the screen is the staff feature's queue-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { StaffQueueScreen } from '@/features/staff/components/queue-screen'

export default function StaffQueuePage() {
  return (
    <PageShell title='待办队列' className='staff-page'>
      <StaffQueueScreen />
    </PageShell>
  )
}
