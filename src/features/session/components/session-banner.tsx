// Signed in before, but this run of the app has no session (h5: the browser was closed, and the
// session lives only as long as the tab; or the county ended it): the saved data stays on
// screen, and this says so and offers to sign in again, instead of screens looking empty.
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import '@/components/offline-banner/index.scss'
import { useSession } from '../store'
import './session-banner.scss'

export function SessionBanner() {
  const userId = useSession((s) => s.userId)
  const hasToken = useSession((s) => s.hasToken)
  // weapp signs in again by itself at launch (wx.login needs no tap): nothing to ask there
  if (!userId || hasToken || process.env.TARO_ENV === 'weapp') return null
  return (
    <View className='session-banner' ariaRole='status'>
      <Text>
        需要重新登录：为了安全，关掉浏览器或长时间不用以后要再登录一次。下面是上次保存的数据，可能不是最新的。
      </Text>
      <Button
        className='btn btn-primary session-banner__sign-in'
        onClick={() => {
          void Taro.navigateTo({ url: '/subpackages/account/sign-in/index' })
        }}
      >
        重新登录
      </Button>
    </View>
  )
}
