import Decimal from 'decimal.js'
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'

let server: SpawnedServer
let api: Client
let head: string
let elder: string

// Real server over HTTP on a shared machine: allow for a slow moment, never a hang.
jest.setTimeout(30_000)

beforeAll(async () => {
  server = await spawnServer({ households: 30 })
  api = client(server.url)
  head = await api.wechat('head')
  elder = await api.wechat('elder')
}, 60_000)

afterAll(async () => { await server?.stop() })

async function firstClaimYear(personId: string, token: string): Promise<{ year: number; body: any }> {
  for (const year of [2026, 2025, 2024]) {
    const r = await api.get(`/v1/persons/${personId}/claims?year=${year}`, token)
    if (r.body.claims?.length) return { year, body: r.body }
  }
  throw new Error('no claims')
}

describe('claims', () => {
  it('lists a person\'s claims with the settlement, timeline and cap use', async () => {
    const { body } = await firstClaimYear('p_0001', head)
    expect(body.cap).toBe('200000.00')
    expect(new Decimal(body.capUsed).plus(body.capRemaining).toFixed(2)).toBe(body.cap)
    for (const c of body.claims) {
      expect(new Decimal(c.payout).plus(c.selfPaid).toFixed(2)).toBe(c.totalCost)
      expect(c.policyVersion).toMatch(/^\d{4}\.1$/)
      expect(c.steps.length).toBeGreaterThan(0)
      expect(c.steps[0]).toHaveProperty('rule')
      expect(c.settlement.policyVersion).toBe(c.policyVersion)
      expect(c.timeline[0].stage).toBe('accepted')
      expect(c.timeline.map((t: any) => t.date)).toEqual([...c.timeline.map((t: any) => t.date)].sort())
      expect(c.stage).toBe(c.timeline[c.timeline.length - 1].stage)
    }
    const one = await api.get(`/v1/claims/${body.claims[0].claimId}`, head)
    expect(one.body).toEqual(body.claims[0])
  })

  it('refuses another household\'s person and claim (404), and unknown ids', async () => {
    const { body } = await firstClaimYear('p_0001', head)
    expect((await api.get('/v1/persons/p_0001/claims?year=2026', elder)).status).toBe(404)
    expect((await api.get(`/v1/claims/${body.claims[0].claimId}`, elder)).status).toBe(404)
    expect((await api.get('/v1/claims/c_99999', head)).status).toBe(404)
    expect((await api.get('/v1/persons/p_9999/claims', head)).status).toBe(404)
  })
})

describe('family access', () => {
  it('the head invites with chosen scopes; the grantee sees only those; every access is logged; the head revokes', async () => {
    const inv = await api.post('/v1/households/hh_0002/invitations', { scopes: ['status'], ttlMinutes: 60 }, elder)
    expect(inv.status).toBe(201)
    expect(inv.body.code).toMatch(/^\d{8}$/)
    expect(inv.body.qrPayload).toContain(inv.body.code)
    const son = await api.wechat('elder-son')
    const grant = await api.post('/v1/invitations/accept', { code: inv.body.code }, son)
    expect(grant.status).toBe(200)
    expect(grant.body.scopes).toEqual(['status'])
    // single use
    expect((await api.post('/v1/invitations/accept', { code: inv.body.code }, await api.wechat('someone-else'))).body.code).toBe('INVITATION_INVALID')

    const me = await api.get('/v1/me', son)
    expect(me.body.households).toEqual([expect.objectContaining({ householdId: 'hh_0002', relation: 'grantee', scopes: ['status'] })])
    const hh = await api.get('/v1/households/hh_0002', son)
    expect(hh.status).toBe(200)
    expect(hh.body.members.every((m: any) => m.idNumberMasked)).toBe(true)
    // no claims scope, no pay scope
    expect((await api.get(`/v1/persons/${hh.body.headPersonId}/claims`, son)).status).toBe(403)
    expect((await api.get('/v1/households/hh_0002/quote', son)).status).toBe(403)
    expect((await api.post('/v1/orders', { householdId: 'hh_0002', year: 2027, channel: 'h5' }, son, { 'idempotency-key': 'grantee-key-1' })).status).toBe(403)
    // grantees cannot manage grants or read the log
    expect((await api.get('/v1/households/hh_0002/grants', son)).status).toBe(403)
    expect((await api.get('/v1/households/hh_0002/access-log', son)).status).toBe(403)

    const log = await api.get('/v1/households/hh_0002/access-log', elder)
    expect(log.body.entries.map((e: any) => e.action)).toContain('view_household')
    expect(log.body.entries[0]).toMatchObject({ scope: 'status', granteeName: expect.any(String) })

    const grants = await api.get('/v1/households/hh_0002/grants', elder)
    expect(grants.body.grants.map((g: any) => g.grantId)).toContain(grant.body.grantId)
    const revoked = await api.del(`/v1/grants/${grant.body.grantId}`, elder)
    expect(revoked.body.revokedAt).toMatch(/\+08:00$/)
    expect((await api.get('/v1/households/hh_0002', son)).status).toBe(404)
  })

  it('the seeded grantee with the pay scope can quote and pay for her parents', async () => {
    const g = await api.wechat('grantee')
    expect((await api.get('/v1/households/hh_0001/quote?year=2027', g)).status).toBe(200)
    const claims = await api.get('/v1/persons/p_0001/claims?year=2026', g)
    expect(claims.status).toBe(200)
    const log = await api.get('/v1/households/hh_0001/access-log', head)
    expect(log.body.entries.some((e: any) => e.action === 'view_claims' && e.granteeName === '王小燕')).toBe(true)
  })

  it('only the head invites, lists and revokes; others get 403/404', async () => {
    expect((await api.post('/v1/households/hh_0001/invitations', { scopes: ['pay'] }, elder)).status).toBe(404)
    expect((await api.post('/v1/households/hh_0001/invitations', { scopes: [] }, head)).status).toBe(400)
    expect((await api.post('/v1/households/hh_0001/invitations', { scopes: ['admin'] }, head)).status).toBe(400)
    const g = await api.wechat('grantee')
    expect((await api.post('/v1/households/hh_0001/invitations', { scopes: ['pay'] }, g)).status).toBe(403)
    expect((await api.del('/v1/grants/g_demo', elder)).status).toBe(404)
    expect((await api.del('/v1/grants/g_nope', head)).status).toBe(404)
    expect((await api.get('/v1/households/hh_0001/grants', elder)).status).toBe(404)
  })

  it('expired and unknown invitation codes are refused; a member cannot accept for their own household', async () => {
    const inv = await api.post('/v1/households/hh_0001/invitations', { scopes: ['pay'], ttlMinutes: 5 }, head)
    expect((await api.post('/v1/invitations/accept', { code: inv.body.code }, head)).body.code).toBe('CONFLICT')
    await api.post('/__test/clock', { now: new Date(Date.now() + 6 * 60_000).toISOString() })
    try {
      expect((await api.post('/v1/invitations/accept', { code: inv.body.code }, await api.wechat('late'))).body.code).toBe('INVITATION_INVALID')
    } finally {
      await api.post('/__test/clock', { now: new Date().toISOString() })
    }
    expect((await api.post('/v1/invitations/accept', { code: '00000000' }, head)).body.code).toBe('INVITATION_INVALID')
  })
})

describe('institutions and notices (public)', () => {
  it('lists 30 designated institutions with agreement status, filters, and shows one', async () => {
    const all = await api.get('/v1/institutions')
    expect(all.body.institutions).toHaveLength(30)
    const statuses = new Set(all.body.institutions.map((i: any) => i.agreement.status))
    expect([...statuses].sort()).toEqual(['active', 'suspended', 'terminated'])
    const county = await api.get('/v1/institutions?level=county')
    expect(county.body.institutions.length).toBeGreaterThan(0)
    expect(county.body.institutions.every((i: any) => i.level === 'county')).toBe(true)
    const one = await api.get(`/v1/institutions/${all.body.institutions[0].institutionId}`)
    expect(one.body).toEqual(all.body.institutions[0])
    expect((await api.get('/v1/institutions/inst_999')).status).toBe(404)
  })

  it('publishes announcements and payout disclosures with masked names only', async () => {
    const r = await api.get('/v1/notices')
    expect(r.body.notices.some((n: any) => n.kind === 'announcement')).toBe(true)
    const disclosures = (await api.get('/v1/notices?kind=payout_disclosure')).body.notices
    expect(disclosures.length).toBeGreaterThan(0)
    for (const n of disclosures) for (const e of n.entries) {
      expect(e.nameMasked).toMatch(/^\S\**(·\**)?$/u)
      expect(e.payout).toMatch(/^\d+\.\d{2}$/)
    }
  })
})
