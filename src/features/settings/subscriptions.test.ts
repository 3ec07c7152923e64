import Taro from '@tarojs/taro'
import { act } from '@testing-library/react'
import { resetNetworkForTests, useNetwork } from '@/services/network'
import { configureTransport } from '@/services/transport'
import { useSession } from '@/features/session/store'
import { askForReminders, sendPendingReminderChoices, TEMPLATES } from './subscriptions'

const request = Taro.request as unknown as jest.Mock
const subscribe = Taro.requestSubscribeMessage as unknown as jest.Mock
const storage = (Taro as unknown as { __storage: Map<string, unknown> }).__storage
const answer = (statusCode: number, data: unknown) =>
  Promise.resolve({ statusCode, data: JSON.stringify(data), header: {} })
const saved = (body: { householdId: string; templates: { kind: string; accepted: boolean }[] }) => ({
  householdId: body.householdId,
  subscriptions: body.templates.map((t) => ({
    ...t,
    year: 2027,
    channel: 'weapp',
    updatedAt: '2026-11-23T10:00:00.000+08:00'
  })),
  sent: [],
  templateIds: { deadline: null, result: null, window: null, claim: null, decision: null, binding: null }
})
const target = { owner: 'u1', householdId: 'hh1', year: 2027 }
const posts = () =>
  request.mock.calls
    .filter(([o]) => o.method === 'POST' && String(o.url).endsWith('/v1/me/subscriptions'))
    .map(([o]) => (typeof o.data === 'string' ? JSON.parse(o.data) : o.data))

beforeEach(() => {
  request.mockReset()
  subscribe.mockReset()
  storage.clear()
  resetNetworkForTests()
  configureTransport({ sleep: async () => {} })
  subscribe.mockResolvedValue({
    [TEMPLATES.deadline as string]: 'accept',
    [TEMPLATES.result as string]: 'reject',
    errMsg: 'requestSubscribeMessage:ok'
  })
})

test('the WeChat answer goes to the county: accepted and refused kinds, for the household and year', async () => {
  request.mockImplementation((o: { data: unknown }) =>
    answer(200, saved((typeof o.data === 'string' ? JSON.parse(o.data) : o.data) as Parameters<typeof saved>[0]))
  )
  const r = await askForReminders(target)
  expect(r).toEqual({ ok: true, accepted: ['deadline'], stored: true })
  expect(subscribe).toHaveBeenCalledWith({ tmplIds: [TEMPLATES.deadline, TEMPLATES.result] })
  expect(posts()).toEqual([
    {
      householdId: 'hh1',
      year: 2027,
      channel: 'weapp',
      templates: [
        { kind: 'deadline', accepted: true },
        { kind: 'result', accepted: false }
      ]
    }
  ])
  expect(storage.has('xqyb.reminders.pending')).toBe(false)
})

test('the prompt refused or failing: nothing is sent', async () => {
  subscribe.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail' })
  expect(await askForReminders(target)).toEqual({ ok: false, message: '没有打开提醒，可以以后在这里再打开' })
  expect(request).not.toHaveBeenCalled()
})

test('county away: the answer stays on the phone and is sent when the county is back (and only once)', async () => {
  request.mockImplementation(() => Promise.reject({ errMsg: 'request:fail' }))
  const r = await askForReminders(target)
  expect(r).toEqual({ ok: true, accepted: ['deadline'], stored: false })
  expect(String(storage.get('xqyb.reminders.pending'))).toContain('"hh1"')
  request.mockReset()
  request.mockImplementation((o: { data: unknown }) =>
    answer(200, saved((typeof o.data === 'string' ? JSON.parse(o.data) : o.data) as Parameters<typeof saved>[0]))
  )
  // another user signed in on this phone meanwhile: the network comes back, u1's answer stays put
  useSession.setState({ userId: 'u2' })
  await act(async () => {
    useNetwork.getState().setOnline(false)
  })
  await act(async () => {
    useNetwork.getState().setOnline(true)
    useNetwork.getState().setReachable(true)
  })
  await new Promise((res) => setTimeout(res, 0))
  expect(posts()).toHaveLength(0)
  expect(String(storage.get('xqyb.reminders.pending'))).toContain('"hh1"')
  // u1 signed in again: sent the next time the network comes back
  useSession.setState({ userId: 'u1' })
  await act(async () => {
    useNetwork.getState().setOnline(false)
  })
  await act(async () => {
    useNetwork.getState().setOnline(true)
    useNetwork.getState().setReachable(true)
  })
  await new Promise((res) => setTimeout(res, 0))
  expect(posts()).toHaveLength(1)
  expect(storage.has('xqyb.reminders.pending')).toBe(false)
  await sendPendingReminderChoices('u1')
  expect(posts()).toHaveLength(1)
})

test('a kept answer is never sent for another user; a refusal (no access) is dropped', async () => {
  request.mockImplementation(() => Promise.reject({ errMsg: 'request:fail' }))
  await askForReminders(target)
  request.mockReset()
  request.mockImplementation(() => answer(200, {}))
  await sendPendingReminderChoices('u2')
  expect(request).not.toHaveBeenCalled()
  expect(storage.has('xqyb.reminders.pending')).toBe(false)

  request.mockImplementation(() => Promise.reject({ errMsg: 'request:fail' }))
  await askForReminders(target)
  request.mockReset()
  request.mockImplementation(() => answer(404, { code: 'NOT_FOUND', message: '没有找到' }))
  await sendPendingReminderChoices('u1')
  expect(posts()).toHaveLength(1)
  expect(storage.has('xqyb.reminders.pending')).toBe(false)
})
