// The WeChat simulator's throwaway identities: a merchant (the county's API key pair, its serial,
// mchid, APIv3 key), the mini-program (AppID, AppSecret) and WeChat Pay's two kinds of signing key
// — a "WeChat Pay public key" with its PUB_KEY_ID_… and a platform certificate with its serial —
// written to a temp folder as the county would keep them, with the county API's settings for them.
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface SimKeys {
  dir: string
  mchid: string
  appId: string
  appSecret: string
  apiV3Key: string
  merchant: { serial: string; privateKey: crypto.KeyObject; publicKey: crypto.KeyObject; keyFile: string }
  /** WeChat Pay public-key mode: the id WeChat sends as Wechatpay-Serial */
  publicKey: { id: string; privateKey: crypto.KeyObject; file: string }
  /** platform-certificate mode: the certificate's serial (a real X.509 certificate when openssl is there) */
  certificate: { serial: string; privateKey: crypto.KeyObject; file: string }
}

const hex = (bytes: number) => crypto.randomBytes(bytes).toString('hex')

function rsa() {
  return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
}

/** A self-signed certificate for the platform key, by openssl; without it the public key file stands in. */
function platformCertificate(
  dir: string,
  key: crypto.KeyObject,
  pub: crypto.KeyObject
): { serial: string; file: string } {
  const keyFile = path.join(dir, 'platform_key.pem')
  const file = path.join(dir, 'wechatpay_platform_cert.pem')
  fs.writeFileSync(keyFile, key.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 })
  const serial = `5157F09EFDC096DE15EBE81A47057A72${hex(4).toUpperCase()}`
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-new',
      '-key',
      keyFile,
      '-out',
      file,
      '-days',
      '30',
      '-subj',
      '/CN=Tenpay.com Root CA (simulated)',
      '-set_serial',
      `0x${serial}`
    ],
    { stdio: 'ignore' }
  )
  if (r.status !== 0) fs.writeFileSync(file, pub.export({ type: 'spki', format: 'pem' }) as string)
  return { serial, file }
}

export function makeSimKeys(): SimKeys {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-sim-'))
  const merchant = rsa()
  const wechatpayPub = rsa()
  const platform = rsa()
  const keyFile = path.join(dir, 'apiclient_key.pem')
  fs.writeFileSync(keyFile, merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 })
  const pubFile = path.join(dir, 'pub_key.pem')
  fs.writeFileSync(pubFile, wechatpayPub.publicKey.export({ type: 'spki', format: 'pem' }) as string)
  const cert = platformCertificate(dir, platform.privateKey, platform.publicKey)
  return {
    dir,
    mchid: `19${String(crypto.randomInt(10_000_000, 99_999_999))}`,
    appId: `wx${hex(8)}`,
    appSecret: hex(16),
    apiV3Key: hex(16),
    merchant: { serial: hex(20).toUpperCase(), ...merchant, keyFile },
    publicKey: { id: `PUB_KEY_ID_01${hex(16)}`, privateKey: wechatpayPub.privateKey, file: pubFile },
    certificate: { serial: cert.serial, privateKey: platform.privateKey, file: cert.file }
  }
}

/** The county API's settings to pay and sign in through a simulator at `url` with these keys. */
export function countyEnvFor(keys: SimKeys, url: string): Record<string, string> {
  return {
    PAYMENT_MODE: 'wechat',
    WECHATPAY_API_BASE: url,
    WECHAT_API_BASE: url,
    WECHATPAY_MCHID: keys.mchid,
    WECHATPAY_MERCHANT_SERIAL: keys.merchant.serial,
    WECHATPAY_PRIVATE_KEY_FILE: keys.merchant.keyFile,
    WECHATPAY_APIV3_KEY: keys.apiV3Key,
    // both kinds held at once: during a switch WeChat signs with either
    WECHATPAY_PUBLIC_KEYS: `${keys.publicKey.id}=${keys.publicKey.file},${keys.certificate.serial}=${keys.certificate.file}`,
    WECHAT_APPID: keys.appId,
    WECHAT_SECRET: keys.appSecret
  }
}
