// Home's way to the county's notices and 公示 lists (issue 19): how many this user has not
// opened yet, and one button to the list. Shown signed in or not (the notices are public).
import { useCallback } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCountyData } from '@/services/use-county-data'
import { useSession } from '@/features/session/store'
import {
  loadNotices,
  noticeReadsCache,
  NOTICES_KEY,
  NOTICES_PAGE,
  noticesCache,
  noticesOwner,
  unreadCount
} from '../public-notices'
import './notices.scss'

const NONE: string[] = []

export function NoticesEntry() {
  const owner = noticesOwner(useSession((s) => s.userId))
  const load = useCallback(() => loadNotices(owner), [owner])
  const list = useCountyData({ cache: noticesCache, owner, cacheKey: NOTICES_KEY, load })
  // the entry itself (a stable object): a new [] on every call would re-render without end
  const read = noticeReadsCache((s) => s.read(owner, 'read'))?.data ?? NONE
  if (!list.data) return null
  const unread = unreadCount(list.data, read)
  return (
    <View className='card notices-entry' ariaRole='region' ariaLabel='县里的通知和公示'>
      <Text className='notices-entry__title'>县里的通知和公示</Text>
      <Text className='notices-entry__count'>
        {unread > 0 ? `有${unread}条没看` : `${list.data.notices.length}条，都看过了`}
      </Text>
      <Button
        className={`btn notices-entry__go${unread > 0 ? ' btn-primary' : ''}`}
        onClick={() => Taro.navigateTo({ url: NOTICES_PAGE })}
      >
        看通知和公示
      </Button>
    </View>
  )
}
