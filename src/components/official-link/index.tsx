// "怎么认出医保的官方渠道": the way to the official-channels page (issue 19), from sign-in and
// the notices. Fake "医保停用" messages with links are a known scam; this page says what is real.
import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'

export const OFFICIAL_CHANNELS_URL = '/subpackages/notices/official/index'

export function OfficialChannelsLink() {
  return (
    <Button className='btn official-link' onClick={() => Taro.navigateTo({ url: OFFICIAL_CHANNELS_URL })}>
      防骗：怎么认出医保的官方渠道
    </Button>
  )
}
