// A county API paying and signing in through the WeChat simulator, for tests: the simulator's
// business clock follows the county's (pinned at TEST_NOW and running on; `setNow` moves both).
import { spawnServer, TEST_NOW, type SpawnedServer } from './spawn-server'
import { client, type Client } from './client'
import { startWechatSim, type WechatSim, type WechatSimOptions } from './wechat-sim'

export interface WechatCounty {
  sim: WechatSim
  server: SpawnedServer
  api: Client
  /** moves the county's clock and the simulator's with it */
  setNow(at: number): Promise<void>
  close(): Promise<void>
}

export async function startWechatCounty(
  opts: { households?: number; env?: Record<string, string>; sim?: WechatSimOptions } = {}
): Promise<WechatCounty> {
  let offset = Date.parse(TEST_NOW) - Date.now()
  const sim = await startWechatSim({ ...opts.sim, now: () => Date.now() + offset })
  const server = await spawnServer({ households: opts.households ?? 30, env: { ...sim.countyEnv(), ...opts.env } })
  const api = client(server.url)
  return {
    sim,
    server,
    api,
    async setNow(at) {
      await api.setNow(at)
      offset = at - Date.now()
    },
    async close() {
      await server.stop()
      await sim.close()
    }
  }
}

/** Polls the order until `done` says so (the notify travels over HTTP); fails after `ms`. */
export async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const v = await read()
    if (done(v)) return v
    if (Date.now() > until) throw new Error(`still not there after ${ms} ms: ${JSON.stringify(v).slice(0, 300)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
