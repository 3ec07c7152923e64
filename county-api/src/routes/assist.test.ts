// The assisted path over HTTP: a 村医 asks an elderly household's consent (a code to its roster
// phone), pays for it and starts a newborn's enrolment within the consent; the household sees every
// action in 谁替我办过事 and revokes; nobody else can act or look.
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, DEV_OTP, type Client } from '../testing/client'
import { peek } from '../testing/db-peek'
import { makeIdNumber } from '../../../src/shared/id-number'

let server: SpawnedServer
let api: Client
let elder: string
let head: string
let reviewer: string
let assistant: string
let elderly: { idNumber: string; name: string; householdNumber: string }

jest.setTimeout(30_000)

beforeAll(async () => {
  // (a 村医 asks many households in a day: the production figures for look-ups)
  server = await spawnServer({ households: 20, env: { BIND_LIMIT_ACCOUNT: '30/hour', BIND_LIMIT_ID: '20/hour' } })
  api = client(server.url)
  elder = await api.wechat('elder')
  head = await api.wechat('head')
  reviewer = await api.wechat('reviewer')
  assistant = (await api.phone('13800000008')).token
  const [p] = peek<{ id_number: string; name: string; household_number: string }>(
    server.dbPath,
    `SELECT p.id_number, p.name, h.household_number FROM persons p JOIN households h ON h.id = p.household_id
     WHERE h.id = 'hh_0002' AND p.id = h.head_person_id`
  )
  elderly = { idNumber: p.id_number, name: p.name, householdNumber: p.household_number }
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

describe('assisted path', () => {
  it('acts for a household only after it consents, and the household sees and revokes', async () => {
    // before consent the household does not exist for the assistant
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: assistant })).status).toBe(404)

    const asked = await api.call('startAssist', { body: elderly, token: assistant })
    expect(asked.status).toBe(201)
    expect(asked.data).toEqual(
      expect.objectContaining({ householdId: 'hh_0002', status: 'code_sent', phoneMasked: '138****0002' })
    )
    const consentId = asked.data.consentId
    // still nothing before the code
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: assistant })).status).toBe(404)
    const wrong = await api.call('confirmAssist', { params: { consentId }, body: { code: '000000' }, token: assistant })
    expect(wrong.error.code).toBe('OTP_INVALID')
    const given = await api.ok('confirmAssist', { params: { consentId }, body: { code: DEV_OTP }, token: assistant })
    expect(given.status).toBe('active')

    // look up, masked as for a grantee
    const hh = await api.ok('getHousehold', { params: { householdId: 'hh_0002' }, token: assistant })
    for (const m of hh.members) expect(m.idNumberMasked).toBe(true)

    // pay on the household's behalf: the order is the household's, and it is told who paid
    const order = await api.call('createOrder', {
      body: { householdId: 'hh_0002', year: 2027, channel: 'h5' },
      headers: { 'idempotency-key': 'assist-pay-0001' },
      token: assistant
    })
    expect(order.status).toBe(201)
    await api.ok('startPayment', { params: { orderId: order.data.orderId }, token: assistant })
    await api.ok('cashierPay', { params: { orderId: order.data.orderId }, token: assistant })
    let paid = await api.ok('getOrder', { params: { orderId: order.data.orderId }, token: elder })
    for (let i = 0; i < 50 && paid.status !== 'confirmed'; i++) {
      await api.runJobs()
      paid = await api.ok('getOrder', { params: { orderId: order.data.orderId }, token: elder })
    }
    expect(paid.status).toBe('confirmed')
    const receipt = await api.ok('getReceipt', { params: { orderId: order.data.orderId }, token: elder })
    expect(receipt.orderId).toBe(order.data.orderId)

    // a newborn's application, but no other kind
    const baby = await api.call('createApplication', {
      body: {
        householdId: 'hh_0002',
        kind: 'add_newborn',
        fields: { name: '李小宝', idNumber: makeIdNumber('999901', '20261001', '041'), relation: '孙子' }
      },
      token: assistant
    })
    expect(baby.status).toBe(201)
    const other = await api.call('createApplication', {
      body: { householdId: 'hh_0002', kind: 'out_of_area_care', fields: { personId: hh.members[0].personId } },
      token: assistant
    })
    expect(other.status).toBe(403)
    // nor a household that gave no consent
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: assistant })).status).toBe(404)

    // 谁替我办过事: the household sees the consent and every action; another household does not
    const list = await api.ok('listHouseholdAssists', { params: { householdId: 'hh_0002' }, token: elder })
    expect(list.consents).toHaveLength(1)
    const actions = list.consents[0].actions.map((a) => a.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'assistant_asked_consent',
        'assistant_consent_given',
        'assistant_view_household',
        'assistant_create_application'
      ])
    )
    expect(actions.some((a) => a.startsWith('assistant_') && a.includes('order'))).toBe(true)
    expect(list.consents[0].assistantName).toBe('云岭村村医 赵医生')
    expect((await api.call('listHouseholdAssists', { params: { householdId: 'hh_0002' }, token: head })).status).toBe(
      404
    )
    expect((await api.call('revokeAssist', { params: { consentId }, token: head })).status).toBe(404)

    // revoked: at once, nothing more
    const revoked = await api.ok('revokeAssist', { params: { consentId }, token: elder })
    expect(revoked.status).toBe('revoked')
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: assistant })).status).toBe(404)
    expect((await api.call('revokeAssist', { params: { consentId }, token: elder })).status).toBe(409)
  })

  it('refuses the assist routes to anyone but an assistant, and a wrong identity with one answer', async () => {
    for (const token of [elder, reviewer]) {
      expect((await api.call('startAssist', { body: elderly, token })).status).toBe(403)
      expect((await api.call('listMyAssists', { token })).status).toBe(403)
    }
    const wrong = await api.call('startAssist', { body: { ...elderly, name: '张三' }, token: assistant })
    expect(wrong.error.code).toBe('BIND_MISMATCH')
  })

  it('ends a consent after its time', async () => {
    const asked = await api.ok('startAssist', { body: elderly, token: assistant })
    await api.ok('confirmAssist', { params: { consentId: asked.consentId }, body: { code: DEV_OTP }, token: assistant })
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: assistant })).status).toBe(200)
    await api.setNow((await api.now()) + 121 * 60_000)
    assistant = (await api.phone('13800000008')).token // (the old session went idle meanwhile)
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: assistant })).status).toBe(404)
    const mine = await api.ok('listMyAssists', { token: assistant })
    expect(mine.consents[0].status).toBe('ended')
  })

  it('takes a consent on paper: the form photo goes to the county, whose approval starts it; refusal ends it', async () => {
    // (fresh sessions: the clock moved on in the test before)
    assistant = (await api.phone('13800000008')).token
    reviewer = await api.wechat('reviewer')
    elder = await api.wechat('elder')
    head = await api.wechat('head')
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82])
    const photo = () => {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '代办同意书.png')
      return form
    }

    // nobody makes a consent-form application by hand
    const byHand = await api.call('createApplication', {
      body: { householdId: 'hh_0002', kind: 'assist_consent', fields: {} },
      token: elder
    })
    expect(byHand.status).toBe(400)

    const sent = await api.call('startAssist', { body: { ...elderly, method: 'form' }, token: assistant })
    expect(sent.status).toBe(201)
    expect(sent.data).toEqual(
      expect.objectContaining({ householdId: 'hh_0002', status: 'form_pending', phoneMasked: null })
    )
    const applicationId = sent.data.applicationId as string
    expect(applicationId).toMatch(/^app_/)
    // asking again while one waits answers the same form
    const again = await api.ok('startAssist', { body: { ...elderly, method: 'form' }, token: assistant })
    expect(again.consentId).toBe(sent.data.consentId)
    // waiting is not consent
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: assistant })).status).toBe(404)

    // only the assistant adds the photo; the household reads it; another household sees nothing
    expect((await api.call('uploadDocument', { params: { applicationId }, form: photo(), token: elder })).status).toBe(
      403
    )
    expect((await api.call('uploadDocument', { params: { applicationId }, form: photo(), token: head })).status).toBe(
      403
    )
    expect((await api.call('getApplication', { params: { applicationId }, token: head })).status).toBe(404)
    const withPhoto = await api.ok('uploadDocument', { params: { applicationId }, form: photo(), token: assistant })
    expect(withPhoto.documents).toHaveLength(1)
    expect((await api.ok('getApplication', { params: { applicationId }, token: elder })).kind).toBe('assist_consent')

    // in the county's queue like any request; approved, the consent runs for a day
    const queue = await api.ok('staffQueue', { query: { kind: 'assist_consent' }, token: reviewer })
    expect(queue.items.map((i) => i.itemId)).toContain(applicationId)
    await api.ok('reviewDecide', { params: { applicationId }, body: { decision: 'approve' }, token: reviewer })
    const [active] = (await api.ok('listMyAssists', { token: assistant })).consents.filter(
      (c) => c.consentId === sent.data.consentId
    )
    expect(active.status).toBe('active')
    expect(Date.parse(active.expiresAt) - Date.parse(active.confirmedAt as string)).toBe(24 * 3_600_000)
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: assistant })).status).toBe(200)
    const seen = (await api.ok('listHouseholdAssists', { params: { householdId: 'hh_0002' }, token: elder })).consents
    const mine = seen.find((c) => c.consentId === sent.data.consentId)
    expect(mine?.actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['assistant_sent_consent_form', 'assistant_consent_form_confirmed'])
    )
    await api.ok('revokeAssist', { params: { consentId: sent.data.consentId }, token: elder })

    // a second form, refused by the county: the consent ends, nothing is reachable
    // (another household: a person's ID number may be looked up only a few times an hour)
    const [other] = peek<{ id_number: string; name: string; household_number: string }>(
      server.dbPath,
      `SELECT p.id_number, p.name, h.household_number FROM persons p JOIN households h ON h.id = p.household_id
       WHERE h.id = 'hh_0003' AND p.id = h.head_person_id`
    )
    const second = await api.ok('startAssist', {
      body: { idNumber: other.id_number, name: other.name, householdNumber: other.household_number, method: 'form' },
      token: assistant
    })
    expect(second.consentId).not.toBe(sent.data.consentId)
    await api.ok('uploadDocument', {
      params: { applicationId: second.applicationId as string },
      form: photo(),
      token: assistant
    })
    await api.ok('reviewDecide', {
      params: { applicationId: second.applicationId as string },
      body: { decision: 'reject', reason: '同意书上没有户主签字' },
      token: reviewer
    })
    const refused = (await api.ok('listMyAssists', { token: assistant })).consents.find(
      (c) => c.consentId === second.consentId
    )
    expect(refused?.status).toBe('refused')
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0003' }, token: assistant })).status).toBe(404)

    // a third, taken back by the household while it waits: it leaves the county's queue
    const third = await api.ok('startAssist', { body: { ...elderly, method: 'form' }, token: assistant })
    await api.ok('revokeAssist', { params: { consentId: third.consentId }, token: elder })
    const gone = await api.ok('getApplication', {
      params: { applicationId: third.applicationId as string },
      token: elder
    })
    expect(gone.status).toBe('rejected')
    const approve = await api.call('reviewDecide', {
      params: { applicationId: third.applicationId as string },
      body: { decision: 'approve' },
      token: reviewer
    })
    expect(approve.status).toBe(409)
  })
})
