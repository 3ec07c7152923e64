// The papers an application needs, shown BEFORE the user starts it.
// The page is a shell: the screen is the enrol feature's checklist-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { ChecklistScreen } from '@/features/enrol/components/checklist-screen'

export default function ChecklistPage() {
  return (
    <PageShell title='要准备的材料' className='enrol-checklist-page'>
      <ChecklistScreen />
    </PageShell>
  )
}
