// Out-of-area care filing (异地就医备案), with what filing is worth in yuan.
// The page is a shell: the screen is the enrol feature's filing-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { FilingScreen } from '@/features/enrol/components/filing-screen'

export default function OutOfAreaPage() {
  return (
    <PageShell title='异地就医备案' className='enrol-filing-page'>
      <FilingScreen />
    </PageShell>
  )
}
