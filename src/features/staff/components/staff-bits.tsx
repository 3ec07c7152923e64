// Pieces every workspace screen repeats: what was just done (or went wrong) said under the controls,
// and a list with its words for "nothing here".
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** What the last action did, read out politely by screen readers; nothing when there is nothing to say. */
export function Said({ text }: { text: string | null }) {
  return text ? (
    <View className='form-message' ariaRole='status'>
      {text}
    </View>
  ) : null
}

/** A labelled list of rows, or `empty` in words when it has none. */
export function StaffList({ label, empty, children }: { label: string; empty: string; children: ReactNode[] }) {
  return (
    <>
      {children.length === 0 ? <Text className='muted'>{empty}</Text> : null}
      <View className='staff-table' ariaRole='list' ariaLabel={label}>
        {children}
      </View>
    </>
  )
}
