// SMS port: sending a one-time code to a phone (h5 sign-in). Production sends through a real
// provider (tencent-sms.ts); development writes the code to the log, phone masked. Production
// refuses the log (config/production.ts), and this module refuses it again: a code is never logged there.
import type { Config } from '../config'
import type { Logger } from '../log'
import { maskPhone } from '../mask'
import { tencentSms } from './tencent-sms'

export interface SmsSender {
  readonly provider: 'log' | 'tencent'
  /** Sends `code`, valid for `minutes`; throws ApiFailure('UPSTREAM_UNAVAILABLE') when it could not. */
  sendCode(phone: string, code: string, minutes: number): Promise<void>
}

/** Development: the code goes to the log (the phone masked), where `npm start` shows it. */
function logSms(log: Logger): SmsSender {
  return {
    provider: 'log',
    async sendCode(phone, code) {
      log.info({ phoneMasked: maskPhone(phone), otp: code }, 'dev sms: one-time code')
    }
  }
}

export function makeSmsSender(config: Config, log: Logger): SmsSender {
  if (config.smsProvider === 'tencent') return tencentSms(config, log)
  if (config.mode === 'production' || config.smsProvider !== 'log')
    throw new Error('production sends one-time codes by SMS: set SMS_PROVIDER=tencent')
  return logSms(log)
}
