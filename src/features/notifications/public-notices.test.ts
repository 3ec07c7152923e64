import Taro from '@tarojs/taro'
import { waitFor } from '@testing-library/react'
import type { Notice, NoticeList } from '@/contract'
import { configureCountyClient } from '@/services/county-client'
import { configureTransport } from '@/services/transport'
import { resetNetworkForTests } from '@/services/network'
import {
  loadNotices,
  markNoticeOpened,
  noticeReadsCache,
  noticeSpeech,
  readNoticeIds,
  unreadCount
} from './public-notices'

const request = Taro.request as unknown as jest.Mock
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })

const notice = (noticeId: string, entries: Notice['entries'] = []): Notice => ({
  noticeId,
  kind: entries.length > 0 ? 'payout_disclosure' : 'announcement',
  title: `标题${noticeId}`,
  publishedAt: '2026-11-19T09:00:00.000+08:00',
  body: '正文。',
  entries
})

beforeEach(() => {
  noticeReadsCache.getState().clear()
  request.mockReset()
  request.mockImplementation(() => answer(200, {}))
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  configureCountyClient({ baseUrl: '/county', token: () => 'tok', onSessionLost: jest.fn() })
})

test('signed in, opening a notice marks it at the county; a second phone adds the account’s marks to its own', async () => {
  markNoticeOpened('u1', 'a')
  await waitFor(() => expect(request).toHaveBeenCalled())
  expect(request.mock.calls[0][0]).toMatchObject({ method: 'POST', url: '/county/v1/notices/a/read' })
  // the second phone: nothing opened here yet, the county says 'a' and 'c' were
  noticeReadsCache.getState().clear()
  request.mockReset()
  request.mockReturnValueOnce(answer(200, { notices: [notice('a'), notice('b'), notice('c')] })).mockReturnValueOnce(
    answer(200, {
      reads: [
        { noticeId: 'c', readAt: '2026-11-20T09:00:00.000+08:00' },
        { noticeId: 'a', readAt: '2026-11-19T09:00:00.000+08:00' }
      ]
    })
  )
  const r = await loadNotices('u1')
  await waitFor(() => expect(readNoticeIds('u1')).toEqual(['c', 'a']))
  expect(unreadCount(r.ok ? r.data : null, readNoticeIds('u1'))).toBe(1)
  // signed out: nothing is asked of the county about reads
  request.mockClear()
  markNoticeOpened('signed-out', 'b')
  expect(request).not.toHaveBeenCalled()
})

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
