// Tencent Cloud SMS (SendSms, API 2021-01-11) on node:crypto and fetch: the request is signed
// with TC3-HMAC-SHA256 (https://cloud.tencent.com/document/product/215/36792). The template takes
// {1} the code and {2} the minutes it lasts. The log gets the masked phone and the outcome, never the code.
import crypto from 'node:crypto'
import type { Config } from '../config'
import type { Logger } from '../log'
import { ApiFailure } from '../errors'
import { maskPhone } from '../mask'

const hmac = (key: crypto.BinaryLike, text: string) => crypto.createHmac('sha256', key).update(text).digest()
const sha256hex = (text: string) => crypto.createHash('sha256').update(text).digest('hex')

/** The Authorization header of a TC3-HMAC-SHA256 signed POST with a JSON body (content-type and host signed). */
export function tc3Authorization(p: {
  secretId: string
  secretKey: string
  service: string
  host: string
  timestamp: number
  payload: string
}): string {
  const date = new Date(p.timestamp * 1000).toISOString().slice(0, 10)
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:application/json; charset=utf-8\nhost:${p.host}\n`,
    'content-type;host',
    sha256hex(p.payload)
  ].join('\n')
  const scope = `${date}/${p.service}/tc3_request`
  const toSign = ['TC3-HMAC-SHA256', String(p.timestamp), scope, sha256hex(canonical)].join('\n')
  const key = hmac(hmac(hmac(`TC3${p.secretKey}`, date), p.service), 'tc3_request')
  const signature = crypto.createHmac('sha256', key).update(toSign).digest('hex')
  return `TC3-HMAC-SHA256 Credential=${p.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`
}

interface SendSmsAnswer {
  Response?: {
    Error?: { Code: string; Message: string }
    SendStatusSet?: { Code: string; Message: string }[]
  }
}

/** The SMS port's real provider (ports/sms.ts; structurally its SmsSender, without importing it: no cycle). */
export function tencentSms(
  config: Config,
  log: Logger
): { provider: 'tencent'; sendCode(phone: string, code: string, minutes: number): Promise<void> } {
  const need = <T>(v: T | null, name: string): T => {
    if (v === null) throw new Error(`SMS_PROVIDER=tencent needs ${name}`)
    return v
  }
  const secretId = need(config.tencentSmsSecretId, 'TENCENT_SMS_SECRET_ID')
  const secretKey = need(config.tencentSmsSecretKey, 'TENCENT_SMS_SECRET_KEY')
  const appId = need(config.tencentSmsAppId, 'TENCENT_SMS_SDK_APPID')
  const signName = need(config.tencentSmsSignName, 'TENCENT_SMS_SIGN_NAME')
  const templateId = need(config.tencentSmsTemplateId, 'TENCENT_SMS_TEMPLATE_ID')
  const endpoint = config.tencentSmsEndpoint
  const host = new URL(endpoint).host
  return {
    provider: 'tencent' as const,
    async sendCode(phone, code, minutes) {
      const payload = JSON.stringify({
        PhoneNumberSet: [`+86${phone}`],
        SmsSdkAppId: appId,
        SignName: signName,
        TemplateId: templateId,
        TemplateParamSet: [code, String(minutes)]
      })
      const timestamp = Math.floor(Date.now() / 1000)
      let answer: SendSmsAnswer
      try {
        const res = await fetch(`${endpoint}/`, {
          method: 'POST',
          headers: {
            Authorization: tc3Authorization({ secretId, secretKey, service: 'sms', host, timestamp, payload }),
            'Content-Type': 'application/json; charset=utf-8',
            'X-TC-Action': 'SendSms',
            'X-TC-Version': '2021-01-11',
            'X-TC-Timestamp': String(timestamp),
            'X-TC-Region': config.tencentSmsRegion
          },
          body: payload,
          signal: AbortSignal.timeout(5000)
        })
        answer = (await res.json()) as SendSmsAnswer
      } catch (e) {
        log.warn({ phoneMasked: maskPhone(phone), err: { message: String((e as Error).message) } }, 'sms: no answer')
        throw new ApiFailure('UPSTREAM_UNAVAILABLE', undefined, '短信暂时发不出去，请稍后再试')
      }
      const status = answer.Response?.SendStatusSet?.[0]
      if (answer.Response?.Error || status?.Code !== 'Ok') {
        const why = answer.Response?.Error ?? status ?? { Code: 'NoStatus', Message: '' }
        log.warn({ phoneMasked: maskPhone(phone), smsError: why.Code, smsMessage: why.Message }, 'sms: not sent')
        // the provider's daily and per-number limits; a number it cannot send to
        if (why.Code.startsWith('LimitExceeded')) throw new ApiFailure('RATE_LIMITED', { retryAfterSeconds: 3600 })
        if (/PhoneNumber|MobileNumber/i.test(why.Code))
          throw new ApiFailure('BAD_REQUEST', { field: 'phone' }, '这个手机号收不到短信，请换一个号码')
        throw new ApiFailure('UPSTREAM_UNAVAILABLE', undefined, '短信暂时发不出去，请稍后再试')
      }
      log.info({ phoneMasked: maskPhone(phone) }, 'sms: one-time code sent')
    }
  }
}
