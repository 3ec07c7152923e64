import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageShell } from '@/components/page-shell'

export default function HomePage() {
  return (
    <PageShell title='我家参保情况'>
      <View className='card home-welcome'>
        <Text>登录后，这里显示全家每个人今年和明年有没有参保、能不能看病报销。</Text>
        <Button className='btn btn-primary' onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
          去登录
        </Button>
      </View>
    </PageShell>
  )
}
