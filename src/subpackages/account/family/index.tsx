import { PageShell } from '@/shell/page-shell'
import { FamilyAccess } from '@/features/family/components/family-access'

export default function FamilyPage() {
  return (
    <PageShell title='家人查看'>
      <FamilyAccess />
    </PageShell>
  )
}
