// County staff's workspace (h5 only): 村民反映. The page is a shell: the screen is the staff feature's concerns-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { StaffConcernsScreen } from '@/features/staff/components/concerns-screen'

export default function StaffConcernsPage() {
  return (
    <PageShell title='村民反映' className='staff-page'>
      <StaffConcernsScreen />
    </PageShell>
  )
}
