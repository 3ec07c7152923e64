// County staff's workspace (h5 only): 查看记录. The page is a shell: the screen is the staff feature's audit-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { StaffAuditScreen } from '@/features/staff/components/audit-screen'

export default function StaffAuditPage() {
  return (
    <PageShell title='查看记录' className='staff-page'>
      <StaffAuditScreen />
    </PageShell>
  )
}
