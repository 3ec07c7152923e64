// Renew from afar: confirm the household as the county has it, report changes, then pay.
// The page is a shell: the screen is the enrol feature's renew-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { RenewScreen } from '@/features/enrol/components/renew-screen'

export default function RenewPage() {
  return (
    <PageShell title='在外地续保' className='enrol-renew-page'>
      <RenewScreen />
    </PageShell>
  )
}
