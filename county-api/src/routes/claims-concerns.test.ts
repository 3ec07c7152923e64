// "多收钱了吗？" over HTTP: a report gets a tracking number, is created once per Idempotency-Key,
// is checked (amount > 0 and not above the claim's total; a dispute needs a note), and only
// those who may read the claim may report on it or see the reports.
import { addYuan, compareYuan } from '../../../src/calculator/money'
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, pathOf, type Client } from '../testing/client'
import { peek } from '../testing/db-peek'

let server: SpawnedServer
let api: Client
let head: string
let elder: string
let claim: { claimId: string; totalCost: string }

jest.setTimeout(30_000)

beforeAll(async () => {
  server = await spawnServer({ households: 30 })
  api = client(server.url)
  head = await api.wechat('head')
  elder = await api.wechat('elder')
  // the household's largest claim, so that 200.50 is below its total
  const [big] = peek<{ id: string }>(
    server.dbPath,
    `
    SELECT c.id FROM claims c JOIN persons p ON p.id = c.person_id WHERE p.household_id = 'hh_0001' ORDER BY c.total_fen DESC, c.id LIMIT 1`
  )
  claim = (await api.call('getClaim', { params: { claimId: big.id }, token: head })).data
  expect(compareYuan(claim.totalCost, '200.50')).toBe(1)
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

const params = () => ({ claimId: claim.claimId })
const key = (k: string) => ({ 'idempotency-key': `concern-test-${k}` })

describe('claim concerns', () => {
  it('a paid-extra report answers 201 with a tracking number and status received; the same key and body answer the same, nothing twice', async () => {
    const body = { kind: 'paid-extra' as const, amount: '200.50', note: '  出院时让交的押金没退  ' }
    const r = await api.call('reportClaimConcern', { params: params(), token: head, body, headers: key('a') })
    expect(r.status).toBe(201)
    expect(r.body).toEqual({
      concernId: expect.stringMatching(/^fk_/),
      trackingNumber: expect.stringMatching(/^FK-\d{4}-\d{6}$/),
      claimId: claim.claimId,
      kind: 'paid-extra',
      amount: '200.50',
      note: '出院时让交的押金没退',
      status: 'received',
      createdAt: expect.stringMatching(/\+08:00$/),
      resolution: null
    })
    const again = await api.call('reportClaimConcern', { params: params(), token: head, body, headers: key('a') })
    expect(again.status).toBe(200)
    expect(again.body).toEqual(r.body)
    expect(
      peek<{ n: number }>(
        server.dbPath,
        `SELECT COUNT(*) AS n FROM claim_concerns WHERE claim_id = '${claim.claimId}' AND kind = 'paid-extra'`
      )[0].n
    ).toBe(1)
  })

  it('the same key with a different report is IDEMPOTENCY_KEY_REUSED', async () => {
    await api.call('reportClaimConcern', {
      params: params(),
      token: head,
      body: { kind: 'dispute', note: '住院天数算少了' },
      headers: key('b')
    })
    const r = await api.call('reportClaimConcern', {
      params: params(),
      token: head,
      body: { kind: 'dispute', note: '住院天数算错了' },
      headers: key('b')
    })
    expect(r.status).toBe(409)
    expect(r.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
  })

  it('needs an Idempotency-Key', async () => {
    const r = await api.call('reportClaimConcern', {
      params: params(),
      token: head,
      body: { kind: 'dispute', note: '不对' }
    })
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('BAD_REQUEST')
  })

  it('refuses paid-extra without an amount, a negative or zero amount, more than the claim total, a dispute without a note, a note over 200 characters', async () => {
    const over = addYuan(claim.totalCost, '0.01')
    const cases: [unknown, string][] = [
      [{ kind: 'paid-extra' }, 'amount'],
      [{ kind: 'paid-extra', amount: null }, 'amount'],
      [{ kind: 'paid-extra', amount: '-20.00' }, 'amount'],
      [{ kind: 'paid-extra', amount: '0.00' }, 'amount'],
      [{ kind: 'paid-extra', amount: over }, 'amount'],
      [{ kind: 'paid-extra', amount: 20 }, ''],
      [{ kind: 'paid-extra', amount: '20.5' }, ''],
      [{ kind: 'dispute', note: '   ' }, 'note'],
      [{ kind: 'dispute', amount: '20.00', note: '不对' }, 'amount'],
      [{ kind: 'dispute', note: '字'.repeat(201) }, ''],
      [{ kind: 'refund', note: '不对' }, '']
    ]
    for (const [i, [body, field]] of cases.entries()) {
      const r = await api.raw('POST', pathOf('reportClaimConcern', params()), {
        token: head,
        body,
        headers: key(`bad-${i}`)
      })
      expect([i, r.status, r.body.code]).toEqual([i, 400, 'BAD_REQUEST'])
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/)
      if (field) expect(r.body.details.problems[0].field).toBe(field)
    }
    const tooMuch = await api.call('reportClaimConcern', {
      params: params(),
      token: head,
      body: { kind: 'paid-extra', amount: over },
      headers: key('over')
    })
    expect(tooMuch.error.message).toBe(`多交的金额不能超过这次看病的总费用${claim.totalCost}元`)
    // exactly the total is allowed
    expect(
      (
        await api.call('reportClaimConcern', {
          params: params(),
          token: head,
          body: { kind: 'paid-extra', amount: claim.totalCost },
          headers: key('total')
        })
      ).status
    ).toBe(201)
  })

  it("lists the claim's reports in order with their status", async () => {
    const r = await api.call('listClaimConcerns', { params: params(), token: head })
    expect(r.status).toBe(200)
    expect(r.data.claimId).toBe(claim.claimId)
    expect(r.data.concerns.map((c: any) => [c.kind, c.amount, c.status])).toEqual([
      ['paid-extra', '200.50', 'received'],
      ['dispute', null, 'received'],
      ['paid-extra', claim.totalCost, 'received']
    ])
    const numbers = r.data.concerns.map((c: any) => c.trackingNumber)
    expect(new Set(numbers).size).toBe(3)
  })

  it("another household's user gets 404; unknown claims 404", async () => {
    expect(
      (
        await api.call('reportClaimConcern', {
          params: params(),
          token: elder,
          body: { kind: 'dispute', note: '不对' },
          headers: key('elder')
        })
      ).status
    ).toBe(404)
    expect((await api.call('listClaimConcerns', { params: params(), token: elder })).status).toBe(404)
    expect((await api.call('listClaimConcerns', { params: { claimId: 'c_99999' }, token: head })).status).toBe(404)
    expect(
      (
        await api.call('reportClaimConcern', {
          params: { claimId: 'c_99999' },
          body: { kind: 'dispute', note: '不对' },
          token: head,
          headers: key('nope')
        })
      ).status
    ).toBe(404)
  })

  it('a grantee without the claims scope gets 403 as on the claim itself; with it, may report and the access is logged', async () => {
    const inv = await api.call('createInvitation', {
      params: { householdId: 'hh_0001' },
      body: { scopes: ['status'], ttlMinutes: 60 },
      token: head
    })
    const son = await api.wechat('concern-son')
    expect((await api.call('acceptInvitation', { body: { code: inv.data.code }, token: son })).status).toBe(200)
    expect((await api.call('getClaim', { params: { claimId: claim.claimId }, token: son })).status).toBe(403)
    const r = await api.call('reportClaimConcern', {
      params: params(),
      token: son,
      body: { kind: 'dispute', note: '不对' },
      headers: key('son')
    })
    expect([r.status, r.error.code]).toEqual([403, 'FORBIDDEN'])
    expect((await api.call('listClaimConcerns', { params: params(), token: son })).status).toBe(403)

    const g = await api.wechat('grantee')
    const ok = await api.call('reportClaimConcern', {
      params: params(),
      token: g,
      body: { kind: 'dispute', note: '帮妈妈问一下：药费报得太少' },
      headers: key('grantee')
    })
    expect(ok.status).toBe(201)
    const log = await api.call('accessLog', { params: { householdId: 'hh_0001' }, token: head })
    expect(log.data.entries.some((e: any) => e.action === 'report_claim_concern' && e.scope === 'claims')).toBe(true)
  })
})

describe('county staff work through the reports', () => {
  it('lists received reports, moves one to investigating, answers it; the villager sees the answer; an answer is final', async () => {
    const reviewer = await api.wechat('reviewer')
    const mine = await api.call('reportClaimConcern', {
      params: params(),
      token: head,
      body: { kind: 'paid-extra', amount: '88.00', note: '检查费收了两次' },
      headers: key('staff-1')
    })
    expect(mine.status).toBe(201)
    const id = mine.data.concernId

    const received = await api.call('reviewConcerns', { token: reviewer })
    expect(received.status).toBe(200)
    expect(received.data.concerns.map((c: any) => c.concernId)).toContain(id)
    expect(received.data.concerns.every((c: any) => c.status === 'received')).toBe(true)

    // villagers may not use the staff routes
    expect((await api.call('reviewConcerns', { token: head })).status).toBe(403)
    expect(
      (
        await api.call('reviewConcernUpdate', {
          params: { concernId: id },
          body: { status: 'resolved', resolution: '自己答复' },
          token: head
        })
      ).status
    ).toBe(403)

    // checked before anything changes
    expect(
      (
        await api.call('reviewConcernUpdate', {
          params: { concernId: id },
          body: { status: 'resolved' },
          token: reviewer
        })
      ).error.details
    ).toEqual({
      problems: [{ field: 'resolution', problem: 'required' }]
    })
    expect(
      (
        await api.raw('POST', pathOf('reviewConcernUpdate', { concernId: id }), {
          body: { status: 'received' },
          token: reviewer
        })
      ).status
    ).toBe(400)
    expect(
      (
        await api.call('reviewConcernUpdate', {
          params: { concernId: 'fk_nope' },
          body: { status: 'investigating' },
          token: reviewer
        })
      ).status
    ).toBe(404)

    const checking = await api.call('reviewConcernUpdate', {
      params: { concernId: id },
      body: { status: 'investigating' },
      token: reviewer
    })
    expect(checking.body).toMatchObject({ concernId: id, status: 'investigating', resolution: null })
    expect(
      (await api.call('reviewConcerns', { query: { status: 'investigating' }, token: reviewer })).data.concerns.map(
        (c: any) => c.concernId
      )
    ).toContain(id)
    expect(
      (
        await api.call('reviewConcernUpdate', {
          params: { concernId: id },
          body: { status: 'investigating' },
          token: reviewer
        })
      ).error.code
    ).toBe('CONFLICT')

    const answered = await api.call('reviewConcernUpdate', {
      params: { concernId: id },
      body: { status: 'resolved', resolution: '  已责令医院退还88.00元  ' },
      token: reviewer
    })
    expect(answered.body).toMatchObject({ status: 'resolved', resolution: '已责令医院退还88.00元' })
    const seen = (await api.call('listClaimConcerns', { params: params(), token: head })).data.concerns.find(
      (c) => c.concernId === id
    )!
    expect(seen).toMatchObject({
      status: 'resolved',
      resolution: '已责令医院退还88.00元',
      trackingNumber: mine.data.trackingNumber
    })
    const again = await api.call('reviewConcernUpdate', {
      params: { concernId: id },
      body: { status: 'resolved', resolution: '改口' },
      token: reviewer
    })
    expect([again.status, again.error.code]).toEqual([409, 'CONFLICT'])
    expect(
      peek<{ resolution: string }>(server.dbPath, 'SELECT resolution FROM claim_concerns WHERE id = ?', id)
    ).toEqual([{ resolution: '已责令医院退还88.00元' }])
  })
})
