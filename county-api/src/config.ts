// Configuration from the environment, with development defaults.
type PaymentMode = 'simulated' | 'wechat'

export interface Config {
  port: number
  host: string
  dbPath: string
  uploadDir: string
  corsOrigins: string[] | true
  paymentMode: PaymentMode
  notifyKey: string
  /** Simulated provider: wait this long before sending the notify (ms); -1 = never by itself (tests). */
  simNotifyDelayMs: number
  sessionTtlHours: number
  orderTtlMinutes: number
  devOtp: string | null
  signInLimitPerMinute: number
  familyInviter: 'head' | 'adult'
  testHooks: boolean
  now: number | undefined
  wechatAppId: string | null
  wechatSecret: string | null
  regionCode: string
  publicUrl: string | null
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const num = (v: string | undefined, d: number) => (v === undefined || v === '' ? d : Number(v))
  const origins = env.CORS_ORIGINS ?? ''
  const dbPath = env.COUNTY_API_DB ?? 'county-api/data/county.sqlite'
  return {
    port: num(env.PORT, 8787),
    host: env.HOST ?? '127.0.0.1',
    dbPath,
    uploadDir: env.UPLOAD_DIR ?? `${dbPath}.uploads`,
    // Empty = allow any origin (development); otherwise a comma-separated list.
    corsOrigins: origins === '' || origins === '*' ? true : origins.split(',').map((s) => s.trim()),
    paymentMode: env.PAYMENT_MODE === 'wechat' ? 'wechat' : 'simulated',
    notifyKey: env.PAYMENT_NOTIFY_KEY ?? 'dev-notify-key-change-me',
    simNotifyDelayMs: num(env.SIM_NOTIFY_DELAY_MS, 0),
    sessionTtlHours: num(env.SESSION_TTL_HOURS, 24 * 7),
    orderTtlMinutes: num(env.ORDER_TTL_MINUTES, 30),
    devOtp: env.DEV_OTP && /^\d{6}$/.test(env.DEV_OTP) ? env.DEV_OTP : null,
    signInLimitPerMinute: num(env.SIGNIN_RATE_LIMIT, 30),
    familyInviter: env.FAMILY_INVITER === 'adult' ? 'adult' : 'head',
    testHooks: env.TEST_HOOKS === '1',
    now: env.COUNTY_API_NOW ? Date.parse(env.COUNTY_API_NOW) : undefined,
    wechatAppId: env.WECHAT_APPID ?? null,
    wechatSecret: env.WECHAT_SECRET ?? null,
    regionCode: env.REGION_CODE ?? '990101',
    publicUrl: env.PUBLIC_URL ?? null
  }
}
