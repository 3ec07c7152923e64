// 门诊慢特病认定, with what certification is worth in yuan a year.
// The page is a shell: the screen is the enrol feature's chronic-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { ChronicScreen } from '@/features/enrol/components/chronic-screen'

export default function ChronicPage() {
  return (
    <PageShell title='门诊慢特病认定' className='enrol-chronic-page'>
      <ChronicScreen />
    </PageShell>
  )
}
