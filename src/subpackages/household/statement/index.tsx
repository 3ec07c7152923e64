import { PageShell } from '@/shell/page-shell'
import { StatementScreen } from '@/features/household/components/statement-screen'

export default function StatementPage() {
  return (
    <PageShell title='参保缴费证明'>
      <StatementScreen />
    </PageShell>
  )
}
