import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { useSettings } from '@/features/settings/store'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Follow WeChat's own font size setting unless the user has chosen a mode themselves.
    useSettings.getState().followSystemFontSize()
  })
  return children
}

export default App
