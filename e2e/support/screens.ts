// Photographs the screens an older villager uses most, in elderly mode at 320 and 375 wide (the
// pages of issue 19 in normal mode at 375 too), into
// docs/screens/ (run after an h5 build: `npx tsx e2e/support/screens.ts`). The pictures are
// committed so a change to how these screens look is seen in review.
import { mkdirSync, mkdtempSync } from 'fs'
import os from 'os'
import path from 'path'
import { startProduct, TEST_NOW } from '../../config/product'
import { launchPhone } from './browser'
import { DEMO, DEV_OTP, signInApi } from './session'
import { openPage, pageQueries } from './pages'

const SCREENS: [name: string, route: string][] = [
  ['home', 'pages/home/index'],
  ['quote', 'subpackages/pay/quote/index'],
  ['receipt', 'subpackages/pay/receipt/index'],
  ['claim-detail', 'subpackages/claims/detail/index'],
  ['estimate', 'subpackages/claims/estimate/index'],
  ['notices', 'subpackages/notices/index/index'],
  ['notice', 'subpackages/notices/detail/index'],
  ['official-channels', 'subpackages/notices/official/index'],
  ['statement', 'subpackages/household/statement/index'],
  ['chronic', 'subpackages/enrol/chronic/index']
]
/** Pages new in issue 19, photographed in normal mode too (375 wide). */
const NORMAL_TOO = new Set(['notices', 'notice', 'official-channels', 'statement', 'chronic'])
const SIZES = [
  [320, 568],
  [375, 667]
] as const

async function main() {
  const out = path.resolve(__dirname, '../../docs/screens')
  mkdirSync(out, { recursive: true })
  const product = await startProduct({
    dbPath: path.join(mkdtempSync(path.join(os.tmpdir(), 'xqyb-screens-')), 'county.sqlite'),
    households: 12,
    env: { DEV_OTP },
    now: TEST_NOW
  })
  const { context, page } = await launchPhone({ now: product.now })
  try {
    const head = await signInApi(product, DEMO.head)
    const queries = await pageQueries(product, head)
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height })
      for (const [name, route] of SCREENS) {
        await openPage(page, product, head, route, queries, { elderly: true })
        await page.screenshot({ path: path.join(out, `elderly-${width}-${name}.png`) })
      }
    }
    await page.setViewportSize({ width: 375, height: 667 })
    for (const [name, route] of SCREENS.filter(([n]) => NORMAL_TOO.has(n))) {
      await openPage(page, product, head, route, queries, { elderly: false })
      await page.screenshot({ path: path.join(out, `normal-375-${name}.png`) })
    }
  } finally {
    await context.close()
    await product.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
