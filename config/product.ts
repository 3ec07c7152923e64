// The whole product on one machine: the reference county API (real HTTP, sqlite file,
// seeded demo data, in its own process) paying and signing in through the WeChat simulator
// (WeChat Pay APIv3, jscode2session, subscribe messages; in this process), plus the h5 build
// served with /county proxied to it. Used by `npm start` and by the browser tests (each test
// file gets its own temp database).
import { appendFileSync } from 'fs'
import path from 'path'
import { spawnServer, tempDbPath, type SpawnedServer } from '../county-api/src/testing/spawn-server'
import { makeSimKeys, startWechatSim, type SimKeys, type WechatSim } from '../county-api/src/testing/wechat-sim'
import { FIELDS } from '../county-api/src/messages/templates'
import { findLeaks, SecretsSeen } from './privacy'
import { startStaticServer, type Fault, type RunningStatic } from './static-server'

export { TEST_NOW } from '../county-api/src/testing/spawn-server'

export interface ProductOptions {
  /** county API port; 0 = any free port */
  apiPort?: number
  /** web port; 0 = any free port */
  webPort?: number
  /** sqlite file; default a fresh temp file */
  dbPath?: string
  /** demo households to seed on an empty database (the full demo county has 200) */
  households?: number
  /** extra county API environment (e.g. COUNTY_API_NOW for a fixed clock) */
  env?: Record<string, string>
  /** echo the county API's log lines on this terminal */
  echoLogs?: boolean
  /** append the county API's log lines to this file (npm start: the terminal keeps its short summary) */
  logFile?: string
  /** on close, fail if any token, ID number or phone number appears in the API's logs (default on) */
  checkLogPrivacy?: boolean
  /**
   * The county's clock at start, running on at real speed (tests pin it, e.g. TEST_NOW, so they mean
   * the same on any real date); default this machine's clock (npm start).
   */
  now?: string
  /**
   * Who takes the money: WeChat Pay through the WeChat simulator (default: the real protocol,
   * the h5 app goes to WeChat's H5 payment page), or the simulated cashier (its fail and
   * abandon buttons, for the app's failure screens).
   */
  payment?: 'wechat' | 'simulated'
}

export interface RunningProduct {
  webUrl: string
  /** the county API while it runs (undefined after stopApi) */
  readonly api: SpawnedServer | undefined
  dbPath: string
  /** everything the county API logged so far, across restarts (privacy checks read it) */
  logs: () => string
  /** stops the county API only (to test offline behaviour); the web server keeps serving */
  stopApi: () => Promise<void>
  /** starts the county API again on the same database and port */
  startApi: () => Promise<void>
  /** the product's clock now (epoch ms): pinned and running on, or the machine's; a browser is set to it */
  now: () => number
  /** injects a fault on the app's path to the county API (slow, 500, drop, garbage, stale ETag) */
  setFault: (fault: Fault) => void
  /** the WeChat simulator (payment: 'wechat') */
  wechat: WechatSim | null
  /** moves the county's clock (TEST_HOOKS) and the WeChat simulator's with it */
  setNow: (at: number) => Promise<void>
  close: () => Promise<void>
}

const root = path.resolve(__dirname, '..')

/** The simulator's throwaway keys, made once per process (RSA key generation takes a while). */
let simKeys: SimKeys | undefined

export async function startProduct(opts: ProductOptions = {}): Promise<RunningProduct> {
  const dbPath = opts.dbPath ?? tempDbPath('product')
  let api: SpawnedServer | undefined
  let port = opts.apiPort ?? 0
  let pastLogs = ''
  // the product's clock: pinned (tests) or the machine's, and wherever a test moves it
  let offset = opts.now ? Date.parse(opts.now) - Date.now() : 0
  const now = () => Date.now() + offset
  const wechat =
    (opts.payment ?? 'wechat') === 'wechat' ? await startWechatSim({ keys: (simKeys ??= makeSimKeys()), now }) : null
  // the county's subscribe-message templates, as a county registers them in WeChat's console
  const templates = {
    WECHAT_TEMPLATE_DEADLINE: 'simTmplDeadline01',
    WECHAT_TEMPLATE_RESULT: 'simTmplResult001',
    WECHAT_TEMPLATE_WINDOW: 'simTmplWindow001',
    WECHAT_TEMPLATE_CLAIM: 'simTmplClaim0001',
    WECHAT_TEMPLATE_DECISION: 'simTmplDecision1',
    WECHAT_TEMPLATE_BINDING: 'simTmplBinding01'
  }
  wechat?.mini.templates.set(templates.WECHAT_TEMPLATE_DEADLINE, FIELDS.deadline)
  wechat?.mini.templates.set(templates.WECHAT_TEMPLATE_RESULT, FIELDS.result)
  wechat?.mini.templates.set(templates.WECHAT_TEMPLATE_WINDOW, FIELDS.window)
  wechat?.mini.templates.set(templates.WECHAT_TEMPLATE_CLAIM, FIELDS.claim)
  wechat?.mini.templates.set(templates.WECHAT_TEMPLATE_DECISION, FIELDS.decision)
  wechat?.mini.templates.set(templates.WECHAT_TEMPLATE_BINDING, FIELDS.binding)
  const startApi = async () => {
    api = await spawnServer({
      dbPath,
      households: opts.households ?? 200,
      env: { PORT: String(port), ...(wechat ? { ...wechat.countyEnv(), ...templates } : {}), ...opts.env },
      // a restart keeps the clock running where it was, not back at the start
      now: opts.now ? new Date(now()).toISOString() : null
    })
    if (opts.echoLogs) {
      process.stdout.write(api.logs())
      api.child.stdout?.on('data', (d: Buffer) => process.stdout.write(d))
      api.child.stderr?.on('data', (d: Buffer) => process.stderr.write(d))
    }
    if (opts.logFile) {
      const file = opts.logFile
      appendFileSync(file, api.logs())
      api.child.stdout?.on('data', (d: Buffer) => appendFileSync(file, d))
      api.child.stderr?.on('data', (d: Buffer) => appendFileSync(file, d))
    }
    // a restart reuses the same port, so the proxy target stays valid
    port = Number(new URL(api.url).port)
  }
  const stopApi = async () => {
    const a = api
    api = undefined
    if (a) {
      await a.stop()
      pastLogs += a.logs()
    }
  }
  await startApi()
  let fault: Fault = { kind: 'none' }
  const secrets = new SecretsSeen()
  const web: RunningStatic = await startStaticServer({
    root: process.env.H5_DIST ? path.resolve(process.env.H5_DIST) : path.join(root, 'dist/h5'),
    apiUrl: () => api?.url,
    fault: () => fault,
    observe: (headers, body) => secrets.observe(headers, body),
    port: opts.webPort ?? 0
  })
  return {
    webUrl: web.url,
    get api() {
      return api
    },
    dbPath,
    logs: () => pastLogs + (api?.logs() ?? ''),
    stopApi,
    startApi,
    now,
    setFault: (f) => {
      fault = f
    },
    wechat,
    setNow: async (at) => {
      const r = await fetch(`${api?.url}/__test/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ now: new Date(at).toISOString() })
      })
      if (r.status !== 200) throw new Error(`the county's clock hook answered ${r.status}`)
      offset = at - Date.now()
    },
    close: async () => {
      await stopApi()
      await wechat?.close()
      await web.close()
      if (opts.checkLogPrivacy !== false) {
        const leaks = findLeaks(pastLogs, secrets)
        if (leaks.length) throw new Error(`The county API logged private data:\n${leaks.join('\n')}`)
      }
    }
  }
}
