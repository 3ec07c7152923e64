// Nothing is lost when the network drops: a photo chosen while the county cannot be reached
// is retried and kept, and sent by itself once the county is back (on h5 a chosen file does not
// survive closing the page — blob URLs die with it — and the app then asks to choose it again).
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
  stopEnrolWorld
} from './enrol-helpers'

jest.setTimeout(240000)

let world: EnrolWorld
let product: RunningProduct
let page: Page
let errors: string[]
let migrant: SignedIn
let app: Application

beforeAll(async () => {
  world = await startEnrolWorld()
  ;({ product, page, errors, migrant } = world)
  app = await fileOutOfArea(world, '江苏省苏州市')
})

afterAll(() => stopEnrolWorld(world))

test('a photo chosen while the county is unreachable is retried, kept, and sent by itself when the county is back', async () => {
  await page.goto(`${product.webUrl}/#/subpackages/enrol/status/index?id=${app.applicationId}`)
  await page.locator('.enrol-doc--id-card').waitFor()
  await product.stopApi()
  const photo = await makeJpeg(page, '身份证')
  await chooseFiles(page, '.enrol-doc--id-card .enrol-pick__album', [
    { name: 'id.jpg', mimeType: 'image/jpeg', buffer: photo }
  ])
  // retried on the weak network, never dropped
  await page
    .locator('.enrol-doc--id-card .enrol-upload--retrying, .enrol-doc--id-card .enrol-upload--waiting_network')
    .first()
    .waitFor()

  await expect(page.locator('.enrol-doc--id-card .enrol-upload').count()).resolves.toBe(1)

  await product.startApi()
  await page.locator('.enrol-doc--id-card').getByText('已上传 1 张').waitFor({ timeout: 120000 })
  const fresh = await countyClient(product).call('getApplication', {
    params: { applicationId: app.applicationId },
    token: migrant.token
  })
  expect(fresh.data.documents).toHaveLength(1)
  expect(fresh.data.documents[0].size).toBe(photo.length)
  // only the failed requests while the county was down may show up as console errors
  expect(errors.filter((e) => !/Failed to load resource|502|503|504/.test(e))).toEqual([])
})
