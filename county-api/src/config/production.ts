// What production (COUNTY_API_MODE=production) refuses: every setting made for demos or tests,
// the simulated payment, default or missing secrets, wildcard CORS, a missing SMS provider. Each
// rule names the settings it reads (a rule is skipped while one of them is malformed: that has its
// own line) and returns one plain line per problem. To add a rule: one entry in PRODUCTION_RULES.
import type { Config, SettingKey } from './settings'
import { SETTINGS } from './settings'
import { RATE_WINDOW_MS, type Rate } from './kinds'

interface Rule {
  settings: SettingKey[]
  check(c: Config): string | string[] | null
}

/** Secrets that appear in this repository (development defaults, tests): public, so never a real key. */
export const PUBLIC_SECRETS = new Set(['dev-notify-key-change-me', 'test-notify-key', 'test-notify-key-not-secret'])
/** Values that are plainly placeholders (`change-me`, `example`, one character repeated…). */
const PLACEHOLDER = /change.?me|example|placeholder|default|^(.)\1*$|^(test|demo|dev)[-_]/i

const missing = (key: SettingKey, why: string) => `${SETTINGS[key].env} is not set: ${why}`

/** http is allowed only to this machine (a local proxy in front of WeChat, the simulator in tests). */
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/
function httpsOnly(key: SettingKey): Rule {
  return {
    settings: [key],
    check: (c) => {
      const v = c[key] as string | null
      return v && !v.startsWith('https://') && !LOOPBACK.test(v)
        ? `${SETTINGS[key].env}=${v} is not https: money and codes would cross the network unencrypted`
        : null
    }
  }
}

function requiredWhen(when: (c: Config) => boolean, why: string, keys: SettingKey[]): Rule {
  return {
    settings: keys,
    check: (c) => (when(c) ? keys.filter((k) => c[k] === null).map((k) => missing(k, why)) : null)
  }
}

export const PRODUCTION_RULES: Rule[] = [
  {
    settings: ['seedDemo'],
    check: (c) =>
      c.seedDemo ? 'SEED_DEMO=1 would fill an empty database with the invented demo county; unset it' : null
  },
  {
    settings: ['devOtp'],
    check: (c) =>
      c.devOtp !== null
        ? 'DEV_OTP makes every one-time code the same known code; unset it (production sends each code by SMS)'
        : null
  },
  {
    settings: ['testHooks'],
    check: (c) =>
      c.testHooks
        ? "TEST_HOOKS=1 opens POST /__test/clock, which moves the county's clock without signing in; unset it"
        : null
  },
  {
    settings: ['now'],
    check: (c) => (c.now !== null ? "COUNTY_API_NOW pins the county's clock (a test setting); unset it" : null)
  },
  {
    settings: ['paymentMode'],
    check: (c) =>
      c.paymentMode === 'simulated'
        ? 'PAYMENT_MODE=simulated takes no real money and lets anyone mark an order paid at the simulated cashier; set PAYMENT_MODE=wechat'
        : null
  },
  requiredWhen((c) => c.paymentMode === 'wechat', 'PAYMENT_MODE=wechat needs it', [
    'wechatPayMchId',
    'wechatPayMerchantSerial',
    'wechatPayPrivateKeyFile',
    'wechatPayApiV3Key',
    'wechatPayPublicKeys',
    'publicUrl'
  ]),
  requiredWhen(() => true, 'WeChat sign-in and messages need the mini-program AppID and AppSecret', [
    'wechatAppId',
    'wechatSecret'
  ]),
  {
    settings: ['corsOrigins'],
    check: (c) =>
      c.corsOrigins.includes('*')
        ? "CORS_ORIGINS=* lets any web site call the API with a villager's session; list the county's web origins, or unset it (no browser calls from other sites)"
        : null
  },
  {
    settings: ['smsProvider'],
    check: (c) =>
      c.smsProvider === null
        ? 'SMS_PROVIDER is not set: one-time codes for h5 sign-in need an SMS provider (SMS_PROVIDER=tencent and the TENCENT_SMS_* settings)'
        : c.smsProvider === 'log'
          ? 'SMS_PROVIDER=log writes one-time codes to the log instead of sending them; set SMS_PROVIDER=tencent'
          : null
  },
  requiredWhen((c) => c.smsProvider === 'tencent', 'SMS_PROVIDER=tencent needs it', [
    'tencentSmsSecretId',
    'tencentSmsSecretKey',
    'tencentSmsAppId',
    'tencentSmsSignName',
    'tencentSmsTemplateId'
  ]),
  // a secret published in this repository, or a placeholder, is no secret
  ...(Object.keys(SETTINGS) as SettingKey[])
    .filter((k) => SETTINGS[k].secret)
    .map((k): Rule => ({
      settings: [k],
      check: (c) => {
        const v = c[k] as string | null
        // (the simulated provider's key is never used in production: PAYMENT_MODE=simulated is refused)
        if (v === null || k === 'notifyKey') return null
        return PUBLIC_SECRETS.has(v) || PLACEHOLDER.test(v)
          ? `${SETTINGS[k].env} is a development default or placeholder, known to anyone; set the real one`
          : null
      }
    })),
  ...(['publicUrl', 'wechatPayApiBase', 'wechatApiBase', 'tencentSmsEndpoint'] as const).map(httpsOnly),

  // ---- abuse resistance: the limits may be tightened, never opened up beyond these ----
  requiredWhen(
    () => true,
    'ID-card photos and documents are stored encrypted with it (openssl rand -base64 32; keep it with the database backups, apart from them)',
    ['documentKey']
  ),
  requiredWhen(
    () => true,
    'a deadline-day rush would queue inside the server until every answer is late; set what this server sustains (npm run bench:api), e.g. ADMISSION_RATE=300/second',
    ['admissionRate']
  ),
  {
    settings: ['trustProxy'],
    check: (c) =>
      Array.isArray(c.trustProxy) && c.trustProxy.some((a) => /\/[0-7]$/.test(a))
        ? `TRUST_PROXY=${c.trustProxy.join(',')} trusts (nearly) every address: anyone could claim any address and escape the limits; list the proxies`
        : null
  },
  ...(
    [
      ['bindLimitAccount', { count: 30, per: 'hour' }, 'binding attempts'],
      ['bindLimitIp', { count: 600, per: 'hour' }, 'binding attempts'],
      ['bindLimitId', { count: 20, per: 'hour' }, 'binding attempts'],
      ['lookupLimitAccount', { count: 60, per: 'hour' }, 'look-ups of households'],
      ['lookupLimitIp', { count: 600, per: 'hour' }, 'look-ups of households'],
      ['lookupLimitId', { count: 60, per: 'hour' }, 'look-ups of households'],
      ['orderLimit', { count: 60, per: 'hour' }, 'orders'],
      ['inviteAcceptLimitAccount', { count: 30, per: 'hour' }, 'guesses of invitation codes'],
      ['inviteAcceptLimitIp', { count: 300, per: 'hour' }, 'guesses of invitation codes'],
      ['applicationLimit', { count: 50, per: 'day' }, 'applications'],
      ['uploadLimit', { count: 200, per: 'day' }, 'uploads'],
      ['concernLimit', { count: 50, per: 'day' }, 'reports'],
      ['statementLimitAccount', { count: 120, per: 'hour' }, 'statements'],
      ['verifyLimitIp', { count: 600, per: 'hour' }, 'checks of statement codes']
    ] as const
  ).map(([key, most, what]) => rateAtMost(key, most, what)),
  ...(
    [
      ['otpSendsPerHour', 10, 'codes sent to one phone in an hour'],
      ['otpSendsPerDay', 30, 'codes sent to one phone in a day'],
      ['otpMaxFailures', 10, 'wrong codes before a phone is locked'],
      ['sessionIdleMinutes', 1440, 'minutes an unused session stays signed in'],
      ['signInLimitPerMinute', 300, 'sign-in attempts a minute']
    ] as const
  ).map(([key, most, what]) => atMost(key, most, what))
]

const perHour = (r: Rate) => (r.count * RATE_WINDOW_MS.hour) / RATE_WINDOW_MS[r.per]

/** A limit looser than `most` lets one account or address do too much: refused. */
function rateAtMost(key: SettingKey, most: Rate, what: string): Rule {
  return {
    settings: [key],
    check: (c) => {
      const v = c[key] as Rate
      return perHour(v) > perHour(most)
        ? `${SETTINGS[key].env}=${v.count}/${v.per} allows more ${what} than production permits (at most ${most.count}/${most.per})`
        : null
    }
  }
}

function atMost(key: SettingKey, most: number, what: string): Rule {
  return {
    settings: [key],
    check: (c) =>
      (c[key] as number) > most
        ? `${SETTINGS[key].env}=${String(c[key])} is more ${what} than production permits (at most ${most})`
        : null
  }
}
