// The county staff's workspace over HTTP: the queue of every reviewable request with its filters
// and paging, one application with its household, the supervisor's audit, and who is refused (403).
import { spawnServer, type SpawnedServer } from '../testing/spawn-server'
import { client, type Client } from '../testing/client'
import { makeIdNumber } from '../../../src/shared/id-number'

let server: SpawnedServer
let api: Client
let head: string
let grantee: string
let reviewer: string
let supervisor: string
let assistant: string

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82])

jest.setTimeout(30_000)

beforeAll(async () => {
  server = await spawnServer({ households: 20 })
  api = client(server.url)
  head = await api.wechat('head')
  grantee = await api.wechat('grantee')
  reviewer = await api.wechat('reviewer')
  supervisor = (await api.phone('13800000010')).token
  assistant = (await api.phone('13800000008')).token
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

async function newbornApplication(name: string, day: string) {
  const created = await api.ok('createApplication', {
    body: {
      householdId: 'hh_0001',
      kind: 'add_newborn',
      fields: { name, idNumber: makeIdNumber('999901', day, '031'), relation: '孙子' }
    },
    token: head
  })
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '出生证明.png')
  await api.ok('uploadDocument', { params: { applicationId: created.applicationId }, form, token: head })
  return created.applicationId
}

describe('staff workspace', () => {
  it('refuses villagers, grantees and assistants the workspace: 403, and 401 without a session', async () => {
    for (const token of [head, grantee, assistant]) {
      for (const r of [
        await api.call('staffQueue', { token }),
        await api.call('staffApplication', { params: { applicationId: 'app_x' }, token }),
        await api.call('staffAudit', { token }),
        await api.call('reviewDecide', { params: { applicationId: 'app_x' }, body: { decision: 'approve' }, token })
      ]) {
        expect(r.status).toBe(403)
        expect(r.error.code).toBe('FORBIDDEN')
      }
    }
    expect((await api.call('staffQueue', {})).status).toBe(401)
  })

  it('lists every waiting request with its household, filters by kind and status, and pages', async () => {
    const first = await newbornApplication('王一', '20260901')
    const second = await newbornApplication('王二', '20260902')
    const all = await api.ok('staffQueue', { query: { kind: 'add_newborn' }, token: reviewer })
    const ids = all.items.map((i) => i.itemId)
    expect(ids).toEqual(expect.arrayContaining([first, second]))
    const item = all.items.find((i) => i.itemId === first)
    expect(item).toEqual(
      expect.objectContaining({
        source: 'application',
        kind: 'add_newborn',
        status: 'submitted',
        householdId: 'hh_0001',
        headNameMasked: '王**',
        documentCount: 1
      })
    )
    expect(all.counts.submitted).toBe(all.items.length)

    // one at a time: the cursor leads to the next, and the pages never repeat an item
    const page1 = await api.ok('staffQueue', { query: { kind: 'add_newborn', limit: 1 }, token: reviewer })
    expect(page1.items).toHaveLength(1)
    const page2 = await api.ok('staffQueue', {
      query: { kind: 'add_newborn', limit: 1, after: page1.next as string },
      token: reviewer
    })
    expect(page2.items[0].itemId).not.toBe(page1.items[0].itemId)

    const other = await api.ok('staffQueue', { query: { kind: 'out_of_area_care' }, token: reviewer })
    expect(other.items.map((i) => i.itemId)).not.toContain(first)
    const elsewhere = await api.ok('staffQueue', { query: { township: '没有这个乡' }, token: reviewer })
    expect(elsewhere.items).toEqual([])
  })

  it('shows one application with its household; the decision and every read are in the audit', async () => {
    const id = await newbornApplication('王三', '20260903')
    const shown = await api.ok('staffApplication', { params: { applicationId: id }, token: reviewer })
    expect(shown.application.applicationId).toBe(id)
    expect(shown.household.members.length).toBeGreaterThan(2)
    // ID numbers masked even for staff on screen
    for (const m of shown.household.members) if (m.idNumberMasked) expect(m.idNumberMasked).toContain('*')

    const doc = shown.application.documents[0].documentId
    const file = await api.raw('GET', `/v1/review/documents/${doc}`, { token: reviewer })
    expect(file.status).toBe(200)
    const asked = await api.call('reviewDecide', {
      params: { applicationId: id },
      body: { decision: 'needs_more', reason: '出生证明照片看不清，请重新拍' },
      token: reviewer
    })
    expect(asked.data.status).toBe('needs_more')

    // the reviewer may not read the audit; the supervisor may, newest first
    expect((await api.call('staffAudit', { token: reviewer })).status).toBe(403)
    const audit = await api.ok('staffAudit', { query: { householdId: 'hh_0001', limit: 10 }, token: supervisor })
    const mine = audit.entries.filter((e) => e.subject === id || e.subject === doc)
    expect(mine.map((e) => e.action)).toEqual([
      'reviewer_decided_needs_more',
      'reviewer_read_document',
      'reviewer_read_application'
    ])
    expect(mine[0]).toEqual(expect.objectContaining({ actorName: '县医保局审核员', actorRole: 'reviewer' }))
    // a page at a time, newest first: the second page starts where the first ended
    const one = await api.ok('staffAudit', { query: { householdId: 'hh_0001', limit: 1 }, token: supervisor })
    expect(one.entries[0].action).toBe('reviewer_decided_needs_more')
    const two = await api.ok('staffAudit', {
      query: { householdId: 'hh_0001', limit: 1, after: one.next as string },
      token: supervisor
    })
    expect(two.entries[0].action).toBe('reviewer_read_document')

    // the household reads the same in its access log
    const log = await api.ok('accessLog', { params: { householdId: 'hh_0001' }, token: head })
    expect(log.entries.map((e) => e.action)).toContain('reviewer_decided_needs_more')
  })

  it('lets the supervisor decide too', async () => {
    const id = await newbornApplication('王四', '20260904')
    const r = await api.call('reviewDecide', {
      params: { applicationId: id },
      body: { decision: 'reject', reason: '已在外地参保' },
      token: supervisor
    })
    expect(r.data.status).toBe('rejected')
  })
})

describe('notices written by the county', () => {
  it("publishes at once or at a set time, and makes a masked 公示 list from the year's large payouts", async () => {
    const now = await api.now()
    // the county's times are Beijing time, +08:00
    const at = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00')
    const soon = await api.call('staffCreateNotice', {
      body: {
        kind: 'announcement',
        title: '下月起门诊报销比例提高',
        body: '村卫生室看病报销比例提高到60%。',
        publishAt: at(now + 86_400_000)
      },
      token: reviewer
    })
    expect(soon.status).toBe(201)
    const published = await api.ok('staffCreateNotice', {
      body: { kind: 'announcement', title: '缴费截止提醒', body: '12月31日截止，请抓紧缴费。' },
      token: reviewer
    })
    const publicNow = (await api.ok('listNotices', {})).notices.map((n) => n.noticeId)
    expect(publicNow).toContain(published.noticeId)
    expect(publicNow).not.toContain(soon.data.noticeId)
    const staffList = await api.ok('staffNotices', { token: reviewer })
    expect(staffList.notices.find((n) => n.notice.noticeId === soon.data.noticeId)?.scheduled).toBe(true)

    // a day later the scheduled one is public
    await api.setNow(now + 86_400_000 + 1000)
    reviewer = await api.wechat('reviewer') // (the sessions went idle meanwhile)
    head = await api.wechat('head')
    expect((await api.ok('listNotices', {})).notices.map((n) => n.noticeId)).toContain(soon.data.noticeId)

    const disclosure = await api.call('staffCreateNotice', {
      body: { kind: 'payout_disclosure', title: '2026年度大额住院报销公示', body: '公示期7天。', disclosureYear: 2026 },
      token: reviewer
    })
    if (disclosure.status === 201) {
      expect(disclosure.data.entries.length).toBeGreaterThan(0)
      for (const e of disclosure.data.entries) expect(e.nameMasked).toContain('*')
    } else expect(disclosure.error.code).toBe('CONFLICT') // a small county may have none that year
    expect(
      (
        await api.call('staffCreateNotice', {
          body: { kind: 'payout_disclosure', title: 'x', body: 'y' },
          token: reviewer
        })
      ).status
    ).toBe(400)
    expect(
      (await api.call('staffCreateNotice', { body: { kind: 'announcement', title: 'x', body: 'y' }, token: head }))
        .status
    ).toBe(403)
  })

  it('changes a notice only before it is public, withdraws one with a reason, and the villagers stop seeing it', async () => {
    const now = await api.now()
    const at = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00')
    const scheduled = await api.ok('staffCreateNotice', {
      body: { kind: 'announcement', title: '停诊通知', body: '周六乡镇卫生院停诊。', publishAt: at(now + 3_600_000) },
      token: reviewer
    })
    // before its time it is nobody's to read, even by its id
    expect((await api.call('getNotice', { params: { noticeId: scheduled.noticeId } })).status).toBe(404)
    const edited = await api.ok('staffEditNotice', {
      params: { noticeId: scheduled.noticeId },
      body: { title: '停诊通知（更正）', body: '周日乡镇卫生院停诊。' },
      token: reviewer
    })
    expect(edited.notice.title).toBe('停诊通知（更正）')
    expect(edited.notice.publishedAt).toBe(scheduled.publishedAt) // the time stays unless changed
    expect(edited.scheduled).toBe(true)
    expect(
      (
        await api.call('staffEditNotice', {
          params: { noticeId: scheduled.noticeId },
          body: { title: 'x', body: 'y', publishAt: at(now - 86_400_000) },
          token: reviewer
        })
      ).status
    ).toBe(400)

    const published = await api.ok('staffCreateNotice', {
      body: { kind: 'announcement', title: '错发的通知', body: '报销比例写错了。' },
      token: reviewer
    })
    const change = await api.call('staffEditNotice', {
      params: { noticeId: published.noticeId },
      body: { title: '悄悄改掉', body: '不行' },
      token: reviewer
    })
    expect(change.status).toBe(409)
    expect(change.error.message).toContain('撤回')

    grantee = await api.wechat('grantee') // (idle since the clock moved a day on)
    assistant = (await api.phone('13800000008')).token
    for (const token of [head, grantee, assistant]) {
      const r = await api.call('staffWithdrawNotice', {
        params: { noticeId: published.noticeId },
        body: { reason: '内容有误' },
        token
      })
      expect(r.status).toBe(403)
    }
    expect(
      (
        await api.call('staffWithdrawNotice', {
          params: { noticeId: published.noticeId },
          body: { reason: '' },
          token: reviewer
        })
      ).status
    ).toBe(400)
    const withdrawn = await api.ok('staffWithdrawNotice', {
      params: { noticeId: published.noticeId },
      body: { reason: '报销比例写错了，另发更正' },
      token: reviewer
    })
    expect(withdrawn.withdrawn?.reason).toBe('报销比例写错了，另发更正')
    expect((await api.ok('listNotices', {})).notices.map((n) => n.noticeId)).not.toContain(published.noticeId)
    const gone = await api.call('getNotice', { params: { noticeId: published.noticeId } })
    expect(gone.status).toBe(404)
    expect(gone.error.message).toBe('这条通知县里已经撤回了')
    expect(
      (
        await api.call('staffWithdrawNotice', {
          params: { noticeId: published.noticeId },
          body: { reason: '再撤一次' },
          token: reviewer
        })
      ).status
    ).toBe(409)
    const staffList = await api.ok('staffNotices', { token: reviewer })
    expect(staffList.notices.find((n) => n.notice.noticeId === published.noticeId)?.withdrawn?.reason).toBe(
      '报销比例写错了，另发更正'
    )
  })
})
