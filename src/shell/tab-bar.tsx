// The four tabs, drawn by the app on both builds (app.config.ts: tabBar.custom) so their labels
// grow with elderly mode. weapp: WeChat shows src/custom-tab-bar (one instance per tab page)
// fixed at the bottom; h5: Taro draws no custom tab bar, so the page shell puts this one on each
// tab page. Which tab is lit comes from the page on screen (PageShell's `tab`).
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { useElderly, useElderlyTextScale } from '@/features/settings/store'
import { decorativeImage } from '@/components/control-label'
import homeIcon from '@/assets/tab/home.png'
import homeActiveIcon from '@/assets/tab/home-active.png'
import payIcon from '@/assets/tab/pay.png'
import payActiveIcon from '@/assets/tab/pay-active.png'
import claimsIcon from '@/assets/tab/claims.png'
import claimsActiveIcon from '@/assets/tab/claims-active.png'
import meIcon from '@/assets/tab/me.png'
import meActiveIcon from '@/assets/tab/me-active.png'
import './tab-bar.scss'

export type TabId = 'home' | 'pay' | 'claims' | 'me'

export const TABS: readonly { id: TabId; path: string; text: string; icon: string; activeIcon: string }[] = [
  { id: 'home', path: '/pages/home/index', text: '参保', icon: homeIcon, activeIcon: homeActiveIcon },
  { id: 'pay', path: '/pages/pay/index', text: '缴费', icon: payIcon, activeIcon: payActiveIcon },
  { id: 'claims', path: '/pages/claims/index', text: '报销', icon: claimsIcon, activeIcon: claimsActiveIcon },
  { id: 'me', path: '/pages/me/index', text: '我的', icon: meIcon, activeIcon: meActiveIcon }
]

/** The tab on screen (weapp: every tab page's own tab bar reads it; set when a tab page shows). */
export const useCurrentTab = create<{ current: TabId }>()(() => ({ current: 'home' }))

export function TabBar({ current }: { current: TabId }) {
  const elderly = useElderly()
  const scale = useElderlyTextScale()
  return (
    <View
      className={`tab-bar${elderly ? ' elderly' : ''}`}
      style={elderly ? `--text-scale:${scale}` : undefined}
      ariaRole='navigation'
      ariaLabel='主菜单'
    >
      {TABS.map((t) => {
        const on = t.id === current
        return (
          <View
            key={t.id}
            className={`tab-bar__item${on ? ' tab-bar__item--on' : ''}`}
            ariaRole='link'
            ariaLabel={t.text}
            aria-current={on ? 'page' : undefined}
            data-tab={t.id}
            onClick={() => {
              if (!on) void Taro.switchTab({ url: t.path })
            }}
          >
            <Image className='tab-bar__icon' src={on ? t.activeIcon : t.icon} {...decorativeImage()} />
            <Text className='tab-bar__label'>{t.text}</Text>
          </View>
        )
      })}
    </View>
  )
}
