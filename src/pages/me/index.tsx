import { View, Text, Switch } from '@tarojs/components'
import { PageShell } from '@/shell/page-shell'
import { controlLabel } from '@/components/control-label'
import { useElderly, useSettings } from '@/features/settings/store'
import { AccountCard } from '@/features/session/components/account-card'
import { EnrolEntry } from '@/features/enrol/components/entry'

export default function MePage() {
  const elderly = useElderly()
  const setElderly = useSettings((s) => s.setElderly)
  return (
    <PageShell title='我的'>
      {/* first on the page: someone who needs large text should not have to scroll to find it */}
      <View className='card'>
        <View className='row'>
          <Text id='elderly-label'>大字模式（字更大、按钮更大）</Text>
          <Switch
            className='elderly-switch'
            checked={elderly}
            {...controlLabel('大字模式')}
            onChange={(e) => setElderly(e.detail.value ? 'on' : 'off')}
          />
        </View>
      </View>
      <AccountCard />
      <EnrolEntry />
    </PageShell>
  )
}
