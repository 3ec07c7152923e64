// Every page renders inside this shell: it applies elderly mode and the page padding.
import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useElderly } from '@/features/settings/store'

interface Props {
  title?: string
  className?: string
}

export function PageShell({ title, className, children }: PropsWithChildren<Props>) {
  const elderly = useElderly()
  return (
    <View className={`app-page${elderly ? ' elderly' : ''}${className ? ` ${className}` : ''}`} data-elderly={elderly ? '1' : '0'}>
      {title ? <View className='page-title' ariaRole='heading' aria-level={1}>{title}</View> : null}
      {children}
    </View>
  )
}
