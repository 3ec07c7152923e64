// Tag `enrol`: remote enrolment, applications made online (a new member: newborn, marriage, return;
// an ID number for a child enrolled by birth certificate; renewing from afar; 异地就医备案; 门诊慢特病
// certification, for a disease the policy in force lists: approving records it), their
// documents, and the county's staff deciding on them (approving adds the member, unpaid).
// Bounded per account (APPLICATION_LIMIT, UPLOAD_LIMIT); documents are stored encrypted
// (at-rest.ts); every reviewer's read of an application or a document is in the household's log.
import fs from 'node:fs'
import path from 'node:path'
import type { Application, ApplicationFields, ApplicationKind } from '../../../src/contract'
import type { Ctx } from '../context'
import type { ApplicationRow, DocumentRow, UserRow } from '../db/rows'
import type { TagHandlers } from './handler'
import { logHouseholdEvent, relationTo, requireMember } from '../access'
import { decideConsentForm, requireConsentFormAccess } from '../assist'
import { decryptDocument, encryptDocument } from '../at-rest'
import { withinRate } from '../limits'
import { cursorOf, pageOf } from '../paging'
import { sendBytes } from './handler'
import { ApiFailure } from '../errors'
import { isoDate, isoTime } from '../clock'
import { newId, sha256 } from '../ids'
import { once, requestHash } from '../idempotency'
import {
  checkIdNumber,
  idNumberBirthDate,
  idNumberSex,
  maskBirthCertificate,
  maskIdNumber
} from '../../../src/shared/id-number'
import { computeQuote, defaultYear } from '../pay/quote'
import { inTx, mapInOrder } from '../db'
import { certificationsOf, certify, listedDiseases } from '../chronic'
import { keepPayoutAccount, payoutView, reimbursementOf, validateReimbursement } from '../reimbursement'

const MAX_DOCUMENTS = 10
// Magic numbers: the declared type must match the bytes.
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'
}

/** An application as its household (and the county staff) see it. */
export async function applicationView(ctx: Ctx, a: ApplicationRow): Promise<Application> {
  const docs = await ctx.db.all<DocumentRow>(
    'SELECT * FROM documents WHERE application_id = ? ORDER BY uploaded_at',
    a.id
  )
  const fields = JSON.parse(a.fields) as ApplicationFields
  // 手工报销: the payout account only masked (the full number is the settling reviewer's alone)
  if (a.kind === 'reimbursement') Object.assign(fields, payoutView(await reimbursementOf(ctx, a.id)))
  // The applicant's own household sees the fields; a full ID number is shown only masked after submission.
  if (fields.idNumber) fields.idNumber = maskIdNumber(fields.idNumber)
  if (fields.birthCertificateNumber) fields.birthCertificateNumber = maskBirthCertificate(fields.birthCertificateNumber)
  return {
    applicationId: a.id,
    householdId: a.household_id,
    kind: a.kind,
    status: a.status,
    fields,
    reason: a.reason,
    documents: docs.map((d) => ({
      documentId: d.id,
      fileName: d.file_name,
      contentType: d.content_type,
      size: d.size,
      uploadedAt: isoTime(d.uploaded_at)
    })),
    submittedAt: isoTime(a.submitted_at),
    decidedAt: a.decided_at === null ? null : isoTime(a.decided_at)
  }
}

/** + n years; 29 Feb becomes 28 Feb (as dayjs does in the app's check) */
function addYears(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number)
  const last = new Date(Date.UTC(y + n, m, 0)).getUTCDate()
  return new Date(Date.UTC(y + n, m - 1, Math.min(day, last))).toISOString().slice(0, 10)
}

/** 2026-02-30 is not a day */
function isRealDate(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d
}

async function validateFields(
  ctx: Ctx,
  householdId: string,
  kind: ApplicationKind,
  f: ApplicationFields
): Promise<ApplicationFields> {
  const problems: { field: string; problem: string }[] = []
  const need = (k: keyof ApplicationFields) => {
    if (f[k] === undefined) problems.push({ field: k, problem: 'required' })
  }
  let out: ApplicationFields = { ...f }
  if (kind === 'add_newborn' || kind === 'add_marriage' || kind === 'add_return') {
    need('name')
    need('relation')
    // a newborn may not have an ID number yet: the birth certificate stands in for it
    const byCertificate = kind === 'add_newborn' && f.idNumber === undefined
    if (!byCertificate) need('idNumber')
    else {
      need('birthCertificateNumber')
      need('birthDate')
      need('sex')
      if (f.birthDate && !isRealDate(f.birthDate)) problems.push({ field: 'birthDate', problem: 'not_a_date' })
      else if (f.birthDate && f.birthDate > isoDate(ctx.clock.now()))
        problems.push({ field: 'birthDate', problem: 'in_future' })
      else if (f.birthDate && addYears(f.birthDate, 1) <= isoDate(ctx.clock.now()))
        problems.push({ field: 'birthDate', problem: 'not_newborn' })
      if (
        f.birthCertificateNumber &&
        (await ctx.db.get('SELECT 1 FROM persons WHERE birth_certificate_number = ?', f.birthCertificateNumber))
      ) {
        problems.push({ field: 'birthCertificateNumber', problem: 'already_insured' })
      }
    }
    if (!byCertificate) {
      // with an ID number, birth date and sex are read from it; a newborn's certificate number is
      // kept (and must not be someone else's); nobody else has one to give
      delete out.birthDate
      delete out.sex
      if (kind !== 'add_newborn') delete out.birthCertificateNumber
      else if (
        f.birthCertificateNumber &&
        (await ctx.db.get('SELECT 1 FROM persons WHERE birth_certificate_number = ?', f.birthCertificateNumber))
      ) {
        problems.push({ field: 'birthCertificateNumber', problem: 'already_insured' })
      }
    }
    if (f.idNumber) {
      const c = checkIdNumber(f.idNumber)
      if (!c.ok) problems.push({ field: 'idNumber', problem: c.problem })
      else {
        out = { ...out, idNumber: c.value }
        if (await ctx.db.get('SELECT 1 FROM persons WHERE id_number = ?', c.value))
          problems.push({ field: 'idNumber', problem: 'already_insured' })
      }
    }
  } else {
    need('personId')
    if (
      f.personId &&
      !(await ctx.db.get('SELECT 1 FROM persons WHERE id = ? AND household_id = ?', f.personId, householdId))
    )
      problems.push({ field: 'personId', problem: 'not_a_member' })
    if (kind === 'renew_remote') need('year')
    if (kind === 'add_id_number') {
      // a child enrolled by birth certificate now has an ID number: it must be theirs
      need('idNumber')
      const p = f.personId
        ? await ctx.db.get<{ id_number: string | null; birth_date: string; sex: string }>(
            'SELECT id_number, birth_date, sex FROM persons WHERE id = ? AND household_id = ?',
            f.personId,
            householdId
          )
        : undefined
      if (p && p.id_number !== null) problems.push({ field: 'personId', problem: 'already_has_id' })
      if (f.idNumber) {
        const c = checkIdNumber(f.idNumber)
        if (!c.ok) problems.push({ field: 'idNumber', problem: c.problem })
        else {
          out = { personId: f.personId, idNumber: c.value }
          if (await ctx.db.get('SELECT 1 FROM persons WHERE id_number = ?', c.value))
            problems.push({ field: 'idNumber', problem: 'already_insured' })
          else if (p && idNumberBirthDate(c.value) !== p.birth_date)
            problems.push({ field: 'idNumber', problem: 'birthdate_mismatch' })
          else if (p && idNumberSex(c.value) !== p.sex) problems.push({ field: 'idNumber', problem: 'sex_mismatch' })
        }
      }
    }
    if (kind === 'out_of_area_care') {
      need('destination')
      need('from')
      need('to')
      if (f.from && f.to && f.from > f.to) problems.push({ field: 'to', problem: 'before_from' })
    }
    if (kind === 'chronic_disease') {
      need('diseaseCode')
      need('hospital')
      need('diagnosisDate')
      const today = isoDate(ctx.clock.now())
      if (f.diagnosisDate && !isRealDate(f.diagnosisDate))
        problems.push({ field: 'diagnosisDate', problem: 'not_a_date' })
      else if (f.diagnosisDate && f.diagnosisDate > today)
        problems.push({ field: 'diagnosisDate', problem: 'in_future' })
      if (f.diseaseCode) {
        const region = (await ctx.db.get<{ region_code: string }>(
          'SELECT region_code FROM households WHERE id = ?',
          householdId
        ))!.region_code
        if (!(await listedDiseases(ctx, region, today)).has(f.diseaseCode))
          throw new ApiFailure(
            'BAD_REQUEST',
            { problems: [{ field: 'diseaseCode', problem: 'not_listed' }] },
            '这个病不在本县门诊慢特病的名单里，请从名单里选'
          )
        if (f.personId && (await certificationsOf(ctx, f.personId, today)).some((c) => c.code === f.diseaseCode))
          problems.push({ field: 'diseaseCode', problem: 'already_certified' })
      }
      out = { personId: f.personId, diseaseCode: f.diseaseCode, hospital: f.hospital, diagnosisDate: f.diagnosisDate }
    }
  }
  if (problems.length) throw new ApiFailure('BAD_REQUEST', { problems })
  return out
}

/** Would paying for `year` today still give this person some cover (the newborn rule, the waiting period)? */
async function coveredIfPaidNow(ctx: Ctx, householdId: string, year: number, personId: string): Promise<boolean> {
  try {
    const line = (await computeQuote(ctx, householdId, year, { only: [personId], steps: false })).quote.lines.find(
      (l) => l.personId === personId
    )
    return !!line && line.benefitStart <= line.benefitEnd
  } catch {
    return false // no policy for that year: nothing to offer
  }
}

/** County staff: reviewers and their supervisor. */
const isStaff = (user: UserRow) => user.role === 'reviewer' || user.role === 'supervisor'

/**
 * Who may apply for a household: its head and members; and an assistant (村医, 协管员) acting with
 * the household's consent for a newborn's enrolment (assist.ts), each step logged under the consent.
 */
async function requireApplicant(
  ctx: Ctx,
  user: UserRow,
  householdId: string,
  action: string,
  kind?: ApplicationKind
): Promise<void> {
  if (user.role === 'assistant') {
    const access = await relationTo(ctx, user, householdId)
    if (!access) throw new ApiFailure('NOT_FOUND')
    if (!access.mayEnrol || (kind !== undefined && kind !== 'add_newborn')) throw new ApiFailure('FORBIDDEN')
    await logHouseholdEvent(ctx, householdId, user.id, `assistant_${action}`, ctx.clock.now(), {
      subject: access.consentId
    })
    return
  }
  await requireMember(ctx, user, householdId)
}

async function load(ctx: Ctx, id: string): Promise<ApplicationRow> {
  const a = await ctx.db.get<ApplicationRow>('SELECT * FROM applications WHERE id = ?', id)
  if (!a) throw new ApiFailure('NOT_FOUND')
  return a
}

export const enrolRoutes = (ctx: Ctx): TagHandlers<'enrol'> => ({
  createApplication: async ({ body, user, req, reply }) => {
    if (body.kind === 'assist_consent')
      throw new ApiFailure(
        'BAD_REQUEST',
        { field: 'kind', problem: 'assist_only' },
        '代办同意书由代办人在代办页提交，这里不能申请'
      )
    await requireApplicant(ctx, user, body.householdId, 'create_application', body.kind)
    const { id, replayed } = await once(
      ctx,
      user.id,
      'createApplication',
      req.headers['idempotency-key'] as string | undefined,
      requestHash(body),
      async (ctx) => {
        await withinRate(
          ctx.clock.now(),
          ctx.config.applicationLimit,
          async (since) =>
            (await ctx.db.get<{ n: number; first: number | null }>(
              'SELECT COUNT(*) AS n, MIN(submitted_at) AS first FROM applications WHERE submitted_by = ? AND submitted_at > ?',
              user.id,
              since
            ))!,
          (w) => `网上申请提交得太多了，请${w}后再试；着急的话可以到乡镇医保经办点办理`
        )
        // 手工报销: the payout account leaves the fields here and is kept sealed beside them
        const claimBack =
          body.kind === 'reimbursement' ? await validateReimbursement(ctx, body.householdId, body.fields) : null
        const fields = claimBack
          ? claimBack.fields
          : await validateFields(ctx, body.householdId, body.kind, body.fields)
        const appId = newId('app')
        await ctx.db.run(
          `INSERT INTO applications (id, household_id, kind, status, fields, submitted_by, submitted_at) VALUES (?, ?, ?, 'submitted', ?, ?, ?)`,
          appId,
          body.householdId,
          body.kind,
          JSON.stringify(fields),
          user.id,
          ctx.clock.now()
        )
        if (claimBack) await keepPayoutAccount(ctx, appId, claimBack.account)
        return appId
      }
    )
    void reply.status(replayed ? 200 : 201)
    return await applicationView(ctx, await load(ctx, id))
  },

  uploadDocument: async ({ params, user, req, reply }) => {
    const a = await load(ctx, params.applicationId)
    if (a.kind === 'assist_consent') await requireConsentFormAccess(ctx, user, a, true)
    else await requireApplicant(ctx, user, a.household_id, 'upload_document', a.kind)
    const key = req.headers['idempotency-key'] as string | undefined
    // With a key the state is checked where the document is stored: a repeat of an upload
    // that went through answers the same even after the application has moved on.
    if (key === undefined && a.status !== 'submitted' && a.status !== 'needs_more')
      throw new ApiFailure('CONFLICT', { status: a.status })
    if (!req.isMultipart()) throw new ApiFailure('UPLOAD_REJECTED', { reason: 'multipart/form-data expected' })
    const file = await req.file()
    if (!file) throw new ApiFailure('UPLOAD_REJECTED', { reason: 'no file' })
    const check = SIGNATURES[file.mimetype]
    if (!check) {
      file.file.resume()
      throw new ApiFailure('UPLOAD_REJECTED', { reason: 'type', allowed: Object.keys(SIGNATURES) })
    }
    let buf: Buffer
    try {
      buf = await file.toBuffer()
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw new ApiFailure('PAYLOAD_TOO_LARGE', { maxBytes: 5 * 1024 * 1024 })
      throw e
    }
    if (buf.length === 0 || !check(buf))
      throw new ApiFailure('UPLOAD_REJECTED', { reason: 'content does not match type' })
    const safeName = (file.filename || 'upload').replace(/[^\p{L}\p{N}._-]/gu, '_').slice(0, 80)
    const digest = sha256(buf)
    const { replayed } = await once(
      ctx,
      user.id,
      'uploadDocument',
      key,
      requestHash([a.id, file.mimetype, safeName, digest]),
      async (ctx) => {
        const current = await load(ctx, a.id)
        if (current.status !== 'submitted' && current.status !== 'needs_more')
          throw new ApiFailure('CONFLICT', { status: current.status })
        const count = (await ctx.db.get<{ n: number }>(
          'SELECT COUNT(*) AS n FROM documents WHERE application_id = ?',
          a.id
        ))!.n
        if (count >= MAX_DOCUMENTS)
          throw new ApiFailure('UPLOAD_REJECTED', { reason: 'too many documents', max: MAX_DOCUMENTS })
        await withinRate(
          ctx.clock.now(),
          ctx.config.uploadLimit,
          async (since) =>
            (await ctx.db.get<{ n: number; first: number | null }>(
              'SELECT COUNT(*) AS n, MIN(uploaded_at) AS first FROM documents WHERE uploaded_by = ? AND uploaded_at > ?',
              user.id,
              since
            ))!,
          (w) => `上传的照片太多了，请${w}后再试`
        )
        const docId = newId('doc')
        fs.mkdirSync(ctx.config.uploadDir, { recursive: true, mode: 0o700 })
        const filePath = path.join(ctx.config.uploadDir, docId)
        // encrypted before it touches the disk; readable by the server's user only
        fs.writeFileSync(filePath, encryptDocument(ctx.documentKey, docId, buf), { mode: 0o600 })
        await ctx.db.run(
          'INSERT INTO documents (id, application_id, file_name, content_type, size, sha256, path, uploaded_at, uploaded_by, encrypted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)',
          docId,
          a.id,
          safeName,
          file.mimetype,
          buf.length,
          digest,
          filePath,
          ctx.clock.now(),
          user.id
        )
        return docId
      }
    )
    void reply.status(replayed ? 200 : 201)
    return await applicationView(ctx, await load(ctx, a.id))
  },

  getApplication: async ({ params, user }) => {
    const a = await load(ctx, params.applicationId)
    if (a.kind === 'assist_consent' && !isStaff(user)) await requireConsentFormAccess(ctx, user, a, false)
    else if (!isStaff(user)) await requireApplicant(ctx, user, a.household_id, 'read_application', a.kind)
    else
      await logHouseholdEvent(ctx, a.household_id, user.id, 'reviewer_read_application', ctx.clock.now(), {
        subject: a.id
      })
    return await applicationView(ctx, a)
  },

  resubmitApplication: async ({ params, user }) => {
    const a = await load(ctx, params.applicationId)
    if (a.kind === 'assist_consent') await requireConsentFormAccess(ctx, user, a, true)
    else await requireMember(ctx, user, a.household_id)
    if (a.status !== 'needs_more') throw new ApiFailure('CONFLICT', { status: a.status })
    await ctx.db.run(
      `UPDATE applications SET status = 'submitted', submitted_at = ? WHERE id = ?`,
      ctx.clock.now(),
      a.id
    )
    return await applicationView(ctx, await load(ctx, a.id))
  },

  listApplications: async ({ params, user }) => {
    await requireMember(ctx, user, params.householdId)
    const rows = await ctx.db.all<ApplicationRow>(
      'SELECT * FROM applications WHERE household_id = ? ORDER BY submitted_at DESC',
      params.householdId
    )
    return { applications: await mapInOrder(rows, async (a) => await applicationView(ctx, a)) }
  },

  // a page at a time, oldest first; each application shown is a read written to its household's log
  reviewList: async ({ query, user }) => {
    const { limit, after } = pageOf(query)
    const rows = await ctx.db.all<ApplicationRow>(
      `SELECT * FROM applications WHERE status = ? AND (submitted_at > ? OR (submitted_at = ? AND id > ?)) ORDER BY submitted_at, id LIMIT ?`,
      query.status ?? 'submitted',
      after.at,
      after.at,
      after.id,
      limit + 1
    )
    const page = rows.slice(0, limit)
    const now = ctx.clock.now()
    await inTx(ctx, async (ctx) => {
      for (const a of page)
        await logHouseholdEvent(ctx, a.household_id, user.id, 'reviewer_read_application', now, { subject: a.id })
    })
    const last = page[page.length - 1]
    return {
      applications: await mapInOrder(page, async (a) => await applicationView(ctx, a)),
      next: rows.length > limit ? cursorOf(last.submitted_at, last.id) : null
    }
  },

  // the document as uploaded, decrypted for the reviewer; the read is in the household's log
  reviewDocument: async ({ params, user, reply }) => {
    const d = await ctx.db.get<{
      id: string
      content_type: string
      path: string
      encrypted: number
      file_name: string
      household_id: string
    }>(
      'SELECT d.id, d.content_type, d.path, d.encrypted, d.file_name, a.household_id FROM documents d JOIN applications a ON a.id = d.application_id WHERE d.id = ?',
      params.documentId
    )
    if (!d) throw new ApiFailure('NOT_FOUND')
    const stored = fs.readFileSync(d.path)
    const bytes = d.encrypted ? decryptDocument(ctx.documentKey, d.id, stored) : stored
    await logHouseholdEvent(ctx, d.household_id, user.id, 'reviewer_read_document', ctx.clock.now(), { subject: d.id })
    void reply
      .type(d.content_type)
      .header('cache-control', 'no-store')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(d.file_name)}`)
    return sendBytes(reply.status(200), bytes)
  },

  reviewDecide: async ({ params, body, user }) => {
    if ((body.decision === 'reject' || body.decision === 'needs_more') && !body.reason)
      throw new ApiFailure('BAD_REQUEST', { field: 'reason', problem: 'required' }, '驳回或退回补充时请写明原因')
    await inTx(ctx, async (ctx) => {
      const a = await load(ctx, params.applicationId)
      if (a.status !== 'submitted') throw new ApiFailure('CONFLICT', { status: a.status })
      // a bill claimed back is approved by settling it with the calculator (claims.ts), never by a bare yes
      if (a.kind === 'reimbursement' && body.decision === 'approve')
        throw new ApiFailure('CONFLICT', { reason: 'settle_instead' }, '手工报销要在结算页用计算器结算，结算后就算通过')
      const now = ctx.clock.now()
      const status = body.decision === 'approve' ? 'approved' : body.decision === 'reject' ? 'rejected' : 'needs_more'
      await ctx.db.run(
        'UPDATE applications SET status = ?, reason = ?, decided_at = ?, decided_by = ? WHERE id = ?',
        status,
        body.reason ?? null,
        now,
        user.id,
        a.id
      )
      // the decision is in the household's log and the supervisor's audit, with who made it
      await logHouseholdEvent(ctx, a.household_id, user.id, `reviewer_decided_${status}`, now, { subject: a.id })
      if (status === 'approved' && a.kind === 'add_id_number') {
        const f = JSON.parse(a.fields) as Required<Pick<ApplicationFields, 'personId' | 'idNumber'>>
        if (await ctx.db.get('SELECT 1 FROM persons WHERE id_number = ?', f.idNumber))
          throw new ApiFailure('CONFLICT', undefined, '这个身份证号已经有人在用')
        const done = await ctx.db.run(
          'UPDATE persons SET id_number = ? WHERE id = ? AND id_number IS NULL',
          f.idNumber,
          f.personId
        )
        if (done.changes !== 1) throw new ApiFailure('CONFLICT', undefined, '这个人已经有身份证号了')
      }
      if (a.kind === 'assist_consent') await decideConsentForm(ctx, a, status, user.id, now)
      if (status === 'approved' && a.kind === 'chronic_disease') {
        const f = JSON.parse(a.fields) as Required<Pick<ApplicationFields, 'personId' | 'diseaseCode'>>
        await certify(ctx, f.personId, f.diseaseCode, isoDate(now), a.id)
      }
      if (status === 'approved' && (a.kind === 'add_newborn' || a.kind === 'add_marriage' || a.kind === 'add_return')) {
        const f = JSON.parse(a.fields) as ApplicationFields & Required<Pick<ApplicationFields, 'name' | 'relation'>>
        const id = f.idNumber ?? null
        const certificate = f.birthCertificateNumber ?? null
        if (id && (await ctx.db.get('SELECT 1 FROM persons WHERE id_number = ?', id)))
          throw new ApiFailure('CONFLICT', undefined, '此人已经参保')
        if (certificate && (await ctx.db.get('SELECT 1 FROM persons WHERE birth_certificate_number = ?', certificate)))
          throw new ApiFailure('CONFLICT', undefined, '这个孩子已经参保')
        const sex = id ? idNumberSex(id) : f.sex
        const birthDate = id ? idNumberBirthDate(id) : f.birthDate
        if (!sex || !birthDate || (!id && !certificate))
          throw new ApiFailure('CONFLICT', undefined, '申请缺少身份证号或出生医学证明信息，请退回补充')
        const pid = newId('p')
        const categories = ['ordinary']
        await ctx.db.run(
          'INSERT INTO persons (id, household_id, name, id_number, sex, birth_date, relation, categories, phone, birth_certificate_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)',
          pid,
          a.household_id,
          f.name,
          id,
          sex,
          birthDate,
          f.relation,
          JSON.stringify(categories),
          certificate
        )
        // The new member still has to pay: the enrolment shows as unpaid for the contribution year,
        // and for a newborn also for the birth year when that is this year (the policy's newborn
        // rule may cover the baby from birth when paid soon enough: the quote for that year says)
        const unpaid = (personId: string, year: number) =>
          ctx.db.run(
            `INSERT INTO enrolments (person_id, year, status) VALUES (?, ?, 'unpaid') ON CONFLICT (person_id, year) DO NOTHING`,
            personId,
            year
          )
        const thisYear = Number(isoDate(now).slice(0, 4))
        if (a.kind === 'add_newborn' && Number(birthDate.slice(0, 4)) === thisYear && thisYear !== defaultYear(ctx)) {
          if (await coveredIfPaidNow(ctx, a.household_id, thisYear, pid)) await unpaid(pid, thisYear)
        }
        await unpaid(pid, defaultYear(ctx))
      }
    })
    return await applicationView(ctx, await load(ctx, params.applicationId))
  }
})
