// Every setting of the county API, read from the environment: its variable, its kind (how the
// text becomes a value, with the schema the value must satisfy), its value when unset, and what
// it is for. To add a setting: one entry here (its key becomes a field of `Config`), and, if it
// can be unsafe in production, a rule in production.ts. docs/county-api.md lists them for counties.
import crypto from 'node:crypto'
import fs from 'node:fs'
import {
  admissionRate,
  filePath,
  flag,
  instant,
  integer,
  postgresUrl,
  key256,
  list,
  oneOf,
  proxyTrust,
  rate,
  secret,
  text,
  url,
  type Kind,
  type Rate
} from './kinds'

/** A limit's value when unset: `per(10, 'hour')` is 10/hour. */
const per = (count: number, window: Rate['per']): Rate => ({ count, per: window })

/** The settings read so far (declaration order), for a default that depends on an earlier one. */
type Earlier = Readonly<Record<string, unknown>>

export interface Setting<V> {
  env: string
  kind: Kind<unknown>
  /** The value when the variable is unset or empty. */
  fallback: (earlier: Earlier) => V
  help: string
  /** Never shown in a problem line or a log. */
  secret: boolean
  /** A further check of a well-formed value (a key file that must exist and parse): the problem, or null. */
  check?: (value: never) => string | null
}

interface Options<T> {
  secret?: boolean
  check?: (value: T) => string | null
}

/** A setting with a value when unset (a constant, or derived from earlier settings). */
function setting<T>(
  env: string,
  kind: Kind<T>,
  fallback: T | ((earlier: Earlier) => T),
  help: string,
  opts: Options<T> = {}
): Setting<T> {
  const fb = typeof fallback === 'function' ? (fallback as (e: Earlier) => T) : () => fallback
  return { env, kind, fallback: fb, help, secret: opts.secret ?? false, check: opts.check as Setting<T>['check'] }
}

/** A setting that is null when unset (or whose value when unset depends on earlier ones and may be null). */
function optional<T>(
  env: string,
  kind: Kind<T>,
  help: string,
  opts: Options<T> & { fallback?: (earlier: Earlier) => T | null } = {}
): Setting<T | null> {
  return {
    env,
    kind,
    fallback: opts.fallback ?? (() => null),
    help,
    secret: opts.secret ?? false,
    check: opts.check as Setting<T | null>['check']
  }
}

/** A PEM private key file that node:crypto can read. */
function privateKeyFile(path: string): string | null {
  try {
    crypto.createPrivateKey(fs.readFileSync(path))
    return null
  } catch (e) {
    return `cannot be read as a PEM private key (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`
  }
}

/** `SERIAL=path` pairs: each file a PEM public key (WeChat Pay public key) or certificate (platform certificate). */
function publicKeyFiles(pairs: string[]): string | null {
  for (const pair of pairs) {
    const [serial, path] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]
    try {
      const pem = fs.readFileSync(path, 'utf8')
      if (pem.includes('BEGIN CERTIFICATE')) new crypto.X509Certificate(pem)
      else crypto.createPublicKey(pem)
    } catch (e) {
      return `the file for ${serial} cannot be read as a PEM public key or certificate (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`
    }
  }
  return null
}

export const SETTINGS = {
  mode: setting(
    'COUNTY_API_MODE',
    oneOf('development', 'production'),
    'development',
    'production refuses to start with any setting made for demos or tests'
  ),

  // ---- the server ----
  port: setting('PORT', integer(0, 65535), 8787, 'port to listen on; 0 picks a free one'),
  host: setting('HOST', text(/^[A-Za-z0-9.:-]+$/, 'a host name or IP address'), '127.0.0.1', 'address to listen on'),
  dbPath: setting('COUNTY_API_DB', filePath, 'county-api/data/county.sqlite', 'the sqlite database file'),
  databaseUrl: optional(
    'DATABASE_URL',
    postgresUrl,
    'run on PostgreSQL instead of the sqlite file (postgres://user:password@host:5432/database); unset: COUNTY_API_DB',
    { secret: true }
  ),
  databasePool: setting('DATABASE_POOL', integer(1, 200), 10, 'PostgreSQL connections each process keeps'),
  workers: setting(
    'COUNTY_API_WORKERS',
    integer(1, 64),
    1,
    'processes serving the same port (each one stateless: sessions, limits and job claims are in the database)'
  ),
  uploadDir: setting(
    'UPLOAD_DIR',
    filePath,
    (e) => `${e.dbPath as string}.uploads`,
    'folder for the documents of applications'
  ),
  publicUrl: optional(
    'PUBLIC_URL',
    url,
    "the server's address as the outside sees it (WeChat Pay sends its notifies to PUBLIC_URL/v1/payments/notify)"
  ),
  regionCode: setting('REGION_CODE', text(/^\d{6}$/, 'a 6-digit region code'), '990101', "the county's region code"),
  corsOrigins: setting(
    'CORS_ORIGINS',
    list(/^(\*|https?:\/\/[^\s/,]+)$/, 'web origins (https://h5.county.example.cn) or *'),
    (e) => (e.mode === 'production' ? [] : ['http://localhost:10086', 'http://127.0.0.1:10086']),
    'web origins allowed to call the API from a browser; unset: the h5 dev server (development) or none (production)'
  ),

  // ---- demo and tests ----
  seedDemo: setting('SEED_DEMO', flag, false, 'fill an empty database with the invented demo county'),
  seedHouseholds: optional('SEED_HOUSEHOLDS', integer(1, 100000), 'households of the demo county (default 200)'),
  seedClaims: optional('SEED_CLAIMS', integer(0, 10000000), 'claims of the demo county'),
  devOtp: optional('DEV_OTP', text(/^\d{6}$/, '6 digits'), 'every one-time code is this one (tests)'),
  testHooks: setting('TEST_HOOKS', flag, false, 'opens POST /__test/clock, which moves the clock (tests)'),
  now: optional('COUNTY_API_NOW', instant, "starts the county's clock at this time (tests)"),

  // ---- payment ----
  paymentMode: setting(
    'PAYMENT_MODE',
    oneOf('simulated', 'wechat'),
    'simulated',
    'who takes the money: the simulated cashier (development) or WeChat Pay'
  ),
  collectionChannel: setting(
    'COLLECTION_CHANNEL',
    oneOf('app', 'tax_bureau'),
    'app',
    "where households pay: in the app (PAYMENT_MODE's provider), or the tax bureau's own channel (the app then sends them there)"
  ),
  taxChannelHowTo: setting(
    'TAX_CHANNEL_HOWTO',
    text(/^[^\n]{4,80}$/, '4 to 80 characters on one line'),
    '用当地税务局的缴费小程序，或到村委会交',
    'with COLLECTION_CHANNEL=tax_bureau: how a household pays there, in plain Chinese (shown in the app)'
  ),
  notifyKey: setting(
    'PAYMENT_NOTIFY_KEY',
    secret(16),
    () => crypto.randomBytes(24).toString('base64url'),
    "the simulated provider's notify key (HMAC); unset: a new random key at each start",
    { secret: true }
  ),
  simNotifyDelayMs: setting(
    'SIM_NOTIFY_DELAY_MS',
    integer(-1, 600000),
    0,
    'the simulated provider waits this long before its notify; -1: only the retry job sends it (tests)'
  ),
  orderTtlMinutes: setting('ORDER_TTL_MINUTES', integer(1, 1440), 30, 'an unpaid order expires after this long'),
  wechatPayApiBase: setting(
    'WECHATPAY_API_BASE',
    url,
    'https://api.mch.weixin.qq.com',
    'WeChat Pay API (the WeChat simulator in development and tests)'
  ),
  wechatPayMchId: optional('WECHATPAY_MCHID', text(/^\d{8,12}$/, 'the merchant number (digits)'), 'merchant number'),
  wechatPayMerchantSerial: optional(
    'WECHATPAY_MERCHANT_SERIAL',
    text(/^[0-9A-Fa-f]{8,64}$/, 'the serial number of the merchant API certificate (hex)'),
    "serial number of the merchant's API certificate"
  ),
  wechatPayPrivateKeyFile: optional(
    'WECHATPAY_PRIVATE_KEY_FILE',
    filePath,
    "the merchant's API private key (apiclient_key.pem)",
    { check: privateKeyFile }
  ),
  wechatPayApiV3Key: optional('WECHATPAY_APIV3_KEY', secret(32, 32), 'the APIv3 key (decrypts notifies)', {
    secret: true
  }),
  wechatPayPublicKeys: optional(
    'WECHATPAY_PUBLIC_KEYS',
    list(/^[A-Za-z0-9_]{8,64}=\S+$/, 'SERIAL=file pairs'),
    "WeChat Pay's keys that sign notifies and answers: PUB_KEY_ID_…=pub_key.pem and/or platform certificate serial=cert.pem",
    { check: publicKeyFiles }
  ),

  // ---- WeChat (sign-in, subscribe messages) ----
  wechatAppId: optional('WECHAT_APPID', text(/^wx[0-9a-f]{16}$/, 'wx and 16 hex digits'), "the mini-program's AppID"),
  wechatSecret: optional('WECHAT_SECRET', secret(32, 32), "the mini-program's AppSecret", { secret: true }),
  wechatApiBase: setting(
    'WECHAT_API_BASE',
    url,
    'https://api.weixin.qq.com',
    'WeChat server API (the WeChat simulator in development and tests)'
  ),
  wechatTemplateDeadline: optional(
    'WECHAT_TEMPLATE_DEADLINE',
    text(/^[A-Za-z0-9_-]{8,64}$/, 'a template id from the mini-program console'),
    'subscribe-message template of the deadline reminder (fields thing1 amount2 date3 thing4); unset: not sent'
  ),
  wechatTemplateResult: optional(
    'WECHAT_TEMPLATE_RESULT',
    text(/^[A-Za-z0-9_-]{8,64}$/, 'a template id from the mini-program console'),
    'subscribe-message template of the payment result (fields thing1 amount2 date3 phrase4 character_string5); unset: not sent'
  ),
  wechatTemplateBinding: optional(
    'WECHAT_TEMPLATE_BINDING',
    text(/^[A-Za-z0-9_-]{8,64}$/, 'a template id from the mini-program console'),
    'subscribe-message template telling the head an account was bound to the household (fields thing1 thing2 date3 thing4); unset: not sent'
  ),
  wechatTemplateWindow: optional(
    'WECHAT_TEMPLATE_WINDOW',
    text(/^[A-Za-z0-9_-]{8,64}$/, 'a template id from the mini-program console'),
    'subscribe-message template of the collection window opening (fields thing1 amount2 date3 date4 thing5); unset: not sent'
  ),
  wechatTemplateClaim: optional(
    'WECHAT_TEMPLATE_CLAIM',
    text(/^[A-Za-z0-9_-]{8,64}$/, 'a template id from the mini-program console'),
    'subscribe-message template of a claim paid out (fields thing1 thing2 amount3 date4 phrase5); unset: not sent'
  ),
  wechatTemplateDecision: optional(
    'WECHAT_TEMPLATE_DECISION',
    text(/^[A-Za-z0-9_-]{8,64}$/, 'a template id from the mini-program console'),
    'subscribe-message template of an application decided (fields thing1 phrase2 thing3 date4); unset: not sent'
  ),
  wechatMiniprogramState: setting(
    'WECHAT_MINIPROGRAM_STATE',
    oneOf('formal', 'trial', 'developer'),
    'formal',
    'which version of the mini-program a message opens'
  ),
  messageSpreadMinutes: setting(
    'MESSAGE_SPREAD_MINUTES',
    integer(0, 720),
    120,
    "reminders are spread over this many minutes from 09:00, so a county's do not arrive in one burst"
  ),

  // ---- sign-in and sessions ----
  sessionTtlHours: setting('SESSION_TTL_HOURS', integer(1, 8760), 168, 'hours a session lasts'),
  signInLimitPerMinute: setting('SIGNIN_RATE_LIMIT', integer(1, 10_000_000), 30, 'sign-in attempts per minute per key'),
  familyInviter: setting(
    'FAMILY_INVITER',
    oneOf('head', 'adult'),
    'head',
    'who may invite family: the head, or any adult'
  ),

  // ---- one-time codes by SMS ----
  smsProvider: optional(
    'SMS_PROVIDER',
    oneOf('log', 'tencent'),
    'who sends one-time codes: Tencent Cloud SMS, or the log (development)',
    { fallback: (e) => (e.mode === 'production' ? null : 'log') }
  ),
  tencentSmsSecretId: optional(
    'TENCENT_SMS_SECRET_ID',
    text(/^[A-Za-z0-9]{16,128}$/, 'a Tencent Cloud SecretId'),
    'Tencent Cloud API SecretId',
    { secret: true }
  ),
  tencentSmsSecretKey: optional('TENCENT_SMS_SECRET_KEY', secret(16, 128), 'Tencent Cloud API SecretKey', {
    secret: true
  }),
  tencentSmsAppId: optional('TENCENT_SMS_SDK_APPID', text(/^\d{6,12}$/, 'digits'), 'SMS application id (SmsSdkAppId)'),
  tencentSmsSignName: optional(
    'TENCENT_SMS_SIGN_NAME',
    text(/^\S{2,20}$/, 'the approved signature, 2 to 20 characters'),
    'the approved SMS signature (签名)'
  ),
  tencentSmsTemplateId: optional(
    'TENCENT_SMS_TEMPLATE_ID',
    text(/^\d{1,12}$/, 'digits'),
    'the approved template: {1} the code, {2} the minutes it lasts'
  ),
  tencentSmsRegion: setting('TENCENT_SMS_REGION', text(/^[a-z]{2}-[a-z]+$/, 'e.g. ap-guangzhou'), 'ap-guangzhou', ''),
  tencentSmsEndpoint: setting('TENCENT_SMS_ENDPOINT', url, 'https://sms.tencentcloudapi.com', ''),

  // ---- abuse resistance (docs/county-api.md, Security model) ----
  trustProxy: optional(
    'TRUST_PROXY',
    proxyTrust,
    "the proxies in front of the server whose X-Forwarded-For is believed (hops or addresses); unset: none, the peer's address is the client's"
  ),
  admissionRate: optional(
    'ADMISSION_RATE',
    admissionRate,
    "new payment orders admitted per county (the household's region code), e.g. 300/second: beyond it the app is told to wait (429 BUSY, Retry-After) and retries by itself; unset: no limit (development only, production requires it)"
  ),
  rateLimitKeys: setting(
    'RATE_LIMIT_KEYS',
    integer(100, 10_000_000),
    100_000,
    'how many accounts, addresses or numbers each in-memory limit remembers (the oldest is forgotten first)'
  ),
  sessionIdleMinutes: setting(
    'SESSION_IDLE_MINUTES',
    integer(5, 43_200),
    120,
    'a session not used for this long ends (sign in again)'
  ),
  otpSendsPerHour: setting('OTP_SENDS_PER_HOUR', integer(1, 1000), 5, 'one-time codes sent to one phone in an hour'),
  otpSendsPerDay: setting('OTP_SENDS_PER_DAY', integer(1, 10_000), 10, 'one-time codes sent to one phone in a day'),
  otpMaxFailures: setting(
    'OTP_MAX_FAILURES',
    integer(1, 100),
    5,
    'wrong one-time codes for one phone (counted across re-sent codes) before it is locked'
  ),
  otpLockoutMinutes: setting('OTP_LOCKOUT_MINUTES', integer(1, 1440), 30, 'how long a phone stays locked'),
  speechLimitAccount: setting(
    'SPEECH_RATE_LIMIT',
    rate(1_000_000),
    per(20, 'minute'),
    '读给我听 requests per account (each one runs the speech engine)'
  ),
  bindLimitAccount: setting('BIND_LIMIT_ACCOUNT', rate(1_000_000), per(10, 'hour'), 'binding attempts per account'),
  bindLimitIp: setting('BIND_LIMIT_IP', rate(1_000_000), per(60, 'hour'), 'binding attempts per address'),
  bindLimitId: setting('BIND_LIMIT_ID', rate(1_000_000), per(5, 'hour'), 'binding attempts per ID number'),
  bindCodeMinutes: setting(
    'BIND_CODE_MINUTES',
    integer(1, 60),
    10,
    'how long a binding code sent to the roster phone lasts'
  ),
  lookupLimitAccount: setting(
    'LOOKUP_LIMIT_ACCOUNT',
    rate(1_000_000),
    per(10, 'hour'),
    'look-ups of another household by ID number, per account'
  ),
  lookupLimitIp: setting('LOOKUP_LIMIT_IP', rate(1_000_000), per(60, 'hour'), 'look-ups per address'),
  lookupLimitId: setting('LOOKUP_LIMIT_ID', rate(1_000_000), per(10, 'hour'), 'look-ups per ID number'),
  orderLimit: setting('ORDER_LIMIT', rate(1_000_000), per(20, 'hour'), 'orders one account may create'),
  inviteAcceptLimitAccount: setting(
    'INVITE_ACCEPT_LIMIT_ACCOUNT',
    rate(1_000_000),
    per(10, 'hour'),
    'invitation codes tried per account'
  ),
  inviteAcceptLimitIp: setting(
    'INVITE_ACCEPT_LIMIT_IP',
    rate(1_000_000),
    per(30, 'hour'),
    'invitation codes tried per address'
  ),
  invitationMaxMinutes: setting(
    'INVITATION_MAX_MINUTES',
    integer(5, 10_080),
    1440,
    'the longest an invitation code may stay valid'
  ),
  grantDays: setting('GRANT_DAYS', integer(1, 3650), 365, 'a family grant ends after this many days (invite again)'),
  applicationLimit: setting(
    'APPLICATION_LIMIT',
    rate(1_000_000),
    per(10, 'day'),
    'applications one account may submit'
  ),
  uploadLimit: setting('UPLOAD_LIMIT', rate(1_000_000), per(40, 'day'), 'documents one account may upload'),
  concernLimit: setting('CONCERN_LIMIT', rate(1_000_000), per(10, 'day'), 'reports on claims one account may make'),
  statementLimitAccount: setting(
    'STATEMENT_LIMIT',
    rate(1_000_000),
    per(30, 'hour'),
    'yearly statements (参保缴费证明, JSON or PDF) one account may ask for'
  ),
  verifyLimitIp: setting(
    'STATEMENT_VERIFY_LIMIT_IP',
    rate(1_000_000),
    per(60, 'hour'),
    'checks of statement verification codes per address'
  ),
  documentKey: optional(
    'DOCUMENT_KEY',
    key256,
    'encrypts ID-card photos and other documents at rest (AES-256-GCM); unset in development: a key file beside the database',
    { secret: true }
  )
} satisfies Record<string, Setting<unknown>>

type Settings = typeof SETTINGS
export type SettingKey = keyof Settings
/** The configuration: one field per setting, typed by its kind. */
export type Config = { -readonly [K in SettingKey]: Settings[K] extends Setting<infer V> ? V : never }
