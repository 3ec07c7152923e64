// An upload over the county's 5 MB limit is refused on the phone with a clear message, and
// not one byte goes out: no request to the documents route is made at all.
import type { Page } from 'playwright-core'
import type { Application } from '../../src/contract'
import type { RunningProduct } from '../../config/product'
import {
  countyClient,
  chooseFiles,
  type EnrolWorld,
  fileOutOfArea,
  makeJpeg,
  type SignedIn,
  startEnrolWorld,
  stopEnrolWorld,
  uploadRequests
} from './enrol-helpers'

jest.setTimeout(180000)

let world: EnrolWorld
let product: RunningProduct
let page: Page
let errors: string[]
let migrant: SignedIn
let app: Application

beforeAll(async () => {
  world = await startEnrolWorld()
  ;({ product, page, errors, migrant } = world)
  app = await fileOutOfArea(world, '浙江省义乌市')
})

afterAll(() => stopEnrolWorld(world))

test('a 6 MB PDF is refused before sending, with its size and what to do', async () => {
  const sent = uploadRequests(page)
  await page.goto(`${product.webUrl}/#/subpackages/enrol/status/index?id=${app.applicationId}`)
  await page.locator('.enrol-doc--residence-proof').waitFor()
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(6 * 1024 * 1024, 0x20)])
  await chooseFiles(page, '.enrol-doc--residence-proof .enrol-pick__file', [
    { name: '劳动合同.pdf', mimeType: 'application/pdf', buffer: big }
  ])
  const msg = page.locator('.enrol-doc--residence-proof .enrol-upload--refused .enrol-upload__msg')
  await msg.waitFor()
  await expect(msg.textContent()).resolves.toBe(
    '这个文件有 6.0 MB，超过了 5.0 MB 的上限，没有上传。请换一个小一点的文件，或者把纸拍成照片上传。'
  )
  expect(sent).toEqual([])

  // the same paper, small enough, goes through: the route works and only then is something sent
  const ok = await makeJpeg(page, '工作证明')
  await chooseFiles(page, '.enrol-doc--residence-proof .enrol-pick__album', [
    { name: 'proof.jpg', mimeType: 'image/jpeg', buffer: ok }
  ])
  await page.locator('.enrol-doc--residence-proof').getByText('已上传 1 张').waitFor()
  expect(sent).toHaveLength(1)
  const fresh = await countyClient(product).call('getApplication', {
    params: { applicationId: app.applicationId },
    token: migrant.token
  })
  expect(fresh.data.documents.map((d) => d.size)).toEqual([ok.length])
  expect(errors).toEqual([])
})
