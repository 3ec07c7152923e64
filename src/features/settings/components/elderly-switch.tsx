// 大字模式 on and off: larger text and buttons on every page (the page shell applies it), and how
// large its text is: following the phone's font setting, or 大 / 更大 / 最大 (30 pt).
import { View, Text, Switch } from '@tarojs/components'
import { controlLabel } from '@/components/control-label'
import { useElderly, useSettings, type TextSize } from '../store'
import './elderly-switch.scss'

const SIZES: { id: TextSize; label: string }[] = [
  { id: 'system', label: '跟手机一样' },
  { id: 'large', label: '大' },
  { id: 'larger', label: '更大' },
  { id: 'largest', label: '最大' }
]

export function ElderlySwitch() {
  const elderly = useElderly()
  const setElderly = useSettings((s) => s.setElderly)
  const textSize = useSettings((s) => s.textSize)
  const setTextSize = useSettings((s) => s.setTextSize)
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
      {elderly ? (
        <View className='text-size'>
          <Text className='text-size__title'>字的大小</Text>
          <View className='text-size__choices' ariaRole='radiogroup' ariaLabel='字的大小'>
            {SIZES.map((s) => (
              <View
                key={s.id}
                className={`text-size__choice${s.id === textSize ? ' text-size__choice--on' : ''}`}
                ariaRole='radio'
                ariaLabel={s.label}
                aria-checked={s.id === textSize ? 'true' : 'false'}
                data-size={s.id}
                onClick={() => setTextSize(s.id)}
              >
                {s.id === textSize ? `✓ ${s.label}` : s.label}
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  )
}
