// The 我的 tab's way in: one card that opens the remote-enrolment subpackage.
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './entry.scss'

export const ENROL_HOME = '/subpackages/enrol/index/index'

export function EnrolEntry() {
  return (
    <View className='card enrol-entry'>
      <Text className='enrol-entry__title'>在外地也能办参保</Text>
      <Text className='enrol-entry__text'>
        给新生儿上医保、添家里人、异地就医备案、明年续保，用手机拍照就能办，不用回村。
      </Text>
      <Button
        className='btn btn-primary enrol-entry__open'
        onClick={() => {
          void Taro.navigateTo({ url: ENROL_HOME })
        }}
      >
        在外地办参保
      </Button>
    </View>
  )
}
