// The settings are checked in every mode (a malformed value never becomes a default or turns a
// limit off), and production refuses each setting made for demos or tests, one line per problem.
import { loadConfig } from '.'
import { productionEnv } from '../testing/production-env'
import { makeSmsSender } from '../ports/sms'
import { makeLogger } from '../log'

const problemsOf = (env: Record<string, string | undefined>) => loadConfig(env as NodeJS.ProcessEnv).problems

describe('every mode: a malformed value refuses to start', () => {
  it('no environment at all is a development server with its defaults, and no demo county', () => {
    const { config, problems } = loadConfig({} as NodeJS.ProcessEnv)
    expect(problems).toEqual([])
    expect(config).toMatchObject({ mode: 'development', port: 8787, signInLimitPerMinute: 30, sessionTtlHours: 168 })
    expect(config.seedDemo).toBe(false)
    expect(config.smsProvider).toBe('log')
    // the simulated provider's notify key is no longer a value published in the source
    expect(config.notifyKey).not.toBe('dev-notify-key-change-me')
    expect(loadConfig({} as NodeJS.ProcessEnv).config.notifyKey).not.toBe(config.notifyKey)
  })

  it.each([
    ['SIGNIN_RATE_LIMIT', '30/min', 'a whole number from 1 to 10000000'],
    ['SESSION_TTL_HOURS', '1w', 'a whole number from 1 to 8760'],
    ['SIGNIN_RATE_LIMIT', '0', 'a whole number from 1 to 10000000'],
    ['PORT', '80.5', 'a whole number'],
    ['ORDER_TTL_MINUTES', '1e3', 'a whole number'],
    ['PAYMENT_MODE', 'WeChat', 'one of simulated, wechat'],
    ['TEST_HOOKS', 'yes', '1 (on) or 0 (off)'],
    ['DEV_OTP', '12345', '6 digits'],
    ['COUNTY_API_NOW', 'tomorrow', 'a time with its offset'],
    ['CORS_ORIGINS', 'h5.example.cn', 'web origins'],
    ['WECHAT_APPID', 'wx123', 'wx and 16 hex digits'],
    ['COUNTY_API_MODE', 'prod', 'one of development, production'],
    ['LOOKUP_LIMIT_ACCOUNT', '10', 'a count and a window, e.g. 10/hour'],
    ['LOOKUP_LIMIT_ACCOUNT', '10/week', 'a count and a window'],
    ['ORDER_LIMIT', '0/hour', 'a count and a window'],
    ['TRUST_PROXY', 'true', 'a number of proxy hops (1) or a comma-separated list of proxy addresses'],
    ['TRUST_PROXY', 'proxy.example.cn', 'proxy addresses or ranges'],
    ['SESSION_IDLE_MINUTES', '2h', 'a whole number from 5 to 43200'],
    ['OTP_MAX_FAILURES', '0', 'a whole number from 1 to 100']
  ])('%s=%s is refused in development too', (name, value, expected) => {
    const problems = problemsOf({ [name]: value })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`${name}=${JSON.stringify(value)}`)
    expect(problems[0]).toContain(expected)
  })

  it('a malformed secret is named but its value is never printed', () => {
    const problems = problemsOf({ WECHATPAY_APIV3_KEY: 'short-but-secret' })
    expect(problems).toEqual([
      expect.stringContaining('WECHATPAY_APIV3_KEY (value hidden): expected exactly 32 characters')
    ])
    expect(problems[0]).not.toContain('short-but-secret')
  })

  it('a key file that is missing or not a key is refused when the setting is read', () => {
    const env = productionEnv()
    expect(problemsOf({ WECHATPAY_PRIVATE_KEY_FILE: '/nonexistent/apiclient_key.pem' })).toEqual([
      expect.stringMatching(/^WECHATPAY_PRIVATE_KEY_FILE=.*cannot be read as a PEM private key \(ENOENT\)/)
    ])
    // a public key where the private key belongs
    const pub = env.WECHATPAY_PUBLIC_KEYS.split('=')[1]
    expect(problemsOf({ WECHATPAY_PRIVATE_KEY_FILE: pub })).toEqual([
      expect.stringContaining('cannot be read as a PEM private key')
    ])
    expect(problemsOf({ WECHATPAY_PUBLIC_KEYS: `PUB_KEY_ID_0001=${env.WECHATPAY_PRIVATE_KEY_FILE}x` })).toEqual([
      expect.stringContaining('the file for PUB_KEY_ID_0001 cannot be read')
    ])
  })

  it('reports every problem at once, one line each', () => {
    expect(problemsOf({ SIGNIN_RATE_LIMIT: '30/min', SESSION_TTL_HOURS: '1w', PORT: 'http' })).toHaveLength(3)
  })

  it('NODE_ENV=production without COUNTY_API_MODE does not quietly start in development', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringContaining('NODE_ENV=production but COUNTY_API_MODE is not set')
    ])
    expect(problemsOf({ NODE_ENV: 'production', COUNTY_API_MODE: 'development' })).toEqual([])
  })
})

describe('production refuses every setting made for demos or tests', () => {
  it('a complete production configuration has no problem', () => {
    expect(problemsOf(productionEnv())).toEqual([])
  })

  // [what, the change to a good production configuration, the variable the one line names]
  const refused: [string, Record<string, string | undefined>, RegExp][] = [
    ['demo seeding', { SEED_DEMO: '1' }, /^SEED_DEMO=1 would fill an empty database with the invented demo county/],
    ['a fixed one-time code', { DEV_OTP: '123456' }, /^DEV_OTP makes every one-time code the same/],
    ['test hooks', { TEST_HOOKS: '1' }, /^TEST_HOOKS=1 opens POST \/__test\/clock/],
    ['a pinned clock', { COUNTY_API_NOW: '2026-11-20T10:00:00+08:00' }, /^COUNTY_API_NOW pins the county's clock/],
    [
      'the simulated provider and cashier',
      { PAYMENT_MODE: 'simulated' },
      /^PAYMENT_MODE=simulated takes no real money/
    ],
    ['the default payment mode (simulated)', { PAYMENT_MODE: undefined }, /^PAYMENT_MODE=simulated/],
    ['wildcard CORS', { CORS_ORIGINS: '*' }, /^CORS_ORIGINS=\* lets any web site call the API/],
    ['wildcard CORS among origins', { CORS_ORIGINS: 'https://h5.county.example.cn,*' }, /^CORS_ORIGINS=\*/],
    ['a missing SMS provider', { SMS_PROVIDER: undefined }, /^SMS_PROVIDER is not set/],
    ['the development SMS logger', { SMS_PROVIDER: 'log' }, /^SMS_PROVIDER=log writes one-time codes to the log/],
    ['a missing SMS secret key', { TENCENT_SMS_SECRET_KEY: undefined }, /^TENCENT_SMS_SECRET_KEY is not set/],
    ['a missing SMS template', { TENCENT_SMS_TEMPLATE_ID: undefined }, /^TENCENT_SMS_TEMPLATE_ID is not set/],
    ['a missing merchant key', { WECHATPAY_PRIVATE_KEY_FILE: undefined }, /^WECHATPAY_PRIVATE_KEY_FILE is not set/],
    ['a missing merchant number', { WECHATPAY_MCHID: undefined }, /^WECHATPAY_MCHID is not set/],
    ['a missing merchant serial', { WECHATPAY_MERCHANT_SERIAL: undefined }, /^WECHATPAY_MERCHANT_SERIAL is not set/],
    ['a missing APIv3 key', { WECHATPAY_APIV3_KEY: undefined }, /^WECHATPAY_APIV3_KEY is not set/],
    ['missing WeChat Pay keys', { WECHATPAY_PUBLIC_KEYS: undefined }, /^WECHATPAY_PUBLIC_KEYS is not set/],
    ['no address for notifies', { PUBLIC_URL: undefined }, /^PUBLIC_URL is not set/],
    ['a missing AppID (demo-* sign-in codes)', { WECHAT_APPID: undefined }, /^WECHAT_APPID is not set/],
    ['a missing AppSecret (the token secret)', { WECHAT_SECRET: undefined }, /^WECHAT_SECRET is not set/],
    [
      'a placeholder AppSecret',
      { WECHAT_SECRET: 'change-me-change-me-change-me-00' },
      /^WECHAT_SECRET is a development default or placeholder/
    ],
    [
      'an APIv3 key published in the source',
      { WECHATPAY_APIV3_KEY: 'dev-0123456789abcdef0123456789ab' },
      /^WECHATPAY_APIV3_KEY is a development default or placeholder/
    ],
    [
      'a placeholder SMS secret key',
      { TENCENT_SMS_SECRET_KEY: 'xxxxxxxxxxxxxxxxxxxxxxxx' },
      /^TENCENT_SMS_SECRET_KEY is a development default or placeholder/
    ],
    [
      'WeChat Pay over plain http',
      { WECHATPAY_API_BASE: 'http://api.mch.weixin.qq.com' },
      /^WECHATPAY_API_BASE=.* is not https/
    ],
    ['notifies over plain http', { PUBLIC_URL: 'http://yibao.county.example.cn' }, /^PUBLIC_URL=.* is not https/],
    // abuse resistance (issue 15): the documents' key, proxies, and limits looser than production permits
    ['a missing document key', { DOCUMENT_KEY: undefined }, /^DOCUMENT_KEY is not set: ID-card photos and documents/],
    ['a placeholder document key', { DOCUMENT_KEY: 'a'.repeat(64) }, /^DOCUMENT_KEY is a development default/],
    [
      'no admission limit on the payment flow',
      { ADMISSION_RATE: undefined },
      /^ADMISSION_RATE is not set: a deadline-day rush/
    ],
    ['trusting every proxy', { TRUST_PROXY: '0.0.0.0/0' }, /^TRUST_PROXY=0.0.0.0\/0 trusts \(nearly\) every address/],
    ['unlimited look-ups', { LOOKUP_LIMIT_ACCOUNT: '1000/hour' }, /^LOOKUP_LIMIT_ACCOUNT=1000\/hour allows more/],
    ['binding by brute force', { BIND_LIMIT_ID: '100/minute' }, /^BIND_LIMIT_ID=100\/minute allows more binding/],
    ['orders without end', { ORDER_LIMIT: '5000/day' }, /^ORDER_LIMIT=5000\/day allows more orders/],
    ['guessing invitation codes', { INVITE_ACCEPT_LIMIT_IP: '100/minute' }, /^INVITE_ACCEPT_LIMIT_IP=100\/minute/],
    [
      'a flood of applications',
      { APPLICATION_LIMIT: '300/day' },
      /^APPLICATION_LIMIT=300\/day allows more applications/
    ],
    ['a code flood to one phone', { OTP_SENDS_PER_DAY: '7200' }, /^OTP_SENDS_PER_DAY=7200 is more codes sent/],
    ['guessing codes', { OTP_MAX_FAILURES: '100' }, /^OTP_MAX_FAILURES=100 is more wrong codes/],
    ['sessions that never idle out', { SESSION_IDLE_MINUTES: '43200' }, /^SESSION_IDLE_MINUTES=43200 is more minutes/],
    ['an open sign-in limit', { SIGNIN_RATE_LIMIT: '1000000' }, /^SIGNIN_RATE_LIMIT=1000000 is more sign-in attempts/]
  ]

  it.each(refused)('refuses %s with one plain line', (_what, change, line) => {
    const env: Record<string, string | undefined> = { ...productionEnv(), ...change }
    const problems = problemsOf(env)
    expect(problems).toEqual([expect.stringMatching(line)])
    // and never prints a secret's value
    for (const [k, v] of Object.entries(change))
      if (v && /SECRET|KEY$/.test(k) && k !== 'WECHATPAY_PRIVATE_KEY_FILE') expect(problems[0]).not.toContain(v)
  })

  it('lists every problem of a demo configuration run as production, one line each', () => {
    const problems = problemsOf({
      COUNTY_API_MODE: 'production',
      SEED_DEMO: '1',
      DEV_OTP: '123456',
      TEST_HOOKS: '1',
      CORS_ORIGINS: '*'
    })
    for (const name of [
      'SEED_DEMO',
      'DEV_OTP',
      'TEST_HOOKS',
      'PAYMENT_MODE',
      'CORS_ORIGINS',
      'SMS_PROVIDER',
      'WECHAT_APPID',
      'WECHAT_SECRET'
    ])
      expect(problems.filter((p) => p.startsWith(name))).toHaveLength(1)
    expect(problems.every((p) => !p.includes('\n'))).toBe(true)
  })

  it('a malformed value is one line, not also a production rule about its default', () => {
    expect(problemsOf({ ...productionEnv(), PAYMENT_MODE: 'WeChat' })).toEqual([
      expect.stringContaining('PAYMENT_MODE="WeChat": expected one of simulated, wechat')
    ])
  })

  it('tighter limits and a list of proxies are fine', () => {
    expect(
      problemsOf({
        ...productionEnv(),
        LOOKUP_LIMIT_ACCOUNT: '3/day',
        TRUST_PROXY: '10.0.0.1,10.0.0.0/8',
        OTP_SENDS_PER_DAY: '5',
        DOCUMENT_KEY: 'f'.repeat(32) + '0123456789abcdef0123456789abcdef'
      })
    ).toEqual([])
    expect(loadConfig({ TRUST_PROXY: '1' } as unknown as NodeJS.ProcessEnv).config.trustProxy).toBe(1)
    expect(loadConfig({ ORDER_LIMIT: '3/minute' } as unknown as NodeJS.ProcessEnv).config.orderLimit).toEqual({
      count: 3,
      per: 'minute'
    })
  })

  it('http is allowed to this machine only (a local proxy, the WeChat simulator)', () => {
    expect(problemsOf({ ...productionEnv(), WECHATPAY_API_BASE: 'http://127.0.0.1:9100' })).toEqual([])
  })

  it('the SMS port refuses the development logger in production even when asked directly', () => {
    const { config } = loadConfig({ ...productionEnv(), SMS_PROVIDER: 'log' } as unknown as NodeJS.ProcessEnv)
    expect(() => makeSmsSender(config, makeLogger('silent'))).toThrow(/production sends one-time codes by SMS/)
  })
})
