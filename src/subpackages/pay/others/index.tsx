// 代他人缴费: by ID number; the payer sees masked names and amounts only.
// The page is a shell: the screen is the pay feature's others-screen.tsx.
import { PageShell } from '@/shell/page-shell'
import { OthersScreen } from '@/features/pay/components/others-screen'

export default function OthersPage() {
  return (
    <PageShell title='替别人家缴费' className='pay-others-page'>
      <OthersScreen />
    </PageShell>
  )
}
