import { View, Text } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'

export default function PayPage() {
  return (
    <PageShell title='缴费'>
      <View className='card'>
        <Text>为自己或家人缴纳明年的医保费。登录并绑定家庭后可用。</Text>
      </View>
    </PageShell>
  )
}
