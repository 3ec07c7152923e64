// County staff's workspace (h5 only): 审核申请. The page is a shell: the screen is the staff feature's application-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { StaffApplicationScreen } from '@/features/staff/components/application-screen'

export default function StaffApplicationPage() {
  return (
    <PageShell title='审核申请' className='staff-page'>
      <StaffApplicationScreen />
    </PageShell>
  )
}
