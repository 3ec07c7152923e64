import { PageShell } from '@/shell/page-shell'
import { OfficialChannelsScreen } from '@/features/notifications/components/official-channels-screen'

export default function OfficialChannelsPage() {
  return (
    <PageShell title='官方渠道和防骗'>
      <OfficialChannelsScreen />
    </PageShell>
  )
}
