import { View, Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'

export default function Page() {
  return (
    <PageShell title='报销明细'>
      <View className='card'><Text>正在准备……</Text></View>
    </PageShell>
  )
}
