// Issue 15, item 1: each new binding is announced to the household's head by a WeChat subscribe
// message too, where the head accepted it — through the WeChat simulator, over HTTP. The account
// shows as 微信用户 or its phone masked; no phone reaches WeChat or the county's log.
import { FIELDS } from './templates'
import { peek } from '../testing/db-peek'
import { startWechatCounty, waitFor, type WechatCounty } from '../testing/wechat-county'
import { maskPhone } from '../mask'

jest.setTimeout(60_000)

const BINDING = 'tmplBindingA001'
let c: WechatCounty
let head: string

beforeAll(async () => {
  c = await startWechatCounty({ households: 12, env: { WECHAT_TEMPLATE_BINDING: BINDING } })
  c.sim.mini.templates.set(BINDING, FIELDS.binding)
  head = await c.api.wechat('head')
}, 90_000)

afterAll(async () => {
  await c?.close()
})

const toHead = () => c.sim.mini.messages.filter((m) => m.touser === 'dev-openid-head' && m.templateId === BINDING)
const person = (where: string) =>
  peek<{ id_number: string; name: string; household_number: string; phone: string | null }>(
    c.server.dbPath,
    `SELECT p.id_number, p.name, h.household_number, p.phone FROM persons p JOIN households h ON h.id = p.household_id
     WHERE h.id = 'hh_0001' AND ${where}`
  )[0]

test('the head who accepted it gets one message per new binding, the account masked, and none without an acceptance', async () => {
  // the head accepts the binding message twice in the app (WeChat holds both acceptances)
  for (let i = 0; i < 2; i++) {
    const saved = await c.api.ok('saveSubscriptions', {
      body: { householdId: 'hh_0001', channel: 'weapp', templates: [{ kind: 'binding', accepted: true }] },
      token: head
    })
    expect(saved.templateIds.binding).toBe(BINDING)
  }
  c.sim.mini.accept('dev-openid-head', BINDING, 2)

  // someone with the head's papers and the code from the head's phone binds a WeChat account
  const h = person('p.id = h.head_person_id')
  const stranger = await c.api.wechat('binding-stranger')
  await c.api.bind(stranger, { idNumber: h.id_number, name: h.name, householdNumber: h.household_number })
  const [first] = await waitFor(
    async () => toHead(),
    (m) => m.length === 1
  )
  const notices = await c.api.ok('listHouseholdNotifications', { params: { householdId: 'hh_0001' }, token: head })
  const notice = notices.notifications.find((n) => n.kind === 'new_binding')
  if (notice?.kind !== 'new_binding') throw new Error('no notice on the home page')
  const at = notice.binding.at
  expect(first.page).toBe('subpackages/account/family/index')
  expect(first.data).toEqual({
    thing1: `${h.name}的医保绑定了新账号`,
    thing2: notice.binding.accountName,
    date3: `${at.slice(0, 4)}年${at.slice(5, 7)}月${at.slice(8, 10)}日 ${at.slice(11, 16)}`,
    thing4: '不认识这个账号，请在“家人查看”里移除'
  })

  // a member without a phone of their own, on an h5 account signed in by phone, approved by the head:
  // the message shows that account's phone masked, never the number
  const wife = person("p.name = '刘桂兰'")
  const phone = '13900000417'
  const h5 = await c.api.phone(phone)
  await c.api.bind(
    h5.token,
    { idNumber: wife.id_number, name: wife.name, householdNumber: wife.household_number },
    { headToken: head }
  )
  const [, second] = await waitFor(
    async () => toHead(),
    (m) => m.length === 2
  )
  expect(second.data.thing1).toBe(`${wife.name}的医保绑定了新账号`)
  expect(second.data.thing2).toBe(maskPhone(phone))
  expect(JSON.stringify(c.sim.mini.messages)).not.toContain(phone)
  expect(c.server.logs()).not.toContain(phone)

  // no acceptance left: a third binding is on the home page only, no message is queued
  const third = await c.api.wechat('binding-third')
  await c.api.bind(third, { idNumber: h.id_number, name: h.name, householdNumber: h.household_number })
  await c.api.runJobs()
  const list = await c.api.ok('listSubscriptions', { query: { householdId: 'hh_0001' }, token: head })
  expect(list.sent.filter((s) => s.kind === 'binding').map((s) => s.title)).toEqual([
    '家人账号绑定提醒',
    '家人账号绑定提醒'
  ])
  expect(
    peek(c.server.dbPath, `SELECT COUNT(*) AS n FROM messages WHERE kind = 'binding' AND household_id = 'hh_0001'`)
  ).toEqual([{ n: 2 }])
  // the accounts bound are not told (they accepted nothing), only the head
  expect(c.sim.mini.messages.filter((m) => m.templateId === BINDING).map((m) => m.touser)).toEqual([
    'dev-openid-head',
    'dev-openid-head'
  ])
})
