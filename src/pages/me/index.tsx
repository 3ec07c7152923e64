// 我的 tab: large text, the account and the way into 在线办理.
import { PageShell } from '@/shell/page-shell'
import { ElderlySwitch } from '@/features/settings/components/elderly-switch'
import { VoiceChoice } from '@/features/settings/components/voice-choice'
import { AccountCard } from '@/features/session/components/account-card'
import { EnrolEntry } from '@/features/enrol/components/entry'

export default function MePage() {
  return (
    <PageShell title='我的' tab='me'>
      {/* first on the page: someone who needs large text should not have to scroll to find it */}
      <ElderlySwitch />
      <VoiceChoice />
      <AccountCard />
      <EnrolEntry />
    </PageShell>
  )
}
