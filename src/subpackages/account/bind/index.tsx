import { PageShell } from '@/shell/page-shell'
import { BindForm } from '@/features/session/components/bind-form'

export default function BindPage() {
  return (
    <PageShell title='绑定我家'>
      <BindForm />
    </PageShell>
  )
}
