import { ERROR_CODES, type ErrorCode } from '../../src/contract/errors'

/** Thrown by handlers; the error handler turns it into { code, message, details }. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    message?: string
  ) {
    super(message ?? ERROR_CODES[code].message)
  }

  get status(): number {
    return ERROR_CODES[this.code].status
  }
}
