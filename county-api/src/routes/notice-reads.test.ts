// Notices opened, kept per account at the county: a second phone signed in to the same account
// counts the same 没看; another account's marks are its own.
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'

let server: SpawnedServer
let api: Client

jest.setTimeout(60_000)

beforeAll(async () => {
  server = await spawnServer({ households: 3 })
  api = client(server.url)
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

it('a read mark is the account’s, on every phone; the first time is kept; unknown notices are 404', async () => {
  const phoneA = await api.wechat('head')
  const phoneB = await api.wechat('head') // the same account signed in on a second phone
  const other = await api.wechat('elder')
  const [notice] = (await api.call('listNotices', { query: {} })).data.notices
  expect((await api.call('myNoticeReads', { token: phoneB })).data.reads).toEqual([])

  const first = await api.call('markNoticeRead', { params: { noticeId: notice.noticeId }, token: phoneA })
  expect(first.status).toBe(200)
  const again = await api.call('markNoticeRead', { params: { noticeId: notice.noticeId }, token: phoneA })
  expect(again.data.readAt).toBe(first.data.readAt)
  expect((await api.call('myNoticeReads', { token: phoneB })).data.reads).toEqual([first.data])
  expect((await api.call('myNoticeReads', { token: other })).data.reads).toEqual([])

  expect((await api.call('markNoticeRead', { params: { noticeId: 'n_nope' }, token: phoneA })).status).toBe(404)
  expect((await api.call('markNoticeRead', { params: { noticeId: notice.noticeId } })).status).toBe(401)
})
