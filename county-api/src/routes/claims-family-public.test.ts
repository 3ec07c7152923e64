import { openServerDb } from '../testing/test-db'
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'
import { peek } from '../testing/db-peek'
import { calculator } from '../ports/shared-calculator'
import type { ClaimInput } from '../ports/calculator'
import { yearSummary, type PolicyDocument, type Settlement } from '../../../src/calculator'
import { addYuan, compareYuan, yuanToFen } from '../../../src/calculator/money'

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

afterAll(async () => {
  await server?.stop()
})

async function firstClaimYear(personId: string, token: string): Promise<{ year: number; body: any }> {
  for (const year of [2026, 2025, 2024]) {
    const r = await api.call('listClaims', { params: { personId }, query: { year }, token })
    if (r.data.claims?.length) return { year, body: r.body }
  }
  throw new Error('no claims')
}

/** Settles an outpatient visit at a village clinic on 31 Dec of the year (after every seeded claim) and stores it as the seed does. */
async function addVisit(dbPath: string, personId: string, year: number): Promise<Settlement> {
  const db = await openServerDb(dbPath)
  try {
    const p = (await db.get<{
      birth_date: string
      categories: string
    }>('SELECT birth_date, categories FROM persons WHERE id = ?', personId))!
    const e = (await db.get<{ coverage_start: string; coverage_end: string; waiting_end: string | null }>(
      'SELECT coverage_start, coverage_end, waiting_end FROM enrolments WHERE person_id = ? AND year = ?',
      personId,
      year
    ))!
    const years = (await db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM enrolments WHERE person_id = ? AND year < ? AND status = 'enrolled'`,
      personId,
      year
    ))!.n
    const last = (await db.get<{ settlement: string }>(
      'SELECT settlement FROM claims WHERE person_id = ? AND year = ? ORDER BY admission_date DESC LIMIT 1',
      personId,
      year
    ))!
    const inst = (await db.get<{ id: string; name: string; grade: string; ownership: 'public' | 'private' }>(
      `SELECT id, name, grade, ownership FROM institutions WHERE level = 'village' AND agreement_status = 'active' LIMIT 1`
    ))!
    const date = `${year}-12-31`
    const claim: ClaimInput = {
      claimId: `c_visit_${year}`,
      kind: 'outpatient',
      institutionLevel: 'village',
      institutionGrade: inst.grade,
      ownership: inst.ownership,
      admissionDate: date,
      dischargeDate: null,
      totalFen: 15000,
      excludedFen: 0,
      referred: true
    }
    const s = calculator.settle(
      calculator.shippedPolicies(),
      {
        birthDate: p.birth_date,
        categories: JSON.parse(p.categories),
        continuousYears: years,
        enrolment: { benefitStart: e.waiting_end ?? e.coverage_start, benefitEnd: e.coverage_end }
      },
      claim,
      (JSON.parse(last.settlement) as Settlement).historyAfter,
      date
    )
    const raw = s.raw as Settlement
    await db.run(
      `INSERT INTO claims (id, person_id, year, kind, institution_id, institution_name, admission_date, discharge_date, total_fen, eligible_fen, payout_fen, self_fen, stage, timeline, policy_version, steps, settlement, cap_remaining_fen)
      VALUES (?, ?, ?, 'outpatient', ?, ?, ?, NULL, ?, ?, ?, ?, 'accepted', ?, ?, ?, ?, ?)`,
      claim.claimId,
      personId,
      year,
      inst.id,
      inst.name,
      date,
      claim.totalFen,
      s.eligibleFen,
      s.payoutFen,
      s.selfFen,
      JSON.stringify([{ stage: 'accepted', date }]),
      s.policyVersion,
      JSON.stringify(s.steps),
      JSON.stringify(raw),
      raw.capRemaining === null ? null : yuanToFen(raw.capRemaining)
    )
    return { ...raw, claimId: claim.claimId }
  } finally {
    await db.close()
  }
}

describe('claims', () => {
  it("lists a person's claims with the settlement, timeline and cap use", async () => {
    const { body } = await firstClaimYear('p_0001', head)
    expect(body.cap).toBe('200000.00')
    expect(addYuan(body.capUsed, body.capRemaining!)).toBe(body.cap)
    for (const c of body.claims) {
      expect(addYuan(c.payout, c.selfPaid)).toBe(c.totalCost)
      expect(c.policyVersion).toMatch(/^\d{4}\.1$/)
      expect(c.steps.length).toBeGreaterThan(0)
      expect(c.steps[0]).toHaveProperty('rule')
      expect(c.settlement.policyVersion).toBe(c.policyVersion)
      expect(c.timeline[0].stage).toBe('accepted')
      expect(c.timeline.map((t: any) => t.date)).toEqual([...c.timeline.map((t: any) => t.date)].sort())
      expect(c.stage).toBe(c.timeline[c.timeline.length - 1].stage)
    }
    const one = await api.call('getClaim', { params: { claimId: body.claims[0].claimId }, token: head })
    expect(one.body).toEqual(body.claims[0])
  })

  it("capUsed is the basic fund counted against the annual cap, also when the year's last claim is outpatient (issue 4/7)", async () => {
    // A seeded person-year with an inpatient stay, then (constructed) an outpatient visit at the
    // end of that year: the visit's capRemaining is what is left of the outpatient limit.
    const [stay] = peek<{ person_id: string; year: number }>(
      server.dbPath,
      `
      SELECT c.person_id, c.year FROM claims c JOIN persons p ON p.id = c.person_id
      WHERE p.household_id = 'hh_0001' AND c.kind = 'inpatient' AND c.payout_fen > 0 AND c.year < 2026
      ORDER BY c.person_id, c.year LIMIT 1`
    )
    expect(stay).toBeDefined()
    const visit = await addVisit(server.dbPath, stay.person_id, stay.year)
    expect(visit.capRemaining).not.toBeNull()

    const body = await api.ok('listClaims', {
      params: { personId: stay.person_id },
      query: { year: stay.year },
      token: head
    })
    expect(body.claims[body.claims.length - 1].claimId).toBe(visit.claimId)
    // the demo policy's annual cap covers inpatient and special-outpatient (chronic) claims, not outpatient visits
    const counted = addYuan(...body.claims.filter((c) => c.kind !== 'outpatient').map((c) => c.settlement!.basicFund))
    expect(compareYuan(counted, '0.00')).toBe(1)
    expect(body.capUsed).toBe(counted)
    // the calculator's own running total agrees
    expect(body.capUsed).toBe(visit.historyAfter.fundPaid)
    expect(addYuan(body.capUsed, body.capRemaining!)).toBe(body.cap)
    // and they are the calculator's year summary of the stored settlements, figure for figure
    const summary = yearSummary(
      calculator.shippedPolicies().map((r) => r.document as PolicyDocument),
      body.claims.map((c) => c.settlement!),
      `${stay.year}-06-30`
    )
    expect(summary.annualCap).toEqual({ limit: body.cap, used: body.capUsed, left: body.capRemaining })
    // the whole year summary is sent with the list, so the app shows it instead of adding
    expect(body.summary).toEqual(summary)
  })

  it('sends each year summary with the list: also for a year without claims (limits, zero used)', async () => {
    const { year, body } = await firstClaimYear('p_0001', head)
    const settled = body.claims.map((c: any) => c.settlement as Settlement)
    const series = calculator.shippedPolicies().map((r) => r.document as PolicyDocument)
    expect(body.summary).toEqual(yearSummary(series, settled, settled[settled.length - 1].coverageYear.start))
    expect(body.summary.claims).toBe(body.claims.length)
    expect(body.summary.total).toBe(addYuan(...body.claims.map((c: any) => c.totalCost)))
    // 2027: no claim yet; the summary gives that year's limits with nothing used
    const next = await api.ok('listClaims', { params: { personId: 'p_0001' }, query: { year: 2027 }, token: head })
    expect(next.claims).toEqual([])
    expect(next.summary).toEqual(yearSummary(series, [], '2027-01-01'))
    expect(next.summary!.annualCap!.used).toBe('0.00')
    void year
  })

  it("refuses another household's person and claim (404), and unknown ids", async () => {
    const { body } = await firstClaimYear('p_0001', head)
    expect(
      (await api.call('listClaims', { params: { personId: 'p_0001' }, query: { year: 2026 }, token: elder })).status
    ).toBe(404)
    expect((await api.call('getClaim', { params: { claimId: body.claims[0].claimId }, token: elder })).status).toBe(404)
    expect((await api.call('getClaim', { params: { claimId: 'c_99999' }, token: head })).status).toBe(404)
    expect((await api.call('listClaims', { params: { personId: 'p_9999' }, token: head })).status).toBe(404)
  })
})

describe('family access', () => {
  it('the head invites with chosen scopes; the grantee sees only those; every access is logged; the head revokes', async () => {
    const inv = await api.call('createInvitation', {
      params: { householdId: 'hh_0002' },
      body: { scopes: ['status'], ttlMinutes: 60 },
      token: elder
    })
    expect(inv.status).toBe(201)
    expect(inv.data.code).toMatch(/^\d{12}$/)
    expect(inv.data.qrPayload).toContain(inv.data.code)
    const son = await api.wechat('elder-son')
    const grant = await api.call('acceptInvitation', { body: { code: inv.data.code }, token: son })
    expect(grant.status).toBe(200)
    expect(grant.data.scopes).toEqual(['status'])
    // single use
    expect(
      (await api.call('acceptInvitation', { body: { code: inv.data.code }, token: await api.wechat('someone-else') }))
        .error.code
    ).toBe('INVITATION_INVALID')

    const me = await api.call('me', { token: son })
    expect(me.data.households).toEqual([
      expect.objectContaining({ householdId: 'hh_0002', relation: 'grantee', scopes: ['status'] })
    ])
    const hh = await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: son })
    expect(hh.status).toBe(200)
    expect(hh.data.members.every((m: any) => m.idNumberMasked)).toBe(true)
    // no claims scope, no pay scope
    expect((await api.call('listClaims', { params: { personId: hh.data.headPersonId }, token: son })).status).toBe(403)
    expect((await api.call('getQuote', { params: { householdId: 'hh_0002' }, token: son })).status).toBe(403)
    expect(
      (
        await api.call('createOrder', {
          body: { householdId: 'hh_0002', year: 2027, channel: 'h5' },
          token: son,
          headers: {
            'idempotency-key': 'grantee-key-1'
          }
        })
      ).status
    ).toBe(403)
    // grantees cannot manage grants or read the log
    expect((await api.call('listGrants', { params: { householdId: 'hh_0002' }, token: son })).status).toBe(403)
    expect((await api.call('accessLog', { params: { householdId: 'hh_0002' }, token: son })).status).toBe(403)

    const log = await api.call('accessLog', { params: { householdId: 'hh_0002' }, token: elder })
    expect(log.data.entries.map((e: any) => e.action)).toContain('view_household')
    expect(log.data.entries[0]).toMatchObject({ scope: 'status', granteeName: expect.any(String) })

    const grants = await api.call('listGrants', { params: { householdId: 'hh_0002' }, token: elder })
    expect(grants.data.grants.map((g: any) => g.grantId)).toContain(grant.data.grantId)
    const revoked = await api.call('revokeGrant', { params: { grantId: grant.data.grantId }, token: elder })
    expect(revoked.data.revokedAt).toMatch(/\+08:00$/)
    expect((await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: son })).status).toBe(404)
  })

  it('the seeded grantee with the pay scope can quote and pay for her parents', async () => {
    const g = await api.wechat('grantee')
    expect(
      (await api.call('getQuote', { params: { householdId: 'hh_0001' }, query: { year: 2027 }, token: g })).status
    ).toBe(200)
    const claims = await api.call('listClaims', { params: { personId: 'p_0001' }, query: { year: 2026 }, token: g })
    expect(claims.status).toBe(200)
    const log = await api.call('accessLog', { params: { householdId: 'hh_0001' }, token: head })
    expect(log.data.entries.some((e: any) => e.action === 'view_claims' && e.granteeName === '王小燕')).toBe(true)
  })

  it('only the head invites, lists and revokes; others get 403/404', async () => {
    expect(
      (
        await api.call('createInvitation', {
          params: { householdId: 'hh_0001' },
          body: { scopes: ['pay'] },
          token: elder
        })
      ).status
    ).toBe(404)
    expect(
      (await api.call('createInvitation', { params: { householdId: 'hh_0001' }, body: { scopes: [] }, token: head }))
        .status
    ).toBe(400)
    expect(
      (
        await api.raw('POST', '/v1/households/hh_0001/invitations', {
          body: { scopes: ['admin'] },
          token: head
        })
      ).status
    ).toBe(400)
    const g = await api.wechat('grantee')
    expect(
      (await api.call('createInvitation', { params: { householdId: 'hh_0001' }, body: { scopes: ['pay'] }, token: g }))
        .status
    ).toBe(403)
    expect((await api.call('revokeGrant', { params: { grantId: 'g_demo' }, token: elder })).status).toBe(404)
    expect((await api.call('revokeGrant', { params: { grantId: 'g_nope' }, token: head })).status).toBe(404)
    expect((await api.call('listGrants', { params: { householdId: 'hh_0001' }, token: elder })).status).toBe(404)
  })

  it('expired and unknown invitation codes are refused; a member cannot accept for their own household', async () => {
    const inv = await api.call('createInvitation', {
      params: { householdId: 'hh_0001' },
      body: { scopes: ['pay'], ttlMinutes: 5 },
      token: head
    })
    expect((await api.call('acceptInvitation', { body: { code: inv.data.code }, token: head })).error.code).toBe(
      'CONFLICT'
    )
    const t0 = await api.now()
    await api.setNow(t0 + 6 * 60_000)
    try {
      expect(
        (await api.call('acceptInvitation', { body: { code: inv.data.code }, token: await api.wechat('late') })).error
          .code
      ).toBe('INVITATION_INVALID')
    } finally {
      await api.setNow(t0) // back where it was
    }
    expect((await api.call('acceptInvitation', { body: { code: '00000000' }, token: head })).error.code).toBe(
      'INVITATION_INVALID'
    )
  })
})

describe('institutions and notices (public)', () => {
  it('lists 30 designated institutions with agreement status, filters, and shows one', async () => {
    const all = await api.call('listInstitutions', {})
    expect(all.data.institutions).toHaveLength(30)
    const statuses = new Set(all.data.institutions.map((i: any) => i.agreement.status))
    expect([...statuses].sort()).toEqual(['active', 'suspended', 'terminated'])
    const county = await api.call('listInstitutions', { query: { level: 'county' } })
    expect(county.data.institutions.length).toBeGreaterThan(0)
    expect(county.data.institutions.every((i: any) => i.level === 'county')).toBe(true)
    const one = await api.call('getInstitution', { params: { institutionId: all.data.institutions[0].institutionId } })
    expect(one.body).toEqual(all.data.institutions[0])
    expect((await api.call('getInstitution', { params: { institutionId: 'inst_999' } })).status).toBe(404)
  })

  it('publishes announcements and payout disclosures with masked names only', async () => {
    const r = await api.call('listNotices', {})
    expect(r.data.notices.some((n: any) => n.kind === 'announcement')).toBe(true)
    const disclosures = (await api.call('listNotices', { query: { kind: 'payout_disclosure' } })).data.notices
    expect(disclosures.length).toBeGreaterThan(0)
    for (const n of disclosures)
      for (const e of n.entries) {
        expect(e.nameMasked).toMatch(/^\S\**(·\**)?$/u)
        expect(e.payout).toMatch(/^\d+\.\d{2}$/)
      }
  })
})
