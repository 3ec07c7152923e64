// 定点医院: search by township, level and name; each shows what this member gets there
// (deductible and ratio, settled by the calculator on the cached policy).
// The page is a shell: the screen is the claims feature's institutions-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { InstitutionsScreen } from '@/features/claims/components/institutions-screen'

export default function InstitutionsPage() {
  return (
    <PageShell title='定点医院'>
      <InstitutionsScreen />
    </PageShell>
  )
}
