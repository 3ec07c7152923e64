import { useRouter } from '@tarojs/taro'
import { PageShell } from '@/shell/page-shell'
import { EstimateScreen } from '@/features/claims/components/estimate-screen'
import { whyNotCovered } from '@/features/household/status'

export default function Good() {
  const { params } = useRouter()
  return (
    <PageShell title={params.title ?? ''}>
      <EstimateScreen whyNotCovered={whyNotCovered} />
    </PageShell>
  )
}
