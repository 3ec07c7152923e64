// The application status page of the BUILT mini-program: what the county asked for, and a
// photo taken with wx.chooseMedia sent with wx.uploadFile (progress shown), the weapp path
// the browser tests cannot take.
const { loadPage, waitFor, text } = require('./harness')

const HOUSEHOLD = 'hh_demo8'
const me = {
  userId: 'u_migrant',
  role: 'villager',
  personId: 'p_a',
  displayName: '阿依古丽·买买提',
  phoneMasked: '138****0003',
  households: [
    {
      householdId: HOUSEHOLD,
      relation: 'head',
      scopes: ['status', 'claims', 'pay'],
      headNameMasked: '阿*****提',
      village: '青石村'
    }
  ]
}
const base = {
  applicationId: 'app_1',
  householdId: HOUSEHOLD,
  kind: 'add_newborn',
  status: 'needs_more',
  fields: { name: '帕丽达·艾力', idNumber: '999***********0136', relation: '女' },
  documents: [],
  reason: '出生医学证明照片看不清编号，请重拍',
  submittedAt: '2026-11-20T10:00:00+08:00',
  decidedAt: '2026-11-21T10:00:00+08:00'
}
const withDoc = {
  ...base,
  documents: [
    {
      documentId: 'doc_1',
      fileName: 'tmp_a.jpg',
      contentType: 'image/jpeg',
      size: 204800,
      uploadedAt: '2026-11-22T10:00:00+08:00'
    }
  ]
}

test('needs-more status and a camera photo uploaded through wx.uploadFile in the weapp build', async () => {
  const storage = new Map()
  storage.set(
    'xqyb.session',
    JSON.stringify({
      state: { userId: 'u_migrant', me, expiresAt: '2099-01-01T00:00:00+08:00', activeHouseholdId: HOUSEHOLD },
      version: 1
    })
  )
  const uploads = []
  let progressListener = null
  const page = loadPage(
    'subpackages/enrol/status/index',
    {
      setStorageSync: (k, v) => {
        storage.set(k, v)
      },
      getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
      removeStorageSync: (k) => {
        storage.delete(k)
      },
      request: (o) => {
        const body = /\/v1\/applications\/app_1$/.test(o.url) ? base : null
        setTimeout(() => {
          if (body) o.success({ statusCode: 200, data: JSON.stringify(body), header: {} })
          else
            o.success({
              statusCode: 404,
              data: JSON.stringify({ code: 'NOT_FOUND', message: '没有找到相关信息' }),
              header: {}
            })
          o.complete && o.complete({})
        }, 0)
        return { abort() {} }
      },
      // like WeChat: callbacks when given, else a promise
      chooseMedia: (o) => {
        const res = {
          type: 'image',
          tempFiles: [{ tempFilePath: 'wxfile://tmp_a.jpg', size: 204800, fileType: 'image' }],
          errMsg: 'chooseMedia:ok'
        }
        if (!o.success) return Promise.resolve(res)
        setTimeout(() => {
          o.success(res)
          o.complete && o.complete(res)
        }, 0)
      },
      uploadFile: (o) => {
        uploads.push(o)
        setTimeout(() => {
          if (progressListener)
            progressListener({ progress: 60, totalBytesSent: 122880, totalBytesExpectedToSend: 204800 })
          setTimeout(() => {
            const res = { statusCode: 201, data: JSON.stringify(withDoc), errMsg: 'uploadFile:ok' }
            o.success && o.success(res)
            o.complete && o.complete(res)
          }, 0)
        }, 0)
        return {
          onProgressUpdate: (cb) => {
            progressListener = cb
          },
          offProgressUpdate() {},
          abort() {}
        }
      }
    },
    { id: 'app_1' }
  )
  await waitFor(() => text(page).includes('要补充材料'))
  expect(text(page)).toContain('出生医学证明照片看不清编号，请重拍')
  expect(text(page)).toContain('帕丽达·艾力')
  // the first document row is "what the county asked for"; the second is the birth certificate
  page.querySelectorAll('.enrol-pick__camera')[1].dispatchEvent('tap')
  await waitFor(() => uploads.length === 1)
  expect(uploads[0].filePath).toBe('wxfile://tmp_a.jpg')
  expect(uploads[0].name).toBe('file')
  expect(uploads[0].url).toMatch(/\/v1\/applications\/app_1\/documents$/)
  await waitFor(() => text(page).includes('已上传 1 张'))
})
