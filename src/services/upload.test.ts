import Taro from '@tarojs/taro'
import { resetNetworkForTests, useNetwork } from './network'
import { configureUpload, uploadDocument } from './upload'

const uploadFile = Taro.uploadFile as unknown as jest.Mock
const app = {
  applicationId: 'app_1',
  householdId: 'h1',
  kind: 'add_newborn',
  status: 'submitted',
  fields: {},
  reason: null,
  documents: [
    {
      documentId: 'doc_1',
      fileName: 'birth-certificate-1.jpg',
      contentType: 'image/jpeg',
      size: 1234,
      uploadedAt: '2026-11-23T10:00:00+08:00'
    }
  ],
  submittedAt: '2026-11-23T10:00:00+08:00',
  decidedAt: null
}

function answerWith(res: { statusCode: number; data: unknown } | { fail: string }, progress: number[] = []) {
  uploadFile.mockImplementationOnce((o: { success: (r: unknown) => void; fail: (e: unknown) => void }) => {
    const listeners: ((r: { progress: number }) => void)[] = []
    setTimeout(() => {
      progress.forEach((p) => listeners.forEach((l) => l({ progress: p })))
      if ('fail' in res) o.fail({ errMsg: res.fail })
      else
        o.success({
          statusCode: res.statusCode,
          data: typeof res.data === 'string' ? res.data : JSON.stringify(res.data)
        })
    }, 0)
    return { onProgressUpdate: (l: (r: { progress: number }) => void) => listeners.push(l), abort: jest.fn() }
  })
}

beforeEach(() => {
  resetNetworkForTests()
  configureUpload({ baseUrl: '/county', token: () => 'tok-9', timeoutMs: 1000 })
})

test('sends the file to the documents route with the token and reports progress', async () => {
  answerWith({ statusCode: 201, data: app }, [30, 100])
  const seen: number[] = []
  const r = await uploadDocument(
    { applicationId: 'app 1', path: 'wxfile://tmp/a.jpg', fileName: 'birth-certificate-1.jpg' },
    (p) => seen.push(p)
  )
  expect(r).toEqual({ ok: true, data: app })
  const o = uploadFile.mock.calls[0][0]
  expect(o).toMatchObject({
    url: '/county/v1/applications/app%201/documents',
    filePath: 'wxfile://tmp/a.jpg',
    name: 'file',
    fileName: 'birth-certificate-1.jpg',
    header: { authorization: 'Bearer tok-9' }
  })
  expect(seen).toEqual([30, 100])
})

test('county refusals keep their code and Chinese message and are not retryable', async () => {
  answerWith({ statusCode: 400, data: { code: 'UPLOAD_REJECTED', message: '上传的文件不符合要求' } })
  const r = await uploadDocument({ applicationId: 'a', path: 'p', fileName: 'f.jpg' })
  expect(r).toEqual({
    ok: false,
    error: expect.objectContaining({ code: 'UPLOAD_REJECTED', message: '上传的文件不符合要求', retryable: false })
  })
})

test('a proxy 413 without a county body is PAYLOAD_TOO_LARGE; a gateway 502 is UNREACHABLE and retryable', async () => {
  answerWith({ statusCode: 413, data: '<html>too large</html>' })
  expect(await uploadDocument({ applicationId: 'a', path: 'p', fileName: 'f.jpg' })).toMatchObject({
    ok: false,
    error: { code: 'PAYLOAD_TOO_LARGE' }
  })
  answerWith({ statusCode: 502, data: 'bad gateway' })
  expect(await uploadDocument({ applicationId: 'a', path: 'p', fileName: 'f.jpg' })).toMatchObject({
    ok: false,
    error: { code: 'UNREACHABLE', retryable: true }
  })
})

test('network failures: timeout, offline', async () => {
  answerWith({ fail: 'uploadFile:fail timeout' })
  expect(await uploadDocument({ applicationId: 'a', path: 'p', fileName: 'f.jpg' })).toMatchObject({
    ok: false,
    error: { code: 'TIMEOUT', retryable: true }
  })
  useNetwork.getState().setOnline(false)
  answerWith({ fail: 'uploadFile:fail' })
  expect(await uploadDocument({ applicationId: 'a', path: 'p', fileName: 'f.jpg' })).toMatchObject({
    ok: false,
    error: { code: 'OFFLINE' }
  })
})

test('a 201 that is not an application is a BAD_RESPONSE, not a success', async () => {
  answerWith({ statusCode: 201, data: { applicationId: 'x' } })
  expect(await uploadDocument({ applicationId: 'a', path: 'p', fileName: 'f.jpg' })).toMatchObject({
    ok: false,
    error: { code: 'BAD_RESPONSE' }
  })
})

test('a temp file the phone has cleaned up is reported as such, not as a network problem', async () => {
  answerWith({ fail: 'uploadFile:fail file not found' })
  expect(await uploadDocument({ applicationId: 'a', path: 'wxfile://gone.jpg', fileName: 'f.jpg' })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', retryable: false, message: expect.stringContaining('请重新拍照或选择') }
  })
})
