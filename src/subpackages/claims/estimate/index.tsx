import { View, Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'

export default function Page() {
  return (
    <PageShell title='算一算能报多少'>
      <View className='card'><Text>正在准备……</Text></View>
    </PageShell>
  )
}
