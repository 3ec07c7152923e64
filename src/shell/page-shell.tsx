// Every page renders inside this shell: it applies elderly mode (and its text scale) and the page
// padding, draws the tab bar on h5 tab pages (weapp: src/custom-tab-bar) and a back control on
// h5 sub-pages (weapp has WeChat's own back arrow; a browser page opened from a link has none).
import { Button, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, type PropsWithChildren } from 'react'
import { useElderly, useElderlyTextScale } from '@/features/settings/store'
import { SessionBanner } from '@/features/session/components/session-banner'
import { PageMessage } from '@/components/page-message'
import { clearPageMessage } from '@/services/page-message'
import { TabBar, useCurrentTab, type TabId } from './tab-bar'
import { enhanceH5Controls } from './h5-controls'
import './page-shell.scss'

interface Props {
  title?: string
  className?: string
  /** the sign-in page itself: no "sign in again" banner */
  signInPage?: boolean
  /** a tab page: which tab it is (the tab bar lights it) */
  tab?: TabId
}

const H5 = process.env.TARO_ENV === 'h5'

function goBack() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: '/pages/home/index' })
}

export function PageShell({ title, className, signInPage, tab, children }: PropsWithChildren<Props>) {
  const elderly = useElderly()
  const scale = useElderlyTextScale()
  useDidShow(() => {
    if (tab) useCurrentTab.setState({ current: tab })
    clearPageMessage() // a message belongs to the page it was said on
  })
  useEffect(() => {
    if (!H5 || typeof document === 'undefined') return
    // Taro's page container scrolls but holds no native focusable element, so keyboard
    // and switch users could not scroll it (axe: scrollable-region-focusable).
    document
      .querySelectorAll('.taro_router > .taro_page:not([tabindex])')
      .forEach((el) => el.setAttribute('tabindex', '0'))
    enhanceH5Controls()
  })
  const classes = ['app-page', elderly ? 'elderly' : '', tab ? 'app-page--tab' : '', className ?? '']
  return (
    <View
      className={classes.filter(Boolean).join(' ')}
      style={elderly ? `--text-scale:${scale}` : undefined}
      data-elderly={elderly ? '1' : '0'}
    >
      {H5 && !tab ? (
        <Button className='btn page-back' onClick={goBack}>
          ‹ 返回
        </Button>
      ) : null}
      {title ? (
        <View className='page-title' ariaRole='heading' aria-level={1}>
          {title}
        </View>
      ) : null}
      {signInPage ? null : <SessionBanner />}
      {children}
      <PageMessage />
      {H5 && tab ? <TabBar current={tab} /> : null}
    </View>
  )
}
