import { makeIdNumber } from '../../../src/shared/id-number'
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import type { Application, ApplicationFields } from '../../../src/contract'
import { client, type Client } from '../testing/client'

let server: SpawnedServer
let api: Client
let head: string
let elder: string
let reviewer: string

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82])
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)])

/** The contract answers an application's fields untyped (what was submitted, numbers masked). */
const fieldsOf = (a: Application) => a.fields as ApplicationFields

async function upload(
  applicationId: string,
  token: string,
  data: Buffer,
  type: string,
  name = 'photo.png',
  idempotencyKey?: string
) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type }), name)
  return api.call('uploadDocument', {
    params: { applicationId },
    form,
    token,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}
  })
}

// Real server over HTTP on a shared machine: allow for a slow moment, never a hang. (The newborn
// round trip makes some 20 requests with uploads; on a loaded 2-core machine 30 s was once too little.)
jest.setTimeout(60_000)

beforeAll(async () => {
  server = await spawnServer({ households: 20 })
  api = client(server.url)
  head = await api.wechat('head')
  elder = await api.wechat('elder')
  reviewer = await api.wechat('reviewer')
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

describe('remote enrolment', () => {
  it('adds a newborn end to end: submit, upload, needs more, resubmit, approve → member appears, unpaid', async () => {
    const baby = makeIdNumber('999901', '20260801', '021')
    const created = await api.call('createApplication', {
      body: {
        householdId: 'hh_0001',
        kind: 'add_newborn',
        fields: { name: '王𠮷安', idNumber: baby, relation: '孙子' }
      },
      token: head
    })
    expect(created.status).toBe(201)
    expect(created.data.status).toBe('submitted')
    expect(fieldsOf(created.data).idNumber).not.toBe(baby)
    const id = created.data.applicationId

    const up = await upload(id, head, PNG, 'image/png', '出生证明.png')
    expect(up.status).toBe(201)
    expect(up.data.documents).toEqual([
      expect.objectContaining({ contentType: 'image/png', size: PNG.length, fileName: '出生证明.png' })
    ])

    expect(
      (await api.call('reviewList', { token: reviewer })).data.applications.map((a: any) => a.applicationId)
    ).toContain(id)
    expect(
      (
        await api.call('reviewDecide', {
          params: { applicationId: id },
          body: { decision: 'needs_more' },
          token: reviewer
        })
      ).status
    ).toBe(400)
    const more = await api.call('reviewDecide', {
      params: { applicationId: id },
      body: { decision: 'needs_more', reason: '请补充户口本页' },
      token: reviewer
    })
    expect(more.body).toMatchObject({ status: 'needs_more', reason: '请补充户口本页' })
    expect((await upload(id, head, JPEG, 'image/jpeg', 'hukou.jpg')).status).toBe(201)
    expect((await api.call('resubmitApplication', { params: { applicationId: id }, token: head })).data.status).toBe(
      'submitted'
    )
    const ok = await api.call('reviewDecide', {
      params: { applicationId: id },
      body: { decision: 'approve' },
      token: reviewer
    })
    expect(ok.data.status).toBe('approved')
    expect(ok.data.decidedAt).toMatch(/\+08:00$/)
    expect(
      (
        await api.call('reviewDecide', {
          params: { applicationId: id },
          body: { decision: 'reject', reason: 'x' },
          token: reviewer
        })
      ).error.code
    ).toBe('CONFLICT')

    const hh = await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: head })
    const member = hh.data.members.find((m) => m.name === '王𠮷安')!
    expect(member).toMatchObject({ idNumber: baby, birthDate: '2026-08-01', relation: '孙子' })
    expect(member.enrolments).toEqual([expect.objectContaining({ year: 2027, status: 'unpaid' })])
    expect(
      (await api.call('listApplications', { params: { householdId: 'hh_0001' }, token: head })).data.applications[0]
        .applicationId
    ).toBe(id)
  })

  it('adds a newborn who has no ID number yet, by birth certificate: checked, approved, on the household and the quote', async () => {
    const shanghai = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10)
    const now = await api.now()
    const today = shanghai(now)
    const born = shanghai(now - 40 * 86400_000) // within the demo policy's 90 days
    const thisYear = Number(today.slice(0, 4))
    const missing = await api.call('createApplication', {
      body: { householdId: 'hh_0001', kind: 'add_newborn', fields: { name: '王小满', relation: '孙女' } },
      token: head
    })
    expect(missing.status).toBe(400)
    expect(missing.error.details.problems).toEqual(
      expect.arrayContaining([
        { field: 'birthCertificateNumber', problem: 'required' },
        { field: 'birthDate', problem: 'required' },
        { field: 'sex', problem: 'required' }
      ])
    )
    expect(missing.error.details.problems).not.toContainEqual({ field: 'idNumber', problem: 'required' })
    const badCert = await api.call('createApplication', {
      body: {
        householdId: 'hh_0001',
        kind: 'add_newborn',
        fields: {
          name: '王小满',
          relation: '孙女',
          birthCertificateNumber: 'p44012345',
          birthDate: born,
          sex: 'female'
        }
      },
      token: head
    })
    expect(badCert.status).toBe(400) // the contract's pattern: one capital letter and nine digits
    const future = await api.call('createApplication', {
      body: {
        householdId: 'hh_0001',
        kind: 'add_newborn',
        fields: {
          name: '王小满',
          relation: '孙女',
          birthCertificateNumber: 'P440123456',
          birthDate: '2099-01-01',
          sex: 'female'
        }
      },
      token: head
    })
    expect(future.error.details.problems).toEqual([{ field: 'birthDate', problem: 'in_future' }])
    const noDay = await api.call('createApplication', {
      body: {
        householdId: 'hh_0001',
        kind: 'add_newborn',
        fields: {
          name: '王小满',
          relation: '孙女',
          birthCertificateNumber: 'P440123456',
          birthDate: '2026-02-30',
          sex: 'female'
        }
      },
      token: head
    })
    expect(noDay.error.details.problems).toEqual([{ field: 'birthDate', problem: 'not_a_date' }])
    const toddler = await api.call('createApplication', {
      body: {
        householdId: 'hh_0001',
        kind: 'add_newborn',
        fields: {
          name: '王小满',
          relation: '孙女',
          birthCertificateNumber: 'P440123456',
          birthDate: '2024-01-02',
          sex: 'female'
        }
      },
      token: head
    })
    expect(toddler.error.details.problems).toEqual([{ field: 'birthDate', problem: 'not_newborn' }])

    const created = await api.call('createApplication', {
      body: {
        householdId: 'hh_0001',
        kind: 'add_newborn',
        fields: {
          name: '王小满',
          relation: '孙女',
          birthCertificateNumber: 'P440123456',
          birthDate: born,
          sex: 'female'
        }
      },
      token: head
    })
    expect(created.status).toBe(201)
    expect(fieldsOf(created.data)).toMatchObject({
      birthCertificateNumber: 'P4*****456',
      birthDate: born,
      sex: 'female'
    })
    expect(fieldsOf(created.data).idNumber).toBeUndefined()
    const id = created.data.applicationId
    expect(
      (
        await api.call('reviewDecide', {
          params: { applicationId: id },
          body: { decision: 'approve' },
          token: reviewer
        })
      ).data.status
    ).toBe('approved')

    const hh = await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: head })
    const baby = hh.data.members.find((m) => m.name === '王小满')!
    expect(baby).toMatchObject({
      idNumber: null,
      birthCertificateNumber: 'P440123456',
      birthDate: born,
      sex: 'female',
      relation: '孙女'
    })
    // unpaid for the contribution year being collected, and for the birth year when that is this year
    const collecting = Number(today.slice(5, 7)) >= 9 ? thisYear + 1 : thisYear
    const years = [...new Set([...(Number(born.slice(0, 4)) === thisYear ? [thisYear] : []), collecting])]
    expect(baby.enrolments).toEqual(years.map((year) => expect.objectContaining({ year, status: 'unpaid' })))
    const quote = await api.call('getQuote', {
      params: { householdId: 'hh_0001' },
      query: { year: collecting },
      token: head
    })
    expect(quote.status).toBe(200)
    expect(quote.data.lines.map((l: any) => l.personId)).toContain(baby.personId)
    if (Number(born.slice(0, 4)) === thisYear) {
      // the birth year: paid within 90 days of birth, she is covered from the day she was born;
      // nobody is charged for a year whose rest is shorter than the waiting period
      const birthYear = await api.call('getQuote', {
        params: { householdId: 'hh_0001' },
        query: { year: thisYear },
        token: head
      })
      const line = birthYear.data.lines.find((l) => l.personId === baby.personId)!
      expect(line).toMatchObject({ benefitStart: born, alreadyEnrolled: false })
      expect(birthYear.data.payable).toBe(true)
      for (const l of birthYear.data.lines) if (!l.alreadyEnrolled) expect(l.benefitStart! <= l.benefitEnd!).toBe(true)
      // 王志强 (lapsed) would get no day of cover this late in the year: not charged, and told why
      expect(birthYear.data.lines.map((l: any) => l.name)).not.toContain('王志强')
      expect(birthYear.data.issues).toContainEqual({
        code: 'NO_COVER_LEFT',
        message: expect.stringContaining('王志强')
      })
    }

    // she gets her hukou and ID number: it is added to her record (checked against her birth date and sex)
    const born8 = born.replace(/-/g, '')
    const wrongDay = await api.call('createApplication', {
      body: {
        householdId: 'hh_0001',
        kind: 'add_id_number',
        fields: { personId: baby.personId, idNumber: makeIdNumber('999901', '20200101', '022') }
      },
      token: head
    })
    expect(wrongDay.error.details.problems).toEqual([{ field: 'idNumber', problem: 'birthdate_mismatch' }])
    const wrongSex = await api.call('createApplication', {
      body: {
        householdId: 'hh_0001',
        kind: 'add_id_number',
        fields: { personId: baby.personId, idNumber: makeIdNumber('999901', born8, '023') }
      },
      token: head
    })
    expect(wrongSex.error.details.problems).toEqual([{ field: 'idNumber', problem: 'sex_mismatch' }])
    const herId = makeIdNumber('999901', born8, '022')
    const add = await api.call('createApplication', {
      body: { householdId: 'hh_0001', kind: 'add_id_number', fields: { personId: baby.personId, idNumber: herId } },
      token: head
    })
    expect(add.status).toBe(201)
    expect(
      (
        await api.call('reviewDecide', {
          params: { applicationId: add.data.applicationId },
          body: { decision: 'approve' },
          token: reviewer
        })
      ).data.status
    ).toBe('approved')
    const withId = (
      await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token: head })
    ).data.members.find((m: any) => m.personId === baby.personId)
    expect(withId).toMatchObject({ idNumber: herId, birthCertificateNumber: 'P440123456' })
    const twice = await api.call('createApplication', {
      body: { householdId: 'hh_0001', kind: 'add_id_number', fields: { personId: baby.personId, idNumber: herId } },
      token: head
    })
    expect(twice.error.details.problems).toEqual(
      expect.arrayContaining([{ field: 'personId', problem: 'already_has_id' }])
    )

    // the same child cannot be added twice
    const again = await api.call('createApplication', {
      body: {
        householdId: 'hh_0001',
        kind: 'add_newborn',
        fields: {
          name: '王小满',
          relation: '孙女',
          birthCertificateNumber: 'P440123456',
          birthDate: born,
          sex: 'female'
        }
      },
      token: head
    })
    expect(again.error.details.problems).toEqual([{ field: 'birthCertificateNumber', problem: 'already_insured' }])
  })

  it('rejects with a reason; out-of-area care validates dates and membership', async () => {
    const bad = await api.call('createApplication', {
      body: {
        householdId: 'hh_0002',
        kind: 'out_of_area_care',
        fields: { personId: 'p_0001', destination: '广州', from: '2026-12-01', to: '2026-11-01' }
      },
      token: elder
    })
    expect(bad.status).toBe(400)
    expect(bad.error.details.problems).toEqual(
      expect.arrayContaining([
        { field: 'personId', problem: 'not_a_member' },
        { field: 'to', problem: 'before_from' }
      ])
    )
    const hh = await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: elder })
    const ok = await api.call('createApplication', {
      body: {
        householdId: 'hh_0002',
        kind: 'out_of_area_care',
        fields: {
          personId: hh.data.headPersonId,
          destination: '广州市',
          from: '2026-12-01',
          to: '2027-03-01',
          reason: '随子女居住'
        }
      },
      token: elder
    })
    expect(ok.status).toBe(201)
    const rej = await api.call('reviewDecide', {
      params: { applicationId: ok.data.applicationId },
      body: { decision: 'reject', reason: '请先在就医地确定定点医院' },
      token: reviewer
    })
    expect(rej.body).toMatchObject({ status: 'rejected', reason: '请先在就医地确定定点医院' })
  })

  it('validates fields: missing ones, bad ID checksum, unknown fields', async () => {
    const missing = await api.call('createApplication', {
      body: { householdId: 'hh_0001', kind: 'add_marriage', fields: { name: '李芳' } },
      token: head
    })
    expect(missing.error.details.problems).toEqual(
      expect.arrayContaining([
        { field: 'idNumber', problem: 'required' },
        { field: 'relation', problem: 'required' }
      ])
    )
    const checksum = await api.call('createApplication', {
      body: {
        householdId: 'hh_0001',
        kind: 'add_marriage',
        fields: { name: '李芳', idNumber: '110105194912310021', relation: '儿媳' }
      },
      token: head
    })
    expect(checksum.error.details.problems).toEqual([{ field: 'idNumber', problem: 'checksum' }])
    const extra = await api.raw('POST', '/v1/applications', {
      body: { householdId: 'hh_0001', kind: 'renew_remote', fields: { personId: 'p_0001', year: 2027, hack: 1 } },
      token: head
    })
    expect(extra.status).toBe(400)
  })

  it('refuses uploads of the wrong type, with lying content, too large, and from other households', async () => {
    const a = await api.call('createApplication', {
      body: { householdId: 'hh_0001', kind: 'renew_remote', fields: { personId: 'p_0001', year: 2027 } },
      token: head
    })
    const id = a.data.applicationId
    expect((await upload(id, head, Buffer.from('hello'), 'text/plain', 'a.txt')).error.code).toBe('UPLOAD_REJECTED')
    expect((await upload(id, head, Buffer.from('not really a png'), 'image/png')).error.code).toBe('UPLOAD_REJECTED')
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 10)])
    const tooBig = await upload(id, head, big, 'image/png')
    expect(tooBig.status).toBe(413)
    expect(tooBig.error.code).toBe('PAYLOAD_TOO_LARGE')
    expect((await upload(id, elder, PNG, 'image/png')).status).toBe(404)
    const json = await api.call('uploadDocument', { params: { applicationId: id }, token: head })
    expect(json.error.code).toBe('UPLOAD_REJECTED')
  })

  it('other households and non-reviewers are refused', async () => {
    const a = await api.call('createApplication', {
      body: { householdId: 'hh_0001', kind: 'renew_remote', fields: { personId: 'p_0001', year: 2027 } },
      token: head
    })
    expect(
      (await api.call('getApplication', { params: { applicationId: a.data.applicationId }, token: elder })).status
    ).toBe(404)
    expect(
      (await api.call('resubmitApplication', { params: { applicationId: a.data.applicationId }, token: elder })).status
    ).toBe(404)
    expect(
      (
        await api.call('createApplication', {
          body: { householdId: 'hh_0001', kind: 'renew_remote', fields: { personId: 'p_0001', year: 2027 } },
          token: elder
        })
      ).status
    ).toBe(404)
    expect((await api.call('listApplications', { params: { householdId: 'hh_0001' }, token: elder })).status).toBe(404)
    expect((await api.call('reviewList', { token: head })).status).toBe(403)
    expect(
      (
        await api.call('reviewDecide', {
          params: { applicationId: a.data.applicationId },
          body: { decision: 'approve' },
          token: head
        })
      ).status
    ).toBe(403)
    expect(
      (await api.call('getApplication', { params: { applicationId: a.data.applicationId }, token: reviewer })).status
    ).toBe(200)
    expect(
      (await api.call('resubmitApplication', { params: { applicationId: a.data.applicationId }, token: head })).error
        .code
    ).toBe('CONFLICT')
  })
})

describe('Idempotency-Key on applications and uploads (issue 8)', () => {
  const body = { householdId: 'hh_0001', kind: 'renew_remote' as const, fields: { personId: 'p_0001', year: 2027 } }
  const count = async () =>
    (await api.call('listApplications', { params: { householdId: 'hh_0001' }, token: head })).data.applications.length

  it('the same key and body give the same application once; another body with the key is refused', async () => {
    const before = await count()
    const first = await api.call('createApplication', {
      body,
      token: head,
      headers: { 'idempotency-key': 'app-key-0001' }
    })
    expect(first.status).toBe(201)
    const again = await api.call('createApplication', {
      body,
      token: head,
      headers: { 'idempotency-key': 'app-key-0001' }
    })
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await count()).toBe(before + 1)
    const other = await api.call('createApplication', {
      body: { ...body, fields: { ...body.fields, year: 2028 } },
      token: head,
      headers: {
        'idempotency-key': 'app-key-0001'
      }
    })
    expect(other.status).toBe(409)
    expect(other.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    // keys are per user, and a request without one is not deduplicated
    const elderHead = (await api.call('getHousehold', { params: { householdId: 'hh_0002' }, token: elder })).data
      .headPersonId
    expect(
      (
        await api.call('createApplication', {
          body: { householdId: 'hh_0002', kind: 'renew_remote', fields: { personId: elderHead, year: 2027 } },
          token: elder,
          headers: { 'idempotency-key': 'app-key-0001' }
        })
      ).status
    ).toBe(201)
    expect((await api.call('createApplication', { body, token: head })).status).toBe(201)
    expect(
      (await api.call('createApplication', { body, token: head, headers: { 'idempotency-key': 'short' } })).status
    ).toBe(400)
    expect(await count()).toBe(before + 2)
  })

  it('a repeated upload with its key stores the document once; the key with another file is refused', async () => {
    const a = await api.call('createApplication', { body, token: head })
    const id = a.data.applicationId
    const first = await upload(id, head, PNG, 'image/png', '户口本.png', 'upload-key-0001')
    expect(first.status).toBe(201)
    const again = await upload(id, head, PNG, 'image/png', '户口本.png', 'upload-key-0001')
    expect(again.status).toBe(200)
    expect(again.data.documents).toHaveLength(1)
    expect(again.data.documents).toEqual(first.data.documents)
    const other = await upload(id, head, JPEG, 'image/jpeg', 'other.jpg', 'upload-key-0001')
    expect(other.status).toBe(409)
    expect(other.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    // a second photo with its own key is a second document
    expect((await upload(id, head, JPEG, 'image/jpeg', 'other.jpg', 'upload-key-0002')).data.documents).toHaveLength(2)
    // the repeat still answers after the application was decided
    await api.call('reviewDecide', { params: { applicationId: id }, body: { decision: 'approve' }, token: reviewer })
    const late = await upload(id, head, PNG, 'image/png', '户口本.png', 'upload-key-0001')
    expect(late.status).toBe(200)
    expect(late.data.status).toBe('approved')
    expect((await upload(id, head, PNG, 'image/png', 'new.png', 'upload-key-0003')).error.code).toBe('CONFLICT')
  })
})
