// A county API and the WeChat simulator in a process of their own, for tests that cannot load
// TypeScript (the mini-program tests in e2e/weapp): prints one line
//   WECHAT_COUNTY={"county":…,"sim":…,"appId":…,"merchantPublicKey":"-----BEGIN PUBLIC KEY-----…"}
// and runs until SIGTERM.
import { startWechatCounty } from './wechat-county'

async function main(): Promise<void> {
  const c = await startWechatCounty({ households: Number(process.env.SEED_HOUSEHOLDS ?? 12) })
  const info = {
    county: c.server.url,
    sim: c.sim.url,
    appId: c.sim.keys.appId,
    merchantPublicKey: c.sim.keys.merchant.publicKey.export({ type: 'spki', format: 'pem' })
  }
  process.stdout.write(`WECHAT_COUNTY=${JSON.stringify(info)}\n`)
  const stop = () => {
    void c.close().then(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`)
  process.exit(1)
})
