// WeChat Pay APIv3 on node:crypto, shared by the county's provider (provider.ts) and the WeChat
// simulator (testing/wechat-sim): the signing strings, SHA256withRSA, the Authorization header,
// the signed answers and notifies (Wechatpay-Serial/Signature/Timestamp/Nonce over the raw body),
// wx.requestPayment's paySign, and AEAD_AES_256_GCM resources. Sources in
// ../shared/design/wechat-platform.md §2.2; cross-checked against wechatpay-axios-plugin in protocol.test.ts.
import crypto from 'node:crypto'

/** A signed answer or notify older or newer than this (seconds) is refused: replays, skewed clocks. */
export const SIGNATURE_WINDOW_S = 300

export function nonceStr(): string {
  return crypto.randomBytes(16).toString('hex')
}

export function rsaSign(message: string, key: crypto.KeyObject): string {
  return crypto.sign('sha256', Buffer.from(message), key).toString('base64')
}

/**
 * SHA256withRSA in libuv's thread pool: an RSA-2048 signature costs ~2 ms of CPU, and the county
 * signs twice per payment (the order request, the paySign); on the main thread that stalls every
 * other request the server is handling. Same signature as rsaSign (PKCS#1 v1.5 is deterministic).
 */
export function rsaSignAsync(message: string, key: crypto.KeyObject): Promise<string> {
  return new Promise((resolve, reject) =>
    crypto.sign('sha256', Buffer.from(message), key, (err, signature) =>
      err ? reject(err) : resolve(signature.toString('base64'))
    )
  )
}

export function rsaVerify(message: string, signature: string, key: crypto.KeyObject): boolean {
  try {
    return crypto.verify('sha256', Buffer.from(message), key, Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

/** What a merchant signs: `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n` (URL: path and query). */
export function requestMessage(method: string, url: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${url}\n${timestamp}\n${nonce}\n${body}\n`
}

/** What WeChat Pay signs in an answer or a notify: `TIMESTAMP\nNONCE\nBODY\n` over the raw body. */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`
}

export interface Merchant {
  mchid: string
  /** serial number of the merchant API certificate */
  serial: string
  privateKey: crypto.KeyObject
}

/** The merchant's Authorization header (signed off the main thread). */
export async function authorization(
  m: Merchant,
  method: string,
  url: string,
  body: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
  nonce = nonceStr()
): Promise<string> {
  const signature = await rsaSignAsync(requestMessage(method, url, timestamp, nonce, body), m.privateKey)
  return `WECHATPAY2-SHA256-RSA2048 mchid="${m.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${m.serial}"`
}

export interface AuthorizationParts {
  mchid: string
  nonce_str: string
  signature: string
  timestamp: string
  serial_no: string
}

export function parseAuthorization(header: string | undefined): AuthorizationParts | null {
  const m = header ? /^WECHATPAY2-SHA256-RSA2048\s+(.+)$/.exec(header) : null
  if (!m) return null
  const parts: Record<string, string> = {}
  for (const kv of m[1].matchAll(/(\w+)="([^"]*)"/g)) parts[kv[1]] = kv[2]
  const keys = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no']
  return keys.every((k) => typeof parts[k] === 'string' && parts[k] !== '')
    ? (parts as unknown as AuthorizationParts)
    : null
}

/** The four headers of a signed answer or notify. */
export interface SignedHeaders {
  'wechatpay-serial': string
  'wechatpay-signature': string
  'wechatpay-timestamp': string
  'wechatpay-nonce': string
}

export function signedHeaders(
  body: string,
  key: crypto.KeyObject,
  serial: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
  nonce = nonceStr()
): SignedHeaders {
  return {
    'wechatpay-serial': serial,
    'wechatpay-signature': rsaSign(responseMessage(timestamp, nonce, body), key),
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce
  }
}

export type HeaderLookup = (name: keyof SignedHeaders) => string | null | undefined

/**
 * Checks a signed answer or notify over its raw body: the key is chosen by Wechatpay-Serial (a
 * WeChat Pay public key id or a platform certificate serial: several are held at once, during a
 * switch both sign), the timestamp must be within the window. The reason when it does not verify.
 */
export function verifySigned(
  header: HeaderLookup,
  body: string,
  keys: ReadonlyMap<string, crypto.KeyObject>,
  nowSeconds: number
): { ok: true } | { ok: false; reason: string } {
  const serial = header('wechatpay-serial')
  const signature = header('wechatpay-signature')
  const timestamp = header('wechatpay-timestamp')
  const nonce = header('wechatpay-nonce')
  if (!serial || !signature || !timestamp || !nonce) return { ok: false, reason: 'missing signature headers' }
  const key = keys.get(serial)
  if (!key) return { ok: false, reason: `unknown serial ${serial.slice(0, 64)}` }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_S)
    return { ok: false, reason: 'timestamp outside the window' }
  if (!rsaVerify(responseMessage(timestamp, nonce, body), signature, key)) return { ok: false, reason: 'bad signature' }
  return { ok: true }
}

/** wx.requestPayment's parameters for a prepay id, paySign over `appId\ntimeStamp\nnonceStr\npackage\n` (signed off the main thread). */
export async function payParams(appId: string, prepayId: string, key: crypto.KeyObject, now = Date.now()) {
  const timeStamp = String(Math.floor(now / 1000))
  const nonce = nonceStr()
  const pkg = `prepay_id=${prepayId}`
  return {
    timeStamp,
    nonceStr: nonce,
    package: pkg,
    signType: 'RSA' as const,
    paySign: await rsaSignAsync(`${appId}\n${timeStamp}\n${nonce}\n${pkg}\n`, key)
  }
}

export function verifyPaySign(
  appId: string,
  p: { timeStamp: string; nonceStr: string; package: string; paySign: string },
  key: crypto.KeyObject
): boolean {
  return rsaVerify(`${appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`, p.paySign, key)
}

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM'
  ciphertext: string
  associated_data: string
  nonce: string
  original_type: string
}

/** AEAD_AES_256_GCM with the APIv3 key: the ciphertext (base64) ends with the 16-byte tag. */
export function decryptResource(
  r: Pick<EncryptedResource, 'ciphertext' | 'nonce' | 'associated_data'>,
  apiV3Key: string
): string {
  const buf = Buffer.from(r.ciphertext, 'base64')
  if (buf.length < 17) throw new Error('ciphertext too short')
  const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(r.nonce))
  decipher.setAuthTag(buf.subarray(buf.length - 16))
  decipher.setAAD(Buffer.from(r.associated_data ?? ''))
  return Buffer.concat([decipher.update(buf.subarray(0, buf.length - 16)), decipher.final()]).toString('utf8')
}

export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  originalType: string,
  associatedData = originalType
): EncryptedResource {
  const nonce = crypto.randomBytes(6).toString('hex') // 12 characters, as WeChat's
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce))
  cipher.setAAD(Buffer.from(associatedData))
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: ct.toString('base64'),
    associated_data: associatedData,
    nonce,
    original_type: originalType
  }
}

/** A key file's key: a PEM public key (WeChat Pay public key) or certificate (platform certificate). */
export function publicKeyFromPem(pem: string): crypto.KeyObject {
  return pem.includes('BEGIN CERTIFICATE') ? new crypto.X509Certificate(pem).publicKey : crypto.createPublicKey(pem)
}
