// Tag `claims`: a person's claims for a year with the annual cap used, one claim with the
// calculator's settlement steps, and "多收钱了吗？": a villager reports that the hospital asked for
// more than the settlement shows (paid-extra, with the amount) or disputes the claim (dispute,
// with a note). Whoever may read the claim may report on it and see the reports; each gets a
// tracking number (FK-2026-000123) and a status the county's staff move on: received →
// investigating → resolved (with a resolution).
import type { Category, Claim, ClaimConcern, Step } from '../../../src/contract'
import type { Ctx } from '../context'
import type { ClaimRow, ConcernRow, KeptEstimateRow, UserRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { householdOfPerson, logHouseholdEvent, requireHousehold, requireMember } from '../access'
import { ApiFailure } from '../errors'
import { fenToYuan, yuanToFen } from '../../../src/calculator/money'
import { isoDate, isoTime, yearOf } from '../clock'
import { newId } from '../ids'
import { once, requestHash } from '../idempotency'
import { inTx } from '../db'
import { cachedSeries } from '../policies'
import { withinRate } from '../limits'
import { cursorOf, pageOf } from '../paging'
import { payoutAccount, previewReimbursement } from '../reimbursement'
import { estimateForClaim, keepEstimate, keptView } from '../kept-estimates'

/** A claim row with its patient's name (`SELECT c.*, p.name AS person_name … JOIN persons p`). */
type ClaimWithName = ClaimRow & { person_name: string }
const CLAIM_WITH_NAME = 'SELECT c.*, p.name AS person_name FROM claims c JOIN persons p ON p.id = c.person_id'

function claimView(c: ClaimWithName): Claim {
  return {
    claimId: c.id,
    personId: c.person_id,
    personName: c.person_name,
    year: c.year,
    kind: c.kind,
    institutionId: c.institution_id,
    institutionName: c.institution_name,
    admissionDate: c.admission_date,
    dischargeDate: c.discharge_date,
    totalCost: fenToYuan(c.total_fen),
    eligibleCost: fenToYuan(c.eligible_fen),
    payout: fenToYuan(c.payout_fen),
    selfPaid: fenToYuan(c.self_fen),
    stage: c.stage,
    timeline: JSON.parse(c.timeline) as Claim['timeline'],
    policyVersion: c.policy_version,
    steps: JSON.parse(c.steps) as Step[],
    settlement: c.settlement === null ? null : (JSON.parse(c.settlement) as Claim['settlement'])
  }
}

const MAX_NOTE = 200

function concernView(c: ConcernRow): ClaimConcern {
  return {
    concernId: c.id,
    trackingNumber: c.tracking_number,
    claimId: c.claim_id,
    kind: c.kind,
    amount: c.amount_fen === null ? null : fenToYuan(c.amount_fen),
    note: c.note,
    status: c.status,
    createdAt: isoTime(c.created_at),
    resolution: c.resolution
  }
}

/** The claim, if this user may read it (404 otherwise, 403 for a grantee without the claims scope). */
async function claimFor(
  ctx: Ctx,
  user: UserRow,
  claimId: string,
  action: string
): Promise<{ id: string; total_fen: number }> {
  const c = await ctx.db.get<{ id: string; person_id: string; total_fen: number }>(
    'SELECT id, person_id, total_fen FROM claims WHERE id = ?',
    claimId
  )
  if (!c) throw new ApiFailure('NOT_FOUND')
  await requireHousehold(ctx, user, await householdOfPerson(ctx, c.person_id), 'claims', action)
  return c
}

const bad = (field: string, problem: string, message: string): never => {
  throw new ApiFailure('BAD_REQUEST', { problems: [{ field, problem }] }, message)
}

export const claimsRoutes = (ctx: Ctx): TagHandlers<'claims'> => ({
  // 手工报销: the calculator's steps for the entered inputs (and the reviewer's changes); nothing written
  reviewReimbursementPreview: async ({ params, body, user }) => {
    const { preview, a } = await previewReimbursement(ctx, params.applicationId, body.adjustments ?? [])
    if (a.status !== 'submitted') throw new ApiFailure('CONFLICT', { status: a.status })
    await logHouseholdEvent(ctx, a.household_id, user.id, 'reviewer_previewed_reimbursement', ctx.clock.now(), {
      subject: a.id
    })
    return preview
  },

  // settling writes the claim (once), approves the application and keeps who changed what and why
  reviewReimbursementSettle: async ({ params, body, user }) =>
    await inTx(ctx, async (ctx) => {
      const claimId = newId('c')
      const { preview, settled, a, r } = await previewReimbursement(
        ctx,
        params.applicationId,
        body.adjustments ?? [],
        claimId
      )
      if (a.status !== 'submitted' || r.claim_id !== null)
        throw new ApiFailure(
          'CONFLICT',
          { status: a.status, claimId: r.claim_id },
          a.status === 'approved' ? '这笔手工报销已经结算过了，不会再付一次' : '这份申请现在不能结算'
        )
      const now = ctx.clock.now()
      const today = isoDate(now)
      const i = preview.inputs
      const timeline = [
        { stage: 'accepted' as const, date: isoDate(a.submitted_at) },
        { stage: 'reviewing' as const, date: today }
      ]
      const capRemaining = (settled.raw as { capRemaining?: string | null }).capRemaining ?? null
      await ctx.db.run(
        `INSERT INTO claims (id, person_id, year, kind, institution_id, institution_name, admission_date, discharge_date, total_fen, eligible_fen, payout_fen, self_fen, stage, timeline, policy_version, steps, settlement, cap_remaining_fen)
           VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, 'reviewing', ?, ?, ?, ?, ?)`,
        claimId,
        i.personId,
        Number(i.admissionDate.slice(0, 4)),
        i.careKind,
        i.hospital,
        i.admissionDate,
        i.dischargeDate,
        yuanToFen(i.totalCost),
        settled.eligibleFen,
        settled.payoutFen,
        settled.selfFen,
        JSON.stringify(timeline),
        settled.policyVersion,
        JSON.stringify(settled.steps),
        JSON.stringify(settled.raw),
        capRemaining === null ? null : yuanToFen(capRemaining)
      )
      const done = await ctx.db.run(
        'UPDATE reimbursements SET claim_id = ?, adjustments = ?, settled_by = ?, settled_at = ? WHERE application_id = ? AND claim_id IS NULL',
        claimId,
        JSON.stringify(preview.adjustments),
        user.id,
        now,
        a.id
      )
      if (done.changes !== 1) throw new ApiFailure('CONFLICT', { status: a.status }, '这笔手工报销已经结算过了')
      await ctx.db.run(
        `UPDATE applications SET status = 'approved', reason = NULL, decided_at = ?, decided_by = ? WHERE id = ?`,
        now,
        user.id,
        a.id
      )
      // the household's log and the supervisor's audit: the changes (their reasons kept on the row), the
      // settlement, and that the reviewer was shown the full account to pay into
      if (preview.adjustments.length)
        await logHouseholdEvent(ctx, a.household_id, user.id, 'reviewer_adjusted_reimbursement', now, { subject: a.id })
      await logHouseholdEvent(ctx, a.household_id, user.id, 'reviewer_settled_reimbursement', now, { subject: claimId })
      await logHouseholdEvent(ctx, a.household_id, user.id, 'reviewer_read_payout_account', now, { subject: a.id })
      const claim = (await ctx.db.get<ClaimWithName>(`${CLAIM_WITH_NAME} WHERE c.id = ?`, claimId))!
      return { preview, claim: claimView(claim), payTo: payoutAccount(ctx, r) }
    }),

  listClaims: async ({ params, query, user }) => {
    const householdId = await householdOfPerson(ctx, params.personId)
    await requireHousehold(ctx, user, householdId, 'claims', 'view_claims')
    const today = isoDate(ctx.clock.now())
    const year = query.year ?? Number(today.slice(0, 4))
    const rows = await ctx.db.all<ClaimWithName>(
      `${CLAIM_WITH_NAME} WHERE c.person_id = ? AND c.year = ? ORDER BY c.admission_date`,
      params.personId,
      year
    )
    const claims = rows.map(claimView)
    const p = (await ctx.db.get<{ categories: string; region_code: string }>(
      'SELECT p.categories, h.region_code FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id = ?',
      params.personId
    ))!
    // The year at a glance, as the calculator's year summary counts it from the settlements: the
    // one count the app shows (it adds nothing itself). The coverage year is the one the listed
    // claims were settled in; with none, the one containing today (this year) or the year's start.
    const settlements = claims.flatMap((c) => (c.settlement === null ? [] : [c.settlement]))
    const date =
      settlements[settlements.length - 1]?.coverageYear?.start ??
      (today.startsWith(`${year}-`) ? today : `${year}-01-01`)
    const summary = ctx.calc.yearSummary(await cachedSeries(ctx, p.region_code), settlements, date, {
      categories: JSON.parse(p.categories) as Category[]
    })
    const cap = summary?.annualCap ?? null
    return {
      personId: params.personId,
      year,
      cap: cap?.limit ?? null,
      capUsed: cap?.used ?? '0.00',
      capRemaining: cap?.left ?? null,
      summary,
      claims
    }
  },

  getClaim: async ({ params, user }) => {
    const c = await ctx.db.get<ClaimWithName>(`${CLAIM_WITH_NAME} WHERE c.id = ?`, params.claimId)
    if (!c) throw new ApiFailure('NOT_FOUND')
    const access = await requireHousehold(ctx, user, await householdOfPerson(ctx, c.person_id), 'claims', 'view_claim')
    const claim = claimView(c)
    // an estimate the household kept is its own: shown to its members, not to a granted relative
    // (left out when none matches: the claim reads as it does in the year's list)
    const estimate = access.relation === 'grantee' ? null : await estimateForClaim(ctx, claim)
    return estimate ? { ...claim, estimate } : claim
  },

  keepEstimate: async ({ params, body, user, reply }) => {
    const householdId = await householdOfPerson(ctx, params.personId)
    await requireMember(ctx, user, householdId)
    const kept = await inTx(ctx, async (ctx) => await keepEstimate(ctx, user.id, householdId, params.personId, body))
    void reply.status(201)
    return kept
  },

  listKeptEstimates: async ({ params, user }) => {
    await requireMember(ctx, user, await householdOfPerson(ctx, params.personId))
    const rows = await ctx.db.all<KeptEstimateRow>(
      'SELECT * FROM kept_estimates WHERE person_id = ? ORDER BY kept_at DESC, id DESC',
      params.personId
    )
    return { estimates: rows.map(keptView) }
  },

  deleteKeptEstimate: async ({ params, user }) => {
    const r = await ctx.db.get<{ household_id: string }>(
      'SELECT household_id FROM kept_estimates WHERE id = ?',
      params.estimateId
    )
    if (!r) throw new ApiFailure('NOT_FOUND')
    await requireMember(ctx, user, r.household_id)
    await ctx.db.run('DELETE FROM kept_estimates WHERE id = ?', params.estimateId)
    return { estimateId: params.estimateId, deleted: true as const }
  },

  reportClaimConcern: async ({ params, body, user, req, reply }) => {
    const claim = await claimFor(ctx, user, params.claimId, 'report_claim_concern')
    const note = (body.note ?? '').trim()
    if (note.length > MAX_NOTE) bad('note', 'too_long', '说明最多200个字')
    let amountFen: number | null = null
    if (body.kind === 'paid-extra') {
      if (body.amount === undefined || body.amount === null) bad('amount', 'required', '请填写多交了多少钱')
      amountFen = yuanToFen(body.amount as string)
      if (amountFen <= 0) bad('amount', 'not_positive', '多交的金额要大于0元')
      if (amountFen > claim.total_fen) {
        throw new ApiFailure(
          'BAD_REQUEST',
          { problems: [{ field: 'amount', problem: 'more_than_total' }], totalCost: fenToYuan(claim.total_fen) },
          `多交的金额不能超过这次看病的总费用${fenToYuan(claim.total_fen)}元`
        )
      }
    } else {
      if (body.amount !== undefined && body.amount !== null)
        bad('amount', 'not_allowed', '对报销有疑问时不用填金额，请在说明里写清楚')
      if (note === '') bad('note', 'required', '请简单说一下哪里不对')
    }
    const key = req.headers['idempotency-key'] as string
    const { id, replayed } = await once(
      ctx,
      user.id,
      'reportClaimConcern',
      key,
      requestHash([claim.id, body.kind, amountFen, note]),
      async (ctx) => {
        await withinRate(
          ctx.clock.now(),
          ctx.config.concernLimit,
          async (since) =>
            (await ctx.db.get<{ n: number; first: number | null }>(
              'SELECT COUNT(*) AS n, MIN(created_at) AS first FROM claim_concerns WHERE reported_by = ? AND created_at > ?',
              user.id,
              since
            ))!,
          (w) => `反映的问题太多了，请${w}后再试；着急的话可以打医保局的电话`
        )
        const concernId = newId('fk')
        const now = ctx.clock.now()
        const { seq } = (await ctx.db.get<{ seq: number }>(
          `INSERT INTO claim_concerns (id, claim_id, kind, amount_fen, note, status, reported_by, created_at) VALUES (?, ?, ?, ?, ?, 'received', ?, ?) RETURNING seq`,
          concernId,
          claim.id,
          body.kind,
          amountFen,
          note === '' ? null : note,
          user.id,
          now
        ))!
        await ctx.db.run(
          'UPDATE claim_concerns SET tracking_number = ? WHERE seq = ?',
          `FK-${yearOf(now)}-${String(seq).padStart(6, '0')}`,
          seq
        )
        return concernId
      }
    )
    void reply.status(replayed ? 200 : 201)
    return concernView((await ctx.db.get<ConcernRow>('SELECT * FROM claim_concerns WHERE id = ?', id))!)
  },

  listClaimConcerns: async ({ params, user }) => {
    const claim = await claimFor(ctx, user, params.claimId, 'view_claim_concerns')
    const rows = await ctx.db.all<ConcernRow>('SELECT * FROM claim_concerns WHERE claim_id = ? ORDER BY seq', claim.id)
    return { claimId: claim.id, concerns: rows.map(concernView) }
  },

  // County staff: the reports in one status, oldest first (the order they are worked through)
  reviewConcerns: async ({ query }) => {
    const { limit, after } = pageOf(query)
    const rows = await ctx.db.all<ConcernRow>(
      'SELECT * FROM claim_concerns WHERE status = ? AND seq > ? ORDER BY seq LIMIT ?',
      query.status ?? 'received',
      after.at,
      limit + 1
    )
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return { concerns: page.map(concernView), next: rows.length > limit ? cursorOf(last.seq, last.id) : null }
  },

  // received → investigating → resolved (or straight to resolved); an answer is final
  reviewConcernUpdate: async ({ params, body }) => {
    const resolution = body.resolution?.trim() ?? ''
    if (body.status === 'resolved' && resolution === '') bad('resolution', 'required', '答复时请写明处理结果')
    if (body.status === 'investigating' && resolution !== '')
      bad('resolution', 'not_allowed', '开始核查时不用写答复，核查完再答复')
    return await inTx(ctx, async (ctx) => {
      const c = await ctx.db.get<ConcernRow>('SELECT * FROM claim_concerns WHERE id = ?', params.concernId)
      if (!c) throw new ApiFailure('NOT_FOUND')
      if (c.status === 'resolved' || c.status === body.status)
        throw new ApiFailure(
          'CONFLICT',
          { status: c.status },
          c.status === 'resolved' ? '这件事已经答复过了' : '已经是这个状态'
        )
      await ctx.db.run(
        'UPDATE claim_concerns SET status = ?, resolution = ? WHERE id = ?',
        body.status,
        resolution === '' ? null : resolution,
        c.id
      )
      return concernView((await ctx.db.get<ConcernRow>('SELECT * FROM claim_concerns WHERE id = ?', c.id))!)
    })
  }
})
