import { Button, Text, View } from '@tarojs/components'
import { clearPageMessage, usePageMessage } from '@/services/page-message'
import './index.scss'

/** The page's message line (services/page-message.ts), above the tab bar, with 知道了 to close it. */
export function PageMessage() {
  const message = usePageMessage((s) => s.message)
  if (!message) return null
  // the message floats over the page's foot; the room below the page lets every control be
  // scrolled out from under it
  return (
    <>
      <View className='page-message__room' />
      <View
        className={`page-message page-message--${message.kind}`}
        ariaRole={message.kind === 'error' ? 'alert' : 'status'}
        key={message.id}
      >
        <Text className='page-message__text'>
          {message.kind === 'error' ? '没办成：' : ''}
          {message.text}
        </Text>
        <Button className='btn page-message__close' onClick={clearPageMessage}>
          知道了
        </Button>
      </View>
    </>
  )
}
