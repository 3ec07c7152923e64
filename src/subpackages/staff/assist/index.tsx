// County staff's workspace (h5 only): 代办. The page is a shell: the screen is the staff feature's assist-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { AssistScreen } from '@/features/staff/components/assist-screen'

export default function StaffAssistPage() {
  return (
    <PageShell title='代办' className='staff-page'>
      <AssistScreen />
    </PageShell>
  )
}
