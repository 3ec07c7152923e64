// County staff's workspace (h5 only): 要处理的钱. The page is a shell: the screen is the staff feature's money-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { StaffMoneyScreen } from '@/features/staff/components/money-screen'

export default function StaffMoneyPage() {
  return (
    <PageShell title='要处理的钱' className='staff-page'>
      <StaffMoneyScreen />
    </PageShell>
  )
}
