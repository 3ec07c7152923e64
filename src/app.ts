import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { useSettings } from '@/features/settings/store'
import { startNetworkWatch } from '@/services/network'
import { resumeSession } from '@/features/session/store'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Follow WeChat's own font size setting unless the user has chosen a mode themselves.
    useSettings.getState().followSystemFontSize()
    // Watch the network so screens can say "offline" and refresh when it returns;
    // on weapp sign in again silently (tokens are never stored).
    startNetworkWatch()
    resumeSession()
  })
  return children
}

export default App
