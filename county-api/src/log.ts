// pino with redaction: ID numbers, phones, names, tokens and Authorization headers
// never reach the log, also when they appear inside messages or error texts.
import pino, { type Logger } from 'pino'

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-notify-signature"]',
  'headers.authorization',
  '*.idNumber',
  '*.payeeIdNumber',
  '*.birthCertificateNumber',
  '*.accountNumber',
  '*.phone',
  '*.name',
  '*.token',
  'idNumber',
  'payeeIdNumber',
  'birthCertificateNumber',
  'accountNumber',
  'phone',
  'name',
  'token',
  'req.body'
]

const ID_RE = /\b\d{17}[\dXx]\b/g
const PHONE_RE = /\b1\d{10}\b/g
const BIRTH_CERT_RE = /\b[A-Z]\d{9}\b/g // 出生医学证明编号
const BEARER_RE = /Bearer\s+[A-Za-z0-9._~+/=-]+/g

/** Scrubs free text (messages, error strings) of ID and birth certificate numbers, phones and bearer tokens. */
export function scrub(text: string): string {
  return text
    .replace(ID_RE, '[ID]')
    .replace(BIRTH_CERT_RE, '[BIRTH-CERT]')
    .replace(PHONE_RE, (p) => `${p.slice(0, 3)}****${p.slice(7)}`)
    .replace(BEARER_RE, 'Bearer [TOKEN]')
}

/** Query parameters whose value is a secret or personal: never logged as sent. */
const SECRET_PARAMS = /([?&](?:access_?token|token|code|otp|secret|key|sign|idNumber|payeeIdNumber|phone)=)[^&#]*/gi

/** A request's address as it may be logged: secret parameters and ID numbers, phones, tokens scrubbed. */
export function scrubUrl(url: string): string {
  return scrub(url.replace(SECRET_PARAMS, '$1[REDACTED]'))
}

interface LoggedRequest {
  method?: string
  url?: string
  id?: string
  ip?: string
  routeOptions?: { url?: string }
}

export function makeLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      // request logs (LOG_REQUESTS=1): the address scrubbed, never headers or body
      serializers: {
        req: (req: LoggedRequest) => ({
          method: req.method,
          url: typeof req.url === 'string' ? scrubUrl(req.url) : undefined,
          route: req.routeOptions?.url,
          reqId: req.id
        })
      },
      hooks: {
        logMethod(args, method) {
          // Scrub every string argument (the message and its format values).
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>)
        }
      },
      formatters: {
        log(obj) {
          const err = obj.err as { message?: string; stack?: string } | undefined
          if (err && typeof err === 'object') {
            obj.err = {
              ...err,
              message: err.message ? scrub(err.message) : err.message,
              stack: err.stack ? scrub(err.stack) : err.stack
            }
          }
          return obj
        }
      }
    },
    destination
  )
}

export type { Logger }
