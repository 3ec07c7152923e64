// Every page renders inside this shell: it applies elderly mode and the page padding.
import { View } from '@tarojs/components'
import { useEffect, type PropsWithChildren } from 'react'
import { useElderly } from '@/features/settings/store'
import { SessionBanner } from '@/features/session/components/session-banner'

interface Props {
  title?: string
  className?: string
  /** the sign-in page itself: no "sign in again" banner */
  signInPage?: boolean
}

export function PageShell({ title, className, signInPage, children }: PropsWithChildren<Props>) {
  const elderly = useElderly()
  useEffect(() => {
    // h5: Taro's page container scrolls but holds no native focusable element, so keyboard
    // and switch users could not scroll it (axe: scrollable-region-focusable).
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
    document
      .querySelectorAll('.taro_router > .taro_page:not([tabindex])')
      .forEach((el) => el.setAttribute('tabindex', '0'))
  })
  return (
    <View
      className={`app-page${elderly ? ' elderly' : ''}${className ? ` ${className}` : ''}`}
      data-elderly={elderly ? '1' : '0'}
    >
      {title ? (
        <View className='page-title' ariaRole='heading' aria-level={1}>
          {title}
        </View>
      ) : null}
      {signInPage ? null : <SessionBanner />}
      {children}
    </View>
  )
}
