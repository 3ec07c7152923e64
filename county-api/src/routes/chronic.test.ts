// 门诊慢特病 certification (issue 19 item 4): an application kind like the others, validated
// against the county policy's listed diseases; approving it certifies the person.
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import type { Household } from '../../../src/contract'
import { client, type Client } from '../testing/client'

let server: SpawnedServer
let api: Client
let head: string
let elder: string
let grantee: string
let reviewer: string

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)])

jest.setTimeout(60_000)

beforeAll(async () => {
  server = await spawnServer({ households: 5 })
  api = client(server.url)
  head = await api.wechat('head')
  elder = await api.wechat('elder')
  grantee = await api.wechat('grantee') // 王小燕: status, claims and pay on hh_0001
  reviewer = await api.wechat('reviewer')
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

const fields = (over: Record<string, string> = {}) => ({
  personId: 'p_0001',
  diseaseCode: 'diabetes',
  hospital: '县人民医院',
  diagnosisDate: '2026-03-15',
  ...over
})

const apply = (f: Record<string, string>, token = head) =>
  api.call('createApplication', { body: { householdId: 'hh_0001', kind: 'chronic_disease', fields: f }, token })

const decide = (applicationId: string, decision: 'approve' | 'reject' | 'needs_more', reason?: string) =>
  api.call('reviewDecide', { params: { applicationId }, body: { decision, reason }, token: reviewer })

async function person(token: string, personId: string) {
  const h = (await api.call('getHousehold', { params: { householdId: 'hh_0001' }, token })).data as Household
  return h.members.find((m) => m.personId === personId)!
}

it('submit, upload the diagnosis, needs more, resubmit, approve → the person is certified', async () => {
  expect((await person(head, 'p_0001')).chronicDiseases).toEqual([])
  const created = await apply(fields())
  expect(created.status).toBe(201)
  expect(created.data).toMatchObject({ kind: 'chronic_disease', status: 'submitted', fields: fields() })
  const id = created.data.applicationId

  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(JPEG)], { type: 'image/jpeg' }), 'diagnosis.jpg')
  const up = await api.call('uploadDocument', { params: { applicationId: id }, form, token: head })
  expect(up.status).toBe(201)
  expect(up.data.documents).toEqual([expect.objectContaining({ fileName: 'diagnosis.jpg', contentType: 'image/jpeg' })])

  // the reviewer reads the disease by its name in the county's list
  const seen = await api.ok('staffApplication', { params: { applicationId: id }, token: reviewer })
  expect(seen.diseaseName).toBe('糖尿病')
  expect((await decide(id, 'needs_more', '诊断证明没有医院公章')).body).toMatchObject({ status: 'needs_more' })
  expect((await person(head, 'p_0001')).chronicDiseases).toEqual([])
  expect((await api.call('resubmitApplication', { params: { applicationId: id }, token: head })).data.status).toBe(
    'submitted'
  )

  const approved = await decide(id, 'approve')
  expect(approved.body).toMatchObject({ status: 'approved' })
  const today = approved.data.decidedAt!.slice(0, 10)
  expect((await person(head, 'p_0001')).chronicDiseases).toEqual([
    { code: 'diabetes', label: '糖尿病', validFrom: today }
  ])
  // certified already: a second application for the same disease is refused
  expect((await apply(fields())).error.details.problems).toEqual([
    { field: 'diseaseCode', problem: 'already_certified' }
  ])
})

it('refuses with a reason, and nothing is certified', async () => {
  const a = await apply(fields({ diseaseCode: 'hypertension' }))
  expect((await decide(a.data.applicationId, 'reject')).status).toBe(400)
  const rej = await decide(a.data.applicationId, 'reject', '诊断日期前没有相关就诊记录')
  expect(rej.body).toMatchObject({ status: 'rejected', reason: '诊断日期前没有相关就诊记录' })
  expect((await person(head, 'p_0001')).chronicDiseases?.map((c) => c.code)).not.toContain('hypertension')
})

it('a disease the policy does not list is refused in plain Chinese; missing and future fields are named', async () => {
  const unknown = await apply(fields({ diseaseCode: 'gout' }))
  expect(unknown.status).toBe(400)
  expect(unknown.error.message).toBe('这个病不在本县门诊慢特病的名单里，请从名单里选')
  expect(unknown.error.details.problems).toEqual([{ field: 'diseaseCode', problem: 'not_listed' }])
  const missing = await apply({ personId: 'p_0001', diagnosisDate: '2999-01-01' })
  expect(missing.error.details.problems).toEqual(
    expect.arrayContaining([
      { field: 'diseaseCode', problem: 'required' },
      { field: 'hospital', problem: 'required' },
      { field: 'diagnosisDate', problem: 'in_future' }
    ])
  )
})

it('a relative granted only status, claims and pay cannot apply nor see certifications; a stranger gets 404', async () => {
  const g = await apply(fields({ diseaseCode: 'cancer' }), grantee)
  expect(g.status).toBe(403)
  expect((await person(grantee, 'p_0001')).chronicDiseases).toBeUndefined()
  expect((await apply(fields({ diseaseCode: 'cancer' }), elder)).status).toBe(404)
  const mine = await apply(fields({ diseaseCode: 'uraemia' }))
  expect(
    (await api.call('getApplication', { params: { applicationId: mine.data.applicationId }, token: elder })).status
  ).toBe(404)
})
