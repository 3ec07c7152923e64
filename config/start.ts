// npm start: build the h5 app (if needed), start the reference county API with seeded demo
// data and serve the app, then print where to open it and the demo accounts.
import { spawnSync } from 'child_process'
import { existsSync, mkdirSync, readFileSync, statSync, readdirSync } from 'fs'
import path from 'path'
import { startProduct } from './product'

const root = path.resolve(__dirname, '..')

function newestMtime(dir: string): number {
  let newest = 0
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    const st = statSync(full)
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs)
  }
  return newest
}

function buildH5IfStale() {
  const index = path.join(root, 'dist/h5/index.html')
  if (existsSync(index) && statSync(index).mtimeMs > newestMtime(path.join(root, 'src'))) return
  console.log('正在构建网页版 (taro build --type h5)…')
  const r = spawnSync(path.join(root, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' }
  })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

async function main() {
  buildH5IfStale()
  const dbPath = process.env.COUNTY_API_DB || path.join(root, 'county-api/data/county.sqlite')
  mkdirSync(path.dirname(dbPath), { recursive: true })
  const product = await startProduct({
    apiPort: Number(process.env.PORT || 8787),
    webPort: Number(process.env.WEB_PORT || 10086),
    dbPath,
    households: 200,
    // the demo's fixed one-time code; test hooks off; normal sign-in rate limit
    env: { DEV_OTP: process.env.DEV_OTP || '123456', TEST_HOOKS: '0', SIGNIN_RATE_LIMIT: '30' },
    echoLogs: true
  })
  const demo = path.join(root, 'county-api/DEMO.md')
  console.log('')
  console.log(`乡亲医保 is running.  Open ${product.webUrl}/  (phone size: DevTools device mode, 375×667)`)
  console.log(`County API: ${product.api?.url}  (contract: ${product.api?.url}/openapi.json)`)
  if (product.wechat)
    console.log(
      `WeChat simulator: ${product.wechat.url}  (WeChat Pay APIv3, sign-in and subscribe messages, throwaway keys)`
    )
  if (existsSync(demo)) {
    console.log('\nDemo accounts (from county-api/DEMO.md):')
    console.log(
      readFileSync(demo, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('| `demo-'))
        .join('\n')
    )
  }
  console.log('\nh5 sign-in: a demo phone number and the one-time code 123456 (DEV_OTP). Ctrl+C stops both.')
  const stop = async () => {
    await product.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
