// What every module of the server is handed: the database, the clock, the configuration, the
// log and the ports to the outside (the calculator, the payment provider, SMS).
import type { Admission } from './admission'
import type { Clock } from './clock'
import type { Config } from './config'
import type { Db } from './db/port'
import type { Logger } from './log'
import type { CalculatorPort } from './ports/calculator'
import type { PaymentProvider } from './ports/payment-provider'
import type { SmsSender } from './ports/sms'

export interface Ctx {
  db: Db
  clock: Clock
  config: Config
  log: Logger
  calc: CalculatorPort
  payments: PaymentProvider
  sms: SmsSender
  /** Encrypts documents at rest (at-rest.ts: DOCUMENT_KEY, or the development key file). */
  documentKey: Buffer
  /** Admits new payment flows per county (ADMISSION_RATE; admission.ts). */
  admission: Admission
  /** Base URL the server listens on (known after listen). */
  url: () => string
}
