import type { Notice, NoticeList } from '@/contract'
import { markNoticeOpened, noticeReadsCache, noticeSpeech, readNoticeIds, unreadCount } from './public-notices'

const notice = (noticeId: string, entries: Notice['entries'] = []): Notice => ({
  noticeId,
  kind: entries.length > 0 ? 'payout_disclosure' : 'announcement',
  title: `标题${noticeId}`,
  publishedAt: '2026-11-19T09:00:00.000+08:00',
  body: '正文。',
  entries
})

beforeEach(() => noticeReadsCache.getState().clear())

test('the unread count is the notices this user has not opened; opening one twice counts once', () => {
  const list: NoticeList = { notices: [notice('a'), notice('b'), notice('c')] }
  expect(unreadCount(list, readNoticeIds('u1'))).toBe(3)
  markNoticeOpened('u1', 'b')
  markNoticeOpened('u1', 'b')
  expect(readNoticeIds('u1')).toEqual(['b'])
  expect(unreadCount(list, readNoticeIds('u1'))).toBe(2)
  // another user on the same phone starts from nothing read
  expect(unreadCount(list, readNoticeIds('u2'))).toBe(3)
  expect(unreadCount(null, [])).toBe(0)
})

test('读给我听 says the title and text, and for a 公示 how many are listed, within 200 characters', () => {
  const entry = { nameMasked: '王**', village: '青石村', kind: 'inpatient', totalCost: '100.00', payout: '50.00' }
  expect(noticeSpeech(notice('a'))).toBe('标题a。正文。')
  expect(noticeSpeech(notice('d', [entry, entry]))).toBe('标题d。正文。名单上有2人，名字只露出第一个字。')
  expect(noticeSpeech({ ...notice('e'), body: '长'.repeat(500) }).length).toBe(200)
})
