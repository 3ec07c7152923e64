import { PageShell } from '@/shell/page-shell'
import { NoticeScreen } from '@/features/notifications/components/notice-screen'

export default function NoticePage() {
  return (
    <PageShell title='通知'>
      <NoticeScreen />
    </PageShell>
  )
}
