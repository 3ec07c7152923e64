// County staff's workspace (h5 only): 公告公示. The page is a shell: the screen is the staff feature's notices-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { StaffNoticesScreen } from '@/features/staff/components/notices-screen'

export default function StaffNoticesPage() {
  return (
    <PageShell title='公告公示' className='staff-page'>
      <StaffNoticesScreen />
    </PageShell>
  )
}
