// One notice: its text, read aloud on request, and for a 公示 the list as the county published
// it (names masked by the county: only the first character shows). Opening it marks it read.
import { useCallback, useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { Notice } from '@/contract'
import { OfflineBanner } from '@/components/offline-banner'
import { AsOf } from '@/components/as-of'
import { Money } from '@/components/money'
import { ReadAloudButton } from '@/components/read-aloud'
import { OfficialChannelsLink } from '@/components/official-link'
import { formatInstant } from '@/services/time'
import { useCountyData } from '@/services/use-county-data'
import { useSession } from '@/features/session/store'
import { useSettings } from '@/features/settings/store'
import {
  loadNotices,
  markNoticeOpened,
  NOTICE_KIND,
  NOTICES_KEY,
  noticesCache,
  noticeSpeech,
  noticesOwner
} from '../public-notices'
import './notices.scss'

const KIND: Record<string, string> = { inpatient: '住院', outpatient: '门诊', chronic: '门诊慢特病' }

export function NoticeScreen() {
  const noticeId = (useRouter().params as { noticeId?: string }).noticeId ?? null
  const owner = noticesOwner(useSession((s) => s.userId))
  const voice = useSettings((s) => s.voice)
  const load = useCallback(() => loadNotices(owner), [owner])
  const list = useCountyData({ cache: noticesCache, owner, cacheKey: NOTICES_KEY, load })
  const notice = list.data?.notices.find((n) => n.noticeId === noticeId) ?? null
  useEffect(() => {
    if (notice) markNoticeOpened(owner, notice.noticeId)
  }, [notice, owner])
  return (
    <>
      <OfflineBanner hasCachedData={!!notice} />
      {notice ? (
        <>
          <AsOf at={list.asOf} source={list.source} />
          <NoticeView notice={notice} voice={voice} />
        </>
      ) : (
        <View className='card'>
          <Text>{list.loading ? '正在读取这条通知…' : list.error ? list.error.message : '没有找到这条通知'}</Text>
        </View>
      )}
      <OfficialChannelsLink />
    </>
  )
}

function NoticeView({ notice, voice }: { notice: Notice; voice: ReturnType<typeof useSettings.getState>['voice'] }) {
  return (
    <View className='card notice' ariaRole='article' ariaLabel={notice.title}>
      <Text className={`notice-item__kind notice-item__kind--${notice.kind}`}>{NOTICE_KIND[notice.kind]}</Text>
      <Text className='notice__title'>{notice.title}</Text>
      <Text className='notice-item__date'>{formatInstant(notice.publishedAt)}发布</Text>
      <ReadAloudButton
        readKey={`notice-${notice.noticeId}`}
        text={noticeSpeech(notice)}
        voice={voice}
        label={notice.title}
      />
      <Text className='notice__body'>{notice.body}</Text>
      {notice.entries.length > 0 ? (
        <View className='notice__entries' ariaRole='list' ariaLabel='公示名单'>
          <Text className='notice__entries-note'>公示名单（名字只露出第一个字，保护个人信息）</Text>
          {notice.entries.map((e, i) => (
            <View key={`${e.nameMasked}-${i}`} className='notice__entry' ariaRole='listitem'>
              <Text className='notice__entry-name'>
                {e.nameMasked}　{e.village}　{KIND[e.kind] ?? e.kind}
              </Text>
              <View className='notice__entry-money'>
                <Text>总费用 </Text>
                <Money value={e.totalCost} />
                <Text>　报销 </Text>
                <Money value={e.payout} />
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
