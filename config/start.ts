// npm start: build the h5 app (if needed), start the reference county API with seeded demo
// data and serve the app, then print where to open it and the demo accounts.
import { spawnSync } from 'child_process'
import { existsSync, mkdirSync, readFileSync, statSync, readdirSync } from 'fs'
import Database from 'better-sqlite3'
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

/** The demo accounts, in the terminal's words (the stories: county-api/DEMO.md). */
const ACCOUNTS: Array<[phone: string, code: string, who: string]> = [
  ['13800000001', 'demo-head', '王建国，户主，一家五口，2027年还没交'],
  ['13800000002', 'demo-elder', '李秀英，78岁，老两口的家（大字）'],
  ['13800000003', 'demo-migrant', '阿依古丽·买买提，在外打工，替父母交钱'],
  ['13800000004', 'demo-grantee', '王小燕，出嫁的女儿，父母授权她代办'],
  ['13800000009', 'demo-reviewer', '县医保局审核员（工作台：审核申请、看材料）']
]

/** The county's own accounts: the workspace (h5 only), signed in by phone. */
const STAFF_ACCOUNTS: Array<[phone: string, who: string]> = [
  ['13800000009', '县医保局审核员：待办队列、看材料、审核'],
  ['13800000010', '县医保局科长：审核，再加查看记录（谁看了哪户、哪份材料）'],
  ['13800000008', '云岭村村医 赵医生（代办人）：这户当场同意后替它查、替它交、替它给新生儿参保']
]

/** The ID number the migrant persona pays her parents' household by (it follows the seed's date). */
function parentIdNumber(dbPath: string): { name: string; idNumber: string } | null {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true })
    try {
      const row = db
        .prepare("SELECT name, id_number FROM persons WHERE household_id = 'hh_0003' AND relation = '户主'")
        .get() as { name: string; id_number: string } | undefined
      return row ? { name: row.name, idNumber: row.id_number } : null
    } finally {
      db.close()
    }
  } catch {
    return null
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The processes between this one and `npm` (tsx, sh, npm itself): Linux /proc; elsewhere the parent. */
function launcherPids(): number[] {
  const out: number[] = []
  let pid = process.ppid
  for (let i = 0; i < 4 && pid > 1; i++) {
    out.push(pid)
    try {
      if (/\bnpm\b/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) break
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    } catch {
      break
    }
  }
  return out
}

async function main() {
  buildH5IfStale()
  const dbPath = process.env.COUNTY_API_DB || path.join(root, 'county-api/data/county.sqlite')
  mkdirSync(path.dirname(dbPath), { recursive: true })
  const logFile = path.join(path.dirname(dbPath), 'county-api.log')
  const apiPort = Number(process.env.PORT || 8787)
  const webPort = Number(process.env.WEB_PORT || 10086)
  console.log('正在启动县医保接口和网页版…')
  const product = await startProduct({
    apiPort,
    webPort,
    dbPath,
    households: 200,
    // the demo's fixed one-time code; test hooks off; normal sign-in rate limit
    env: { DEV_OTP: process.env.DEV_OTP || '123456', TEST_HOOKS: '0', SIGNIN_RATE_LIMIT: '30' },
    logFile
  })
  // stopping npm start (Ctrl+C, kill <pid>, the terminal closed) stops everything it started
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log('\n正在停止…')
    await product.close().catch((e) => console.error(e))
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.on('SIGHUP', stop)
  // last resort if this process ends some other way: never leave the county API running alone
  process.on('exit', () => product.api?.child.kill('SIGTERM'))
  // `kill <pid of npm start>`: npm and the shell under it die without passing the signal on, and
  // this process would live on, orphaned. Watch them and stop with them.
  const launchers = launcherPids()
  setInterval(() => {
    if (launchers.some((pid) => !alive(pid))) void stop()
  }, 1000).unref()

  const parent = parentIdNumber(dbPath)
  const lines = [
    '',
    '乡亲医保（演示）已经启动',
    `  网页版      ${product.webUrl}/   （端口 WEB_PORT=${webPort}；用浏览器的手机模式看，375×667）`,
    `  县医保接口  ${product.api?.url}   （端口 PORT=${apiPort}；接口说明 /openapi.json）`,
    `  接口日志    ${logFile}`,
    ...(product.wechat ? [`  微信模拟器  ${product.wechat.url}   （微信支付、登录、订阅消息，演示用的密钥）`] : []),
    '',
    '演示账号：网页版用手机号登录，验证码一律 123456；小程序开发版用登录码',
    ...ACCOUNTS.map(([phone, code, who]) => `  ${phone}  ${code.padEnd(15)}${who}`),
    parent ? `  阿依古丽替父母交钱时输入父亲${parent.name}的身份证号：${parent.idNumber}` : '',
    '',
    `县医保局工作台  ${product.webUrl}/#/subpackages/staff/queue/index   （电脑浏览器或手机；验证码 123456）`,
    `  代办页        ${product.webUrl}/#/subpackages/staff/assist/index`,
    ...STAFF_ACCOUNTS.map(([phone, who]) => `  ${phone}  ${who}`),
    '  每个人的情况见 county-api/DEMO.md',
    '',
    '按 Ctrl+C 停止（网页版和县医保接口一起停）。'
  ]
  console.log(lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n'))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
