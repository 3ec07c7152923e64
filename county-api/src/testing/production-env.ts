// A complete production configuration for tests (COUNTY_API_MODE=production that starts): throwaway
// merchant and WeChat Pay keys written to a temp folder, made-up ids and secrets, https addresses.
// A test of one refused setting adds or removes exactly that setting from it.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const pem = (k: crypto.KeyObject, type: 'pkcs8' | 'spki') => k.export({ type, format: 'pem' }) as string

/** Written once per process: generating RSA keys takes a while. */
let made: Record<string, string> | undefined

export function productionEnv(): Record<string, string> {
  if (made) return { ...made }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'county-prod-'))
  const merchant = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const wechatpay = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const keyFile = path.join(dir, 'apiclient_key.pem')
  const pubFile = path.join(dir, 'pub_key.pem')
  fs.writeFileSync(keyFile, pem(merchant.privateKey, 'pkcs8'), { mode: 0o600 })
  fs.writeFileSync(pubFile, pem(wechatpay.publicKey, 'spki'))
  const random = (n: number) => crypto.randomBytes(n).toString('hex').slice(0, n)
  made = {
    COUNTY_API_MODE: 'production',
    COUNTY_API_DB: path.join(dir, 'county.sqlite'),
    PUBLIC_URL: 'https://yibao.county.example.cn',
    CORS_ORIGINS: 'https://h5.county.example.cn',
    PAYMENT_MODE: 'wechat',
    WECHATPAY_MCHID: '1900000109',
    WECHATPAY_MERCHANT_SERIAL: random(40).toUpperCase(),
    WECHATPAY_PRIVATE_KEY_FILE: keyFile,
    WECHATPAY_APIV3_KEY: random(32),
    WECHATPAY_PUBLIC_KEYS: `PUB_KEY_ID_0119000001092026120300000000000000=${pubFile}`,
    WECHAT_APPID: `wx${random(16)}`,
    WECHAT_SECRET: random(32),
    SMS_PROVIDER: 'tencent',
    TENCENT_SMS_SECRET_ID: `AKID${random(32)}`,
    TENCENT_SMS_SECRET_KEY: random(32),
    TENCENT_SMS_SDK_APPID: '1400006666',
    TENCENT_SMS_SIGN_NAME: '青山县医保',
    TENCENT_SMS_TEMPLATE_ID: '1234567',
    DOCUMENT_KEY: crypto.randomBytes(32).toString('base64'),
    ADMISSION_RATE: '300/second'
  }
  return { ...made }
}
