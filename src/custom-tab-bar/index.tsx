// weapp's custom tab bar (app.config.ts: tabBar.custom): WeChat creates one per tab page and
// fixes it at the bottom; it draws the shell's TabBar with the tab on screen.
import { TabBar, useCurrentTab } from '@/shell/tab-bar'

export default function CustomTabBar() {
  const current = useCurrentTab((s) => s.current)
  return <TabBar current={current} />
}
