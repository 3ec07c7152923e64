import type { Application } from '@/contract'
import { checkFile, formatSize, MAX_UPLOAD_BYTES, uploadTypeOf } from './files'
import { createUploadQueue, MAX_ATTEMPTS, type SendResult, type UploadDeps } from './upload-queue'

function app(docIds: string[]): Application {
  return {
    applicationId: 'app1',
    householdId: 'h1',
    kind: 'add_newborn',
    status: 'submitted',
    fields: {},
    reason: null,
    documents: docIds.map((id) => ({
      documentId: id,
      fileName: `${id}.jpg`,
      contentType: 'image/jpeg',
      size: 1000,
      uploadedAt: '2026-11-23T10:00:00+08:00'
    })),
    submittedAt: '2026-11-23T10:00:00+08:00',
    decidedAt: null
  }
}

function deps(over: Partial<UploadDeps> = {}) {
  const sent: string[] = []
  let count = 0
  const d: UploadDeps & { sent: string[]; waits: number[] } = {
    sent,
    waits: [],
    compress: jest.fn(async (f) => ({
      path: `${f.path}.small`,
      size: Math.round(f.size / 10),
      type: 'image/jpeg' as const
    })),
    send: jest.fn(async (input, onProgress) => {
      sent.push(input.fileName)
      onProgress(50)
      onProgress(100)
      count += 1
      return { ok: true, data: app(Array.from({ length: count }, (_, i) => `doc${i + 1}`)) } as SendResult
    }),
    wait: jest.fn(async (ms: number) => {
      d.waits.push(ms)
    }),
    isOnline: () => true,
    ...over
  }
  return d
}

const MB = 1024 * 1024

describe('file checks before sending', () => {
  test('type from MIME or name; anything else is refused in plain Chinese', () => {
    expect(uploadTypeOf({ path: 'wxfile://tmp_abc.JPG' })).toBe('image/jpeg')
    expect(uploadTypeOf({ path: 'blob:http://x/1', type: 'application/pdf' })).toBe('application/pdf')
    expect(uploadTypeOf({ path: 'a.heic', type: 'image/heic' })).toBeNull()
    expect(checkFile({ path: 'a.doc', size: 100 })).toEqual({
      ok: false,
      error: { code: 'wrong_type', message: '只能上传照片（JPG、PNG）或 PDF 文件，这个文件不行，请换一个' }
    })
  })

  test('5 MB exactly passes; one byte more is refused with the size in the message', () => {
    expect(checkFile({ path: 'a.pdf', size: MAX_UPLOAD_BYTES }).ok).toBe(true)
    const r = checkFile({ path: 'a.pdf', size: 6.2 * MB })
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large' } })
    if (!r.ok)
      expect(r.error.message).toBe(
        '这个文件有 6.2 MB，超过了 5.0 MB 的上限，没有上传。请换一个小一点的文件，或者把纸拍成照片上传。'
      )
    expect(formatSize(850 * 1024)).toBe('850 KB')
  })
})

describe('upload queue', () => {
  test('a photo is compressed, uploaded with progress, and gets the county document id', async () => {
    const d = deps()
    const q = createUploadQueue(d)
    const progress: number[] = []
    q.subscribe((s) => {
      const it = s.items[0]
      if (it && it.status === 'uploading') progress.push(it.progress)
    })
    const refused = await q
      .getState()
      .add('app1', 'birth-certificate', [{ path: 'tmp/photo.jpg', size: 3 * MB, type: 'image/jpeg' }])
    expect(refused).toEqual([])
    expect(d.compress).toHaveBeenCalledTimes(1)
    await q.getState().run()
    const [it] = q.getState().items
    expect(it).toMatchObject({
      status: 'done',
      progress: 100,
      path: 'tmp/photo.jpg.small',
      fileName: 'birth-certificate-1.jpg',
      countyDocumentId: 'doc1',
      attempts: 1
    })
    expect(progress).toEqual([0, 50, 100])
  })

  test('a PDF over 5 MB is refused before anything is sent or compressed', async () => {
    const d = deps()
    const q = createUploadQueue(d)
    const refused = await q
      .getState()
      .add('app1', 'birth-certificate', [{ path: 'blob:x', size: 6 * MB, type: 'application/pdf', name: 'big.pdf' }])
    await q.getState().run()
    expect(refused).toHaveLength(1)
    expect(refused[0].message).toContain('超过了 5.0 MB')
    expect(d.send).not.toHaveBeenCalled()
    expect(d.compress).not.toHaveBeenCalled()
  })

  test('a photo still over 5 MB after compression is refused, not sent', async () => {
    const d = deps({ compress: jest.fn(async (f) => ({ ...f, size: 5.5 * MB })) })
    const q = createUploadQueue(d)
    const refused = await q.getState().add('app1', 'id-card', [{ path: 'p.png', size: 9 * MB, type: 'image/png' }])
    await q.getState().run()
    expect(refused.map((r) => r.status)).toEqual(['refused'])
    expect(refused[0].message).toMatch(/^这张照片有 5\.5 MB/)
    expect(d.send).not.toHaveBeenCalled()
  })

  test('a weak network is retried with growing pauses, then succeeds', async () => {
    let calls = 0
    const d = deps({
      send: jest.fn(async () => {
        calls += 1
        if (calls < 3)
          return { ok: false, error: { code: 'TIMEOUT', message: '网络太慢', retryable: true } } as SendResult
        return { ok: true, data: app(['doc9']) } as SendResult
      })
    })
    const q = createUploadQueue(d)
    await q.getState().add('app1', 'id-card', [{ path: 'a.jpg', size: 100 * 1024 }])
    await q.getState().run()
    expect(q.getState().items[0]).toMatchObject({ status: 'done', attempts: 3 })
    expect(d.waits).toEqual([2000, 4000])
  })

  test('tries run out on a bad network: kept, waiting for the network; the user can retry', async () => {
    const d = deps({
      send: jest.fn(
        async () =>
          ({
            ok: false,
            error: { code: 'UNREACHABLE', message: '县里的系统暂时连不上', retryable: true }
          }) as SendResult
      )
    })
    const q = createUploadQueue(d)
    await q.getState().add('app1', 'id-card', [{ path: 'a.jpg', size: 1000 }])
    await q.getState().run()
    const it = q.getState().items[0]
    expect(it.status).toBe('waiting_network')
    expect(it.attempts).toBe(MAX_ATTEMPTS)
    expect(it.message).toContain('重新上传')
    ;(d.send as jest.Mock).mockResolvedValueOnce({ ok: true, data: app(['d1']) })
    await q.getState().retry(it.localId)
    expect(q.getState().items[0].status).toBe('done')
  })

  test('offline: the item waits, and goes by itself when the network is back', async () => {
    let online = false
    const d = deps({ isOnline: () => online })
    const q = createUploadQueue(d)
    await q.getState().add('app1', 'id-card', [{ path: 'a.jpg', size: 1000 }])
    await q.getState().run()
    expect(q.getState().items[0]).toMatchObject({
      status: 'waiting_network',
      message: '现在没有网络，连上网络后会自动接着传'
    })
    expect(d.send).not.toHaveBeenCalled()
    online = true
    await q.getState().resume()
    expect(q.getState().items[0].status).toBe('done')
  })

  test('the county refusing a file is not retried', async () => {
    const d = deps({
      send: jest.fn(
        async () =>
          ({
            ok: false,
            error: { code: 'UPLOAD_REJECTED', message: '上传的文件不符合要求', retryable: false }
          }) as SendResult
      )
    })
    const q = createUploadQueue(d)
    await q.getState().add('app1', 'id-card', [{ path: 'a.jpg', size: 1000 }])
    await q.getState().run()
    expect(q.getState().items[0]).toMatchObject({ status: 'failed', message: '上传的文件不符合要求', attempts: 1 })
    expect(d.wait).not.toHaveBeenCalled()
  })

  test('the queue is persisted: a reopened app still has the unsent photo, in line again', async () => {
    const mem = new Map<string, string>()
    const storage = {
      getItem: (k: string) => mem.get(k) ?? null,
      setItem: (k: string, v: string) => {
        mem.set(k, v)
      },
      removeItem: (k: string) => {
        mem.delete(k)
      }
    }
    const q1 = createUploadQueue(deps({ isOnline: () => false, storage }))
    await q1.getState().add('app1', 'id-card', [{ path: 'a.jpg', size: 1000 }])
    await q1.getState().run()
    const d2 = deps({ storage })
    const q2 = createUploadQueue(d2)
    await new Promise((r) => setTimeout(r, 0))
    expect(q2.getState().items.map((i) => i.status)).toEqual(['waiting_network'])
    await q2.getState().resume()
    expect(q2.getState().items[0].status).toBe('done')
  })
})

test('refused files stay in the list with their reason until the user removes them', async () => {
  const d = deps()
  const q = createUploadQueue(d)
  const [r] = await q.getState().add('app1', 'id-card', [{ path: 'x.doc', size: 10, name: 'x.doc' }])
  expect(q.getState().items).toMatchObject([{ status: 'refused', message: expect.stringContaining('只能上传照片') }])
  q.getState().remove(r.localId)
  expect(q.getState().items).toEqual([])
})
