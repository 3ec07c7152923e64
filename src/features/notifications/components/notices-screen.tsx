// The county's notices and 公示 lists, newest first; the ones not opened yet say 没看.
import { useCallback } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { OfflineBanner } from '@/components/offline-banner'
import { AsOf } from '@/components/as-of'
import { OfficialChannelsLink } from '@/components/official-link'
import { formatInstant } from '@/services/time'
import { useCountyData } from '@/services/use-county-data'
import { useSession } from '@/features/session/store'
import {
  loadNotices,
  NOTICE_KIND,
  NOTICE_PAGE,
  noticeReadsCache,
  NOTICES_KEY,
  noticesCache,
  noticesOwner
} from '../public-notices'
import './notices.scss'

const NONE: string[] = []

export function NoticesScreen() {
  const owner = noticesOwner(useSession((s) => s.userId))
  const load = useCallback(() => loadNotices(owner), [owner])
  const list = useCountyData({ cache: noticesCache, owner, cacheKey: NOTICES_KEY, load })
  // the entry itself (a stable object): a new [] on every call would re-render without end
  const read = noticeReadsCache((s) => s.read(owner, 'read'))?.data ?? NONE
  return (
    <>
      <OfflineBanner hasCachedData={!!list.data} />
      {list.data ? <AsOf at={list.asOf} source={list.source} /> : null}
      {list.data ? (
        list.data.notices.map((n) => (
          <View key={n.noticeId} className='card notice-item'>
            <View className='notice-item__head'>
              <Text className={`notice-item__kind notice-item__kind--${n.kind}`}>{NOTICE_KIND[n.kind]}</Text>
              {read.includes(n.noticeId) ? null : <Text className='notice-item__new'>没看</Text>}
            </View>
            <Text className='notice-item__title'>{n.title}</Text>
            <Text className='notice-item__date'>{formatInstant(n.publishedAt)}发布</Text>
            <Button
              className='btn notice-item__open'
              ariaLabel={`看这条：${n.title}`}
              onClick={() => Taro.navigateTo({ url: `${NOTICE_PAGE}?noticeId=${encodeURIComponent(n.noticeId)}` })}
            >
              看这条
            </Button>
          </View>
        ))
      ) : (
        <View className='card'>
          <Text>{list.loading ? '正在读取县里的通知…' : list.error ? list.error.message : '县里还没有发通知'}</Text>
        </View>
      )}
      <OfficialChannelsLink />
    </>
  )
}
