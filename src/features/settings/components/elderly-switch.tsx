// 大字模式 on and off: larger text and buttons on every page (the page shell applies it).
import { View, Text, Switch } from '@tarojs/components'
import { controlLabel } from '@/components/control-label'
import { useElderly, useSettings } from '../store'

export function ElderlySwitch() {
  const elderly = useElderly()
  const setElderly = useSettings((s) => s.setElderly)
  return (
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
  )
}
