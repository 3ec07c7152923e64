// The county's notices and 公示 lists (issue 19): public, the same for everyone, read from the
// county and kept on the phone like every answer. Which ones this user has opened is kept on the
// phone too (per user, gone at sign-out): home counts the others as 没看.
import type { Notice, NoticeList } from '@/contract'
import { createUserCache } from '@/services/cache'
import { call, type CallResult } from '@/services/county-client'

export const noticesCache = createUserCache<NoticeList>({ name: 'public-notices', version: 1, maxEntries: 1 })
export const NOTICES_KEY = 'all'

/** The ids of the notices this user opened. */
export const noticeReadsCache = createUserCache<string[]>({ name: 'notice-reads', version: 1, maxEntries: 1 })
const READS_KEY = 'read'

/** Who the phone keeps notices for: the signed-in user, or nobody in particular before sign-in. */
export const noticesOwner = (userId: string | null): string => userId ?? 'signed-out'

/** The county's list; for a signed-in user also the notices the account opened on any phone. */
export async function loadNotices(owner?: string): Promise<CallResult<NoticeList>> {
  const r = await call('listNotices', {})
  if (owner && owner !== noticesOwner(null)) void syncNoticeReads(owner)
  return r
}

/** The county's read marks for this account, added to the phone's (a read is never taken back). */
export async function syncNoticeReads(owner: string): Promise<void> {
  const r = await call('myNoticeReads', {})
  if (!r.ok) return
  const read = readNoticeIds(owner)
  const more = r.data.reads.map((x) => x.noticeId).filter((id) => !read.includes(id))
  if (more.length) noticeReadsCache.getState().put(owner, READS_KEY, [...read, ...more].slice(-200))
}

export function readNoticeIds(owner: string): string[] {
  return noticeReadsCache.getState().read(owner, READS_KEY)?.data ?? []
}

export function markNoticeOpened(owner: string, noticeId: string): void {
  const read = readNoticeIds(owner)
  if (!read.includes(noticeId)) noticeReadsCache.getState().put(owner, READS_KEY, [...read, noticeId].slice(-200))
  // the account's mark at the county, so another phone counts it read too (offline: the phone's mark stays)
  if (owner !== noticesOwner(null)) void call('markNoticeRead', { params: { noticeId }, retries: 0 })
}

export function unreadCount(list: NoticeList | null, read: string[]): number {
  return list ? list.notices.filter((n) => !read.includes(n.noticeId)).length : 0
}

export const NOTICE_KIND: Record<Notice['kind'], string> = {
  announcement: '通知',
  payout_disclosure: '报销公示'
}

/** What 读给我听 says for a notice: its title and text, and for a 公示 how many are on the list. */
export function noticeSpeech(n: Notice): string {
  const list = n.entries.length > 0 ? `名单上有${n.entries.length}人，名字只露出第一个字。` : ''
  return `${n.title}。${n.body}${list}`.slice(0, 200)
}

export const NOTICE_PAGE = '/subpackages/notices/detail/index'
export const NOTICES_PAGE = '/subpackages/notices/index/index'
