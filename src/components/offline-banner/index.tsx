import { View, Text } from '@tarojs/components'
import { useNetwork } from '@/services/network'
import './index.scss'

/** Shown while the phone is offline or the county system does not answer. */
export function OfflineBanner({ hasCachedData = true }: { hasCachedData?: boolean }) {
  const online = useNetwork((s) => s.online)
  const reachable = useNetwork((s) => s.reachable)
  if (online && reachable) return null
  const why = online ? '县里的系统暂时连不上' : '手机没有网络'
  return (
    <View className='offline-banner' ariaRole='status'>
      <Text>
        {why}，{hasCachedData ? '下面是上次保存的数据' : '连上后会自动刷新'}。网络恢复后会自动更新。
      </Text>
    </View>
  )
}
