import { View, Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'

export default function ClaimsPage() {
  return (
    <PageShell title='报销'>
      <View className='card'>
        <Text>查看看病报销记录，算一算住院能报多少。</Text>
      </View>
    </PageShell>
  )
}
