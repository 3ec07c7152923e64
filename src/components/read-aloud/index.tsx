import { Button, View } from '@tarojs/components'
import type { SpeechVoice } from '@/contract'
import { readAloud, useReadAloud } from '@/services/read-aloud'
import './index.scss'

interface Props {
  /** what is read (one per screen item: a member's person id) */
  readKey: string
  text: string
  voice: SpeechVoice
  /** whose words these are, said after the button's text: 王建国的参保情况 */
  label: string
}

/** 🔊 读给我听 ↔ ■ 停止: says in words what it is doing, and why when it cannot read. */
export function ReadAloudButton({ readKey, text, voice, label }: Props) {
  const playing = useReadAloud((s) => s.playing === readKey)
  const loading = useReadAloud((s) => s.loading === readKey)
  const failed = useReadAloud((s) => (s.failed?.key === readKey ? s.failed.message : null))
  const busy = playing || loading
  return (
    <View className='read-aloud'>
      <Button
        className={`btn read-aloud__button${busy ? ' read-aloud__button--on' : ''}`}
        // the spoken name starts with the words on the button (what a voice-control user says)
        ariaLabel={`${busy ? '停止读' : '读给我听'}：${label}`}
        aria-pressed={busy ? 'true' : 'false'}
        onClick={() => void readAloud(readKey, text, voice)}
      >
        {busy ? '■ 停止读（正在读）' : '🔊 读给我听'}
      </Button>
      {failed ? (
        <View className='read-aloud__failed' ariaRole='alert'>
          {failed}
        </View>
      ) : null}
    </View>
  )
}
