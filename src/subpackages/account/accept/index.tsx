import { PageShell } from '@/shell/page-shell'
import { AcceptInvite } from '@/features/family/components/accept-invite'

export default function AcceptPage() {
  return (
    <PageShell title='接受家人邀请'>
      <AcceptInvite />
    </PageShell>
  )
}
