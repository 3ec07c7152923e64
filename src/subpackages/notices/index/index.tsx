import { PageShell } from '@/shell/page-shell'
import { NoticesScreen } from '@/features/notifications/components/notices-screen'

export default function NoticesPage() {
  return (
    <PageShell title='通知和公示'>
      <NoticesScreen />
    </PageShell>
  )
}
