// 读给我听用哪种话: 普通话 or a dialect the county's speech engine speaks (it says which); the
// choice is kept on the phone and every read-aloud uses it.
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { SpeechVoices } from '@/contract'
import { call } from '@/services/county-client'
import { useSettings } from '../store'
import './elderly-switch.scss'

const MANDARIN_ONLY: SpeechVoices['voices'] = [{ id: 'cmn', label: '普通话' }]

export function VoiceChoice() {
  const voice = useSettings((s) => s.voice)
  const setVoice = useSettings((s) => s.setVoice)
  const [voices, setVoices] = useState(MANDARIN_ONLY)
  useEffect(() => {
    let live = true
    void call('listSpeechVoices', {}).then((r) => {
      if (live && r.ok && r.data.voices.length) setVoices(r.data.voices)
    })
    return () => {
      live = false
    }
  }, [])
  return (
    <View className='card voice-choice'>
      <Text className='text-size__title'>“读给我听”用哪种话</Text>
      <View className='text-size__choices' ariaRole='radiogroup' ariaLabel='读给我听用哪种话'>
        {voices.map((v) => (
          <View
            key={v.id}
            className={`text-size__choice${v.id === voice ? ' text-size__choice--on' : ''}`}
            ariaRole='radio'
            ariaLabel={v.label}
            aria-checked={v.id === voice ? 'true' : 'false'}
            data-voice={v.id}
            onClick={() => setVoice(v.id)}
          >
            {v.id === voice ? `✓ ${v.label}` : v.label}
          </View>
        ))}
      </View>
    </View>
  )
}
